// tests/fuzz/regressions.test.ts — one test per fault the command fuzzer found, each run on a
// fresh host exactly as typed. Expected texts come from the real tools (named in each test).
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/docker/world';
import { checkInvariants } from '../../src/kernel';
import { runHostLine, type HostSession } from '../../src/shell/hostSession';

function run(lines: string[], profile: 'classic' | 'current' = 'classic') {
  let s: HostSession = { world: createWorld({ profile }), history: [] };
  let last = runHostLine(s, 'true');
  for (const line of lines) {
    last = runHostLine(s, line);
    s = last.session;
  }
  const text = (fd: 1 | 2) =>
    last.entry.output
      .filter((c) => c.fd === fd)
      .map((c) => c.text)
      .join('');
  return { status: last.entry.status, stdout: text(1), stderr: text(2), world: s.world };
}

describe('faults found by the command fuzzer', () => {
  it('nc refuses port 0 and ports above 65535 before connecting, naming the bad end', () => {
    // netcat-openbsd 1.219 (Debian 12), in an empty network namespace: `nc 8.8.8.8 0`,
    // `nc 127.0.0.1 99999-1`, `nc 8.8.8.8 x`.
    expect(run(['nc 8.8.8.8 0'])).toMatchObject({ status: 1, stdout: '', stderr: 'nc: port number too small: 0\n' });
    expect(run(['nc 127.0.0.1 99999-1'])).toMatchObject({ status: 1, stderr: 'nc: port number too large: 99999\n' });
    expect(run(['nc 8.8.8.8 x'])).toMatchObject({ status: 1, stderr: 'nc: port number invalid: x\n' });
  });

  it('ip addr refuses ::1 on a device that is not a loopback', () => {
    // Linux 6.18, iproute2, in a fresh namespace: `ip addr add ::1 dev vA` on a veth → this extack, status 2.
    const r = run(['ip link add vA type veth peer name vB', 'ip addr add ::1 dev vA']);
    expect(r).toMatchObject({
      status: 2,
      stdout: '',
      stderr: 'Error: ipv6: Cannot assign loopback address on this device.\n',
    });
    expect(checkInvariants(r.world.kernel)).toEqual([]);
    expect(Object.values(r.world.kernel.links).find((l) => l.name === 'vA')!.addrs).toEqual([]);
  });

  it('keeps an IPv6 address added to a down link, and the invariants accept it', () => {
    // Linux 6.18: the address stays while the link is down (shown "tentative"), and goes when a link
    // that was up goes down.
    const r = run(['ip link add vA type veth peer name vB', 'ip addr add 2001:db8::1/64 dev vA']);
    expect(r.status).toBe(0);
    expect(checkInvariants(r.world.kernel)).toEqual([]);
    const shown = run([
      'ip link add vA type veth peer name vB',
      'ip addr add 2001:db8::1/64 dev vA',
      'ip -6 -o addr show dev vA',
    ]);
    expect(shown.stdout).toContain('inet6 2001:db8::1/64 scope global tentative');
  });
});
