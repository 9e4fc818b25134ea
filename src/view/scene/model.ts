// view/scene/model.ts — reads what the panes need out of a World: the containers with their
// network mode and namespace, and a stable colour per namespace. Pure; it reads the Docker
// engine's records defensively and takes addresses and veth ends from the kernel itself.
import type { World } from '../../docker/world';
import { INIT_NET, linksOf, peerOf } from '../../kernel/query';
import type { Link, LinkId, NetnsId } from '../../kernel/types';

export type NetworkMode = 'none' | 'host' | 'bridge' | 'container' | 'other';

/** One container as the panes draw it. */
export interface ContainerView {
  id: string;
  name: string;
  image: string;
  running: boolean;
  mode: NetworkMode;
  /** The mode as Docker prints it (`bridge`, `container:3f2a…`). */
  modeText: string;
  /** The namespace its processes live in (INIT_NET for host mode), when running. */
  netns?: NetnsId;
  /** container: mode — the container whose namespace it joins. */
  target?: string;
  /** IPv4 address of eth0 in its namespace, from the kernel. */
  ip?: string;
  /** Order of creation, for stable layout. */
  order: number;
}

type Rec = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function pick(r: Rec, ...paths: string[]): unknown {
  for (const p of paths) {
    let cur: unknown = r;
    for (const part of p.split('.')) {
      if (cur && typeof cur === 'object') cur = (cur as Rec)[part];
      else cur = undefined;
    }
    if (cur !== undefined && cur !== null && cur !== '') return cur;
  }
  return undefined;
}

function modeOf(text: string): NetworkMode {
  if (text === 'none' || text === 'host' || text === 'bridge') return text;
  if (text.startsWith('container:')) return 'container';
  if (text === 'default') return 'bridge';
  return 'other';
}

/** The first global IPv4 address of a link. */
export function ipv4Of(l: Link | undefined): string | undefined {
  const a = l?.addrs.find((x) => x.family === 4 && x.scope !== 'host');
  return a ? `${a.local}/${a.prefixlen}` : undefined;
}

/** What a container's view takes from its engine record alone, once per record object. */
const fromRecord = new WeakMap<object, { key: string; i: number; view: ContainerView }>();

/** The containers of the worlds seen lately (both panes, the twin text and the mode bar ask). */
const byWorld = new WeakMap<World, ContainerView[]>();
/**
 * Those worlds, oldest first. History keeps every world alive, so a list per world ever shown
 * would hold O(commands × containers) views; the last few serve undo, redo and stepping.
 */
const recentWorlds: World[] = [];
const WORLDS_KEPT = 8;

/**
 * The containers of the world, in creation order (running and stopped). Memoised per world
 * value: callers share the list and must not change it.
 */
export function containersOf(w: World): ContainerView[] {
  let list = byWorld.get(w);
  if (!list) {
    byWorld.set(w, (list = readContainers(w)));
    recentWorlds.push(w);
    if (recentWorlds.length > WORLDS_KEPT) byWorld.delete(recentWorlds.shift()!);
  }
  return list;
}

/** A container's view from its record alone (the engine's records are replaced, never changed). */
function recordView(key: string, raw: object, i: number): ContainerView {
  const hit = fromRecord.get(raw);
  if (hit && hit.key === key && hit.i === i) return { ...hit.view };
  const view = parseRecord(key, raw as Rec, i);
  fromRecord.set(raw, { key, i, view });
  return { ...view };
}

function parseRecord(key: string, r: Rec, i: number): ContainerView {
  const id = str(pick(r, 'id', 'Id')) ?? key;
  const name = (str(pick(r, 'name', 'Name')) ?? id).replace(/^\//, '');
  const status = str(pick(r, 'status', 'state', 'State.Status')) ?? 'running';
  const running = pick(r, 'running', 'State.Running') === true || status === 'running' || status === 'up';
  const modeText = str(pick(r, 'config.networkMode', 'networkMode', 'hostConfig.networkMode')) ?? 'bridge';
  const mode = modeOf(modeText);
  let netns = str(pick(r, 'netns', 'sandbox.netns', 'sandboxNetns', 'networkSettings.netns'));
  if (mode === 'host') netns = INIT_NET;
  const created = pick(r, 'seq', 'created');
  return {
    id,
    name,
    image: str(pick(r, 'image', 'Image', 'config.image')) ?? '',
    running,
    mode,
    modeText,
    netns: running ? netns : undefined,
    target: mode === 'container' ? modeText.slice('container:'.length) : undefined,
    order: typeof created === 'number' ? created : i,
  };
}

function readContainers(w: World): ContainerView[] {
  const recs = Object.entries(w.docker.containers ?? {});
  const list: ContainerView[] = [];
  recs.forEach(([key, raw], i) => {
    if (!raw || typeof raw !== 'object') return;
    list.push(recordView(key, raw, i));
  });
  list.sort((a, b) => a.order - b.order);
  // container: mode — the namespace is the target's; resolve names or id prefixes to the target.
  for (const c of list) {
    if (c.mode !== 'container' || !c.target) continue;
    const t = list.find(
      (o) => o.id === c.target || o.name === c.target || (c.target!.length >= 4 && o.id.startsWith(c.target!)),
    );
    if (t) {
      c.target = t.id;
      if (c.running && !c.netns) c.netns = t.netns;
    }
  }
  for (const c of list) {
    if (c.netns && c.netns !== INIT_NET && w.kernel.netns[c.netns]) {
      const eth = linksOf(w.kernel, c.netns).find((l) => l.kind !== 'loopback');
      c.ip = ipv4Of(eth);
    } else if (c.netns && !w.kernel.netns[c.netns]) {
      c.netns = undefined;
    }
  }
  return list;
}

/** Colour index of a namespace: 0 for the host's, then a cycle by its model number (stable). */
export function toneOf(ns: NetnsId): number {
  if (ns === INIT_NET) return 0;
  const n = Number(ns.split(':')[1]);
  return Number.isFinite(n) ? 1 + ((n - 1) % 7) : 1;
}

/** Key of a veth pair: both link ids, sorted, so both ends name the same wire. */
export function vethKey(a: LinkId, b: LinkId): string {
  return a < b ? `veth:${a}|${b}` : `veth:${b}|${a}`;
}

/** Key of a bridge port element (the attachment of a link to its master). */
export function portKey(link: LinkId): string {
  return `port:${link}`;
}

/** The veth peer of a link, when it has one that still exists. */
export function peerLink(w: World, l: Link): Link | undefined {
  return l.kind === 'veth' ? peerOf(w.kernel, l) : undefined;
}
