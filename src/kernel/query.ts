// kernel/query.ts — read-only questions about a KernelState: lookups, and the link state the
// kernel derives rather than stores (carrier, operstate, flags, qdisc, bridge ports).
// Pure and cheap; never returns a state.
import { parseIPv4 } from './addr';
import type { KernelState, Link, Netns, NetnsId, Route } from './types';

export const INIT_NET: NetnsId = 'netns:0';

export function getNetns(k: KernelState, id: NetnsId): Netns | undefined {
  return k.netns[id];
}

/** The namespace registered under /run/netns/NAME. */
export function netnsByName(k: KernelState, name: string): Netns | undefined {
  for (const ns of Object.values(k.netns)) if (ns.name === name) return ns;
  return undefined;
}

/** Links of one namespace in ifindex order, as a dump lists them. */
export function linksOf(k: KernelState, ns: NetnsId): Link[] {
  const n = k.netns[ns];
  if (!n) return [];
  // Integer-like keys iterate in ascending order, so this is already ifindex order.
  return Object.values(n.byIndex).map((id) => k.links[id]);
}

export function linkByName(k: KernelState, ns: NetnsId, name: string): Link | undefined {
  const id = k.netns[ns]?.byName[name];
  return id === undefined ? undefined : k.links[id];
}

export function linkByIndex(k: KernelState, ns: NetnsId, ifindex: number): Link | undefined {
  const id = k.netns[ns]?.byIndex[ifindex];
  return id === undefined ? undefined : k.links[id];
}

export function peerOf(k: KernelState, l: Link): Link | undefined {
  return l.peer ? k.links[l.peer] : undefined;
}

/** Ports of a bridge, in the order they were attached (port_no). */
export function portsOf(k: KernelState, bridge: Link): Link[] {
  const nos = bridge.bridge?.portNo ?? {};
  return Object.keys(nos)
    .map((id) => k.links[id])
    .filter((l): l is Link => !!l)
    .sort((a, b) => nos[a.id] - nos[b.id]);
}

/** netif_carrier_ok(): does the link see a carrier? */
export function hasCarrier(k: KernelState, l: Link): boolean {
  if (!l.up) return false;
  switch (l.kind) {
    case 'loopback':
      return true;
    case 'ether':
      return l.cable !== false;
    case 'veth': {
      const p = peerOf(k, l);
      return !!p && p.up;
    }
    case 'bridge':
      // br_port_carrier_check: once tracked, the bridge has carrier while a port forwards.
      if (!l.bridge?.carrierTracked) return true;
      return portsOf(k, l).some((p) => hasCarrier(k, p));
  }
}

export type OperState = 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN';

/** IFLA_OPERSTATE as iproute2 names it. */
export function operState(k: KernelState, l: Link): OperState {
  if (!l.up) return 'DOWN';
  if (l.kind === 'loopback') return 'UNKNOWN';
  const carrier = hasCarrier(k, l);
  if (l.kind === 'bridge') {
    if (!l.bridge?.carrierTracked) return 'UNKNOWN';
    return carrier ? 'UP' : 'DOWN';
  }
  if (carrier) return 'UP';
  // rfc2863_policy(): the lower layer is looked up by the peer's ifindex in the link's OWN
  // namespace; only when some OTHER link there has that index is the state LOWERLAYERDOWN
  // (seen on kernel 6.18: a peer in another namespace usually gives DOWN).
  if (l.kind === 'veth') {
    const p = peerOf(k, l);
    const lower = p && k.netns[l.netns]?.byIndex[p.ifindex];
    return lower !== undefined && lower !== l.id ? 'LOWERLAYERDOWN' : 'DOWN';
  }
  return 'DOWN';
}

/** The raw IFF_* flags iproute2 prints, in its order, before NO-CARRIER/M-DOWN are added. */
export function ifFlags(k: KernelState, l: Link): string[] {
  const f: string[] = [];
  if (l.kind === 'loopback') f.push('LOOPBACK');
  else f.push('BROADCAST', 'MULTICAST');
  if (l.up) f.push('UP');
  if (hasCarrier(k, l)) f.push('LOWER_UP');
  return f;
}

/** The flags list as `ip link` prints it between < and >. */
export function ipLinkFlags(k: KernelState, l: Link): string[] {
  const flags = ifFlags(k, l);
  // iproute2 prints NO-CARRIER first when the link is up without carrier.
  if (l.up && !hasCarrier(k, l)) flags.unshift('NO-CARRIER');
  const p = peerOf(k, l);
  // M-DOWN: the link partner (same namespace only) is down.
  if (p && p.netns === l.netns && !p.up) flags.push('M-DOWN');
  return flags;
}

/**
 * The root qdisc: `noop` until the device first comes up (and again after a move to another
 * namespace); then virtual devices show `noqueue` and NICs their own, even while down again.
 */
export function qdiscOf(l: Link): string {
  if (!l.up && !l.qdiscAttached) return 'noop';
  if (l.kind === 'ether') return l.rootQdisc ?? 'fq_codel';
  return 'noqueue';
}

/** The netnsid that namespace `from` uses for namespace `to`, if one was assigned. */
export function nsidOf(k: KernelState, from: NetnsId, to: NetnsId): number | undefined {
  return k.netns[from]?.nsids[to];
}

/**
 * Routes of a namespace for one family, in the order the FIB dump gives them (seen with
 * `ip route` on kernel 6.18): by destination address, then the longer prefix first, then metric.
 */
export function routesOf(k: KernelState, ns: NetnsId, family: 4 | 6 = 4): Route[] {
  const n = k.netns[ns];
  if (!n) return [];
  // The IPv6 FIB lists routes to one prefix in the order they were added.
  if (family === 6) return n.routes.filter((r) => r.family === 6);
  const key = (r: Route): [number, number] => {
    if (r.dst === 'default') return [0, 0];
    const [ip, len] = r.dst.split('/');
    return [parseIPv4(ip) ?? 0, Number(len)];
  };
  return n.routes
    .filter((r) => r.family === family)
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => a.k[0] - b.k[0] || b.k[1] - a.k[1] || (a.r.metric ?? 0) - (b.r.metric ?? 0) || a.i - b.i)
    .map((x) => x.r);
}

/** Every namespace id, init_net first, then in creation order. */
export function netnsIds(k: KernelState): NetnsId[] {
  return Object.keys(k.netns).sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));
}
