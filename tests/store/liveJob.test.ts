// The terminal's foreground job: a ping typed in the browser prints one reply per simulated
// second until Ctrl+C, then ^C and iputils' statistics; the line is recorded with when Ctrl+C came,
// so undo/redo and a replay of the recorded lines give exactly the same world.
// Expected text: iputils 20221126's layout (the statistics after ^C as it prints on Debian 12,
// see ping.test.ts); times are matched by shape.
import { describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store';
import { labOf } from '../../src/store/persist';

const RUN = 'docker run -d --name c1 hwchiu/netutils';

function text(s: AppStore, from = 0): string {
  return s
    .getState()
    .transcript.slice(from)
    .flatMap((t) => t.output.map((c) => c.text))
    .join('');
}

describe('live ping in the store', () => {
  it('shows one reply per second, and nothing changes until Ctrl+C', () => {
    const s = createAppStore({ lines: [RUN] });
    const before = s.getState().world;
    const mark = s.getState().transcript.length;
    s.getState().run('ping 172.17.0.2', { live: true });
    expect(s.getState().job).not.toBeNull();
    expect(text(s, mark)).toMatch(
      /^PING 172\.17\.0\.2 \(172\.17\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 172\.17\.0\.2: icmp_seq=1 ttl=64 time=[\d.]+ ms\n$/,
    );
    for (let i = 0; i < 4; i++) s.getState().jobAdvance(1000);
    const shown = text(s, mark);
    expect(shown).toContain('icmp_seq=5 ');
    expect(shown).not.toContain('icmp_seq=6 ');
    expect(shown).not.toContain('statistics');
    // The world is the result of finished commands only.
    expect(s.getState().world).toBe(before);
    expect(s.getState().entries).toHaveLength(1);

    s.getState().jobInterrupt();
    expect(s.getState().job).toBeNull();
    const all = text(s, mark);
    expect(all).toMatch(
      /\n\^C\n--- 172\.17\.0\.2 ping statistics ---\n5 packets transmitted, 5 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\n$/,
    );
    // Five reply lines, each once: what was shown live plus the rest is the whole output.
    expect(all.match(/icmp_seq=/g)).toHaveLength(5);
    const entry = s.getState().entries.at(-1)!;
    expect(entry.line).toBe('ping 172.17.0.2 # ^C after 4000 ms');
    expect(entry.output.map((c) => c.text).join('')).toBe(all);
    // bash's history keeps the line as typed.
    expect(s.getState().lines.at(-1)).toBe('ping 172.17.0.2');
  });

  it('replays, undoes and redoes to the same world', () => {
    const s = createAppStore({ lines: [RUN] });
    s.getState().run('ping 172.17.0.2', { live: true });
    s.getState().jobAdvance(2500);
    s.getState().jobInterrupt();
    const after = s.getState().world;
    expect(s.getState().entries.at(-1)!.line).toBe('ping 172.17.0.2 # ^C after 2500 ms');

    const replay = createAppStore({ lines: labOf(s.getState()).lines });
    expect(replay.getState().world).toEqual(after);
    expect(text(replay)).toContain('3 packets transmitted, 3 received');

    // The same line run headless stops after 4 echoes: a different world (counters, clock).
    const headless = createAppStore({ lines: [RUN, 'ping 172.17.0.2'] });
    expect(headless.getState().world).not.toEqual(after);

    s.getState().undo();
    expect(s.getState().world).toBe(s.getState().entries[0].world);
    s.getState().redo();
    expect(s.getState().world).toBe(after);
  });

  it('paces ping -c 3 and commits it as typed when it ends on its own', () => {
    const s = createAppStore({ lines: [RUN] });
    const mark = s.getState().transcript.length;
    s.getState().run('ping -c 3 172.17.0.2', { live: true });
    s.getState().jobAdvance(1000);
    expect(text(s, mark).match(/icmp_seq=/g)).toHaveLength(2);
    expect(s.getState().job).not.toBeNull();
    s.getState().jobAdvance(1000);
    expect(s.getState().job).toBeNull();
    expect(s.getState().entries.at(-1)!.line).toBe('ping -c 3 172.17.0.2');
    const headless = createAppStore({ lines: [RUN, 'ping -c 3 172.17.0.2'] });
    expect(text(s, mark)).toBe(text(headless, 1));
    expect(s.getState().world).toEqual(headless.getState().world);
  });

  it('Ctrl+C stops ping -c 10 early with the right count', () => {
    const s = createAppStore({ lines: [RUN] });
    s.getState().run('ping -c 10 172.17.0.2', { live: true });
    s.getState().jobAdvance(3200);
    s.getState().jobInterrupt();
    expect(text(s)).toContain('^C\n--- 172.17.0.2 ping statistics ---\n4 packets transmitted, 4 received');
    expect(s.getState().entries.at(-1)!.line).toBe('ping -c 10 172.17.0.2 # ^C after 3200 ms');
  });

  it('keeps going past the first horizon without repeating a line', () => {
    const s = createAppStore({ lines: [RUN] });
    s.getState().run('ping 172.17.0.2', { live: true });
    for (let i = 0; i < 40; i++) s.getState().jobAdvance(1000);
    s.getState().jobInterrupt();
    const out = text(s);
    expect(out.match(/icmp_seq=/g)).toHaveLength(41);
    expect(out).toContain('icmp_seq=41 ');
    expect(out).toContain('41 packets transmitted, 41 received');
  });

  it('runs lines that take no time at once, and a button interrupts a running job', () => {
    const s = createAppStore({ lines: [RUN] });
    s.getState().run('ip link show lo', { live: true });
    expect(s.getState().job).toBeNull();
    s.getState().run('ping 172.17.0.2', { live: true });
    s.getState().jobAdvance(1000);
    s.getState().run('docker ps', { echo: true });
    expect(s.getState().job).toBeNull();
    expect(s.getState().entries.map((e) => e.line)).toContain('ping 172.17.0.2 # ^C after 1000 ms');
  });

  it('keeps tcpdump listening until Ctrl+C, with no history entry (it changes nothing)', () => {
    const s = createAppStore({ lines: [RUN] });
    const mark = s.getState().transcript.length;
    s.getState().run('tcpdump -i docker0 -n', { live: true });
    s.getState().jobAdvance(45_000);
    expect(s.getState().job).not.toBeNull();
    expect(text(s, mark)).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
        'listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
    );
    s.getState().jobInterrupt();
    expect(text(s, mark)).toMatch(
      /\n\^C\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n$/,
    );
    expect(s.getState().entries).toHaveLength(1);
  });

  it('the headless store still stops a ping without -c after 4 echoes', () => {
    const s = createAppStore({ lines: [RUN, 'ping 172.17.0.2'] });
    expect(text(s)).toContain('^C\n--- 172.17.0.2 ping statistics ---\n4 packets transmitted, 4 received');
    expect(s.getState().entries.at(-1)!.line).toBe('ping 172.17.0.2');
  });
});
