// kernel/invariants.ts — what must hold in every KernelState, whatever ran before.
// Tests call checkInvariants after every operation; it returns the broken rules as text.
// Never used to repair a state: a broken invariant is a bug in an op.
import { INIT_NET } from './query';
import type { KernelState } from './types';

/** Every rule the state breaks, as sentences; empty when the state is sound. */
export function checkInvariants(k: KernelState): string[] {
  const bad: string[] = [];
  if (!k.netns[INIT_NET]) bad.push('init_net is missing');
  const names = new Set<string>();
  const indexes = new Set<string>();
  const loopbacks: Record<string, number> = {};
  for (const l of Object.values(k.links)) {
    if (!k.netns[l.netns]) bad.push(`${l.id} lives in a missing namespace ${l.netns}`);
    const nk = `${l.netns}/${l.name}`;
    const ik = `${l.netns}/${l.ifindex}`;
    if (names.has(nk)) bad.push(`name ${l.name} is used twice in ${l.netns}`);
    if (indexes.has(ik)) bad.push(`ifindex ${l.ifindex} is used twice in ${l.netns}`);
    names.add(nk);
    indexes.add(ik);
    if (l.kind === 'loopback') loopbacks[l.netns] = (loopbacks[l.netns] ?? 0) + 1;
    const n = k.netns[l.netns];
    if (n && (n.byIndex[l.ifindex] !== l.id || n.byName[l.name] !== l.id))
      bad.push(`${l.id} is missing from ${l.netns}'s indexes`);
    if (l.kind === 'veth') {
      const p = l.peer ? k.links[l.peer] : undefined;
      if (!p) bad.push(`veth ${l.id} has no peer`);
      else if (p.peer !== l.id || p.kind !== 'veth') bad.push(`veth ${l.id} and ${p.id} do not point at each other`);
      if (p && p.netns !== l.netns && k.netns[l.netns]?.nsids[p.netns] === undefined)
        bad.push(`${l.netns} has no netnsid for ${p.netns}, where the peer of ${l.id} lives`);
    } else if (l.peer) bad.push(`${l.id} is not a veth but has a peer`);
    if (l.master) {
      const m = k.links[l.master];
      if (!m || m.kind !== 'bridge') bad.push(`${l.id} has a master that is not a bridge`);
      else if (m.netns !== l.netns) bad.push(`${l.id} is a port of a bridge in another namespace`);
      else if (m.bridge!.portNo[l.id] === undefined) bad.push(`${m.id} does not list its port ${l.id}`);
    }
    if (l.bridge) {
      for (const p of Object.keys(l.bridge.portNo))
        if (k.links[p]?.master !== l.id) bad.push(`${l.id} lists ${p} as a port, but it is not enslaved to it`);
    }
    // A link going down loses its IPv6 addresses (addrconf_ifdown), but one added by a user while
    // the link is down stays, tentative (checked on Linux 6.18: `ip addr add 2001:db8::1/64 dev vA`
    // on a down veth). So only addresses the kernel made itself are impossible on a down link.
    if (!l.up && l.addrs.some((a) => a.family === 6 && a.kernel))
      bad.push(`${l.id} is down but keeps IPv6 addresses the kernel made`);
  }
  for (const [id, ns] of Object.entries(k.netns)) {
    if (ns.id !== id) bad.push(`netns ${id} is filed under the wrong id`);
    for (const [idx, lid] of Object.entries(ns.byIndex)) {
      const l = k.links[lid];
      if (!l || l.netns !== id || String(l.ifindex) !== idx)
        bad.push(`${id}'s index ${idx} points at ${lid}, which is not there`);
    }
    for (const [name, lid] of Object.entries(ns.byName)) {
      const l = k.links[lid];
      if (!l || l.netns !== id || l.name !== name)
        bad.push(`${id}'s name ${name} points at ${lid}, which is not there`);
    }
    if (loopbacks[id] !== 1) bad.push(`netns ${id} has ${loopbacks[id] ?? 0} loopback devices`);
    for (const r of ns.routes) {
      const d = k.links[r.dev];
      if (!d || d.netns !== id) bad.push(`a route to ${r.dst} in ${id} goes through a missing device`);
      else if (!d.up) bad.push(`a route to ${r.dst} in ${id} goes through ${d.name}, which is down`);
    }
    for (const other of Object.keys(ns.nsids))
      if (!k.netns[other]) bad.push(`${id} keeps a netnsid for the missing ${other}`);
    if (ns.name !== undefined && Object.values(k.netns).some((o) => o !== ns && o.name === ns.name))
      bad.push(`two namespaces are named ${ns.name}`);
  }
  return bad;
}
