// The packet walk through netfilter's hooks: DNAT in nat OUTPUT and PREROUTING (and conntrack
// undoing it on the answer), filter INPUT/OUTPUT/FORWARD with policies, raw PREROUTING, and
// the rule texts in the drop hops. The rules are the ones dockerd programs for `-p 8080:80`
// (facts §7.1 / CAPTURE iptables-save-v27.txt); the rule texts a drop hop names are printed
// as `iptables -S` prints them (checked against iptables 1.8.9 in tests/shell/iptables).
import { describe, expect, it } from 'vitest';
import {
  applyAll,
  chainVerdict,
  createKernel,
  formatFilterRule,
  INIT_NET,
  walkPacket,
  type FilterRule,
  type KernelOp,
  type KernelState,
} from '../../src/kernel';

const H = INIT_NET;
const C = 'netns:1';

/** The article's host with one bridge container (172.17.0.2) and Docker's rules for -p 8080:80. */
function build(extra: KernelOp[] = []): KernelState {
  const dnat: FilterRule = {
    chain: 'DOCKER',
    in: { value: 'docker0', not: true },
    proto: { value: 'tcp' },
    dport: { value: '8080' },
    target: 'DNAT',
    toDestination: '172.17.0.2:80',
  };
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
    { op: 'addNetns', netns: C },
    { op: 'setLink', netns: C, name: 'lo', up: true },
    { op: 'addVethPair', netns: H, name: 'vethh1', peer: 'vethc1' },
    { op: 'setLink', netns: H, name: 'vethc1', toNetns: C, rename: 'eth0' },
    { op: 'addAddr', netns: C, dev: 'eth0', family: 4, local: '172.17.0.2', prefixlen: 16 },
    { op: 'setLink', netns: C, name: 'eth0', up: true },
    { op: 'addRoute', netns: C, dst: 'default', gateway: '172.17.0.1' },
    { op: 'setLink', netns: H, name: 'vethh1', master: 'docker0', up: true },
    { op: 'addMasquerade', netns: H, source: '172.17.0.0/16', notOut: 'docker0' },
    { op: 'addChain', netns: H, table: 'nat', chain: 'DOCKER' },
    {
      op: 'addFilterRule',
      netns: H,
      table: 'nat',
      rule: { chain: 'PREROUTING', dstType: { value: 'LOCAL' }, target: 'DOCKER' },
    },
    {
      op: 'addFilterRule',
      netns: H,
      table: 'nat',
      rule: {
        chain: 'OUTPUT',
        dst: { value: '127.0.0.0/8', not: true },
        dstType: { value: 'LOCAL' },
        target: 'DOCKER',
      },
    },
    {
      op: 'addFilterRule',
      netns: H,
      table: 'nat',
      rule: { chain: 'DOCKER', in: { value: 'docker0' }, target: 'RETURN' },
    },
    { op: 'addFilterRule', netns: H, table: 'nat', rule: dnat },
    ...extra,
  ];
  const r = applyAll(createKernel(5), ops);
  if (!r.ok) throw new Error(`setup failed at ${r.step}: ${r.error.errno}`);
  return r.state;
}

describe('DNAT of a published port', () => {
  it('rewrites a local connection to the host address in nat OUTPUT and delivers it to the container', () => {
    const r = walkPacket(build(), H, { dst: '172.31.23.142', ttl: 64, payload: 32, proto: 'tcp', dport: 8080 });
    expect(r.outcome).toMatchObject({
      kind: 'delivered',
      netns: C,
      dnat: { netns: H, from: { ip: '172.31.23.142', port: 8080 }, to: { ip: '172.17.0.2', port: 80 } },
    });
    const nat = r.trace.find((h) => h.kind === 'nat');
    expect(nat?.text).toBe(
      'DNAT (nat OUTPUT): destination 172.31.23.142:8080 becomes 172.17.0.2:80 ' +
        '(-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80)',
    );
    // The DNAT comes before the routing decision: the route taken is docker0's.
    expect(r.trace.indexOf(nat!)).toBeLessThan(r.trace.findIndex((h) => h.kind === 'route'));
    expect(r.trace.find((h) => h.kind === 'route')?.text).toBe('route 172.17.0.0/16 dev docker0 (on-link)');
  });

  it('leaves another port, ICMP and the loopback address alone', () => {
    const k = build();
    const other = walkPacket(k, H, { dst: '172.31.23.142', ttl: 64, payload: 32, proto: 'tcp', dport: 8081 });
    expect(other.outcome).toEqual({ kind: 'delivered', netns: H, ttl: 64 });
    const ping = walkPacket(k, H, { dst: '172.31.23.142', ttl: 64, payload: 56 });
    expect(ping.outcome).toEqual({ kind: 'delivered', netns: H, ttl: 64 });
    // OUTPUT's jump excludes 127.0.0.0/8: localhost:8080 is the userland proxy's job.
    const lo = walkPacket(k, H, { dst: '127.0.0.1', ttl: 64, payload: 32, proto: 'tcp', dport: 8080 });
    expect(lo.outcome).toEqual({ kind: 'delivered', netns: H, ttl: 64 });
    expect(lo.trace.some((h) => h.kind === 'nat')).toBe(false);
  });

  it('does not DNAT what comes from docker0 itself (the RETURN rule)', () => {
    const r = walkPacket(build(), C, { dst: '172.17.0.1', ttl: 64, payload: 32, proto: 'tcp', dport: 8080 });
    expect(r.outcome).toEqual({ kind: 'delivered', netns: H, ttl: 64 });
    expect(r.trace.some((h) => h.kind === 'nat')).toBe(false);
  });

  it('undoes the DNAT on the answer where it was made (conntrack)', () => {
    const k = build();
    const syn = walkPacket(k, H, { dst: '172.31.23.142', ttl: 64, payload: 32, proto: 'tcp', dport: 8080 });
    if (syn.outcome.kind !== 'delivered' || !syn.outcome.dnat) throw new Error('not DNATed');
    const back = walkPacket(
      syn.state,
      C,
      { src: '172.17.0.2', dst: '172.31.23.142', ttl: 64, payload: 32, proto: 'tcp', sport: 80 },
      { established: true, reverseDnat: syn.outcome.dnat },
    );
    expect(back.outcome).toEqual({ kind: 'delivered', netns: H, ttl: 64 });
    expect(back.trace.find((h) => h.kind === 'nat')).toMatchObject({
      netns: H,
      text: 'conntrack reverses DNAT: source 172.17.0.2:80 becomes 172.31.23.142:8080',
    });
  });
});

describe('filter hooks', () => {
  const dropIcmpIn: KernelOp = {
    op: 'addFilterRule',
    netns: C,
    rule: { chain: 'INPUT', proto: { value: 'icmp' }, target: 'DROP' },
  };

  it('INPUT in the container drops the host ping, naming the rule', () => {
    const r = walkPacket(build([dropIcmpIn]), H, { dst: '172.17.0.2', ttl: 64, payload: 56 });
    expect(r.outcome).toEqual({ kind: 'lost', why: 'filtered by INPUT' });
    expect(r.trace.at(-1)).toMatchObject({
      netns: C,
      kind: 'drop',
      text: 'dropped by iptables rule: -A INPUT -p icmp -j DROP',
    });
  });

  it('OUTPUT of the sender drops before anything leaves', () => {
    const r = walkPacket(
      build([
        { op: 'addFilterRule', netns: C, rule: { chain: 'OUTPUT', dst: { value: '8.8.8.8/32' }, target: 'REJECT' } },
      ]),
      C,
      { dst: '8.8.8.8', ttl: 64, payload: 56 },
    );
    expect(r.outcome).toEqual({ kind: 'lost', why: 'filtered by OUTPUT' });
    expect(r.trace.at(-1)?.text).toBe(
      'dropped by iptables rule: -A OUTPUT -d 8.8.8.8/32 -j REJECT --reject-with icmp-port-unreachable',
    );
    expect(r.trace.some((h) => h.kind === 'tx')).toBe(false);
  });

  it('a FORWARD policy of DROP stops a forwarded packet no rule accepts, and says so', () => {
    const r = walkPacket(build([{ op: 'setPolicy', netns: H, table: 'filter', chain: 'FORWARD', policy: 'DROP' }]), C, {
      dst: '8.8.8.8',
      ttl: 64,
      payload: 56,
    });
    expect(r.outcome).toEqual({ kind: 'lost', why: 'filtered by FORWARD' });
    expect(r.trace.at(-1)?.text).toBe("dropped by the FORWARD chain's policy: iptables -P FORWARD DROP");
  });

  it('with the policy DROP, an ACCEPT rule for the bridge lets the container out again', () => {
    const r = walkPacket(
      build([
        { op: 'setPolicy', netns: H, table: 'filter', chain: 'FORWARD', policy: 'DROP' },
        {
          op: 'addFilterRule',
          netns: H,
          rule: { chain: 'FORWARD', in: { value: 'docker0' }, out: { value: 'docker0', not: true }, target: 'ACCEPT' },
        },
      ]),
      C,
      { dst: '8.8.8.8', ttl: 64, payload: 56 },
    );
    expect(r.outcome.kind).toBe('delivered');
  });

  it('raw PREROUTING drops direct access to the container from elsewhere but not from docker0', () => {
    // A neighbour namespace routed through the host over its own veth (not docker0).
    const k = build([
      {
        op: 'addFilterRule',
        netns: H,
        table: 'raw',
        rule: {
          chain: 'PREROUTING',
          dst: { value: '172.17.0.2/32' },
          in: { value: 'docker0', not: true },
          target: 'DROP',
        },
      },
      { op: 'addNetns', netns: 'netns:2' },
      { op: 'setLink', netns: 'netns:2', name: 'lo', up: true },
      { op: 'addVethPair', netns: H, name: 'lan0', peer: 'lanc' },
      { op: 'setLink', netns: H, name: 'lanc', toNetns: 'netns:2', rename: 'eth0' },
      { op: 'addAddr', netns: H, dev: 'lan0', family: 4, local: '10.9.0.1', prefixlen: 24 },
      { op: 'setLink', netns: H, name: 'lan0', up: true },
      { op: 'addAddr', netns: 'netns:2', dev: 'eth0', family: 4, local: '10.9.0.2', prefixlen: 24 },
      { op: 'setLink', netns: 'netns:2', name: 'eth0', up: true },
      { op: 'addRoute', netns: 'netns:2', dst: 'default', gateway: '10.9.0.1' },
    ]);
    // From the container itself (it arrives on docker0) the guard does not apply.
    expect(walkPacket(k, C, { dst: '172.17.0.1', ttl: 64, payload: 56 }).outcome.kind).toBe('delivered');
    // From the neighbour, arriving on lan0 for the container's address: dropped in raw PREROUTING.
    const r = walkPacket(k, 'netns:2', { dst: '172.17.0.2', ttl: 64, payload: 56 });
    expect(r.outcome).toEqual({ kind: 'lost', why: 'filtered by raw PREROUTING' });
    expect(r.trace.at(-1)?.text).toBe(
      'dropped by iptables -t raw rule: -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP',
    );
  });
});

describe('chainVerdict and the rule text', () => {
  const rules: FilterRule[] = [
    { chain: 'INPUT', proto: { value: 'tcp' }, dport: { value: '22' }, ctstate: { value: 'NEW' }, target: 'ACCEPT' },
    { chain: 'INPUT', src: { value: '10.0.0.0/8' }, in: { value: 'lo', not: true }, target: 'USER' },
    { chain: 'USER', proto: { value: 'udp' }, target: 'RETURN' },
    { chain: 'USER', target: 'DROP' },
  ];
  const pkt = { src: '10.1.2.3', dst: '10.9.9.9', in: 'eth0', established: false };

  it('follows jumps and RETURN, and falls back on the policy', () => {
    expect(chainVerdict(rules, 'INPUT', { ...pkt, proto: 'tcp', dport: 22 })).toEqual({
      verdict: 'accept',
      rule: rules[0],
    });
    expect(chainVerdict(rules, 'INPUT', { ...pkt, proto: 'tcp', dport: 80 })).toEqual({
      verdict: 'drop',
      rule: rules[3],
    });
    expect(chainVerdict(rules, 'INPUT', { ...pkt, proto: 'udp', dport: 53 }, 'DROP')).toEqual({ verdict: 'drop' });
    expect(chainVerdict(rules, 'INPUT', { ...pkt, in: 'lo', proto: 'udp' })).toEqual({ verdict: 'accept' });
  });

  it('prints matches in iptables-save order (expected strings from iptables 1.8.9 -S)', () => {
    expect(formatFilterRule(rules[0]!)).toBe('-p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT');
    expect(formatFilterRule({ ...rules[0]!, conntrackFirst: true, dport: undefined, sport: { value: '22' } })).toBe(
      '-p tcp -m conntrack --ctstate NEW -m tcp --sport 22 -j ACCEPT',
    );
    expect(formatFilterRule(rules[1]!)).toBe('-s 10.0.0.0/8 ! -i lo -j USER');
  });
});
