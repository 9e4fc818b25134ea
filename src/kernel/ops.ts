// kernel/ops.ts — every change to the kernel model, one function per rtnetlink request.
// Each op is (state, args) → KernelResult: it never mutates its input and never throws;
// failures are errno codes. Cascades (a veth's peer, a bridge's ports, routes on a dead
// link) are handled here, in one place, by the Tx helpers below.
import { broadcastOf, inSubnet, ipv6Network, isMulticastMac, linkLocalFromMac, macFromBytes, networkOf } from './addr';
import { hasCarrier, INIT_NET, portsOf } from './query';
import { randomBytes } from './rng';
import { cowRecord, memoOf, recordSize, seedMemo } from './record';
import type {
  Addr,
  Errno,
  FilterRule,
  IptTable,
  RuleMatch,
  KernelError,
  KernelEvent,
  KernelResult,
  KernelState,
  Link,
  LinkId,
  LinkKind,
  Netns,
  NetnsId,
  Route,
  RouteProto,
  RouteScope,
} from './types';

const ZERO_MAC = '00:00:00:00:00:00';
/** Inode of init_net, then the dynamic inode numbers the kernel hands to new namespaces. */
const INIT_NET_INODE = 4026531840;
const FIRST_NETNS_INODE = 4026532281;

class KErr {
  constructor(public readonly error: KernelError) {}
}

function fail(errno: Errno, detail?: string): never {
  throw new KErr({ errno, detail });
}

/**
 * A transaction over one state: copies on first write, collects events, and
 * produces the next state. Ops are written against it as if mutating; the input
 * state is never touched.
 */
class Tx {
  links: Record<LinkId, Link>;
  netns: Record<NetnsId, Netns>;
  seq: KernelState['seq'];
  rng: number;
  events: KernelEvent[] = [];
  private ownL = new Set<LinkId>();
  private ownN = new Set<NetnsId>();
  /** Links whose carrier may have changed: IPv6 link-local is settled for them at the end. */
  dirty = new Set<LinkId>();

  constructor(k: KernelState) {
    // Persistent records (record.ts): O(1) copies, so a command's cost does not grow with the machine.
    this.links = cowRecord(k.links);
    this.netns = cowRecord(k.netns);
    this.seq = { ...k.seq };
    this.rng = k.rng;
  }

  link(id: LinkId): Link {
    if (!this.ownL.has(id)) {
      const l = this.links[id];
      this.links[id] = {
        ...l,
        addrs: [...l.addrs],
        stats: { ...l.stats },
        bridge: l.bridge && { ...l.bridge, fdb: [...l.bridge.fdb], portNo: cowRecord(l.bridge.portNo) },
      };
      this.ownL.add(id);
    }
    return this.links[id];
  }

  ns(id: NetnsId): Netns {
    if (!this.ownN.has(id)) {
      const n = this.netns[id];
      this.netns[id] = {
        ...n,
        byIndex: cowRecord(n.byIndex),
        byName: cowRecord(n.byName),
        nsids: cowRecord(n.nsids),
        routes: [...n.routes],
        neigh: [...n.neigh],
        sockets: [...n.sockets],
      };
      this.ownN.add(id);
    }
    return this.netns[id];
  }

  randomMac(): string {
    const [b, next] = randomBytes(this.rng, 6);
    this.rng = next;
    // eth_random_addr(): clear the multicast bit, set the locally-administered bit.
    b[0] = (b[0] & 0xfe) | 0x02;
    return macFromBytes(b);
  }

  findLink(ns: NetnsId, name: string): Link {
    const n = this.netns[ns];
    if (!n) fail('ENOENT', 'netns');
    const id = n.byName[name];
    return id !== undefined ? this.links[id] : fail('ENODEV', name);
  }

  hasName(ns: NetnsId, name: string): boolean {
    return this.netns[ns]?.byName[name] !== undefined;
  }

  hasIndex(ns: NetnsId, ifindex: number): boolean {
    return this.netns[ns]?.byIndex[ifindex] !== undefined;
  }

  /** Files a new link: into the link table and its namespace's indexes. */
  register(l: Link): void {
    this.links[l.id] = l;
    this.ownL.add(l.id);
    const n = this.ns(l.netns);
    n.byIndex[l.ifindex] = l.id;
    n.byName[l.name] = l.id;
  }

  /** Takes a link out of its namespace's indexes (before a move, a rename or its end). */
  unindex(l: Link): void {
    const n = this.ns(l.netns);
    delete n.byIndex[l.ifindex];
    delete n.byName[l.name];
  }

  /** Puts a link back into its namespace's indexes under its current name and index. */
  reindex(l: Link): void {
    const n = this.ns(l.netns);
    n.byIndex[l.ifindex] = l.id;
    n.byName[l.name] = l.id;
  }

  /** dev_index_reserve(): the next free index after the last one handed out (cyclic, never 0). */
  allocIfindex(nsId: NetnsId): number {
    const n = this.ns(nsId);
    let i = n.nextIfindex;
    while (this.hasIndex(nsId, i)) i++;
    n.nextIfindex = i + 1;
    return i;
  }

  /** The lowest free name for a `veth%d`-style pattern. */
  patternName(ns: NetnsId, prefix: string, taken: string[] = []): string {
    for (let i = 0; ; i++) {
      const name = `${prefix}${i}`;
      if (!this.hasName(ns, name) && !taken.includes(name)) return name;
    }
  }

  newLinkId(): LinkId {
    return `link:${this.seq.link++}`;
  }

  /** peernet2id_alloc() in both directions, for a veth pair that spans two namespaces. */
  ensureNsids(a: NetnsId, b: NetnsId): void {
    if (a === b) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const n = this.netns[from];
      if (n.nsids[to] !== undefined) continue;
      const id = memoOf(n.nsids, lowestFreeNsid);
      const nsids = this.ns(from).nsids;
      nsids[to] = id;
      // Ids 0..id all taken and no others: the next free one is the next number (no rescan).
      if (recordSize(nsids) === id + 1) seedMemo(nsids, lowestFreeNsid, id + 1);
    }
  }

  state(): KernelState {
    this.settleIpv6();
    return { netns: this.netns, links: this.links, seq: this.seq, rng: this.rng };
  }

  /** addrconf: an up link with carrier and IPv6 enabled gets its kernel address (::1 or fe80::/64). */
  settleIpv6(): void {
    const k = this.snapshot();
    for (const id of this.dirty) {
      const l = this.links[id];
      if (!l || !l.up) continue;
      const ns = this.netns[l.netns];
      if (ns.ipv6Disabled || l.ipv6Disabled) continue;
      if (l.addrs.some((a) => a.family === 6 && a.kernel)) continue;
      if (l.kind !== 'loopback' && !hasCarrier(k, l)) continue;
      const local = l.kind === 'loopback' ? '::1' : linkLocalFromMac(l.mac);
      const addr: Addr = {
        family: 6,
        local,
        prefixlen: l.kind === 'loopback' ? 128 : 64,
        scope: l.kind === 'loopback' ? 'host' : 'link',
        kernel: true,
      };
      this.link(id).addrs.push(addr);
      this.events.push({ type: 'newaddr', link: id, addr: `${local}/${addr.prefixlen}` });
      // addrconf_add_linklocal(): fe80::/64 joins the main table, appended after the others.
      if (l.kind !== 'loopback') this.addIpv6PrefixRoute(l.netns, id, 'fe80::/64');
    }
    this.dirty.clear();
  }

  addIpv6PrefixRoute(ns: NetnsId, dev: LinkId, dst: string): void {
    const n = this.ns(ns);
    if (n.routes.some((r) => r.family === 6 && r.dst === dst && r.dev === dev)) return;
    n.routes.push({ family: 6, dst, dev, protocol: 'kernel', scope: 'global', metric: 256 });
  }

  snapshot(): KernelState {
    return { netns: this.netns, links: this.links, seq: this.seq, rng: this.rng };
  }

  /** Marks a link and everything whose carrier follows it (its peer, its bridge). */
  touch(id: LinkId): void {
    const l = this.links[id];
    if (!l) return;
    this.dirty.add(id);
    if (l.peer) {
      this.dirty.add(l.peer);
      const p = this.links[l.peer];
      if (p?.master) this.dirty.add(p.master);
    }
    if (l.master) this.dirty.add(l.master);
  }
}

/**
 * The transaction a list of operations shares (applyAll), so that a whole `docker run`
 * copies the state once rather than once per operation. Only set while applyAll runs.
 */
let batchTx: Tx | undefined;

function run(k: KernelState, body: (tx: Tx) => void): KernelResult {
  if (batchTx) {
    // Inside applyAll: errors propagate to it as KErr; the state is produced once at the end.
    body(batchTx);
    batchTx.settleIpv6();
    return { ok: true, state: k, events: [] };
  }
  const tx = new Tx(k);
  try {
    body(tx);
  } catch (e) {
    if (e instanceof KErr) return { ok: false, error: e.error };
    throw e;
  }
  return { ok: true, state: tx.state(), events: tx.events };
}

function emptyStats() {
  return { rxPackets: 0, rxBytes: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txDropped: 0 };
}

function makeLoopback(tx: Tx, ns: NetnsId): void {
  const id = tx.newLinkId();
  tx.register({
    id,
    netns: ns,
    ifindex: tx.allocIfindex(ns),
    name: 'lo',
    kind: 'loopback',
    mtu: 65536,
    txqlen: 1000,
    mac: ZERO_MAC,
    up: false,
    addrs: [],
    stats: emptyStats(),
  });
}

function newNetnsRecord(id: NetnsId, inode: number, name?: string): Netns {
  return {
    id,
    ...(name !== undefined ? { name } : {}),
    inode,
    nextIfindex: 1,
    byIndex: {},
    byName: {},
    nsids: {},
    routes: [],
    neigh: [],
    sockets: [],
    ipv6Disabled: false,
    ipForward: false,
  };
}

/** A bare kernel: init_net with only `lo`, down — like a namespace fresh from `unshare --net`. */
export function createKernel(seed: number): KernelState {
  const k: KernelState = {
    netns: {},
    links: {},
    seq: { link: 1, netns: 1, inode: FIRST_NETNS_INODE },
    rng: seed >>> 0,
  };
  k.netns[INIT_NET] = newNetnsRecord(INIT_NET, INIT_NET_INODE);
  const tx = new Tx(k);
  makeLoopback(tx, INIT_NET);
  return tx.state();
}

/** The model id the next `addNetns` without an explicit id would get. */
export function nextNetnsId(k: KernelState, offset = 0): NetnsId {
  return `netns:${k.seq.netns + offset}`;
}

// ---------------------------------------------------------------- namespaces

/** `ip netns add NAME` (named) or a runtime's anonymous namespace: a new netns holding `lo`, down. */
export function addNetns(k: KernelState, a: { netns?: NetnsId; name?: string }): KernelResult {
  return run(k, (tx) => {
    const id = a.netns ?? `netns:${tx.seq.netns}`;
    if (tx.netns[id]) fail('EEXIST', 'netns');
    if (a.name !== undefined && Object.values(tx.netns).some((n) => n.name === a.name)) fail('EEXIST', 'name');
    const num = Number(id.split(':')[1]);
    tx.seq.netns = Math.max(tx.seq.netns, num + 1);
    tx.netns[id] = newNetnsRecord(id, tx.seq.inode++, a.name);
    makeLoopback(tx, id);
    tx.events.push({ type: 'newnetns', netns: id });
  });
}

/** Gives a namespace a name under /run/netns, or takes it away (`ip netns attach`, a symlinked runtime dir). */
export function setNetnsName(k: KernelState, a: { netns: NetnsId; name?: string }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    if (a.name !== undefined && Object.values(tx.netns).some((n) => n.name === a.name && n.id !== a.netns))
      fail('EEXIST', 'name');
    const n = tx.ns(a.netns);
    if (a.name === undefined) delete n.name;
    else n.name = a.name;
  });
}

/**
 * The last reference to a namespace goes: its links are destroyed (a veth takes its peer
 * along), a physical NIC returns to init_net, and other namespaces forget its netnsid.
 */
export function delNetns(k: KernelState, a: { netns: NetnsId }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    if (a.netns === INIT_NET) fail('EINVAL', 'init_net');
    for (const lid of Object.values(tx.netns[a.netns].byIndex)) {
      const l = tx.links[lid];
      if (!l || l.netns !== a.netns) continue;
      if (l.kind === 'ether') moveLink(tx, l.id, INIT_NET, undefined);
      else destroyLink(tx, l.id);
    }
    delete tx.netns[a.netns];
    for (const id of Object.keys(tx.netns)) {
      if (tx.netns[id].nsids[a.netns] !== undefined) delete tx.ns(id).nsids[a.netns];
    }
    tx.events.push({ type: 'delnetns', netns: a.netns });
  });
}

/** sysctl net.ipv6.conf.{all,IF}.disable_ipv6 and net.ipv4.ip_forward. */
export function setSysctl(
  k: KernelState,
  a: { netns: NetnsId; key: 'disable_ipv6' | 'ip_forward'; value: boolean; dev?: string },
): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    if (a.key === 'ip_forward') {
      tx.ns(a.netns).ipForward = a.value;
      return;
    }
    const targets =
      a.dev !== undefined
        ? [tx.findLink(a.netns, a.dev)]
        : Object.values(tx.netns[a.netns].byIndex).map((id) => tx.links[id]);
    if (a.dev === undefined) tx.ns(a.netns).ipv6Disabled = a.value;
    for (const t of targets) {
      const l = tx.link(t.id);
      if (a.dev !== undefined) l.ipv6Disabled = a.value;
      if (a.value) {
        l.addrs = l.addrs.filter((x) => x.family !== 6);
        const n = tx.ns(a.netns);
        n.routes = n.routes.filter((r) => !(r.family === 6 && r.dev === l.id));
      } else tx.touch(l.id);
    }
  });
}

// ---------------------------------------------------------------- links

export interface AddLinkArgs {
  netns: NetnsId;
  name: string;
  kind: Exclude<LinkKind, 'veth' | 'loopback'>;
  mac?: string;
  mtu?: number;
  txqlen?: number;
  /** Physical NICs: their qdisc when up (`mq`), and whether a cable is plugged in. */
  rootQdisc?: string;
  cable?: boolean;
}

/** `ip link add NAME type bridge`, or a physical NIC appearing at boot. */
export function addLink(k: KernelState, a: AddLinkArgs): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    if (tx.hasName(a.netns, a.name)) fail('EEXIST', a.name);
    if (a.mac !== undefined && isMulticastMac(a.mac)) fail('EADDRNOTAVAIL', 'mac');
    const id = tx.newLinkId();
    const mac = a.mac ?? tx.randomMac();
    tx.register({
      id,
      netns: a.netns,
      ifindex: tx.allocIfindex(a.netns),
      name: a.name,
      kind: a.kind,
      mtu: a.mtu ?? 1500,
      txqlen: a.txqlen ?? 1000,
      mac,
      up: false,
      addrs: [],
      stats: emptyStats(),
      ...(a.kind === 'bridge'
        ? {
            bridge: {
              carrierTracked: a.mac !== undefined,
              macSet: a.mac !== undefined,
              fdb: [],
              stp: false,
              portNo: {},
            },
          }
        : {}),
      ...(a.kind === 'ether' ? { rootQdisc: a.rootQdisc ?? 'fq_codel', cable: a.cable ?? true } : {}),
    });
    tx.events.push({ type: 'newlink', link: id, netns: a.netns });
  });
}

export interface AddVethArgs {
  netns: NetnsId;
  /** Omitted: the kernel names it `vethN`. */
  name?: string;
  peer?: string;
  /** Where the peer is born (`peer name X netns NS`); defaults to `netns`. */
  peerNetns?: NetnsId;
  mac?: string;
  peerMac?: string;
  txqlen?: number;
  peerTxqlen?: number;
  mtu?: number;
}

/**
 * `ip link add NAME type veth peer name PEER`. veth_newlink registers the peer first,
 * so the peer takes the lower ifindex when both ends are born in one namespace.
 */
export function addVethPair(k: KernelState, a: AddVethArgs): KernelResult {
  return run(k, (tx) => {
    const peerNs = a.peerNetns ?? a.netns;
    if (!tx.netns[a.netns] || !tx.netns[peerNs]) fail('ENOENT', 'netns');
    for (const m of [a.mac, a.peerMac]) if (m !== undefined && isMulticastMac(m)) fail('EADDRNOTAVAIL', 'mac');
    const peerName = a.peer ?? tx.patternName(peerNs, 'veth');
    if (tx.hasName(peerNs, peerName)) fail('EEXIST', peerName);
    const name = a.name ?? tx.patternName(a.netns, 'veth', peerNs === a.netns ? [peerName] : []);
    if (tx.hasName(a.netns, name) || (peerNs === a.netns && name === peerName)) fail('EEXIST', name);
    const peerId = tx.newLinkId();
    const id = tx.newLinkId();
    const base = () => ({ kind: 'veth' as const, mtu: a.mtu ?? 1500, up: false, addrs: [], stats: emptyStats() });
    tx.register({
      ...base(),
      id: peerId,
      netns: peerNs,
      ifindex: tx.allocIfindex(peerNs),
      name: peerName,
      txqlen: a.peerTxqlen ?? 1000,
      mac: a.peerMac ?? tx.randomMac(),
      peer: id,
    });
    tx.register({
      ...base(),
      id,
      netns: a.netns,
      ifindex: tx.allocIfindex(a.netns),
      name,
      txqlen: a.txqlen ?? 1000,
      mac: a.mac ?? tx.randomMac(),
      peer: peerId,
    });
    tx.ensureNsids(a.netns, peerNs);
    tx.events.push({ type: 'newlink', link: peerId, netns: peerNs }, { type: 'newlink', link: id, netns: a.netns });
  });
}

/** `ip link del NAME`: a veth takes its peer along; a bridge releases its ports. */
export function delLink(k: KernelState, a: { netns: NetnsId; name: string }): KernelResult {
  return run(k, (tx) => {
    const l = tx.findLink(a.netns, a.name);
    // Loopback and physical devices have no rtnl dellink.
    if (l.kind === 'loopback' || l.kind === 'ether') fail('EOPNOTSUPP');
    destroyLink(tx, l.id);
  });
}

function destroyLink(tx: Tx, id: LinkId): void {
  const l = tx.links[id];
  if (!l) return;
  const peer = l.peer;
  if (l.master) releasePort(tx, id);
  if (l.kind === 'bridge') for (const p of portsOf(tx.snapshot(), l)) releasePort(tx, p.id);
  dropRoutesVia(tx, l.netns, id);
  tx.unindex(l);
  delete tx.links[id];
  tx.dirty.delete(id);
  tx.events.push({ type: 'dellink', link: id, netns: l.netns, name: l.name });
  if (peer && tx.links[peer]) {
    const p = tx.link(peer);
    delete p.peer;
    destroyLink(tx, peer);
  }
}

function dropRoutesVia(tx: Tx, ns: NetnsId, dev: LinkId, onlyKernel = false): void {
  const n = tx.netns[ns];
  if (!n || !n.routes.some((r) => r.dev === dev)) return;
  const m = tx.ns(ns);
  m.routes = m.routes.filter((r) => r.dev !== dev || (onlyKernel && r.protocol !== 'kernel'));
  m.neigh = m.neigh.filter((x) => x.dev !== dev);
}

function releasePort(tx: Tx, portId: LinkId): void {
  const port = tx.link(portId);
  const brId = port.master!;
  delete port.master;
  tx.touch(portId);
  const br = tx.link(brId);
  const info = br.bridge!;
  delete info.portNo[portId];
  info.fdb = info.fdb.filter((e) => e.port !== portId);
  recalcBridgeMac(tx, brId);
  adjustBridgeMtu(tx, brId);
  tx.touch(brId);
}

/** br_mtu_auto_adjust(): unless set by hand, a bridge's MTU is its smallest port MTU. */
function adjustBridgeMtu(tx: Tx, brId: LinkId): void {
  const br = tx.links[brId];
  if (br.bridge!.mtuSet) return;
  const ports = portsOf(tx.snapshot(), br);
  const mtu = ports.length ? Math.min(...ports.map((p) => p.mtu)) : 1500;
  if (mtu !== br.mtu) tx.link(brId).mtu = mtu;
}

/** br_stp_recalculate_bridge_id(): unless set by hand, the bridge takes its lowest port MAC. */
function recalcBridgeMac(tx: Tx, brId: LinkId): void {
  const br = tx.links[brId];
  if (br.bridge!.macSet) return;
  const macs = portsOf(tx.snapshot(), br).map((p) => p.mac);
  const mac = macs.length ? macs.sort()[0] : ZERO_MAC;
  if (mac !== br.mac) tx.link(brId).mac = mac;
}

/** The lowest bridge port number not in use (br_find_next_port: from 1). */
function lowestFreePortNo(portNo: Record<LinkId, number>): number {
  const used = new Set(Object.values(portNo));
  let no = 1;
  while (used.has(no)) no++;
  return no;
}

/** The lowest netnsid a namespace has not assigned yet (from 0). */
function lowestFreeNsid(nsids: Record<NetnsId, number>): number {
  const used = new Set(Object.values(nsids));
  let id = 0;
  while (used.has(id)) id++;
  return id;
}

function enslave(tx: Tx, portId: LinkId, brId: LinkId): void {
  const port = tx.links[portId];
  const br = tx.links[brId];
  if (br.kind !== 'bridge') fail('EOPNOTSUPP', 'master');
  if (port.kind === 'bridge') fail('ELOOP', 'Can not enslave a bridge to a bridge');
  if (port.kind === 'loopback') fail('EINVAL');
  if (port.id === brId) fail('ELOOP');
  if (port.master === brId) return;
  if (port.master) releasePort(tx, portId);
  const b = tx.link(brId);
  const info = b.bridge!;
  const hadPorts = recordSize(info.portNo) > 0;
  const no = memoOf(info.portNo, lowestFreePortNo);
  info.portNo[portId] = no;
  // Port numbers 1..no all taken and no others: the next free one is no + 1 (no rescan).
  if (recordSize(info.portNo) === no) seedMemo(info.portNo, lowestFreePortNo, no + 1);
  info.carrierTracked = true;
  const p = tx.link(portId);
  p.master = brId;
  if (hadPorts) {
    // The bridge already holds the lowest MAC and MTU of its ports (every port change recomputes
    // them), so one more port can only lower them: no walk over all the ports.
    if (!info.macSet && p.mac < b.mac) b.mac = p.mac;
    if (!info.mtuSet && p.mtu < b.mtu) b.mtu = p.mtu;
  } else {
    recalcBridgeMac(tx, brId);
    adjustBridgeMtu(tx, brId);
  }
  tx.touch(portId);
  tx.touch(brId);
}

function setDown(tx: Tx, id: LinkId): void {
  const l = tx.link(id);
  if (!l.up) return;
  l.up = false;
  // addrconf_ifdown(): IPv6 addresses go with the link; IPv4 ones stay but lose their routes.
  l.addrs = l.addrs.filter((x) => x.family !== 6);
  dropRoutesVia(tx, l.netns, id);
  tx.touch(id);
  tx.events.push({ type: 'setlink', link: id });
}

function setUp(tx: Tx, id: LinkId): void {
  const l = tx.link(id);
  if (l.up) return;
  l.up = true;
  l.qdiscAttached = true;
  // inetdev_event(NETDEV_UP): loopback always gets 127.0.0.1/8 when it comes up.
  if (l.kind === 'loopback' && !l.addrs.some((a) => a.family === 4 && a.local === '127.0.0.1' && a.prefixlen === 8)) {
    l.addrs.unshift({ family: 4, local: '127.0.0.1', prefixlen: 8, scope: 'host', label: l.name });
  }
  for (const a of l.addrs) if (a.family === 4 && !a.secondary) addPrefixRoute(tx, l, a);
  for (const a of l.addrs)
    if (a.family === 6 && !a.kernel && l.kind !== 'loopback')
      tx.addIpv6PrefixRoute(l.netns, l.id, `${ipv6Network(a.local, a.prefixlen)}/${a.prefixlen}`);
  tx.touch(id);
  tx.events.push({ type: 'setlink', link: id });
}

function addPrefixRoute(tx: Tx, l: Link, a: Addr): void {
  // fib_add_ifaddr(): a loopback prefix goes to the local table, which `ip route` does not show.
  if (a.prefixlen === 32 || l.kind === 'loopback') return;
  const dst = `${networkOf(a.local, a.prefixlen)}/${a.prefixlen}`;
  const n = tx.ns(l.netns);
  if (n.routes.some((r) => r.family === 4 && r.dst === dst && r.dev === l.id && r.protocol === 'kernel')) return;
  n.routes.push({ family: 4, dst, dev: l.id, protocol: 'kernel', scope: 'link', prefsrc: a.local });
  tx.events.push({ type: 'newroute', netns: l.netns, dst });
}

/**
 * dev_change_net_namespace(): the link goes down, loses its addresses, routes and bridge,
 * keeps its ifindex unless that index is taken in the target, and may be renamed on the way.
 */
function moveLink(tx: Tx, id: LinkId, to: NetnsId, newName: string | undefined): void {
  const l = tx.links[id];
  if (l.kind === 'loopback' || l.kind === 'bridge') fail('EINVAL', 'The interface netns is immutable');
  const name = newName ?? l.name;
  if (tx.hasName(to, name) && !(to === l.netns && name === l.name)) fail('EEXIST', name);
  if (to === l.netns) {
    if (newName !== undefined) {
      tx.unindex(l);
      tx.link(id).name = newName;
      tx.reindex(tx.links[id]);
    }
    return;
  }
  setDown(tx, id);
  if (l.master) releasePort(tx, id);
  dropRoutesVia(tx, l.netns, id);
  const from = l.netns;
  tx.unindex(tx.links[id]);
  const m = tx.link(id);
  m.addrs = [];
  m.netns = to;
  m.name = name;
  delete m.qdiscAttached;
  tx.events.push({ type: 'dellink', link: id, netns: from, name: l.name });
  if (tx.hasIndex(to, m.ifindex)) m.ifindex = tx.allocIfindex(to);
  tx.reindex(m);
  if (m.peer) tx.ensureNsids(to, tx.links[m.peer].netns);
  tx.touch(id);
  tx.events.push({ type: 'newlink', link: id, netns: to });
}

export interface SetLinkArgs {
  netns: NetnsId;
  name: string;
  up?: boolean;
  mtu?: number;
  mac?: string;
  rename?: string;
  /** A bridge name in the same namespace, or null for `nomaster`. */
  master?: string | null;
  txqlen?: number;
  /** Move to another namespace (`netns NS`); `rename` then names it there. */
  toNetns?: NetnsId;
}

/** `ip link set NAME …`, in the order do_setlink applies the attributes. */
export function setLink(k: KernelState, a: SetLinkArgs): KernelResult {
  return run(k, (tx) => {
    let l = tx.findLink(a.netns, a.name);
    const id = l.id;
    if (a.toNetns !== undefined) {
      if (!tx.netns[a.toNetns]) fail('ENOENT', 'netns');
      moveLink(tx, id, a.toNetns, a.rename);
      l = tx.links[id];
    }
    if (a.mac !== undefined) {
      if (isMulticastMac(a.mac)) fail('EADDRNOTAVAIL', 'mac');
      if (l.kind === 'loopback') fail('EOPNOTSUPP');
      const m = tx.link(id);
      m.mac = a.mac;
      if (m.kind === 'bridge') {
        m.bridge!.macSet = true;
        m.bridge!.carrierTracked = true;
        tx.touch(id);
      }
      if (m.master) recalcBridgeMac(tx, m.master);
    }
    if (a.mtu !== undefined) {
      const [min, max] = l.kind === 'loopback' ? [0, 2147483647] : [68, 65535];
      if (a.mtu < min) fail('EINVAL', 'mtu less than device minimum');
      if (a.mtu > max) fail('EINVAL', 'mtu greater than device maximum');
      const m = tx.link(id);
      m.mtu = a.mtu;
      if (m.bridge) m.bridge.mtuSet = true;
      if (m.master) adjustBridgeMtu(tx, m.master);
    }
    if (a.rename !== undefined && a.toNetns === undefined && a.rename !== l.name) {
      // dev_change_name(): since Linux 6.2 a running device can be renamed too (seen on 6.18).
      if (tx.hasName(l.netns, a.rename)) fail('EEXIST', a.rename);
      tx.unindex(l);
      tx.link(id).name = a.rename;
      tx.reindex(tx.links[id]);
      tx.events.push({ type: 'setlink', link: id });
    }
    if (a.up === true) setUp(tx, id);
    if (a.up === false) setDown(tx, id);
    if (a.master !== undefined) {
      if (a.master === null) {
        if (tx.links[id].master) releasePort(tx, id);
      } else {
        const br = tx.findLink(tx.links[id].netns, a.master);
        enslave(tx, id, br.id);
      }
    }
    if (a.txqlen !== undefined) tx.link(id).txqlen = a.txqlen;
  });
}

// ---------------------------------------------------------------- addresses

export interface AddAddrArgs {
  netns: NetnsId;
  dev: string;
  family: 4 | 6;
  local: string;
  prefixlen: number;
  /** An explicit broadcast, or `+` to derive it from the prefix. */
  broadcast?: string;
  scope?: Addr['scope'];
  label?: string;
}

/** `ip addr add ADDR/LEN dev NAME`: primary or secondary, with its prefix route when the link is up. */
export function addAddr(k: KernelState, a: AddAddrArgs): KernelResult {
  return run(k, (tx) => {
    const l = tx.findLink(a.netns, a.dev);
    if (a.family === 6) {
      if (tx.netns[a.netns].ipv6Disabled || l.ipv6Disabled) fail('EACCES');
      if (l.addrs.some((x) => x.family === 6 && x.local === a.local)) fail('EEXIST');
      const m = tx.link(l.id);
      // A user's IPv6 address goes before the kernel's link-local (newest first in the list).
      m.addrs.splice(m.addrs.filter((x) => x.family === 4).length, 0, {
        family: 6,
        local: a.local,
        prefixlen: a.prefixlen,
        scope: a.scope ?? 'global',
      });
      if (m.up && m.kind !== 'loopback' && a.prefixlen < 128)
        tx.addIpv6PrefixRoute(m.netns, m.id, `${ipv6Network(a.local, a.prefixlen)}/${a.prefixlen}`);
      tx.events.push({ type: 'newaddr', link: l.id, addr: `${a.local}/${a.prefixlen}` });
      return;
    }
    let secondary = false;
    let lastPrimary = -1;
    const scope = a.scope ?? (a.local.startsWith('127.') ? 'host' : 'global');
    // Scope numbers as the kernel orders them: host 254, link 253, universe 0.
    const rank = (s: Addr['scope']) => (s === 'host' ? 254 : s === 'link' ? 253 : 0);
    l.addrs.forEach((x, i) => {
      if (x.family !== 4) return;
      if (!x.secondary && rank(scope) <= rank(x.scope)) lastPrimary = i;
      if (x.prefixlen === a.prefixlen && inSubnet(a.local, x.local, x.prefixlen)) {
        if (x.local === a.local) fail('EEXIST', 'ipv4: Address already assigned');
        if (x.scope !== scope) fail('EINVAL');
        secondary = true;
      }
    });
    const addr: Addr = {
      family: 4,
      local: a.local,
      prefixlen: a.prefixlen,
      ...(a.broadcast !== undefined
        ? { broadcast: a.broadcast === '+' ? broadcastOf(a.local, a.prefixlen) : a.broadcast }
        : {}),
      scope,
      label: a.label ?? l.name,
      ...(secondary ? { secondary: true } : {}),
    };
    const m = tx.link(l.id);
    // __inet_insert_ifa(): a primary goes after the last primary, a secondary at the end.
    const v4count = m.addrs.filter((x) => x.family === 4).length;
    if (secondary || lastPrimary === v4count - 1) m.addrs.splice(v4count, 0, addr);
    else m.addrs.splice(lastPrimary + 1, 0, addr);
    m.addrs.sort((x, y) => x.family - y.family);
    if (m.up && !secondary) addPrefixRoute(tx, m, addr);
    tx.events.push({ type: 'newaddr', link: l.id, addr: `${a.local}/${a.prefixlen}` });
  });
}

/** `ip addr del`: a primary takes its secondaries and its prefix route along. */
export function delAddr(
  k: KernelState,
  a: { netns: NetnsId; dev: string; family: 4 | 6; local: string; prefixlen?: number },
): KernelResult {
  return run(k, (tx) => {
    const l = tx.findLink(a.netns, a.dev);
    const i = l.addrs.findIndex(
      (x) => x.family === a.family && x.local === a.local && (a.prefixlen === undefined || x.prefixlen === a.prefixlen),
    );
    if (i < 0) fail('EADDRNOTAVAIL', a.family === 4 ? 'ipv4: Address not found' : undefined);
    const m = tx.link(l.id);
    const gone = m.addrs[i];
    m.addrs.splice(i, 1);
    if (gone.family === 4 && !gone.secondary) {
      m.addrs = m.addrs.filter(
        (x) =>
          !(
            x.family === 4 &&
            x.secondary &&
            x.prefixlen === gone.prefixlen &&
            inSubnet(x.local, gone.local, gone.prefixlen)
          ),
      );
      const dst = `${networkOf(gone.local, gone.prefixlen)}/${gone.prefixlen}`;
      const n = tx.ns(l.netns);
      n.routes = n.routes.filter(
        (r) => !(r.dev === l.id && r.protocol === 'kernel' && r.dst === dst && r.prefsrc === gone.local),
      );
      // Routes through a gateway that is no longer on a connected network die with it (fib_sync_down_addr).
      n.routes = n.routes.filter((r) => !r.gateway || gatewayReachable(tx.snapshot(), l.netns, r.gateway, r.dev));
    }
    tx.events.push({ type: 'deladdr', link: l.id, addr: `${gone.local}/${gone.prefixlen}` });
  });
}

/** `ip addr flush dev NAME`: every address of a family (both when omitted). */
export function flushAddr(k: KernelState, a: { netns: NetnsId; dev: string; family?: 4 | 6 }): KernelResult {
  return run(k, (tx) => {
    const l = tx.findLink(a.netns, a.dev);
    const m = tx.link(l.id);
    m.addrs = m.addrs.filter((x) => a.family !== undefined && x.family !== a.family);
    if (a.family !== 6) dropRoutesVia(tx, l.netns, l.id);
  });
}

// ---------------------------------------------------------------- routes

function gatewayReachable(k: KernelState, ns: NetnsId, gw: string, dev?: LinkId): boolean {
  return k.netns[ns].routes.some(
    (r) =>
      r.family === 4 &&
      r.scope === 'link' &&
      r.dst !== 'default' &&
      (!dev || r.dev === dev) &&
      inSubnet(gw, r.dst.split('/')[0], Number(r.dst.split('/')[1])),
  );
}

export interface AddRouteArgs {
  netns: NetnsId;
  /** `default` or CIDR; a bare address means /32. */
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: RouteProto;
  metric?: number;
  scope?: RouteScope;
  prefsrc?: string;
}

function normDst(dst: string): string {
  if (dst === 'default' || dst === '0.0.0.0/0') return 'default';
  const [ip, len = '32'] = dst.split('/');
  return `${networkOf(ip, Number(len))}/${len}`;
}

/** `ip route add`: a gateway must sit on a connected network of an up link. */
export function addRoute(k: KernelState, a: AddRouteArgs): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const dst = normDst(a.dst);
    let dev: Link | undefined = a.dev !== undefined ? tx.findLink(a.netns, a.dev) : undefined;
    if (dev && !dev.up) fail('ENETDOWN', 'Device for nexthop is not up');
    if (a.gateway !== undefined) {
      const k2 = tx.snapshot();
      const via = k2.netns[a.netns].routes.find(
        (r) =>
          r.family === 4 &&
          r.scope === 'link' &&
          r.dst !== 'default' &&
          (!dev || r.dev === dev.id) &&
          inSubnet(a.gateway!, r.dst.split('/')[0], Number(r.dst.split('/')[1])),
      );
      if (!via) fail('ENETUNREACH', 'Nexthop has invalid gateway');
      dev = tx.links[via.dev];
    }
    if (!dev) fail('EINVAL', 'dev');
    const metric = a.metric ?? 0;
    const n = tx.ns(a.netns);
    if (n.routes.some((r) => r.family === 4 && r.dst === dst && (r.metric ?? 0) === metric)) fail('EEXIST');
    const route: Route = {
      family: 4,
      dst,
      ...(a.gateway !== undefined ? { gateway: a.gateway } : {}),
      dev: dev.id,
      protocol: a.protocol ?? 'boot',
      scope: a.scope ?? (a.gateway !== undefined ? 'global' : 'link'),
      ...(a.prefsrc !== undefined ? { prefsrc: a.prefsrc } : {}),
      ...(a.metric !== undefined ? { metric: a.metric } : {}),
    };
    n.routes.push(route);
    tx.events.push({ type: 'newroute', netns: a.netns, dst });
  });
}

/** `ip route del`: the first route matching what was given. */
export function delRoute(
  k: KernelState,
  a: { netns: NetnsId; dst: string; gateway?: string; dev?: string; metric?: number },
): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const dst = normDst(a.dst);
    const dev = a.dev !== undefined ? tx.findLink(a.netns, a.dev) : undefined;
    const routes = tx.netns[a.netns].routes;
    const i = routes.findIndex(
      (r) =>
        r.family === 4 &&
        r.dst === dst &&
        (!a.gateway || r.gateway === a.gateway) &&
        (!dev || r.dev === dev.id) &&
        (a.metric === undefined || (r.metric ?? 0) === a.metric),
    );
    if (i < 0) fail('ESRCH');
    tx.ns(a.netns).routes.splice(i, 1);
    tx.events.push({ type: 'delroute', netns: a.netns, dst });
  });
}

// ---------------------------------------------------------------- sockets

export interface BindArgs {
  netns: NetnsId;
  proto: 'tcp' | 'udp';
  /** `0.0.0.0` for every address. */
  addr: string;
  port: number;
  process: string;
  pid: number;
  /** IPv6 only: IPV6_V6ONLY (default off, as net.ipv6.bindv6only=0). */
  v6only?: boolean;
}

const MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** The IPv4 addresses a socket takes: its own, or, for a dual-stack IPv6 one, the mapped view. */
function v4View(s: { addr: string; v6only?: boolean }): string | undefined {
  if (!s.addr.includes(':')) return s.addr;
  if (s.v6only) return undefined;
  if (s.addr === '::') return '0.0.0.0';
  return MAPPED.exec(s.addr)?.[1];
}

/** The IPv6 addresses a socket takes (none for an IPv4 socket or a mapped address). */
function v6View(s: { addr: string }): string | undefined {
  return s.addr.includes(':') && !MAPPED.test(s.addr) ? s.addr : undefined;
}

function overlap(a: string | undefined, b: string | undefined, any: string): boolean {
  return a !== undefined && b !== undefined && (a === b || a === any || b === any);
}

/**
 * bind() + listen(): a port can be bound once per namespace and protocol, unless both
 * sockets name different specific addresses (inet_csk_bind_conflict without SO_REUSEPORT).
 * IPv4 and IPv6 share the port space through dual-stack sockets: `[::]` without v6only takes
 * every IPv4 address too, so it clashes with any IPv4 bind of the port (checked on the real
 * kernel with Python sockets in a throwaway namespace).
 */
export function bindSocket(k: KernelState, a: BindArgs): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    if (a.port < 1 || a.port > 65535) fail('EINVAL', 'port');
    const n = tx.netns[a.netns];
    const v6 = a.addr.includes(':');
    // inet6_bind: a specific, non-mapped IPv6 address makes the socket IPv6-only.
    const v6only = v6 && (a.v6only === true || (a.addr !== '::' && !MAPPED.test(a.addr)));
    const mine = { addr: a.addr, v6only };
    const clash = n.sockets.some(
      (s) =>
        s.proto === a.proto &&
        s.port === a.port &&
        (overlap(v4View(s), v4View(mine), '0.0.0.0') || overlap(v6View(s), v6View(mine), '::')),
    );
    if (clash) fail('EADDRINUSE');
    const local = v4View(mine) ?? a.addr;
    if (
      local !== '0.0.0.0' &&
      local !== '::' &&
      !Object.values(tx.netns[a.netns].byIndex).some((id) => tx.links[id].addrs.some((x) => x.local === local))
    )
      fail('EADDRNOTAVAIL');
    tx.ns(a.netns).sockets.push({
      proto: a.proto,
      addr: a.addr,
      port: a.port,
      process: a.process,
      pid: a.pid,
      ...(v6only ? { v6only } : {}),
    });
  });
}

/** A process exits: every socket it held closes. */
export function closeSockets(k: KernelState, a: { netns: NetnsId; pid: number }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const n = tx.ns(a.netns);
    n.sockets = n.sockets.filter((s) => s.pid !== a.pid);
  });
}

// ---------------------------------------------------------------- netfilter (NAT)

/** `iptables -t nat -A POSTROUTING -s SOURCE ! -o NOTOUT -j MASQUERADE`. */
export function addMasquerade(k: KernelState, a: { netns: NetnsId; source: string; notOut: string }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const n = tx.ns(a.netns);
    n.nat = [...(n.nat ?? []), { source: a.source, notOut: a.notOut }];
  });
}

/** `iptables -t nat -D POSTROUTING …` of a MASQUERADE rule; ENOENT when there is none. */
export function delMasquerade(k: KernelState, a: { netns: NetnsId; source: string; notOut: string }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const rules = tx.netns[a.netns].nat ?? [];
    const i = rules.findIndex((r) => r.source === a.source && r.notOut === a.notOut);
    if (i < 0) fail('ENOENT', 'rule');
    tx.ns(a.netns).nat = rules.filter((_, j) => j !== i);
  });
}

// ---------------------------------------------------------------- netfilter (filter)

function sameRule(a: FilterRule, b: FilterRule): boolean {
  return JSON.stringify(canonRule(a)) === JSON.stringify(canonRule(b));
}

function canonRule(r: FilterRule): FilterRule {
  const m = (x?: RuleMatch) => x && { value: x.value, ...(x.not ? { not: true } : {}) };
  return {
    chain: r.chain,
    ...(r.src ? { src: m(r.src) } : {}),
    ...(r.dst ? { dst: m(r.dst) } : {}),
    ...(r.in ? { in: m(r.in) } : {}),
    ...(r.out ? { out: m(r.out) } : {}),
    ...(r.proto ? { proto: m(r.proto) } : {}),
    ...(r.srcType ? { srcType: m(r.srcType) } : {}),
    ...(r.dstType ? { dstType: m(r.dstType) } : {}),
    ...(r.sport ? { sport: m(r.sport) } : {}),
    ...(r.dport ? { dport: m(r.dport) } : {}),
    ...(r.established ? { established: true } : {}),
    ...(r.ctstate ? { ctstate: m(r.ctstate) } : {}),
    ...(r.conntrackFirst && (r.established || r.ctstate) && (r.sport || r.dport) ? { conntrackFirst: true } : {}),
    target: r.target,
    ...(r.toDestination ? { toDestination: r.toDestination } : {}),
  };
}

/** Where a table's rules live on the namespace (the filter table keeps its historical field). */
function tableField(table: IptTable | undefined): 'filter' | 'natRules' | 'rawRules' {
  return table === 'nat' ? 'natRules' : table === 'raw' ? 'rawRules' : 'filter';
}

/**
 * `iptables [-t TABLE] -A CHAIN …`; with insert, `-I CHAIN [at]` (before the chain's first rule,
 * or its rule number `at`, 1-based, as -I takes it).
 */
export function addFilterRule(
  k: KernelState,
  a: { netns: NetnsId; rule: FilterRule; insert?: boolean; at?: number; table?: IptTable },
): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const field = tableField(a.table);
    const rules = tx.netns[a.netns][field] ?? [];
    const rule = canonRule(a.rule);
    const inChain = rules.map((r, i) => (r.chain === rule.chain ? i : -1)).filter((i) => i >= 0);
    let at = rules.length;
    if (a.insert || a.at !== undefined) {
      const n = a.at ?? 1;
      if (n < 1 || n > inChain.length + 1) fail('ERANGE', 'index');
      // Before the chain's n-th rule; past its last rule means right after it.
      at = n <= inChain.length ? inChain[n - 1]! : inChain.length ? inChain[inChain.length - 1]! + 1 : rules.length;
    }
    tx.ns(a.netns)[field] = [...rules.slice(0, at), rule, ...rules.slice(at)];
  });
}

/** `iptables [-t TABLE] -D CHAIN …` (the first equal rule) or `-D CHAIN NUM`; ENOENT when there is none. */
export function delFilterRule(
  k: KernelState,
  a: { netns: NetnsId; rule: FilterRule; table?: IptTable; num?: number },
): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const field = tableField(a.table);
    const rules = tx.netns[a.netns][field] ?? [];
    const i =
      a.num !== undefined
        ? (rules.map((r, j) => (r.chain === a.rule.chain ? j : -1)).filter((j) => j >= 0)[a.num - 1] ?? -1)
        : rules.findIndex((r) => sameRule(r, a.rule));
    if (i < 0) fail('ENOENT', 'rule');
    tx.ns(a.netns)[field] = rules.filter((_, j) => j !== i);
  });
}

/** `iptables [-t TABLE] -N CHAIN`; EEXIST when the chain is there already. */
export function addChain(k: KernelState, a: { netns: NetnsId; table: IptTable; chain: string }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const chains = tx.netns[a.netns].chains ?? {};
    const list = chains[a.table] ?? [];
    if (list.includes(a.chain)) fail('EEXIST', 'chain');
    tx.ns(a.netns).chains = { ...chains, [a.table]: [...list, a.chain] };
  });
}

/** `iptables [-t TABLE] -X CHAIN`: EBUSY while it has rules or a rule jumps to it. */
export function delChain(k: KernelState, a: { netns: NetnsId; table: IptTable; chain: string }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const n = tx.netns[a.netns];
    const chains = n.chains ?? {};
    const list = chains[a.table] ?? [];
    if (!list.includes(a.chain)) fail('ENOENT', 'chain');
    const rules = n[tableField(a.table)] ?? [];
    if (rules.some((r) => r.chain === a.chain)) fail('ENOTEMPTY', 'chain');
    if (rules.some((r) => r.target === a.chain)) fail('EBUSY', 'chain');
    tx.ns(a.netns).chains = { ...chains, [a.table]: list.filter((c) => c !== a.chain) };
  });
}

/** `iptables [-t TABLE] -P CHAIN POLICY` for a built-in chain. */
export function setPolicy(
  k: KernelState,
  a: { netns: NetnsId; table: IptTable; chain: string; policy: 'ACCEPT' | 'DROP' },
): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const policies = { ...(tx.netns[a.netns].policies ?? {}) };
    const key = `${a.table}:${a.chain}`;
    if (a.policy === 'ACCEPT') delete policies[key];
    else policies[key] = a.policy;
    tx.ns(a.netns).policies = policies;
  });
}

/** `iptables [-t TABLE] -F [CHAIN]`: the chain's rules (or the whole table's) go. */
export function flushChain(k: KernelState, a: { netns: NetnsId; table: IptTable; chain?: string }): KernelResult {
  return run(k, (tx) => {
    if (!tx.netns[a.netns]) fail('ENOENT', 'netns');
    const field = tableField(a.table);
    const rules = tx.netns[a.netns][field] ?? [];
    tx.ns(a.netns)[field] = a.chain === undefined ? [] : rules.filter((r) => r.chain !== a.chain);
    // The nat table's MASQUERADE list is part of POSTROUTING.
    if (a.table === 'nat' && (a.chain === undefined || a.chain === 'POSTROUTING')) tx.ns(a.netns).nat = [];
  });
}

// ---------------------------------------------------------------- op lists

/** One kernel operation as data: what Docker plans, the step player replays and export prints. */
export type KernelOp =
  | ({ op: 'addNetns' } & Parameters<typeof addNetns>[1])
  | ({ op: 'delNetns' } & Parameters<typeof delNetns>[1])
  | ({ op: 'setNetnsName' } & Parameters<typeof setNetnsName>[1])
  | ({ op: 'setSysctl' } & Parameters<typeof setSysctl>[1])
  | ({ op: 'addLink' } & AddLinkArgs)
  | ({ op: 'addVethPair' } & AddVethArgs)
  | ({ op: 'delLink' } & Parameters<typeof delLink>[1])
  | ({ op: 'setLink' } & SetLinkArgs)
  | ({ op: 'addAddr' } & AddAddrArgs)
  | ({ op: 'delAddr' } & Parameters<typeof delAddr>[1])
  | ({ op: 'flushAddr' } & Parameters<typeof flushAddr>[1])
  | ({ op: 'addRoute' } & AddRouteArgs)
  | ({ op: 'delRoute' } & Parameters<typeof delRoute>[1])
  | ({ op: 'bindSocket' } & BindArgs)
  | ({ op: 'closeSockets' } & Parameters<typeof closeSockets>[1])
  | ({ op: 'addMasquerade' } & Parameters<typeof addMasquerade>[1])
  | ({ op: 'delMasquerade' } & Parameters<typeof delMasquerade>[1])
  | ({ op: 'addFilterRule' } & Parameters<typeof addFilterRule>[1])
  | ({ op: 'delFilterRule' } & Parameters<typeof delFilterRule>[1])
  | ({ op: 'addChain' } & Parameters<typeof addChain>[1])
  | ({ op: 'delChain' } & Parameters<typeof delChain>[1])
  | ({ op: 'setPolicy' } & Parameters<typeof setPolicy>[1])
  | ({ op: 'flushChain' } & Parameters<typeof flushChain>[1]);

/** Applies one operation. */
export function apply(k: KernelState, op: KernelOp): KernelResult {
  switch (op.op) {
    case 'addNetns':
      return addNetns(k, op);
    case 'delNetns':
      return delNetns(k, op);
    case 'setNetnsName':
      return setNetnsName(k, op);
    case 'setSysctl':
      return setSysctl(k, op);
    case 'addLink':
      return addLink(k, op);
    case 'addVethPair':
      return addVethPair(k, op);
    case 'delLink':
      return delLink(k, op);
    case 'setLink':
      return setLink(k, op);
    case 'addAddr':
      return addAddr(k, op);
    case 'delAddr':
      return delAddr(k, op);
    case 'flushAddr':
      return flushAddr(k, op);
    case 'addRoute':
      return addRoute(k, op);
    case 'delRoute':
      return delRoute(k, op);
    case 'bindSocket':
      return bindSocket(k, op);
    case 'closeSockets':
      return closeSockets(k, op);
    case 'addMasquerade':
      return addMasquerade(k, op);
    case 'delMasquerade':
      return delMasquerade(k, op);
    case 'addFilterRule':
      return addFilterRule(k, op);
    case 'delFilterRule':
      return delFilterRule(k, op);
    case 'addChain':
      return addChain(k, op);
    case 'delChain':
      return delChain(k, op);
    case 'setPolicy':
      return setPolicy(k, op);
    case 'flushChain':
      return flushChain(k, op);
  }
}

/** Folds a list of operations in one transaction; stops at the first failure and says which step failed. */
export function applyAll(
  k: KernelState,
  ops: readonly KernelOp[],
):
  | { ok: true; state: KernelState; events: KernelEvent[] }
  | { ok: false; error: KernelError; step: number; state: KernelState } {
  if (batchTx) throw new Error('applyAll does not nest');
  const tx = new Tx(k);
  let i = 0;
  batchTx = tx;
  try {
    for (; i < ops.length; i++) apply(k, ops[i]);
  } catch (e) {
    batchTx = undefined;
    if (!(e instanceof KErr)) throw e;
    // The failed op may have written half of its change: redo the steps before it, cleanly.
    const before = applyAll(k, ops.slice(0, i));
    return { ok: false, error: e.error, step: i, state: before.ok ? before.state : k };
  } finally {
    batchTx = undefined;
  }
  return { ok: true, state: tx.state(), events: tx.events };
}
