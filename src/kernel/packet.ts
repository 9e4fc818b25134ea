// kernel/packet.ts — one IPv4 packet's walk through the model: route lookup, ARP and the
// neighbour table, veth to its peer, the bridge (learn, forward, flood), loopback, forwarding
// between namespaces, the filter table's FORWARD chains (Docker's isolation rules), MASQUERADE
// on the way out of the host and a small outside world.
// Pure: returns the next state (counters, neighbours, FDB) and a hop-by-hop trace; never throws.
import { inSubnet, parseIPv4 } from './addr';
import { hasCarrier, INIT_NET, linksOf, routesOf } from './query';
import { nextU32 } from './rng';
import type { FilterRule, IptTable, KernelState, Link, LinkId, Neigh, NetnsId, Route, RuleMatch } from './types';

/** A hop of the trace: where the packet was and what happened there. */
export interface Hop {
  netns: NetnsId | 'outside';
  link?: LinkId;
  kind: 'route' | 'arp' | 'tx' | 'rx' | 'bridge' | 'nat' | 'forward' | 'deliver' | 'drop' | 'loopback' | 'outside';
  text: string;
}

export type WalkOutcome =
  /** Reached a local address of `netns` (or a host of the outside world). */
  | {
      kind: 'delivered';
      netns: NetnsId | 'outside';
      ttl: number;
      outside?: OutsideHost;
      /** Where it was delivered after a DNAT on the way (the address and port the server sees). */
      dnat?: DnatRecord;
    }
  /** No route: the sender's connect() fails with ENETUNREACH before anything is sent. */
  | { kind: 'no-route' }
  /** ARP got no answer: ping reports "Destination Host Unreachable" from the sender's address. */
  | { kind: 'host-unreachable'; from: string }
  /** Lost on the way (a link down, nobody there, a rule that drops). */
  | { kind: 'lost'; why: string };

export interface WalkResult {
  state: KernelState;
  outcome: WalkOutcome;
  trace: Hop[];
  /** The source address the sender used (route's preferred source). */
  src?: string;
  /** Simulated one-way latency in microseconds. */
  micros: number;
}

/** A host of the simulated world beyond the host's NIC. */
export interface OutsideHost {
  ip: string;
  name?: string;
  /** The TTL its replies have when they reach the host (64 minus the hops on the way). */
  replyTtl: number;
  /** Round-trip time from the host, microseconds. */
  rttMicros: number;
}

/** The simulated Internet: a gateway on the host's LAN and a few well-known servers. */
export const OUTSIDE_HOSTS: OutsideHost[] = [
  { ip: '8.8.8.8', name: 'dns.google', replyTtl: 117, rttMicros: 1230 },
  { ip: '8.8.4.4', name: 'dns.google', replyTtl: 117, rttMicros: 1310 },
  { ip: '1.1.1.1', name: 'one.one.one.one', replyTtl: 57, rttMicros: 1450 },
  { ip: '93.184.215.14', name: 'example.com', replyTtl: 52, rttMicros: 7900 },
  { ip: '140.82.112.3', name: 'github.com', replyTtl: 49, rttMicros: 11200 },
];

/** Bytes on the wire for an ICMP echo of `payload` bytes: Ethernet 14 + IP 20 + ICMP 8. */
export function frameBytes(payload: number): number {
  return payload + 42;
}
const ARP_FRAME = 42;

interface Ctx {
  k: KernelState;
  trace: Hop[];
  micros: number;
  rng: number;
  ownLinks: Set<LinkId>;
  ownNs: Set<NetnsId>;
}

function mutLink(c: Ctx, id: LinkId): Link {
  if (!c.ownLinks.has(id)) {
    if (c.ownLinks.size === 0 && c.ownNs.size === 0) c.k = { ...c.k, links: { ...c.k.links }, netns: { ...c.k.netns } };
    else if (c.ownLinks.size === 0) c.k = { ...c.k, links: { ...c.k.links } };
    const l = c.k.links[id];
    c.k.links[id] = { ...l, stats: { ...l.stats }, bridge: l.bridge && { ...l.bridge, fdb: [...l.bridge.fdb] } };
    c.ownLinks.add(id);
  }
  return c.k.links[id];
}

function mutNeigh(c: Ctx, ns: NetnsId): Neigh[] {
  if (!c.ownNs.has(ns)) {
    if (c.ownLinks.size === 0 && c.ownNs.size === 0) c.k = { ...c.k, links: { ...c.k.links }, netns: { ...c.k.netns } };
    else if (c.ownNs.size === 0) c.k = { ...c.k, netns: { ...c.k.netns } };
    c.k.netns[ns] = { ...c.k.netns[ns], neigh: [...c.k.netns[ns].neigh] };
    c.ownNs.add(ns);
  }
  return c.k.netns[ns].neigh;
}

function hop(c: Ctx, h: Hop): void {
  c.trace.push(h);
}

function count(c: Ctx, id: LinkId, dir: 'tx' | 'rx', bytes: number): void {
  const s = mutLink(c, id).stats;
  if (dir === 'tx') {
    s.txPackets++;
    s.txBytes += bytes;
  } else {
    s.rxPackets++;
    s.rxBytes += bytes;
  }
}

function jitter(c: Ctx, base: number): number {
  const [v, next] = nextU32(c.rng);
  c.rng = next;
  return base + (v % Math.max(1, Math.floor(base / 2)));
}

/** Every IPv4 address of a namespace, with its link. */
function localAddrs(k: KernelState, ns: NetnsId): { ip: string; link: Link; prefixlen: number }[] {
  const out: { ip: string; link: Link; prefixlen: number }[] = [];
  for (const l of linksOf(k, ns))
    for (const a of l.addrs) if (a.family === 4) out.push({ ip: a.local, link: l, prefixlen: a.prefixlen });
  return out;
}

/** Is `ip` one of this namespace's own addresses (the local table)? */
export function isLocal(k: KernelState, ns: NetnsId, ip: string): boolean {
  if (ip.startsWith('127.'))
    return linksOf(k, ns).some((l) => l.kind === 'loopback' && l.up && l.addrs.some((a) => a.local.startsWith('127.')));
  return localAddrs(k, ns).some((a) => a.ip === ip && a.link.up);
}

/** fib_lookup(): the longest matching main-table route through an up link, then the lowest metric. */
export function lookupRoute(k: KernelState, ns: NetnsId, dst: string): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of routesOf(k, ns)) {
    const dev = k.links[r.dev];
    if (!dev || !dev.up) continue;
    const [net, len] = r.dst === 'default' ? ['0.0.0.0', 0] : [r.dst.split('/')[0], Number(r.dst.split('/')[1])];
    if (!inSubnet(dst, net, len)) continue;
    if (len > bestLen) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}

/** The source address a socket gets for a destination: the route's prefsrc or the device's first address. */
export function sourceFor(k: KernelState, ns: NetnsId, dst: string): string | undefined {
  if (isLocal(k, ns, dst)) return dst.startsWith('127.') ? '127.0.0.1' : dst;
  const r = lookupRoute(k, ns, dst);
  if (!r) return undefined;
  if (r.prefsrc) return r.prefsrc;
  const dev = k.links[r.dev];
  const a = dev.addrs.find((x) => x.family === 4 && !x.secondary);
  return a?.local ?? localAddrs(k, ns).find((x) => x.link.kind !== 'loopback')?.ip;
}

// ---------------------------------------------------------------- layer 2

interface Frame {
  srcMac: string;
  dstMac: string; // 'ff:ff:ff:ff:ff:ff' for ARP requests
  bytes: number;
}
const BROADCAST = 'ff:ff:ff:ff:ff:ff';

/** Where a frame ends up on the segment: the interfaces whose stack receives it. */
function transmit(c: Ctx, from: Link, f: Frame, seen = new Set<LinkId>()): Link[] {
  if (seen.has(from.id)) return [];
  seen.add(from.id);
  if (!hasCarrier(c.k, from)) {
    hop(c, { netns: from.netns, link: from.id, kind: 'drop', text: `${from.name} has no carrier: the frame is lost` });
    mutLink(c, from.id).stats.txDropped++;
    return [];
  }
  count(c, from.id, 'tx', f.bytes);
  switch (from.kind) {
    case 'loopback':
      count(c, from.id, 'rx', f.bytes);
      return [from];
    case 'veth': {
      const p = c.k.links[from.peer!];
      hop(c, {
        netns: p.netns,
        link: p.id,
        kind: 'rx',
        text: `the veth pair carries it from ${from.name} to ${p.name}`,
      });
      return arrive(c, p, f, seen);
    }
    case 'bridge':
      return bridgeForward(c, from, undefined, f, seen);
    case 'ether':
      return [];
  }
}

/** A frame arrives at a link: a bridge port hands it to its bridge, anything else to its stack. */
function arrive(c: Ctx, l: Link, f: Frame, seen: Set<LinkId>): Link[] {
  count(c, l.id, 'rx', f.bytes);
  if (l.master) return bridgeForward(c, c.k.links[l.master], l, f, seen);
  if (f.dstMac === BROADCAST || f.dstMac === l.mac) return [l];
  return [];
}

/** br_handle_frame(): learn the source on the ingress port, then forward, flood or deliver up. */
function bridgeForward(c: Ctx, br: Link, ingress: Link | undefined, f: Frame, seen: Set<LinkId>): Link[] {
  if (!br.up) return [];
  const ports = Object.keys(br.bridge!.portNo).map((id) => c.k.links[id]);
  if (ingress) {
    const b = mutLink(c, br.id).bridge!;
    if (!b.fdb.some((e) => e.mac === f.srcMac && e.port === ingress.id)) {
      b.fdb = b.fdb.filter((e) => e.mac !== f.srcMac);
      b.fdb.push({ mac: f.srcMac, port: ingress.id, local: false });
      hop(c, {
        netns: br.netns,
        link: br.id,
        kind: 'bridge',
        text: `${br.name} learns ${f.srcMac} on port ${ingress.name}`,
      });
    }
  }
  const out: Link[] = [];
  const toSelf = f.dstMac === br.mac || ports.some((p) => p.mac === f.dstMac);
  if (ingress && (toSelf || f.dstMac === BROADCAST)) {
    count(c, br.id, 'rx', f.bytes);
    out.push(c.k.links[br.id]);
  }
  if (toSelf) return out;
  const known = c.k.links[br.id].bridge!.fdb.find((e) => e.mac === f.dstMac);
  const targets = known ? ports.filter((p) => p.id === known.port) : ports;
  if (known)
    hop(c, {
      netns: br.netns,
      link: br.id,
      kind: 'bridge',
      text: `${br.name} forwards to port ${targets[0]?.name} (MAC known)`,
    });
  else
    hop(c, {
      netns: br.netns,
      link: br.id,
      kind: 'bridge',
      text: `${br.name} floods to every port${f.dstMac === BROADCAST ? ' (broadcast)' : ' (MAC not learnt yet)'}`,
    });
  for (const p of targets) {
    if (ingress && p.id === ingress.id) continue;
    if (!hasCarrier(c.k, p)) {
      if (known)
        hop(c, {
          netns: br.netns,
          link: p.id,
          kind: 'drop',
          text: `port ${p.name} has no carrier: the frame is lost there`,
        });
      continue;
    }
    out.push(...transmit(c, c.k.links[p.id], f, seen));
  }
  return out;
}

// ---------------------------------------------------------------- neighbours

function setNeigh(
  c: Ctx,
  ns: NetnsId,
  dev: LinkId,
  dst: string,
  lladdr: string | undefined,
  state: Neigh['state'],
): void {
  const list = mutNeigh(c, ns);
  const i = list.findIndex((n) => n.dst === dst && n.dev === dev);
  const entry: Neigh = { dst, dev, ...(lladdr ? { lladdr } : {}), state };
  if (i >= 0) list[i] = entry;
  else list.unshift(entry);
}

/** ARP for `ip` out of `dev`: the answer's MAC, or undefined when nobody answers. */
function resolve(c: Ctx, dev: Link, ip: string, src: string): string | undefined {
  const known = c.k.netns[dev.netns].neigh.find(
    (n) => n.dst === ip && n.dev === dev.id && n.lladdr && n.state !== 'FAILED',
  );
  if (known) return known.lladdr;
  if (dev.kind === 'ether') {
    // The LAN beyond the NIC: only the upstream gateway answers.
    const gw = routesOf(c.k, dev.netns).find((r) => r.gateway === ip && r.dev === dev.id);
    if (!gw) return arpFailed(c, dev, ip);
    const mac = '02:5a:17:00:00:01';
    hop(c, { netns: dev.netns, link: dev.id, kind: 'arp', text: `ARP: ${ip} (the LAN's gateway) is at ${mac}` });
    setNeigh(c, dev.netns, dev.id, ip, mac, 'REACHABLE');
    return mac;
  }
  hop(c, {
    netns: dev.netns,
    link: dev.id,
    kind: 'arp',
    text: `ARP: who has ${ip}? tell ${src} (broadcast on ${dev.name})`,
  });
  const receivers = transmit(c, c.k.links[dev.id], { srcMac: dev.mac, dstMac: BROADCAST, bytes: ARP_FRAME });
  for (const r of receivers) {
    // arp_ignore=0: a host answers for any of its addresses, on whichever interface asked.
    if (!r.up || !localAddrs(c.k, r.netns).some((a) => a.ip === ip)) continue;
    const mac = r.mac;
    hop(c, { netns: r.netns, link: r.id, kind: 'arp', text: `ARP: ${ip} is at ${mac} (${r.name} answers)` });
    setNeigh(c, r.netns, r.id, src, dev.mac, 'STALE');
    transmit(c, c.k.links[r.id], { srcMac: mac, dstMac: dev.mac, bytes: ARP_FRAME });
    setNeigh(c, dev.netns, dev.id, ip, mac, 'REACHABLE');
    return mac;
  }
  return arpFailed(c, dev, ip);
}

function arpFailed(c: Ctx, dev: Link, ip: string): undefined {
  hop(c, { netns: dev.netns, link: dev.id, kind: 'drop', text: `ARP: nobody answers for ${ip} on ${dev.name}` });
  setNeigh(c, dev.netns, dev.id, ip, undefined, 'FAILED');
  return undefined;
}

// ---------------------------------------------------------------- layer 3

export interface IpPacket {
  src?: string;
  dst: string;
  ttl: number;
  /** ICMP/UDP/TCP payload size in bytes (ping's -s, 56 by default). */
  payload: number;
  /** ICMP unless said otherwise (ping); TCP and UDP carry ports, which DNAT and `--dport` see. */
  proto?: 'icmp' | 'tcp' | 'udp';
  sport?: number;
  dport?: number;
}

/** A DNAT conntrack made on the way: in which namespace, and the destination before and after. */
export interface DnatRecord {
  netns: NetnsId;
  from: { ip: string; port?: number };
  to: { ip: string; port?: number };
}

function hostPort(a: { ip: string; port?: number }): string {
  return a.port === undefined ? a.ip : `${a.ip}:${a.port}`;
}

/** Docker's MASQUERADE rule, as data: traffic from `source` leaving through any other device. */
function masqueradeApplies(k: KernelState, ns: NetnsId, src: string, out: Link): boolean {
  return (k.netns[ns].nat ?? []).some(
    (r) => inSubnet(src, r.source.split('/')[0], Number(r.source.split('/')[1])) && r.notOut !== out.name,
  );
}

/** Protocol numbers, as `iptables -L -n` prints them. */
export const PROTO_NUMBERS: Record<string, number> = { all: 0, icmp: 1, tcp: 6, udp: 17 };

/**
 * A rule as `iptables -S` prints it, without `-A CHAIN` (`-o br-3f2a9c1d8e7b -j DROP`). The
 * order is iptables 1.8.9's (nf_tables): addresses, devices, protocol, then the matches in the
 * order they were given, then the target and its options.
 */
export function formatFilterRule(r: FilterRule): string {
  const parts: string[] = [];
  const m = (flag: string, x?: RuleMatch) => {
    if (x) parts.push(`${x.not ? '! ' : ''}${flag} ${x.value}`);
  };
  const net = (x?: RuleMatch) => x && { ...x, value: x.value.includes('/') ? x.value : `${x.value}/32` };
  m('-s', net(r.src));
  m('-d', net(r.dst));
  m('-i', r.in);
  m('-o', r.out);
  m('-p', r.proto);
  if (r.srcType || r.dstType) {
    parts.push('-m addrtype');
    m('--src-type', r.srcType);
    m('--dst-type', r.dstType);
  }
  const ports = () => {
    if (!r.sport && !r.dport) return;
    parts.push(`-m ${r.proto?.value ?? 'tcp'}`);
    m('--sport', r.sport);
    m('--dport', r.dport);
  };
  const ct = () => {
    if (r.established) parts.push('-m conntrack --ctstate RELATED,ESTABLISHED');
    else if (r.ctstate) {
      parts.push('-m conntrack');
      m('--ctstate', r.ctstate);
    }
  };
  if (r.conntrackFirst) {
    ct();
    ports();
  } else {
    ports();
    ct();
  }
  // A rule without -j (it only counts) prints no target.
  if (r.target) parts.push(`-j ${r.target}`);
  if (r.target === 'DNAT' && r.toDestination) parts.push(`--to-destination ${r.toDestination}`);
  if (r.target === 'REJECT') parts.push('--reject-with icmp-port-unreachable');
  return parts.join(' ');
}

/** What netfilter knows of a packet at a hook. */
export interface RulePacket {
  /** The device it came in on (`-i`), absent for locally generated packets. */
  in?: string;
  /** The device it leaves through (`-o`), absent before routing. */
  out?: string;
  src: string;
  dst: string;
  /** Part of a connection already seen (conntrack ESTABLISHED, its replies). */
  established: boolean;
  proto?: 'icmp' | 'tcp' | 'udp';
  sport?: number;
  dport?: number;
  /** Whether the destination / source is one of the namespace's own addresses (addrtype LOCAL). */
  dstLocal?: boolean;
  srcLocal?: boolean;
}

/** What the filter table knows of a forwarded packet. */
export type ForwardedPacket = RulePacket & { in: string; out: string };

function matchesNet(ip: string, m: RuleMatch): boolean {
  const [net, len] = m.value.includes('/') ? m.value.split('/') : [m.value, '32'];
  return inSubnet(ip, net!, Number(len)) !== !!m.not;
}

function matchesDev(dev: string | undefined, m: RuleMatch): boolean {
  // Locally generated packets have no input device: `! -i docker0` matches them (nat OUTPUT).
  // `docker+` matches every name starting with docker.
  const hit = dev !== undefined && (m.value.endsWith('+') ? dev.startsWith(m.value.slice(0, -1)) : dev === m.value);
  return hit !== !!m.not;
}

function matchesValue(v: string | number | undefined, m: RuleMatch): boolean {
  return (v !== undefined && String(v) === m.value) !== !!m.not;
}

function ruleMatches(r: FilterRule, p: RulePacket): boolean {
  const proto = p.proto ?? 'icmp';
  const state = p.established ? 'ESTABLISHED' : 'NEW';
  return (
    (!r.src || matchesNet(p.src, r.src)) &&
    (!r.dst || matchesNet(p.dst, r.dst)) &&
    (!r.in || matchesDev(p.in, r.in)) &&
    (!r.out || matchesDev(p.out, r.out)) &&
    (!r.proto || (r.proto.value === 'all' || r.proto.value === proto) !== !!r.proto.not) &&
    (!r.sport || matchesValue(p.sport, r.sport)) &&
    (!r.dport || matchesValue(p.dport, r.dport)) &&
    (!r.dstType || (r.dstType.value === 'LOCAL' && !!p.dstLocal) !== !!r.dstType.not) &&
    (!r.srcType || (r.srcType.value === 'LOCAL' && !!p.srcLocal) !== !!r.srcType.not) &&
    (!r.established || p.established) &&
    (!r.ctstate || r.ctstate.value.split(',').includes(state) !== !!r.ctstate.not)
  );
}

/** The outcome of a chain: the packet goes on (accept), is dropped, or is DNATed; with the deciding rule. */
export interface Verdict {
  verdict: 'accept' | 'drop' | 'dnat';
  /** The rule that decided (absent when the policy did). */
  rule?: FilterRule;
}

/**
 * ipt_do_table(): runs a packet through a built-in chain and the chains it jumps to. A packet
 * that falls off the end of the built-in chain gets its policy (ACCEPT unless set otherwise).
 */
export function chainVerdict(
  rules: readonly FilterRule[],
  chain: string,
  p: RulePacket,
  policy: 'ACCEPT' | 'DROP' = 'ACCEPT',
): Verdict {
  const walk = (name: string, depth: number): Verdict | 'return' => {
    if (depth > 16) return 'return';
    for (const r of rules) {
      if (r.chain !== name || !r.target || !ruleMatches(r, p)) continue;
      if (r.target === 'DROP' || r.target === 'REJECT') return { verdict: 'drop', rule: r };
      if (r.target === 'ACCEPT' || r.target === 'MASQUERADE') return { verdict: 'accept', rule: r };
      if (r.target === 'DNAT') return { verdict: 'dnat', rule: r };
      if (r.target === 'RETURN') return 'return';
      const v = walk(r.target, depth + 1);
      if (v !== 'return') return v;
    }
    return 'return';
  };
  const v = walk(chain, 0);
  return v === 'return' ? { verdict: policy === 'DROP' ? 'drop' : 'accept' } : v;
}

/**
 * The FORWARD chain of the filter table: the rule that dropped the packet, or undefined when it
 * passes. Kept for callers that only ask "dropped by which rule" (the policy counts as passing).
 */
export function forwardVerdict(rules: readonly FilterRule[], p: ForwardedPacket): FilterRule | undefined {
  const v = chainVerdict(rules, 'FORWARD', p);
  return v.verdict === 'drop' ? v.rule : undefined;
}

/** The rules of one table of a namespace. */
function tableRules(k: KernelState, ns: NetnsId, table: IptTable): readonly FilterRule[] {
  const n = k.netns[ns];
  return (table === 'nat' ? n.natRules : table === 'raw' ? n.rawRules : n.filter) ?? [];
}

/** A chain's policy as `-P` set it. */
function policyOf(k: KernelState, ns: NetnsId, table: IptTable, chain: string): 'ACCEPT' | 'DROP' {
  return k.netns[ns].policies?.[`${table}:${chain}`] ?? 'ACCEPT';
}

/** The drop hop's words: the chain, then the rule as `iptables -S` prints it (or the policy). */
function dropText(table: IptTable, chain: string, v: Verdict): string {
  const t = table === 'filter' ? '' : `-t ${table} `;
  return v.rule
    ? `dropped by iptables ${t}rule: -A ${v.rule.chain} ${formatFilterRule(v.rule)}`
    : `dropped by the ${chain} chain's policy: iptables ${t}-P ${chain} DROP`;
}

/**
 * The nat table's DNAT at PREROUTING (a packet arriving on `inDev`) or OUTPUT (a locally
 * generated one): the rewritten packet and the record conntrack keeps, or nothing.
 */
function applyDnat(
  c: Ctx,
  ns: NetnsId,
  hook: 'PREROUTING' | 'OUTPUT',
  p: { src: string; dst: string; proto?: 'icmp' | 'tcp' | 'udp'; sport?: number; dport?: number },
  established: boolean,
  inDev?: Link,
): DnatRecord | undefined {
  const rules = tableRules(c.k, ns, 'nat');
  if (rules.length === 0 || established) return undefined;
  const v = chainVerdict(rules, hook, {
    ...p,
    ...(inDev ? { in: inDev.name } : {}),
    established,
    dstLocal: isLocal(c.k, ns, p.dst),
    srcLocal: isLocal(c.k, ns, p.src),
  });
  if (v.verdict !== 'dnat' || !v.rule?.toDestination) return undefined;
  const [ip, port] = v.rule.toDestination.split(':');
  const rec: DnatRecord = {
    netns: ns,
    from: { ip: p.dst, ...(p.dport !== undefined ? { port: p.dport } : {}) },
    to: { ip: ip!, ...(port !== undefined ? { port: Number(port) } : p.dport !== undefined ? { port: p.dport } : {}) },
  };
  hop(c, {
    netns: ns,
    ...(inDev ? { link: inDev.id } : {}),
    kind: 'nat',
    text: `DNAT (nat ${hook}): destination ${hostPort(rec.from)} becomes ${hostPort(rec.to)} (-A ${v.rule.chain} ${formatFilterRule(v.rule)})`,
  });
  return rec;
}

/** A filter-table hook: the drop hop when the packet is dropped there, else nothing. */
function filterDrops(
  c: Ctx,
  ns: NetnsId,
  chain: 'INPUT' | 'OUTPUT' | 'FORWARD',
  p: RulePacket,
  at?: Link,
): string | undefined {
  const n = c.k.netns[ns];
  if (!n.filter?.length && !n.policies?.[`filter:${chain}`]) return undefined;
  const v = chainVerdict(tableRules(c.k, ns, 'filter'), chain, p, policyOf(c.k, ns, 'filter', chain));
  if (v.verdict !== 'drop') return undefined;
  hop(c, { netns: ns, ...(at ? { link: at.id } : {}), kind: 'drop', text: dropText('filter', chain, v) });
  // The outcome names the chain that held the deciding rule (or the hook, for its policy).
  return `filtered by ${v.rule?.chain ?? chain}`;
}

/** The raw table's PREROUTING (v28+ Docker guards published containers there). */
function rawDrops(c: Ctx, ns: NetnsId, p: RulePacket, at: Link): boolean {
  const rules = tableRules(c.k, ns, 'raw');
  if (rules.length === 0) return false;
  const v = chainVerdict(rules, 'PREROUTING', p);
  if (v.verdict !== 'drop') return false;
  hop(c, { netns: ns, link: at.id, kind: 'drop', text: dropText('raw', 'PREROUTING', v) });
  return true;
}

/**
 * Sends one IPv4 packet from a namespace's own stack and follows it until it is delivered or
 * lost. The walk re-routes in every namespace it enters that forwards (ip_forward=1), and runs
 * the netfilter hooks on the way: raw and nat PREROUTING on arrival, nat OUTPUT at the sender,
 * filter INPUT/OUTPUT/FORWARD. `reverseDnat` is the DNAT the packet answers: conntrack undoes
 * it (the source becomes the address the client asked for) where it was made.
 */
export function walkPacket(
  k: KernelState,
  from: NetnsId,
  pkt: IpPacket,
  opts: { arrivedOn?: LinkId; established?: boolean; reverseDnat?: DnatRecord } = {},
): WalkResult {
  const c: Ctx = { k, trace: [], micros: 0, rng: k.rng, ownLinks: new Set(), ownNs: new Set() };
  const src = pkt.src ?? sourceFor(k, from, pkt.dst);
  let ns = from;
  let p = { ...pkt, src: src ?? '0.0.0.0' };
  let natFrom: { original: string; ns: NetnsId } | undefined;
  /** The device a forwarded packet came in on (the filter table's `-i`). */
  let inDev: Link | undefined;
  /** The device the packet arrived on in the current namespace (INPUT's `-i`). */
  let arrival: Link | undefined;
  let dnat: DnatRecord | undefined;
  let established = opts.established ?? false;
  const bytes = frameBytes(pkt.payload);
  const finish = (outcome: WalkOutcome): WalkResult => ({
    state: { ...c.k, rng: c.rng },
    outcome,
    trace: c.trace,
    src,
    micros: c.micros,
  });
  const meta = () => ({
    src: p.src,
    dst: p.dst,
    established,
    ...(p.proto ? { proto: p.proto } : {}),
    ...(p.sport !== undefined ? { sport: p.sport } : {}),
    ...(p.dport !== undefined ? { dport: p.dport } : {}),
  });
  /** Where a DNAT (or its reverse) rewrote the packet. */
  const rewrite = (rec: DnatRecord) => {
    dnat = rec;
    p = { ...p, dst: rec.to.ip, ...(rec.to.port !== undefined ? { dport: rec.to.port } : {}) };
  };
  const undo = (here: NetnsId, at?: Link) => {
    const r = opts.reverseDnat;
    if (!r || r.netns !== here || p.src !== r.to.ip) return;
    hop(c, {
      netns: here,
      ...(at ? { link: at.id } : {}),
      kind: 'nat',
      text: `conntrack reverses DNAT: source ${hostPort(r.to)} becomes ${hostPort(r.from)}`,
    });
    p = { ...p, src: r.from.ip, ...(r.from.port !== undefined ? { sport: r.from.port } : {}) };
  };
  let first = 0;
  if (opts.arrivedOn) {
    // A packet from outside arrives on the NIC; its first routing decision is a forward.
    const nic = c.k.links[opts.arrivedOn];
    count(c, nic.id, 'rx', bytes);
    const nicAddr = nic.addrs.find((a) => a.family === 4 && !a.secondary)?.local;
    // An answer to a masqueraded packet comes back to the host's own address; conntrack then
    // undoes the MASQUERADE (nf_nat_ipv4_in, PREROUTING) before the routing decision.
    if (nicAddr && !isLocal(c.k, ns, p.dst) && masqueradeApplies(c.k, ns, p.dst, nic)) {
      hop(c, {
        netns: nic.netns,
        link: nic.id,
        kind: 'rx',
        text: `arrives from outside on ${nic.name} for ${nicAddr}`,
      });
      hop(c, {
        netns: nic.netns,
        link: nic.id,
        kind: 'nat',
        text: `conntrack reverses MASQUERADE: destination ${nicAddr} becomes ${p.dst}`,
      });
      established = true;
    } else {
      hop(c, { netns: nic.netns, link: nic.id, kind: 'rx', text: `arrives from outside on ${nic.name}` });
      // raw PREROUTING sees the packet before conntrack (and so before any NAT).
      if (rawDrops(c, ns, { ...meta(), in: nic.name, dstLocal: isLocal(c.k, ns, p.dst) }, nic))
        return finish({ kind: 'lost', why: 'filtered by raw PREROUTING' });
      const rec = applyDnat(c, ns, 'PREROUTING', p, established, nic);
      if (rec) rewrite(rec);
    }
    first = 1;
    arrival = nic;
    if (!isLocal(c.k, ns, p.dst)) {
      p = { ...p, ttl: p.ttl - 1 };
      hop(c, { netns: ns, link: nic.id, kind: 'forward', text: `forwarded (ttl ${p.ttl})` });
      inDev = nic;
    }
  } else {
    undo(ns);
    // nat OUTPUT: a locally generated packet to a published port of this host is DNATed here.
    const rec = applyDnat(c, ns, 'OUTPUT', p, established);
    if (rec) rewrite(rec);
  }

  for (let guard = first; guard < 32; guard++) {
    if (isLocal(c.k, ns, p.dst)) {
      const lo = linksOf(c.k, ns).find((l) => l.kind === 'loopback')!;
      if (guard === 0) {
        const why = filterDrops(c, ns, 'OUTPUT', { ...meta(), out: lo.name }, lo);
        if (why) return finish({ kind: 'lost', why });
        hop(c, {
          netns: ns,
          link: lo.id,
          kind: 'loopback',
          text: `${p.dst} is a local address: the packet goes through lo`,
        });
        count(c, lo.id, 'tx', bytes);
        count(c, lo.id, 'rx', bytes);
        c.micros += jitter(c, 12);
        arrival = lo;
      }
      const why = filterDrops(c, ns, 'INPUT', { ...meta(), ...(arrival ? { in: arrival.name } : {}) }, arrival);
      if (why) return finish({ kind: 'lost', why });
      hop(c, { netns: ns, kind: 'deliver', text: `delivered to the local stack (${p.dst})` });
      return finish({ kind: 'delivered', netns: ns, ttl: p.ttl, ...(dnat ? { dnat } : {}) });
    }
    const r = lookupRoute(c.k, ns, p.dst);
    if (!r) {
      if (guard === 0) {
        hop(c, { netns: ns, kind: 'drop', text: `no route to ${p.dst}: the send fails with "Network is unreachable"` });
        return finish({ kind: 'no-route' });
      }
      hop(c, { netns: ns, kind: 'drop', text: `no route to ${p.dst}: dropped` });
      return finish({ kind: 'lost', why: 'no route' });
    }
    const dev = c.k.links[r.dev];
    const nexthop = r.gateway ?? p.dst;
    hop(c, {
      netns: ns,
      link: dev.id,
      kind: 'route',
      text: r.gateway
        ? `route ${r.dst === 'default' ? 'default' : r.dst} via ${r.gateway} dev ${dev.name}`
        : `route ${r.dst} dev ${dev.name} (on-link)`,
    });
    const why =
      guard === 0 && !inDev
        ? filterDrops(c, ns, 'OUTPUT', { ...meta(), out: dev.name }, dev)
        : inDev
          ? filterDrops(c, ns, 'FORWARD', { ...meta(), in: inDev.name, out: dev.name }, dev)
          : undefined;
    if (why) return finish({ kind: 'lost', why });
    if (ns === INIT_NET && natFrom === undefined && masqueradeApplies(c.k, ns, p.src, dev) && guard > 0) {
      const addr = dev.addrs.find((a) => a.family === 4 && !a.secondary)?.local;
      if (addr) {
        hop(c, { netns: ns, link: dev.id, kind: 'nat', text: `MASQUERADE: source ${p.src} becomes ${addr}` });
        natFrom = { original: p.src, ns };
        p = { ...p, src: addr };
      }
    }
    if (dev.kind === 'ether') {
      const mac = resolve(c, dev, nexthop, p.src);
      if (!mac)
        return finish(guard === 0 ? { kind: 'host-unreachable', from: p.src } : { kind: 'lost', why: 'no ARP answer' });
      count(c, dev.id, 'tx', bytes);
      c.micros += jitter(c, 40);
      const host = OUTSIDE_HOSTS.find((h) => h.ip === p.dst);
      hop(c, { netns: 'outside', kind: 'outside', text: `leaves the host through ${dev.name} towards ${nexthop}` });
      if (!host) {
        hop(c, { netns: 'outside', kind: 'drop', text: `nobody answers for ${p.dst} out there` });
        return finish({ kind: 'lost', why: 'no such host outside' });
      }
      // Without MASQUERADE a container's packet leaves with its private source address: it may
      // reach the server, but no router out there carries an answer back to 172.17.x.x.
      if (!isLocal(c.k, ns, p.src)) {
        hop(c, {
          netns: 'outside',
          kind: 'drop',
          text: `the source ${p.src} was not masqueraded: no reply can find its way back`,
        });
        return finish({ kind: 'lost', why: 'source not masqueraded' });
      }
      c.micros += host.rttMicros / 2;
      hop(c, { netns: 'outside', kind: 'deliver', text: `reaches ${host.name ?? host.ip}` });
      return finish({ kind: 'delivered', netns: 'outside', ttl: p.ttl, outside: host });
    }
    const mac = resolve(c, dev, nexthop, p.src);
    if (!mac) {
      if (guard === 0) return finish({ kind: 'host-unreachable', from: p.src });
      return finish({ kind: 'lost', why: 'no ARP answer' });
    }
    hop(c, { netns: ns, link: dev.id, kind: 'tx', text: `sent out of ${dev.name} to ${mac}` });
    const receivers = transmit(c, c.k.links[dev.id], { srcMac: dev.mac, dstMac: mac, bytes });
    c.micros += jitter(c, 25);
    const at = receivers.find((x) => x.mac === mac || receivers.length === 1);
    if (!at) {
      hop(c, { netns: ns, link: dev.id, kind: 'drop', text: 'the frame reaches nobody' });
      return finish({ kind: 'lost', why: 'link down' });
    }
    const there = at.netns;
    arrival = at;
    // PREROUTING in the namespace it enters: raw first, then conntrack's reverse NAT, then DNAT.
    const pre = { ...meta(), in: at.name, dstLocal: isLocal(c.k, there, p.dst) };
    if (rawDrops(c, there, pre, at)) return finish({ kind: 'lost', why: 'filtered by raw PREROUTING' });
    undo(there, at);
    const rec = applyDnat(c, there, 'PREROUTING', p, established, at);
    if (rec) rewrite(rec);
    if (!isLocal(c.k, there, p.dst)) {
      if (!c.k.netns[there].ipForward) {
        hop(c, {
          netns: there,
          link: at.id,
          kind: 'drop',
          text: `${p.dst} is not local here and forwarding is off: dropped`,
        });
        return finish({ kind: 'lost', why: 'not forwarded' });
      }
      if (p.ttl <= 1) {
        hop(c, { netns: there, kind: 'drop', text: 'TTL exceeded' });
        return finish({ kind: 'lost', why: 'ttl exceeded' });
      }
      p = { ...p, ttl: p.ttl - 1 };
      hop(c, { netns: there, link: at.id, kind: 'forward', text: `forwarded (ttl ${p.ttl})` });
      inDev = at;
    } else inDev = undefined;
    ns = there;
  }
  return finish({ kind: 'lost', why: 'routing loop' });
}

/** Numeric value of a dotted quad, for sorting; 0 when invalid. */
export function ipValue(ip: string): number {
  return parseIPv4(ip) ?? 0;
}
