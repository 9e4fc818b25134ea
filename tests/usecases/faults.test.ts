// The faults a person can inject, each as the command they type, and the next ping: it fails
// where the real kernel makes it fail. Each case starts from two bridge containers, c1
// (172.17.0.2) and c2 (172.17.0.3), that have pinged each other once, so their neighbour
// caches are warm. Layouts: iputils 20221126 ping (see tests/shell/ping.test.ts); the
// answering/failing itself is checked against real namespaces in tests/conformance/ping.test.ts.
import { describe, expect, it } from 'vitest';
import { hostVeth, more, play, shown } from './session';

function warm() {
  return play([
    'docker run -d --name c1 hwchiu/netutils',
    'docker run -d --name c2 hwchiu/netutils',
    'docker exec c1 ping -c1 172.17.0.3',
  ]);
}

const LOST = (dst: string) =>
  `PING ${dst} (${dst}) 56(84) bytes of data.\n\n` +
  `--- ${dst} ping statistics ---\n` +
  '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n';
// Recorded from iputils 20221126 in a throwaway namespace: with nothing received, the empty rtt
// line still ends with a newline (" pipe N" would only appear on it for N > 1).

describe('faults', () => {
  it('a veth end set down: the frames are lost, and the cut-off side gets no ARP answer', () => {
    const base = warm();
    const veth = hostVeth(base.session.world, 'c2');
    const p = more(base, [
      `ip link set ${veth} down`,
      'docker exec c1 ping -c1 172.17.0.3',
      'docker exec c2 ping -c1 172.17.0.1',
    ]);
    const [down, lost, unreachable] = p.entries.slice(3);
    expect(shown(down!)).toBe('');
    // c1 still knows c2's MAC: the echo leaves and dies at the port whose peer is down.
    expect(shown(lost!)).toBe(LOST('172.17.0.3'));
    expect(lost!.status).toBe(1);
    // c2's eth0 has no carrier: its ARP for the gateway never gets out, the kernel reports the
    // failed resolution to ping as an ICMP error from c2's own address.
    expect(shown(unreachable!)).toBe(
      'PING 172.17.0.1 (172.17.0.1) 56(84) bytes of data.\n' +
        'From 172.17.0.3 icmp_seq=1 Destination Host Unreachable\n\n' +
        '--- 172.17.0.1 ping statistics ---\n' +
        '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n\n',
    );
    expect(unreachable!.status).toBe(1);
  });

  it('a port detached with ip link set … nomaster: nothing crosses the bridge to it', () => {
    const base = warm();
    const veth = hostVeth(base.session.world, 'c2');
    const p = more(base, [`ip link set ${veth} nomaster`, 'docker exec c1 ping -c1 172.17.0.3']);
    expect(shown(p.entries[4]!)).toBe(LOST('172.17.0.3'));
    expect(p.entries[4]!.status).toBe(1);
  });

  it('a port detached with brctl delif: the same loss', () => {
    const base = warm();
    const veth = hostVeth(base.session.world, 'c1');
    const p = more(base, [`brctl delif docker0 ${veth}`, 'docker exec c1 ping -c1 172.17.0.3']);
    expect(shown(p.entries[3]!)).toBe('');
    expect(shown(p.entries[4]!)).toBe(LOST('172.17.0.3'));
  });

  it('the default route deleted in a container: the outside is unreachable, the subnet is not', () => {
    const p = more(warm(), [
      'docker exec --privileged c1 ip route del default',
      'docker exec c1 ping -c1 8.8.8.8',
      'docker exec c1 ping -c1 172.17.0.3',
    ]);
    const [del, outside, peer] = p.entries.slice(3);
    expect(shown(del!)).toBe('');
    expect(del!.status).toBe(0);
    expect(shown(outside!)).toBe('ping: connect: Network is unreachable\n');
    expect(outside!.status).toBe(2);
    // 172.17.0.0/16 dev eth0 (proto kernel) is still there.
    expect(shown(peer!)).toContain('64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time=<rtt> ms\n');
  });

  it('the NAT rule flushed: 8.8.8.8 no longer answers a container, though it still answers the host', () => {
    const p = more(warm(), [
      'iptables -t nat -S POSTROUTING',
      'iptables -t nat -F POSTROUTING',
      'iptables -t nat -S POSTROUTING',
      'docker exec c1 ping -c1 8.8.8.8',
      'ping -c1 8.8.8.8',
    ]);
    const [before, flush, after, container, host] = p.entries.slice(3);
    // iptables-save-v27.txt: docker's one POSTROUTING rule; -S puts the chain's policy first.
    expect(shown(before!)).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n');
    expect(shown(flush!)).toBe('');
    expect(shown(after!)).toBe('-P POSTROUTING ACCEPT\n');
    expect(shown(container!)).toBe(LOST('8.8.8.8'));
    expect(container!.status).toBe(1);
    const req = container!.world.lastPackets[0]!;
    expect(req.trace.some((h) => h.kind === 'nat')).toBe(false);
    expect(req.trace.at(-1)).toMatchObject({ kind: 'drop', netns: 'outside' });
    expect(host!.status).toBe(0);
  });
});
