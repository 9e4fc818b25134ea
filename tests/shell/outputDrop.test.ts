// A rule in the sender's OUTPUT chain that drops everything (`iptables -A OUTPUT -j DROP`).
// Expected text from the real tools on Debian 12 in a throwaway namespace with that rule:
// iputils 20221126's ping gets EPERM from sendto() on every echo (strace shows it) yet prints no
// per-echo line: only the header and "N packets transmitted, 0 received, 100% packet loss",
// then an empty rtt line, exit status 1 (`ping -c 1 127.0.0.1` → "time 0ms").
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/docker/world';
import { runHostLine, type HostSession } from '../../src/shell/hostSession';

function run(...lines: string[]) {
  let s: HostSession = { world: createWorld({ seed: 5 }), history: [] };
  let last = runHostLine(s, 'true').entry;
  for (const l of lines) {
    const r = runHostLine(s, l);
    s = r.session;
    last = r.entry;
  }
  return { out: last.output.map((c) => c.text).join(''), status: last.status, world: s.world };
}

describe('OUTPUT -j DROP on the sender', () => {
  it('ping: silent loss, as iputils prints it', () => {
    const r = run('docker run -d --name c1 hwchiu/netutils', 'iptables -A OUTPUT -j DROP', 'ping -c 1 172.17.0.2');
    expect(r.out).toBe(
      'PING 172.17.0.2 (172.17.0.2) 56(84) bytes of data.\n' +
        '\n--- 172.17.0.2 ping statistics ---\n' +
        '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n',
    );
    expect(r.status).toBe(1);
    // The walk says where: the sender's OUTPUT chain.
    const drop = r.world.lastPackets[0]!.trace.at(-1)!;
    expect(drop.kind).toBe('drop');
    expect(drop.text).toContain('-A OUTPUT -j DROP');
  });
});

describe('a SYN that is never answered', () => {
  // curl 7.88.1, Debian 12 userland, measured twice: SYNs dropped by the sender's OUTPUT chain
  // ("curl: (28) Failed to connect to 127.0.0.1 port 80 after 134946 ms: Couldn't connect to
  // server", exit 28) and by the server's INPUT chain (same words, "after 135228 ms", exit 28).
  // The time is the kernel's SYN retries; the model keeps tcp_syn_retries=6's 127 s.
  it('curl: exit 28 after the SYN retries, with the sender dropping its own SYN', () => {
    const r = run('docker run -d --name web nginx', 'iptables -A OUTPUT -j DROP', 'curl 172.17.0.2');
    expect(r.out).toBe(
      "curl: (28) Failed to connect to 172.17.0.2 port 80 after 127000 ms: Couldn't connect to server\n",
    );
    expect(r.status).toBe(28);
  });
  it('curl -s prints nothing and still exits 28', () => {
    const r = run('docker run -d --name web nginx', 'iptables -A OUTPUT -j DROP', 'curl -s 172.17.0.2');
    expect(r).toMatchObject({ out: '', status: 28 });
  });
});
