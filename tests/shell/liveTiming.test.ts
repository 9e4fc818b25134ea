// When a line's output is written, and Ctrl+C at a given moment (ctx.interruptAt): ping stamps
// each reply with the second it arrives and, interrupted, prints ^C and the statistics of the
// echoes sent so far (iputils' layout, as in ping.test.ts). The interpreter offsets later
// commands by the time earlier ones took, and Ctrl+C reaches only the command running then.
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/docker/world';
import { runHostLine, interruptOf, interruptedLine, type HostSession } from '../../src/shell/hostSession';

function session(): HostSession {
  const s: HostSession = { world: createWorld({ seed: 3 }), history: [] };
  return runHostLine(s, 'docker run -d --name c1 hwchiu/netutils').session;
}

function run(line: string, interruptAt?: number) {
  return runHostLine(session(), line, interruptAt === undefined ? {} : { interruptAt }).entry;
}

const text = (e: ReturnType<typeof run>) => e.output.map((c) => c.text).join('');

describe('timed output', () => {
  it('stamps each ping reply with the second it was written', () => {
    const e = run('ping -c 3 172.17.0.2');
    expect(e.output.map((c) => c.at ?? 0)).toEqual([0, 0, 1000, 2000, 2000]);
    expect(e.output[0].text).toBe('PING 172.17.0.2 (172.17.0.2) 56(84) bytes of data.\n');
    expect(e.output[1].text).toMatch(/^64 bytes from 172\.17\.0\.2: icmp_seq=1 ttl=64 time=[\d.]+ ms\n$/);
    expect(e.output[4].text).toMatch(/^\n--- 172\.17\.0\.2 ping statistics ---\n3 packets transmitted, 3 received/);
    expect(e.interrupted).toBeUndefined();
  });

  it('stops at Ctrl+C with the echoes sent before it', () => {
    const e = run('ping -c 10 172.17.0.2', 2500);
    expect(e.interrupted).toBe(true);
    expect(text(e)).toMatch(
      /\n\^C\n--- 172\.17\.0\.2 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss/,
    );
    expect(e.output.at(-1)!.at).toBe(2500);
    // A ping that ends before Ctrl+C comes is not interrupted.
    const done = run('ping -c 2 172.17.0.2', 5000);
    expect(done.interrupted).toBeUndefined();
    expect(text(done)).not.toContain('^C');
  });

  it('pings without -c until Ctrl+C, one echo a second', () => {
    expect(text(run('ping 172.17.0.2', 6000))).toContain('7 packets transmitted, 7 received');
    expect(text(run('ping -i 0.5 172.17.0.2', 2000))).toContain('5 packets transmitted, 5 received');
    // Nobody presses Ctrl+C: the headless default of 4.
    expect(text(run('ping 172.17.0.2'))).toContain('^C\n--- 172.17.0.2 ping statistics ---\n4 packets transmitted');
  });

  it('offsets later commands, and gives Ctrl+C to the command running when it comes', () => {
    const e = run('ping -c 2 172.17.0.2; echo after');
    expect(e.output.at(-1)).toEqual({ fd: 1, text: 'after\n', at: 1000 });
    const two = text(run('ping -c 5 172.17.0.2; ping -c 2 172.17.0.2', 1500));
    expect(two.match(/packets transmitted/g)).toHaveLength(2);
    expect(two).toMatch(
      /\^C\n--- 172\.17\.0\.2 ping statistics ---\n2 packets transmitted[\s\S]*\n\n--- 172\.17\.0\.2 ping statistics ---\n2 packets transmitted/,
    );
  });

  it('passes the timing of a program run by docker exec through', () => {
    const e = run('docker exec c1 ping -c 2 172.17.0.1');
    expect(e.output.map((c) => c.at ?? 0)).toEqual([0, 0, 1000, 1000]);
    const busybox = runHostLine(
      runHostLine(session(), 'docker run -dit --name b1 busybox').session,
      'docker exec b1 ping 172.17.0.1',
      { interruptAt: 1200 },
    ).entry;
    expect(text(busybox)).toMatch(
      /\^C\n--- 172\.17\.0\.1 ping statistics ---\n2 packets transmitted, 2 packets received/,
    );
  });

  it('records an interrupted line as a bash comment that replays the same way', () => {
    const line = interruptedLine('ping 172.17.0.2', 3000.4);
    expect(line).toBe('ping 172.17.0.2 # ^C after 3000 ms');
    expect(interruptOf(line)).toBe(3000);
    expect(interruptOf('ping 172.17.0.2')).toBeUndefined();
    expect(interruptedLine(line, 1000)).toBe('ping 172.17.0.2 # ^C after 1000 ms');
    const replayed = runHostLine(session(), line);
    const live = runHostLine(session(), 'ping 172.17.0.2', { interruptAt: 3000 });
    expect(replayed.session.world).toEqual(live.session.world);
    expect(text(replayed.entry)).toBe(text(live.entry));
  });
});

describe('tcpdump in the live terminal', () => {
  it('prints its banner at once and its counts when Ctrl+C comes', () => {
    const e = run('tcpdump -i docker0 -n', 4000);
    expect(e.interrupted).toBe(true);
    expect(e.output).toEqual([
      {
        fd: 2,
        text:
          'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
          'listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
      },
      {
        fd: 2,
        text: '^C\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n',
        at: 4000,
      },
    ]);
  });
});
