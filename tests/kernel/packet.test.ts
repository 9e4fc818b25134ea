// The packet walk: what reaches whom, and what the kernel learns on the way. The topology is
// the article's bridge mode built by hand; outcomes match what ping shows on a real host.
import { describe, expect, it } from 'vitest';
import {
  applyAll,
  createKernel,
  formatFilterRule,
  forwardVerdict,
  INIT_NET,
  linkByName,
  walkPacket,
  type FilterRule,
  type KernelOp,
  type KernelState,
} from '../../src/kernel';

const H = INIT_NET;
function build(): KernelState {
  const ops: KernelOp[] = [
    { op: 'setLink', netns: H, name: 'lo', up: true },
    { op: 'addLink', netns: H, name: 'ens5', kind: 'ether', mac: '0e:e5:e9:25:d8:41' },
    { op: 'addAddr', netns: H, dev: 'ens5', family: 4, local: '172.31.23.142', prefixlen: 20 },
    { op: 'setLink', netns: H, name: 'ens5', up: true },
    { op: 'addRoute', netns: H, dst: 'default', gateway: '172.31.16.1' },
    { op: 'setSysctl', netns: H, key: 'ip_forward', value: true },
    { op: 'addLink', netns: H, name: 'docker0', kind: 'bridge', mac: '02:42:71:98:4c:2a', txqlen: 0 },
    { op: 'addAddr', netns: H, dev: 'docker0', family: 4, local: '172.17.0.1', prefixlen: 16 },
    { op: 'setLink', netns: H, name: 'docker0', up: true },
  ];
  for (const [n, ip] of [
    [1, '172.17.0.2'],
    [2, '172.17.0.3'],
  ] as const) {
    const ns = `netns:${n}`;
    ops.push(
      { op: 'addNetns', netns: ns },
      { op: 'setLink', netns: ns, name: 'lo', up: true },
      { op: 'addVethPair', netns: H, name: `vethh${n}`, peer: `vethc${n}` },
      { op: 'setLink', netns: H, name: `vethc${n}`, toNetns: ns, rename: 'eth0' },
      { op: 'addAddr', netns: ns, dev: 'eth0', family: 4, local: ip, prefixlen: 16 },
      { op: 'setLink', netns: ns, name: 'eth0', up: true },
      { op: 'addRoute', netns: ns, dst: 'default', gateway: '172.17.0.1' },
      { op: 'setLink', netns: H, name: `vethh${n}`, master: 'docker0', up: true },
    );
  }
  const r = applyAll(createKernel(5), ops);
  if (!r.ok) throw new Error(`setup failed at ${r.step}`);
  const k = r.state;
  return { ...k, netns: { ...k.netns, [H]: { ...k.netns[H], nat: [{ source: '172.17.0.0/16', notOut: 'docker0' }] } } };
}

describe('a packet between two bridge containers', () => {
  it('is delivered with ttl 64, after ARP, through both veths and docker0', () => {
    const r = walkPacket(build(), 'netns:1', { dst: '172.17.0.3', ttl: 64, payload: 56 });
    expect(r.outcome).toEqual({ kind: 'delivered', netns: 'netns:2', ttl: 64 });
    expect(r.src).toBe('172.17.0.2');
    const kinds = r.trace.map((h) => h.kind);
    expect(kinds[0]).toBe('route');
    expect(kinds).toContain('arp');
    expect(r.trace.some((h) => h.kind === 'bridge' && h.text.includes('floods'))).toBe(true);
    expect(kinds[kinds.length - 1]).toBe('deliver');
  });
  it('fills both neighbour tables and the bridge FDB', () => {
    const k = walkPacket(build(), 'netns:1', { dst: '172.17.0.3', ttl: 64, payload: 56 }).state;
    const eth0 = (n: number) => linkByName(k, `netns:${n}`, 'eth0')!;
    expect(k.netns['netns:1'].neigh).toEqual([
      { dst: '172.17.0.3', dev: eth0(1).id, lladdr: eth0(2).mac, state: 'REACHABLE' },
    ]);
    expect(k.netns['netns:2'].neigh).toEqual([
      { dst: '172.17.0.2', dev: eth0(2).id, lladdr: eth0(1).mac, state: 'STALE' },
    ]);
    const fdb = linkByName(k, H, 'docker0')!.bridge!.fdb.map((e) => e.mac);
    expect(fdb).toEqual(expect.arrayContaining([eth0(1).mac, eth0(2).mac]));
  });
  it('counts the echo on both ends: one frame of 98 bytes sent, one received', () => {
    const before = build();
    const k = walkPacket(before, 'netns:1', { dst: '172.17.0.3', ttl: 64, payload: 56 }).state;
    const tx = linkByName(k, 'netns:1', 'eth0')!.stats;
    // one ARP request (42 bytes) and the echo (98 bytes) leave; the ARP reply (42) comes in
    expect([tx.txPackets, tx.txBytes, tx.rxPackets, tx.rxBytes]).toEqual([2, 140, 1, 42]);
  });
  it('finds the second echo through the learnt MAC: no ARP, no flood', () => {
    const once = walkPacket(build(), 'netns:1', { dst: '172.17.0.3', ttl: 64, payload: 56 });
    const back = walkPacket(once.state, 'netns:2', { dst: '172.17.0.2', ttl: 64, payload: 56 });
    const again = walkPacket(back.state, 'netns:1', { dst: '172.17.0.3', ttl: 64, payload: 56 });
    expect(again.trace.some((h) => h.kind === 'arp')).toBe(false);
    expect(again.trace.some((h) => h.text.includes('forwards to port vethh2'))).toBe(true);
  });
});

describe('a packet to the outside world', () => {
  it('leaves the host masqueraded to the NIC address and reaches 8.8.8.8', () => {
    const r = walkPacket(build(), 'netns:1', { dst: '8.8.8.8', ttl: 64, payload: 56 });
    expect(r.outcome.kind).toBe('delivered');
    expect(r.trace.find((h) => h.kind === 'nat')?.text).toBe('MASQUERADE: source 172.17.0.2 becomes 172.31.23.142');
  });
  it('is lost when nobody out there has the address', () => {
    expect(walkPacket(build(), 'netns:1', { dst: '203.0.113.7', ttl: 64, payload: 56 }).outcome).toEqual({
      kind: 'lost',
      why: 'no such host outside',
    });
  });
});

describe('failures', () => {
  it('has no route in a namespace with only lo (none mode)', () => {
    const r = applyAll(build(), [
      { op: 'addNetns', netns: 'netns:9' },
      { op: 'setLink', netns: 'netns:9', name: 'lo', up: true },
    ]);
    if (!r.ok) throw new Error('setup');
    expect(walkPacket(r.state, 'netns:9', { dst: '8.8.8.8', ttl: 64, payload: 56 }).outcome).toEqual({
      kind: 'no-route',
    });
    expect(walkPacket(r.state, 'netns:9', { dst: '127.0.0.1', ttl: 64, payload: 56 }).outcome.kind).toBe('delivered');
  });
  it('reports the sender as unreachable when ARP gets no answer', () => {
    expect(walkPacket(build(), 'netns:1', { dst: '172.17.0.99', ttl: 64, payload: 56 }).outcome).toEqual({
      kind: 'host-unreachable',
      from: '172.17.0.2',
    });
  });
  it('loses the frame when the far veth end is down', () => {
    const r = applyAll(build(), [{ op: 'setLink', netns: H, name: 'vethh2', up: false }]);
    if (!r.ok) throw new Error('setup');
    expect(walkPacket(r.state, 'netns:1', { dst: '172.17.0.3', ttl: 64, payload: 56 }).outcome).toEqual({
      kind: 'host-unreachable',
      from: '172.17.0.2',
    });
  });
});

describe('the filter table on the forward path', () => {
  // A second bridge br-red (172.18.0.0/16) with one namespace behind it, and the classic
  // isolation chains dockerd programs for docker0 and br-red (facts §7.1).
  function twoBridges(rules: FilterRule[]): KernelState {
    const ops: KernelOp[] = [
      { op: 'addLink', netns: H, name: 'br-red', kind: 'bridge', mac: '02:42:91:0c:7e:55', txqlen: 0 },
      { op: 'addAddr', netns: H, dev: 'br-red', family: 4, local: '172.18.0.1', prefixlen: 16 },
      { op: 'setLink', netns: H, name: 'br-red', up: true },
      { op: 'addNetns', netns: 'netns:3' },
      { op: 'setLink', netns: 'netns:3', name: 'lo', up: true },
      { op: 'addVethPair', netns: H, name: 'vethh3', peer: 'vethc3' },
      { op: 'setLink', netns: H, name: 'vethc3', toNetns: 'netns:3', rename: 'eth0' },
      { op: 'addAddr', netns: 'netns:3', dev: 'eth0', family: 4, local: '172.18.0.2', prefixlen: 16 },
      { op: 'setLink', netns: 'netns:3', name: 'eth0', up: true },
      { op: 'addRoute', netns: 'netns:3', dst: 'default', gateway: '172.18.0.1' },
      { op: 'setLink', netns: H, name: 'vethh3', master: 'br-red', up: true },
      ...rules.map((rule): KernelOp => ({ op: 'addFilterRule', netns: H, rule })),
    ];
    const r = applyAll(build(), ops);
    if (!r.ok) throw new Error(`setup failed at ${r.step}`);
    return r.state;
  }
  const S1 = 'DOCKER-ISOLATION-STAGE-1';
  const S2 = 'DOCKER-ISOLATION-STAGE-2';
  const isolation: FilterRule[] = [
    { chain: 'FORWARD', target: S1 },
    { chain: S1, in: { value: 'br-red' }, out: { value: 'br-red', not: true }, target: S2 },
    { chain: S1, in: { value: 'docker0' }, out: { value: 'docker0', not: true }, target: S2 },
    { chain: S1, target: 'RETURN' },
    { chain: S2, out: { value: 'br-red' }, target: 'DROP' },
    { chain: S2, out: { value: 'docker0' }, target: 'DROP' },
    { chain: S2, target: 'RETURN' },
  ];

  it('forwards between the bridges when the table is empty', () => {
    const w = walkPacket(twoBridges([]), 'netns:1', { dst: '172.18.0.2', ttl: 64, payload: 56 });
    expect(w.outcome).toEqual({ kind: 'delivered', netns: 'netns:3', ttl: 63 });
  });

  it('drops at the host with the stage-2 rule of the bridge it would leave by', () => {
    const w = walkPacket(twoBridges(isolation), 'netns:1', { dst: '172.18.0.2', ttl: 64, payload: 56 });
    expect(w.outcome).toEqual({ kind: 'lost', why: `filtered by ${S2}` });
    const drop = w.trace.at(-1)!;
    expect(drop).toMatchObject({
      netns: H,
      kind: 'drop',
      text: `dropped by iptables rule: -A ${S2} -o br-red -j DROP`,
    });
    // Nothing went out of br-red: the drop happens before the egress.
    expect(w.state.links[linkByName(w.state, H, 'br-red')!.id]!.stats.txPackets).toBe(0);
  });

  it('lets the host itself and the outside through (INPUT and egress to ens5 are not isolated)', () => {
    const k = twoBridges(isolation);
    expect(walkPacket(k, 'netns:1', { dst: '172.18.0.1', ttl: 64, payload: 56 }).outcome.kind).toBe('delivered');
    expect(walkPacket(k, 'netns:1', { dst: '8.8.8.8', ttl: 64, payload: 56 }).outcome.kind).toBe('delivered');
  });

  it('formats rules in iptables-save order: addresses, devices, matches, target', () => {
    expect(
      formatFilterRule({
        chain: 'X',
        in: { value: 'br-red' },
        dst: { value: '172.18.0.0/16', not: true },
        target: 'DROP',
      }),
    ).toBe('! -d 172.18.0.0/16 -i br-red -j DROP');
    expect(
      formatFilterRule({ chain: 'DOCKER-CT', out: { value: 'docker0' }, established: true, target: 'ACCEPT' }),
    ).toBe('-o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  });

  it('accepts a conntrack-established packet before a later DROP', () => {
    const rules: FilterRule[] = [
      { chain: 'FORWARD', out: { value: 'br-red' }, established: true, target: 'ACCEPT' },
      { chain: 'FORWARD', out: { value: 'br-red' }, target: 'DROP' },
    ];
    const p = { in: 'docker0', out: 'br-red', src: '172.17.0.2', dst: '172.18.0.2' };
    expect(forwardVerdict(rules, { ...p, established: true })).toBeUndefined();
    expect(forwardVerdict(rules, { ...p, established: false })).toBe(rules[1]);
  });
});
