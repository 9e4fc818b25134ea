// ping's output, against iputils 20221126 and BusyBox 1.35 as they print on Debian 12 (the
// layouts below were read off the real tools in throwaway namespaces). Times come from the
// simulated walk, so they are matched by shape, not value.
import { describe, expect, it } from 'vitest';
import { commitOps, createWorld, type World } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel';
import { runLine } from '../../src/shell';
import { formatRtt } from '../../src/shell/tools/ping';
import type { Toolset } from '../../src/shell/types';

function world(): World {
  const H = INIT_NET;
  const r = commitOps(createWorld({ seed: 4 }), [
    { op: 'addNetns', netns: 'netns:1' },
    { op: 'setLink', netns: 'netns:1', name: 'lo', up: true },
    { op: 'addVethPair', netns: H, name: 'veth1', peer: 'tmp' },
    { op: 'setLink', netns: H, name: 'tmp', toNetns: 'netns:1', rename: 'eth0' },
    { op: 'addAddr', netns: 'netns:1', dev: 'eth0', family: 4, local: '172.17.0.2', prefixlen: 16 },
    { op: 'setLink', netns: 'netns:1', name: 'eth0', up: true },
    { op: 'addRoute', netns: 'netns:1', dst: 'default', gateway: '172.17.0.1' },
    { op: 'setLink', netns: H, name: 'veth1', master: 'docker0', up: true },
    { op: 'addNetns', netns: 'netns:2' },
    { op: 'setLink', netns: 'netns:2', name: 'lo', up: true },
  ]);
  if (!r.ok) throw new Error('setup');
  return r.world;
}

function ping(line: string, netns = 'netns:1', toolset: Toolset = 'netutils') {
  const r = runLine(world(), line, { netns, toolset, hostname: 'c', env: {}, history: [] });
  return {
    out: r.output
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join(''),
    err: r.output
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join(''),
    status: r.status,
  };
}

const T = String.raw`\d+\.\d+`;

describe('iputils ping', () => {
  it('prints replies and statistics for a reachable address', () => {
    const r = ping('ping -c 2 172.17.0.1');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        `^PING 172\\.17\\.0\\.1 \\(172\\.17\\.0\\.1\\) 56\\(84\\) bytes of data\\.\n` +
          `64 bytes from 172\\.17\\.0\\.1: icmp_seq=1 ttl=64 time=${T} ms\n` +
          `64 bytes from 172\\.17\\.0\\.1: icmp_seq=2 ttl=64 time=${T} ms\n\n` +
          `--- 172\\.17\\.0\\.1 ping statistics ---\n` +
          `2 packets transmitted, 2 received, 0% packet loss, time \\d+ms\n` +
          `rtt min/avg/max/mdev = ${T}/${T}/${T}/${T} ms\n$`,
      ),
    );
  });
  it('reports Destination Host Unreachable from its own address when ARP fails', () => {
    const r = ping('ping -c 3 172.17.0.9');
    expect(r.status).toBe(1);
    expect(r.out).toContain('From 172.17.0.2 icmp_seq=3 Destination Host Unreachable\n');
    expect(r.out).toMatch(/\n3 packets transmitted, 0 received, \+3 errors, 100% packet loss, time \d+ms\npipe 3\n$/);
  });
  it('cannot even send from a namespace without a route (none mode)', () => {
    expect(ping('ping -c 1 8.8.8.8', 'netns:2')).toEqual({
      out: '',
      err: 'ping: connect: Network is unreachable\n',
      status: 2,
    });
  });
  it('stops after four echoes without -c, as if Ctrl+C were pressed', () => {
    const r = ping('ping 172.17.0.1');
    expect(r.out).toContain('icmp_seq=4 ');
    expect(r.out).toMatch(/ms\n\^C\n--- 172\.17\.0\.1 ping statistics ---\n4 packets transmitted, 4 received/);
  });
  it('names unknown hosts as the resolver does', () => {
    expect(ping('ping -c 1 nosuch.example')).toEqual({
      out: '',
      err: 'ping: nosuch.example: Name or service not known\n',
      status: 2,
    });
  });
  it('reaches the outside world through NAT with the remote TTL', () => {
    expect(ping('ping -c 1 8.8.8.8', INIT_NET, 'host').out).toMatch(
      /64 bytes from 8\.8\.8\.8: icmp_seq=1 ttl=117 time=/,
    );
  });
  it('rounds times as iputils does', () => {
    expect([formatRtt(67), formatRtt(1523), formatRtt(11249), formatRtt(123456)]).toEqual([
      '0.067',
      '1.52',
      '11.2',
      '123',
    ]);
  });
});

describe('BusyBox ping', () => {
  it('prints its own layout', () => {
    const r = ping('ping -c 1 172.17.0.1', 'netns:1', 'busybox');
    expect(r.out).toMatch(
      new RegExp(
        `^PING 172\\.17\\.0\\.1 \\(172\\.17\\.0\\.1\\): 56 data bytes\n64 bytes from 172\\.17\\.0\\.1: seq=0 ttl=64 time=${T} ms\n\n--- 172\\.17\\.0\\.1 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min/avg/max = ${T}/${T}/${T} ms\n$`,
      ),
    );
  });
});

describe('what ping leaves for the app', () => {
  it('records each echo request and reply with its trace, in order', () => {
    const r = runLine(world(), 'ping -c 2 172.17.0.1', {
      netns: 'netns:1',
      toolset: 'netutils',
      hostname: 'c',
      env: {},
      history: [],
    });
    expect(r.world.lastPackets.map((p) => [p.label, p.outcome])).toEqual([
      ['ICMP echo request 172.17.0.2 > 172.17.0.1, seq 1', 'delivered'],
      ['ICMP echo reply 172.17.0.1 > 172.17.0.2, seq 1', 'delivered'],
      ['ICMP echo request 172.17.0.2 > 172.17.0.1, seq 2', 'delivered'],
      ['ICMP echo reply 172.17.0.1 > 172.17.0.2, seq 2', 'delivered'],
    ]);
    expect(r.world.lastPackets[0].trace[0]).toMatchObject({ netns: 'netns:1', kind: 'route' });
  });
});
