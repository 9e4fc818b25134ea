// view/scene/describe.ts — the diagram in words, for people who do not see it: a tree of the
// world (namespaces → interfaces → peer, bridge, addresses, routes; containers → where they live)
// and a sentence saying what the last command changed (from its kernel ops and Docker's records).
// Pure: reads a World, returns plain data and text; no DOM, React, clock or randomness.
import type { World } from '../../docker/world';
import type { Container } from '../../docker/types';
import type { KernelOp } from '../../kernel/ops';
import { INIT_NET, linksOf, netnsIds, operState, peerOf, portsOf, routesOf } from '../../kernel/query';
import type { Link, NetnsId, Route } from '../../kernel/types';
import { hookWords, netfilterHooks } from './hooks';
import { podGroupsOf, shortName } from './pods';
import { containersOf, portKey, vethKey, type ContainerView } from './model';

/** One item of the text twin; `key` is the scene key it selects (null: a heading only). */
export interface TwinItem {
  /** Unique within the tree (a path of model ids). */
  id: string;
  key: string | null;
  label: string;
  children: TwinItem[];
}

/** How a namespace is called in sentences: its /run/netns name, else its number. */
export function netnsWords(w: World, ns: NetnsId): string {
  if (ns === INIT_NET) return "the host's network namespace";
  const n = w.kernel.netns[ns];
  return n?.name ? `network namespace ${n.name}` : `network namespace ${ns.replace('netns:', '')}`;
}

function kindWords(l: Link): string {
  switch (l.kind) {
    case 'loopback':
      return 'loopback';
    case 'ether':
      return 'physical NIC';
    case 'veth':
      return 'veth';
    case 'bridge':
      return 'bridge';
  }
}

function stateWords(w: World, l: Link): string {
  if (!l.up) return 'down';
  const op = operState(w.kernel, l);
  // An up link without carrier (a veth whose peer is down, a bridge without ports) passes nothing.
  return op === 'DOWN' || op === 'LOWERLAYERDOWN' ? 'up, no carrier' : 'up';
}

function routeWords(r: Route): string {
  const parts = [`route ${r.dst}`];
  if (r.gateway) parts.push(`via ${r.gateway}`);
  if (r.scope === 'link') parts.push('(on the link)');
  if (r.prefsrc) parts.push(`from ${r.prefsrc}`);
  return parts.join(' ');
}

function containersIn(list: ContainerView[], ns: NetnsId): ContainerView[] {
  return list.filter((c) => c.running && c.netns === ns);
}

/** The IPv4 routes of each namespace's route list by device, in `ip route` order (once per list). */
const routesByDev = new WeakMap<Route[], Map<string, Route[]>>();
const routeListsKept: Route[][] = [];

/**
 * A namespace's IPv4 routes grouped by device. Sorting the host's whole route list once per
 * interface (it holds a link-local route per veth end) made the text twin O(containers²).
 */
function v4RoutesByDev(k: World['kernel'], ns: NetnsId): Map<string, Route[]> {
  const list = k.netns[ns]?.routes;
  if (!list) return new Map();
  let byDev = routesByDev.get(list);
  if (!byDev) {
    byDev = new Map();
    for (const r of routesOf(k, ns, 4)) {
      const mine = byDev.get(r.dev);
      if (mine) mine.push(r);
      else byDev.set(r.dev, [r]);
    }
    routesByDev.set(list, byDev);
    // Worlds in history keep their route lists alive: keep the grouping of the last few only.
    routeListsKept.push(list);
    if (routeListsKept.length > 16) routesByDev.delete(routeListsKept.shift()!);
  }
  return byDev;
}

function interfaceItem(w: World, l: Link, parent: string): TwinItem {
  const k = w.kernel;
  const id = `${parent}/${l.id}`;
  const v4 = l.addrs.filter((a) => a.family === 4 && a.scope !== 'host').map((a) => `${a.local}/${a.prefixlen}`);
  const children: TwinItem[] = [];
  const peer = l.kind === 'veth' ? peerOf(k, l) : undefined;
  if (peer) {
    const where = peer.netns === l.netns ? 'in the same namespace' : `in ${netnsWords(w, peer.netns)}`;
    children.push({ id: `${id}/peer`, key: vethKey(l.id, peer.id), label: `peer ${peer.name} ${where}`, children: [] });
  }
  const master = l.master ? k.links[l.master] : undefined;
  if (master) {
    children.push({ id: `${id}/master`, key: portKey(l.id), label: `port of bridge ${master.name}`, children: [] });
  }
  if (l.kind === 'bridge') {
    const ports = portsOf(k, l);
    children.push({
      id: `${id}/ports`,
      key: l.id,
      label: ports.length ? `ports: ${ports.map((p) => p.name).join(', ')}` : 'no ports',
      children: ports.map((p) => ({
        id: `${id}/ports/${p.id}`,
        key: portKey(p.id),
        label: `port ${p.name}`,
        children: [],
      })),
    });
  }
  for (const a of l.addrs) {
    const fam = a.family === 6 ? ` (IPv6, ${a.scope === 'link' ? 'link-local' : a.scope})` : '';
    children.push({
      id: `${id}/addr/${a.family}/${a.local}/${a.prefixlen}`,
      key: l.id,
      label: `address ${a.local}/${a.prefixlen}${fam}`,
      children: [],
    });
  }
  (v4RoutesByDev(k, l.netns).get(l.id) ?? []).forEach((r, i) =>
    children.push({ id: `${id}/route/${i}`, key: l.id, label: routeWords(r), children: [] }),
  );
  const head = [`${l.name}: ${kindWords(l)}`, stateWords(w, l)];
  if (v4.length) head.push(v4.join(', '));
  if (peer) head.push(`peer ${peer.name}`);
  if (master) head.push(`on ${master.name}`);
  return { id, key: l.id, label: head.join(', '), children };
}

function netnsItem(w: World, ns: NetnsId, ctrs: ContainerView[]): TwinItem {
  const links = linksOf(w.kernel, ns);
  const here = containersIn(ctrs, ns).map((c) => c.name);
  const n = w.kernel.netns[ns];
  let label =
    ns === INIT_NET
      ? `host network namespace (init_net) of ${w.hostname}`
      : n?.name
        ? `network namespace ${n.name}`
        : `network namespace ${ns.replace('netns:', '')}`;
  label += `, ${links.length} interface${links.length === 1 ? '' : 's'}`;
  if (here.length) label += `, container${here.length === 1 ? '' : 's'} ${here.join(' and ')}`;
  return { id: ns, key: ns, label, children: links.map((l) => interfaceItem(w, l, ns)) };
}

function containerItem(w: World, c: ContainerView): TwinItem {
  const id = `ctr/${c.id}`;
  const mode = c.mode === 'container' ? 'container mode' : `${c.mode} mode`;
  const head = [`container ${c.name}: ${mode}`, c.running ? 'running' : 'stopped'];
  if (c.ip) head.push(c.ip);
  const children: TwinItem[] = [];
  if (c.netns) {
    children.push({ id: `${id}/netns`, key: c.netns, label: `lives in ${netnsWords(w, c.netns)}`, children: [] });
  } else {
    children.push({ id: `${id}/netns`, key: `ctr:${c.id}`, label: 'not running: no network namespace', children: [] });
  }
  if (c.mode === 'container' && c.target) {
    const t = containersOf(w).find((o) => o.id === c.target);
    if (t)
      children.push({ id: `${id}/target`, key: `ctr:${t.id}`, label: `shares the network of ${t.name}`, children: [] });
  }
  if (c.image) children.push({ id: `${id}/image`, key: `ctr:${c.id}`, label: `image ${c.image}`, children: [] });
  return { id, key: `ctr:${c.id}`, label: head.join(', '), children };
}

/**
 * The text twin of both diagrams: namespaces with their interfaces, then the containers; with
 * `hooks` (the NAT & filter overlay), the host's netfilter hooks and their rule counts too.
 */
export function describeTree(w: World, opts: { hooks?: boolean } = {}): TwinItem[] {
  const ctrs = containersOf(w);
  const ids = netnsIds(w.kernel);
  const hooks: TwinItem[] = opts.hooks
    ? [
        {
          id: 'hooks',
          key: null,
          label: "netfilter hooks of the host's network namespace",
          children: netfilterHooks(w).map((h) => ({
            id: `hooks/${h.key}`,
            key: h.key,
            label: hookWords(h),
            children: [],
          })),
        },
      ]
    : [];
  // Containers sharing one namespace, as the user view's outlines group them (pods first named).
  const groups = podGroupsOf(ctrs);
  const pods: TwinItem[] = groups.length
    ? [
        {
          id: 'pods',
          key: null,
          label: `pods and shared network namespaces: ${groups.length}`,
          children: groups.map((g) => ({
            id: `pods/${g.owner.id}`,
            key: `pod:${g.owner.id}`,
            label: g.pod
              ? `pod ${g.pod.name} (Kubernetes namespace ${g.pod.namespace}): ${g.members.map((m) => shortName(m.name)).join(', ')}`
              : `shared network namespace: ${g.members.map((m) => m.name).join(', ')}`,
            children: [],
          })),
        },
      ]
    : [];
  return [
    {
      id: 'namespaces',
      key: null,
      label: `network namespaces: ${ids.length}`,
      children: ids.map((ns) => netnsItem(w, ns, ctrs)),
    },
    {
      id: 'containers',
      key: null,
      label: ctrs.length ? `containers: ${ctrs.length}` : 'containers: none yet',
      children: ctrs.map((c) => containerItem(w, c)),
    },
    ...pods,
    ...hooks,
  ];
}

// ---------------------------------------------------------------- what changed

const running = (c: Container | undefined) => c?.status === 'running';

function newNetnsOf(before: World, after: World): NetnsId[] {
  return Object.keys(after.kernel.netns).filter((id) => !before.kernel.netns[id]);
}

/** A sentence for one container that started, stopped, appeared or went away; and the ops it explains. */
function containerSentence(before: World, after: World, ops: readonly KernelOp[], id: string): string | undefined {
  const b = before.docker.containers[id];
  const a = after.docker.containers[id];
  const c = a ?? b;
  const name = c.name;
  const mode = c.config.networkMode;
  const created = !b && !!a;
  if (!running(b) && running(a)) {
    const ns = a.netns;
    const born = ns !== undefined && ops.some((o) => o.op === 'addNetns') && !before.kernel.netns[ns];
    const what = created ? `Container ${name} started` : `Container ${name} started again`;
    if (mode === 'host')
      return `${what} in the host's network namespace (host mode): no namespace or interface of its own`;
    if (mode.startsWith('container:')) {
      const target = mode.slice('container:'.length);
      const t = Object.values(after.docker.containers).find((o) => o.id === target || o.name === target);
      const whose = t ? ` of container ${t.name}` : '';
      return `${what} and joined ${ns ? netnsWords(after, ns) : 'the network namespace'}${whose} (container mode): no new interface`;
    }
    const made = born && ns ? `Docker created ${netnsWords(after, ns)}` : undefined;
    const ep = a.endpoint;
    if (ep) {
      const br = after.docker.networks[ep.networkId]?.bridge ?? 'the bridge';
      return `${what}: ${made ?? 'Docker'}${made ? ' and' : ' created'} a veth pair: ${ep.ifname} in the container, ${ep.hostVeth} on ${br}; its address is ${ep.ip}/${ep.prefixlen}`;
    }
    return `${what}: ${made ?? 'Docker set up its network namespace'} with only the loopback interface lo (none mode)`;
  }
  const freed = (ep: Container['endpoint']) => {
    if (!ep) return '';
    const net = after.docker.networks[ep.networkId];
    const inUse = net?.allocated.includes(ep.ip) ?? false;
    return inUse ? '' : `; its address ${ep.ip} is free again`;
  };
  const gone = (x: Container) => {
    if (!x.netns || x.netns === INIT_NET || after.kernel.netns[x.netns]) return '';
    const veth = x.endpoint ? ` and the veth pair ${x.endpoint.hostVeth}` : '';
    return `; Docker deleted ${netnsWords(before, x.netns)}${veth}`;
  };
  if (running(b) && !running(a)) {
    const verb = a ? 'stopped' : 'was killed and removed';
    return `Container ${name} ${verb}${freed(b.endpoint)}${gone(b)}`;
  }
  if (created) return `Container ${name} created, not started`;
  if (b && !a) return `Container ${name} removed`;
  if (b && a && b.name !== a.name) return `Container ${b.name} renamed to ${a.name}`;
  return undefined;
}

/** Ops that belong to a container's start or stop (its namespace, its veth ends), already told. */
function explained(op: KernelOp, nsSet: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  const o = op as { netns?: string; toNetns?: string; name?: string; peer?: string };
  if (o.netns && nsSet.has(o.netns)) return true;
  if (o.toNetns && nsSet.has(o.toNetns)) return true;
  if (o.name && names.has(o.name)) return true;
  return !!o.peer && names.has(o.peer);
}

function linkNameAfter(after: World, ns: NetnsId, name: string): Link | undefined {
  return linksOf(after.kernel, ns).find((l) => l.name === name);
}

/** One kernel operation in words, read against the worlds before and after the line. */
export function describeOp(op: KernelOp, before: World, after: World): string {
  const where = (ns: NetnsId) =>
    ns === INIT_NET
      ? "in the host's network namespace"
      : `in ${netnsWords(after.kernel.netns[ns] ? after : before, ns)}`;
  switch (op.op) {
    case 'addNetns': {
      const id = op.netns ?? newNetnsOf(before, after).find((n) => !op.name || after.kernel.netns[n]?.name === op.name);
      return `created ${id ? netnsWords(after, id) : op.name ? `network namespace ${op.name}` : 'a network namespace'}`;
    }
    case 'delNetns':
      return `deleted ${netnsWords(before, op.netns)} and the interfaces in it`;
    case 'setNetnsName':
      return op.name === undefined
        ? `took the name off ${netnsWords(before, op.netns)}`
        : `named ${netnsWords(before, op.netns)} ${op.name}`;
    case 'setSysctl': {
      const key = op.key === 'ip_forward' ? 'net.ipv4.ip_forward' : `net.ipv6.conf.${op.dev ?? 'all'}.disable_ipv6`;
      return `set ${key} to ${op.value ? 1 : 0} ${where(op.netns)}`;
    }
    case 'addLink':
      return `created ${op.kind === 'bridge' ? 'bridge' : 'interface'} ${op.name} ${where(op.netns)}`;
    case 'addVethPair': {
      const made = linksOf(after.kernel, op.netns).filter((l) => l.kind === 'veth' && !before.kernel.links[l.id]);
      const a = op.name ?? made[0]?.name ?? 'a veth';
      const pl = op.name ? linkNameAfter(after, op.netns, op.name) : made[0];
      const p = op.peer ?? (pl ? peerOf(after.kernel, pl)?.name : undefined) ?? 'its peer';
      const pns = op.peerNetns && op.peerNetns !== op.netns ? `, with ${p} ${where(op.peerNetns)}` : '';
      return `created a veth pair ${a} and ${p} ${where(op.netns)}${pns}`;
    }
    case 'delLink': {
      const l = linksOf(before.kernel, op.netns).find((x) => x.name === op.name);
      const p = l ? peerOf(before.kernel, l) : undefined;
      return `deleted ${op.name}${p ? ` and its peer ${p.name}` : ''} ${where(op.netns)}`;
    }
    case 'setLink': {
      const parts: string[] = [];
      if (op.toNetns !== undefined)
        parts.push(`moved ${op.name} into ${netnsWords(after, op.toNetns)}${op.rename ? ` as ${op.rename}` : ''}`);
      else if (op.rename !== undefined) parts.push(`renamed ${op.name} to ${op.rename}`);
      const n = op.rename ?? op.name;
      if (op.master === null) parts.push(`took ${n} off its bridge`);
      else if (op.master !== undefined) parts.push(`attached ${n} to bridge ${op.master}`);
      if (op.mac !== undefined) parts.push(`set the MAC address of ${n} to ${op.mac}`);
      if (op.mtu !== undefined) parts.push(`set the MTU of ${n} to ${op.mtu}`);
      if (op.txqlen !== undefined) parts.push(`set the queue length of ${n} to ${op.txqlen}`);
      if (op.up !== undefined) parts.push(`set ${n} ${op.up ? 'up' : 'down'}`);
      const what = parts.join(', ') || `changed ${op.name}`;
      return op.toNetns === undefined ? `${what} ${where(op.netns)}` : what;
    }
    case 'addAddr':
      return `added address ${op.local}/${op.prefixlen} to ${op.dev} ${where(op.netns)}`;
    case 'delAddr':
      return `removed address ${op.local} from ${op.dev} ${where(op.netns)}`;
    case 'flushAddr':
      return `removed the addresses of ${op.dev} ${where(op.netns)}`;
    case 'addRoute':
      return `added route ${op.dst}${op.gateway ? ` via ${op.gateway}` : ''}${op.dev ? ` on ${op.dev}` : ''} ${where(op.netns)}`;
    case 'delRoute':
      return `deleted route ${op.dst} ${where(op.netns)}`;
    case 'bindSocket':
      // nginx opens two sockets on one port (0.0.0.0 and [::]): say which, or the sentence repeats.
      return `${op.process} listens on ${op.proto} port ${op.port}${op.addr.includes(':') ? ' over IPv6' : ''} ${where(op.netns)}`;
    case 'closeSockets':
      return `closed the sockets of process ${op.pid} ${where(op.netns)}`;
    case 'addMasquerade':
      return `added a MASQUERADE rule for ${op.source}`;
    case 'delMasquerade':
      return `deleted the MASQUERADE rule for ${op.source}`;
    case 'addFilterRule':
      return `added a ${op.rule.chain} rule (-j ${op.rule.target})`;
    case 'delFilterRule':
      return `deleted a ${op.rule.chain} rule (-j ${op.rule.target})`;
    case 'addChain':
      return `added the ${op.table} chain ${op.chain}`;
    case 'delChain':
      return `deleted the ${op.table} chain ${op.chain}`;
    case 'setPolicy':
      return `set the ${op.chain} policy to ${op.policy}`;
    case 'flushChain':
      return `flushed ${op.chain ?? `the ${op.table} table`}`;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** At most this many plain kernel operations are read out one by one; the rest are counted. */
const MAX_OPS_TOLD = 6;

/**
 * What a command line changed, in words: one sentence per container that started, stopped,
 * appeared or went away (from Docker's records), then the other kernel operations it did.
 * Empty when nothing changed.
 */
export function describeChange(before: World, after: World, ops: readonly KernelOp[]): string {
  const sentences: string[] = [];
  const nsSet = new Set<string>();
  const names = new Set<string>();
  const ids = new Set([...Object.keys(before.docker.containers), ...Object.keys(after.docker.containers)]);
  for (const id of ids) {
    const s = containerSentence(before, after, ops, id);
    if (!s) continue;
    sentences.push(s);
    for (const c of [before.docker.containers[id], after.docker.containers[id]]) {
      if (!c) continue;
      if (c.netns && c.netns !== INIT_NET) nsSet.add(c.netns);
      if (c.endpoint) for (const n of [c.endpoint.hostVeth, c.endpoint.tmpName, c.endpoint.ifname]) names.add(n);
    }
  }
  // A container's fresh namespace is not yet in its record while it is created; count it too.
  if (sentences.length) for (const ns of newNetnsOf(before, after)) nsSet.add(ns);
  for (const id of Object.keys(after.docker.networks)) {
    const n = after.docker.networks[id];
    if (!before.docker.networks[id])
      sentences.push(
        `Docker created network ${n.name}${n.bridge ? ` (bridge ${n.bridge}${n.subnet ? `, ${n.subnet}` : ''})` : ''}`,
      );
  }
  for (const id of Object.keys(before.docker.networks))
    if (!after.docker.networks[id]) sentences.push(`Docker removed network ${before.docker.networks[id].name}`);
  const rest = ops.filter((o) => !explained(o, nsSet, names)).map((o) => describeOp(o, before, after));
  if (rest.length) {
    const told = rest.slice(0, MAX_OPS_TOLD);
    const more = rest.length - told.length;
    sentences.push(capital(told.join('; ')) + (more > 0 ? `; and ${more} more change${more === 1 ? '' : 's'}` : ''));
  }
  return sentences.map((s) => `${s}.`).join(' ');
}

/** A one-sentence summary of a world: how many namespaces and containers it has. */
export function describeWorld(w: World): string {
  const ns = Object.keys(w.kernel.netns).length;
  const ctrs = containersOf(w);
  const up = ctrs.filter((c) => c.running).length;
  const c =
    ctrs.length === 0 ? 'no containers' : `${ctrs.length} container${ctrs.length === 1 ? '' : 's'} (${up} running)`;
  return `The host now has ${ns} network namespace${ns === 1 ? '' : 's'} and ${c}.`;
}
