// The kernel model's operations, each checked against what the real kernel does (kernel 6.18,
// seen with iproute2 in throwaway namespaces; see the conformance suite for the live comparison).
import { describe, expect, it } from 'vitest';
import {
  apply,
  checkInvariants,
  createKernel,
  hasCarrier,
  INIT_NET,
  ipLinkFlags,
  linkByName,
  linksOf,
  operState,
  qdiscOf,
  routesOf,
  type KernelOp,
  type KernelState,
} from '../../src/kernel';

/** Applies ops in order, failing the test on the first error and checking invariants after each. */
function run(ops: KernelOp[], k: KernelState = createKernel(7)): KernelState {
  for (const op of ops) {
    const r = apply(k, op);
    if (!r.ok) throw new Error(`${op.op} failed: ${r.error.errno} ${r.error.detail ?? ''}`);
    expect(checkInvariants(r.state)).toEqual([]);
    k = r.state;
  }
  return k;
}

function errnoOf(k: KernelState, op: KernelOp): string | undefined {
  const r = apply(k, op);
  return r.ok ? undefined : r.error.errno;
}

const H = INIT_NET;
const link = (k: KernelState, name: string, ns = H) => {
  const l = linkByName(k, ns, name);
  if (!l) throw new Error(`no link ${name}`);
  return l;
};

describe('namespaces', () => {
  it('gives a new namespace only lo, down, with index 1', () => {
    const k = run([{ op: 'addNetns', name: 'a' }]);
    const ls = linksOf(k, 'netns:1');
    expect(ls.map((l) => [l.ifindex, l.name, l.up])).toEqual([[1, 'lo', false]]);
    expect(ipLinkFlags(k, ls[0])).toEqual(['LOOPBACK']);
    expect(qdiscOf(ls[0])).toBe('noop');
  });
  it('refuses a second namespace with the same name', () => {
    const k = run([{ op: 'addNetns', name: 'a' }]);
    expect(errnoOf(k, { op: 'addNetns', name: 'a' })).toBe('EEXIST');
  });
  it('puts 127.0.0.1/8 and ::1 on lo by itself when it comes up, and no main-table route', () => {
    const k = run([
      { op: 'addNetns', name: 'a' },
      { op: 'setLink', netns: 'netns:1', name: 'lo', up: true },
    ]);
    const lo = link(k, 'lo', 'netns:1');
    expect(lo.addrs.map((a) => `${a.local}/${a.prefixlen} ${a.scope}`)).toEqual(['127.0.0.1/8 host', '::1/128 host']);
    expect(k.netns['netns:1'].routes).toEqual([]);
    expect(operState(k, lo)).toBe('UNKNOWN');
  });
  it('destroys the peer when its namespace is deleted', () => {
    const k = run([
      { op: 'addNetns', name: 'a' },
      { op: 'addVethPair', netns: H, name: 'vh', peer: 'vc', peerNetns: 'netns:1' },
      { op: 'delNetns', netns: 'netns:1' },
    ]);
    expect(linksOf(k, H).map((l) => l.name)).toEqual(['lo']);
    expect(k.netns[H].nsids).toEqual({});
  });
});

describe('veth pairs', () => {
  it('registers the peer first, so it gets the lower ifindex', () => {
    const k = run([{ op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' }]);
    expect(link(k, 'vB').ifindex).toBe(2);
    expect(link(k, 'vA').ifindex).toBe(3);
  });
  it('names a missing peer vethN, lowest free N', () => {
    const k = run([
      { op: 'addVethPair', netns: H, name: 'c1-eth0' },
      { op: 'addVethPair', netns: H, name: 'c2-eth0' },
    ]);
    expect(linksOf(k, H).map((l) => `${l.ifindex}:${l.name}`)).toEqual([
      '1:lo',
      '2:veth0',
      '3:c1-eth0',
      '4:veth1',
      '5:c2-eth0',
    ]);
  });
  it('hands out indexes cyclically: a deleted index is not reused', () => {
    const k = run([
      { op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' },
      { op: 'delLink', netns: H, name: 'vA' },
      { op: 'addVethPair', netns: H, name: 'x1', peer: 'x2' },
    ]);
    expect(linksOf(k, H).map((l) => `${l.ifindex}:${l.name}`)).toEqual(['1:lo', '4:x2', '5:x1']);
  });
  it('deletes both ends when one is deleted', () => {
    const k = run([
      { op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' },
      { op: 'delLink', netns: H, name: 'vB' },
    ]);
    expect(linksOf(k, H).map((l) => l.name)).toEqual(['lo']);
  });
  it('has carrier only when both ends are up', () => {
    let k = run([
      { op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' },
      { op: 'setLink', netns: H, name: 'vA', up: true },
    ]);
    expect(ipLinkFlags(k, link(k, 'vA'))).toEqual(['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP', 'M-DOWN']);
    expect(operState(k, link(k, 'vA'))).toBe('LOWERLAYERDOWN');
    k = run([{ op: 'setLink', netns: H, name: 'vB', up: true }], k);
    expect(ipLinkFlags(k, link(k, 'vA'))).toEqual(['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']);
    expect(operState(k, link(k, 'vA'))).toBe('UP');
  });
  it('moves an end: it keeps its index, goes down, loses its addresses, and netnsids appear', () => {
    const k = run([
      { op: 'addNetns', name: 'c' },
      { op: 'addVethPair', netns: H, name: 'vh', peer: 'vc' },
      { op: 'addAddr', netns: H, dev: 'vc', family: 4, local: '10.0.0.2', prefixlen: 24 },
      { op: 'setLink', netns: H, name: 'vc', up: true },
      { op: 'setLink', netns: H, name: 'vc', toNetns: 'netns:1', rename: 'eth0' },
    ]);
    const eth0 = link(k, 'eth0', 'netns:1');
    expect([eth0.ifindex, eth0.up, eth0.addrs]).toEqual([2, false, []]);
    expect(k.netns[H].routes).toEqual([]);
    expect(k.netns[H].nsids['netns:1']).toBe(0);
    expect(k.netns['netns:1'].nsids[H]).toBe(0);
  });
  it('gives a moved device a new index when its own is taken in the target', () => {
    const k = run([
      { op: 'addNetns', name: 'c' },
      { op: 'addVethPair', netns: 'netns:1', name: 'y1', peer: 'y2' }, // y2=2, y1=3 in c
      { op: 'addVethPair', netns: H, name: 'x1', peer: 'x2' }, // x2=2, x1=3 on the host
      { op: 'setLink', netns: H, name: 'x1', toNetns: 'netns:1' },
    ]);
    expect(link(k, 'x1', 'netns:1').ifindex).toBe(4);
  });
  it('renames a running device, as Linux 6.2 and later allow', () => {
    const k = run([
      { op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' },
      { op: 'setLink', netns: H, name: 'vA', up: true },
    ]);
    expect(errnoOf(k, { op: 'setLink', netns: H, name: 'vA', rename: 'x' })).toBeUndefined();
  });
  it('refuses to move loopback or a bridge', () => {
    const k = run([
      { op: 'addNetns', name: 'c' },
      { op: 'addLink', netns: H, name: 'br0', kind: 'bridge' },
    ]);
    expect(errnoOf(k, { op: 'setLink', netns: H, name: 'lo', toNetns: 'netns:1' })).toBe('EINVAL');
    expect(errnoOf(k, { op: 'setLink', netns: H, name: 'br0', toNetns: 'netns:1' })).toBe('EINVAL');
  });
});

describe('bridges', () => {
  it('is UNKNOWN with carrier while it never had a port and its MAC was not set', () => {
    const k = run([
      { op: 'addLink', netns: H, name: 'br0', kind: 'bridge' },
      { op: 'setLink', netns: H, name: 'br0', up: true },
    ]);
    const br = link(k, 'br0');
    expect([ipLinkFlags(k, br), operState(k, br)]).toEqual([['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], 'UNKNOWN']);
  });
  it('is NO-CARRIER and DOWN without ports once its MAC was set (idle docker0)', () => {
    const k = run([
      { op: 'addLink', netns: H, name: 'docker0', kind: 'bridge', mac: '02:42:5e:8c:3a:1f', txqlen: 0 },
      { op: 'setLink', netns: H, name: 'docker0', up: true },
    ]);
    const br = link(k, 'docker0');
    expect([ipLinkFlags(k, br), operState(k, br)]).toEqual([['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'], 'DOWN']);
  });
  it('takes its lowest port MAC, and 00:00:00:00:00:00 after the last port left', () => {
    let k = run([
      { op: 'addLink', netns: H, name: 'br0', kind: 'bridge' },
      { op: 'addVethPair', netns: H, name: 'p1', peer: 'q1', mac: '0a:00:00:00:00:09' },
      { op: 'addVethPair', netns: H, name: 'p2', peer: 'q2', mac: '0a:00:00:00:00:03' },
      { op: 'setLink', netns: H, name: 'p1', master: 'br0' },
      { op: 'setLink', netns: H, name: 'p2', master: 'br0' },
    ]);
    expect(link(k, 'br0').mac).toBe('0a:00:00:00:00:03');
    k = run(
      [
        { op: 'setLink', netns: H, name: 'p2', master: null },
        { op: 'delLink', netns: H, name: 'p1' },
      ],
      k,
    );
    expect(link(k, 'br0').mac).toBe('00:00:00:00:00:00');
  });
  it('gets carrier from a forwarding port and keeps its link-local after the port leaves', () => {
    let k = run([
      { op: 'addLink', netns: H, name: 'docker0', kind: 'bridge', mac: '02:42:5e:8c:3a:1f', txqlen: 0 },
      { op: 'setLink', netns: H, name: 'docker0', up: true },
      { op: 'addVethPair', netns: H, name: 'vh', peer: 'vc' },
      { op: 'setLink', netns: H, name: 'vh', master: 'docker0', up: true },
    ]);
    expect(hasCarrier(k, link(k, 'docker0'))).toBe(false);
    k = run([{ op: 'setLink', netns: H, name: 'vc', up: true }], k);
    expect(operState(k, link(k, 'docker0'))).toBe('UP');
    expect(link(k, 'docker0').addrs.map((a) => a.local)).toEqual(['fe80::42:5eff:fe8c:3a1f']);
    k = run([{ op: 'delLink', netns: H, name: 'vh' }], k);
    expect(operState(k, link(k, 'docker0'))).toBe('DOWN');
    expect(link(k, 'docker0').addrs.map((a) => a.local)).toEqual(['fe80::42:5eff:fe8c:3a1f']);
  });
  it('refuses to enslave a bridge to a bridge', () => {
    const k = run([
      { op: 'addLink', netns: H, name: 'br0', kind: 'bridge' },
      { op: 'addLink', netns: H, name: 'br1', kind: 'bridge' },
    ]);
    expect(errnoOf(k, { op: 'setLink', netns: H, name: 'br1', master: 'br0' })).toBe('ELOOP');
  });
});

describe('addresses and routes', () => {
  const base: KernelOp[] = [
    { op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' },
    { op: 'addAddr', netns: H, dev: 'vA', family: 4, local: '10.0.0.1', prefixlen: 24, broadcast: '+' },
  ];
  it('adds the prefix route only when the link comes up, flagged by the link state', () => {
    let k = run(base);
    expect(k.netns[H].routes).toEqual([]);
    k = run([{ op: 'setLink', netns: H, name: 'vA', up: true }], k);
    expect(k.netns[H].routes.map((r) => `${r.dst} ${r.protocol} ${r.scope} ${r.prefsrc}`)).toEqual([
      '10.0.0.0/24 kernel link 10.0.0.1',
    ]);
    expect(link(k, 'vA').addrs[0].broadcast).toBe('10.0.0.255');
  });
  it('removes every route through a link that goes down, but keeps its IPv4 address', () => {
    const k = run([
      ...base,
      { op: 'setLink', netns: H, name: 'vA', up: true },
      { op: 'addRoute', netns: H, dst: 'default', gateway: '10.0.0.254' },
      { op: 'setLink', netns: H, name: 'vA', up: false },
    ]);
    expect(k.netns[H].routes).toEqual([]);
    expect(link(k, 'vA').addrs.map((a) => a.local)).toEqual(['10.0.0.1']);
  });
  it('refuses a duplicate address and a gateway off every connected network', () => {
    const k = run([...base, { op: 'setLink', netns: H, name: 'vA', up: true }]);
    expect(errnoOf(k, { op: 'addAddr', netns: H, dev: 'vA', family: 4, local: '10.0.0.1', prefixlen: 24 })).toBe(
      'EEXIST',
    );
    const r = apply(k, { op: 'addRoute', netns: H, dst: 'default', gateway: '192.0.2.1' });
    expect(r.ok ? undefined : r.error).toEqual({ errno: 'ENETUNREACH', detail: 'Nexthop has invalid gateway' });
  });
  it('marks a second address of the same subnet secondary, and deleting the primary takes it along', () => {
    let k = run([
      ...base,
      { op: 'addAddr', netns: H, dev: 'vA', family: 4, local: '10.0.0.9', prefixlen: 24 },
      { op: 'addAddr', netns: H, dev: 'vA', family: 4, local: '10.1.0.1', prefixlen: 16 },
    ]);
    expect(link(k, 'vA').addrs.map((a) => `${a.local}${a.secondary ? ' secondary' : ''}`)).toEqual([
      '10.0.0.1',
      '10.1.0.1',
      '10.0.0.9 secondary',
    ]);
    k = run([{ op: 'delAddr', netns: H, dev: 'vA', family: 4, local: '10.0.0.1', prefixlen: 24 }], k);
    expect(link(k, 'vA').addrs.map((a) => a.local)).toEqual(['10.1.0.1']);
  });
});

describe('randomness', () => {
  it('gives the same MACs for the same seed, and different ones for another seed', () => {
    const ops: KernelOp[] = [{ op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' }];
    const a = run(ops, createKernel(1));
    const b = run(ops, createKernel(1));
    const c = run(ops, createKernel(2));
    expect(link(a, 'vA').mac).toBe(link(b, 'vA').mac);
    expect(link(a, 'vA').mac).not.toBe(link(c, 'vA').mac);
    // eth_random_addr(): unicast, locally administered
    expect(parseInt(link(a, 'vA').mac.slice(0, 2), 16) & 3).toBe(2);
  });
});

describe('route order', () => {
  // Seen with `ip route` on kernel 6.18 after adding these routes in this order.
  it('dumps by address, then longer prefix first, then lower metric', () => {
    const k = run([
      { op: 'addVethPair', netns: H, name: 'vA', peer: 'vB' },
      { op: 'addAddr', netns: H, dev: 'vA', family: 4, local: '10.1.0.1', prefixlen: 16 },
      { op: 'setLink', netns: H, name: 'vA', up: true },
      { op: 'addRoute', netns: H, dst: '10.9.0.0/16', dev: 'vA' },
      { op: 'addRoute', netns: H, dst: '10.9.0.0/24', dev: 'vA' },
      { op: 'addRoute', netns: H, dst: '10.9.0.0/16', dev: 'vA', metric: 5 },
      { op: 'addRoute', netns: H, dst: 'default', dev: 'vA' },
      { op: 'addRoute', netns: H, dst: '10.1.0.0/16', dev: 'vA', metric: 3 },
    ]);
    expect(routesOf(k, H).map((r) => `${r.dst}${r.metric ? ` metric ${r.metric}` : ''}`)).toEqual([
      'default',
      '10.1.0.0/16',
      '10.1.0.0/16 metric 3',
      '10.9.0.0/24',
      '10.9.0.0/16',
      '10.9.0.0/16 metric 5',
    ]);
  });
});

describe('sockets', () => {
  const bind = (addr: string, port: number, pid: number): KernelOp => ({
    op: 'bindSocket',
    netns: H,
    proto: 'tcp',
    addr,
    port,
    process: 'nginx',
    pid,
  });
  it('refuses a second bind of a port in the same namespace (EADDRINUSE, errno 98)', () => {
    const k = run([bind('0.0.0.0', 80, 10)]);
    expect(errnoOf(k, bind('0.0.0.0', 80, 11))).toBe('EADDRINUSE');
    expect(errnoOf(k, bind('127.0.0.1', 80, 11))).toBe('EADDRINUSE');
  });
  it('lets the same port be bound in another namespace, and again once the holder exits', () => {
    let k = run([
      { op: 'addNetns', name: 'c' },
      bind('0.0.0.0', 80, 10),
      { ...bind('0.0.0.0', 80, 11), netns: 'netns:1' },
    ]);
    k = run([{ op: 'closeSockets', netns: H, pid: 10 }, bind('0.0.0.0', 80, 12)], k);
    expect(k.netns[H].sockets.map((s) => s.pid)).toEqual([12]);
  });
  it('cannot bind an address the namespace does not have', () => {
    expect(errnoOf(createKernel(1), bind('10.9.9.9', 80, 1))).toBe('EADDRNOTAVAIL');
  });
});
