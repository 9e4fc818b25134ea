// The article's reachability use cases as golden transcripts, typed on the host terminal:
// `none` reaches nothing, bridge containers reach each other and (through NAT) the outside.
// Expected texts follow iputils 20221126 ping's layout as recorded from the real tool in
// tests/shell/ping.test.ts; ttl values are derived in the comments; rtt values are placeholders.
import { describe, expect, it } from 'vitest';
import { more, play, shown } from './session';

describe('use case: a none container cannot reach anything', () => {
  const p = play([
    'docker run -d --network=none --name none hwchiu/netutils',
    'docker exec none ping -c1 8.8.8.8',
    'docker exec none ping -c1 172.17.0.1',
    'docker exec none ip route',
    'docker exec none ping -c1 127.0.0.1',
  ]);
  const [, outside, gateway, routes, loopback] = p.entries;

  it('fails at connect() for any address beyond lo: there is no route at all', () => {
    // iputils: connect() on the ping socket fails with ENETUNREACH; ping exits 2 before "PING …".
    expect(shown(outside!)).toBe('ping: connect: Network is unreachable\n');
    expect(outside!.status).toBe(2);
    expect(shown(gateway!)).toBe('ping: connect: Network is unreachable\n');
    expect(gateway!.status).toBe(2);
    // lo's 127.0.0.0/8 lives in the local table; the main table that `ip route` lists is empty.
    expect(shown(routes!)).toBe('');
  });

  it('still answers on its own loopback', () => {
    // A local address goes through lo: no router on the way, so the reply keeps ttl 64.
    expect(shown(loopback!)).toBe(
      'PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n' +
        '64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=<rtt> ms\n\n' +
        '--- 127.0.0.1 ping statistics ---\n' +
        '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n' +
        'rtt min/avg/max/mdev = <rtt> ms\n',
    );
    expect(loopback!.status).toBe(0);
  });
});

describe('use case: two bridge containers reach each other and the outside world', () => {
  const p = play([
    'docker run -d --name c1 hwchiu/netutils',
    'docker run -d --name c2 hwchiu/netutils',
    // docker0 holds .1, so c1 is 172.17.0.2 and c2 is 172.17.0.3.
    'docker exec c1 ping -c1 172.17.0.3',
    'docker exec c1 ping -c1 8.8.8.8',
    'ping -c1 172.17.0.3',
  ]);
  const [, , peer, outside, fromHost] = p.entries;

  it('pings the other container with ttl 64: the bridge switches frames, nobody routes', () => {
    expect(shown(peer!)).toBe(
      'PING 172.17.0.3 (172.17.0.3) 56(84) bytes of data.\n' +
        '64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time=<rtt> ms\n\n' +
        '--- 172.17.0.3 ping statistics ---\n' +
        '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n' +
        'rtt min/avg/max/mdev = <rtt> ms\n',
    );
    const kinds = peer!.world.lastPackets.flatMap((x) => x.trace.map((h) => h.kind));
    expect(kinds).toContain('bridge');
    expect(kinds).not.toContain('forward');
    expect(kinds).not.toContain('nat');
  });

  it('pings 8.8.8.8 with one ttl less than the host sees: the host forwards the reply once', () => {
    // The simulated 8.8.8.8's replies reach the host with ttl 117 (as from the article's EC2
    // host); the host routes them into docker0, one hop: 116.
    expect(shown(outside!)).toBe(
      'PING 8.8.8.8 (8.8.8.8) 56(84) bytes of data.\n' +
        '64 bytes from 8.8.8.8: icmp_seq=1 ttl=116 time=<rtt> ms\n\n' +
        '--- 8.8.8.8 ping statistics ---\n' +
        '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n' +
        'rtt min/avg/max/mdev = <rtt> ms\n',
    );
    const host = more(play([]), ['ping -c1 8.8.8.8']).entries[0]!;
    expect(shown(host)).toContain('64 bytes from 8.8.8.8: icmp_seq=1 ttl=117 time=<rtt> ms\n');
  });

  it('shows MASQUERADE on the request and its reversal on the reply', () => {
    const [req, rep] = outside!.world.lastPackets;
    expect(req!.label).toBe('ICMP echo request 172.17.0.2 > 8.8.8.8, seq 1');
    // ens5 holds 172.31.23.142 (the article's host); docker's rule: -s 172.17.0.0/16 ! -o docker0.
    expect(req!.trace.filter((h) => h.kind === 'nat').map((h) => h.text)).toEqual([
      'MASQUERADE: source 172.17.0.2 becomes 172.31.23.142',
    ]);
    expect(req!.trace.find((h) => h.kind === 'forward')?.text).toBe('forwarded (ttl 63)');
    expect(rep!.outcome).toBe('delivered');
    expect(rep!.trace.filter((h) => h.kind === 'nat').map((h) => h.text)).toEqual([
      'conntrack reverses MASQUERADE: destination 172.31.23.142 becomes 172.17.0.2',
    ]);
    expect(rep!.trace.find((h) => h.kind === 'forward')?.text).toBe('forwarded (ttl 116)');
    expect(rep!.trace.at(-1)).toMatchObject({ kind: 'deliver' });
  });

  it('is reachable from the host through docker0', () => {
    expect(shown(fromHost!)).toContain('64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time=<rtt> ms\n');
    expect(fromHost!.status).toBe(0);
  });
});
