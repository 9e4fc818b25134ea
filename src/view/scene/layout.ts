// view/scene/layout.ts — what both panes share: the column plan (one column per container
// namespace, in a stable order) and the relations used for twin highlighting.
// Pure: positions are computed from the world alone, so adding a container appends a column
// and never moves what is already drawn.
import type { World } from '../../docker/world';
import { INIT_NET, linksOf, portsOf } from '../../kernel/query';
import type { Link, LinkId, NetnsId } from '../../kernel/types';
import { containersOf, peerLink, portKey, vethKey, type ContainerView } from './model';
import type { SceneWire } from './types';

export const MARGIN = 20;
export const COL_W = 204;
export const COL_GAP = 16;
export const NIC_W = 90;
export const NIC_H = 44;
export const CARD_H = 62;

/** Average glyph widths of the diagram fonts (bold title, monospace detail), for fitting labels. */
const TITLE_CHAR = 8.2;
const DETAIL_CHAR = 7.4;

/** Shortens a label line with an ellipsis so that it fits `width` pixels. */
export function fitText(text: string, width: number, title = false, compact = false): string {
  const char = (title ? TITLE_CHAR : DETAIL_CHAR) * (compact ? 0.85 : 1);
  const max = Math.max(3, Math.floor((width - 8) / char));
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** The width an interface box needs for its label, between a small and a wide card. */
export function nicWidth(lines: string[]): number {
  const need = Math.max(...lines.map((l, i) => l.length * (i === 0 ? TITLE_CHAR : DETAIL_CHAR))) + 14;
  return Math.round(Math.min(132, Math.max(64, need)));
}

/** Places boxes of the given widths on rows of `perRow` inside [x, x+width], evenly spaced. */
export function placeRow(
  widths: number[],
  x: number,
  y: number,
  perRow: number,
  width: number,
  rowH: number,
): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let start = 0; start < widths.length; start += perRow) {
    const row = widths.slice(start, start + perRow);
    const total = row.reduce((a, b) => a + b, 0);
    const gap = Math.max(4, (width - total) / (row.length + 1));
    let cx = x + gap;
    for (const w of row) {
      out.push({ x: cx, y: y + (start / perRow) * rowH });
      cx += w + gap;
    }
  }
  return out;
}

/** Fits every line of a label: the first is the title. */
export function fitLabel(lines: string[], width: number, compact = false): string[] {
  return lines.map((l, i) => fitText(l, width, i === 0, compact));
}

/** A column of the panes: a namespace with the containers that live in it. */
export interface Column {
  /** Stable key of the column: the owning container, or the namespace when no container owns it. */
  key: string;
  x: number;
  netns?: NetnsId;
  containers: ContainerView[];
  /** Title of the namespace ("bridge", "bridge + co_container", "blue"). */
  title: string;
}

export interface Plan {
  containers: ContainerView[];
  hostContainers: ContainerView[];
  columns: Column[];
  leftW: number;
  colX0: number;
  width: number;
  /** Which column a namespace is drawn in. */
  columnOf: Map<NetnsId, Column>;
  related: Map<string, Set<string>>;
}

function addRel(m: Map<string, Set<string>>, a: string, b: string): void {
  if (a === b) return;
  if (!m.has(a)) m.set(a, new Set());
  if (!m.has(b)) m.set(b, new Set());
  m.get(a)!.add(b);
  m.get(b)!.add(a);
}

/** Lays out columns: containers that own a namespace in creation order, then bare namespaces. */
export function planColumns(w: World): Plan {
  const containers = containersOf(w);
  const hostContainers = containers.filter((c) => c.mode === 'host');
  const leftW = Math.max(COL_W + COL_GAP, hostContainers.length * (COL_W + COL_GAP));
  const colX0 = MARGIN + leftW + COL_GAP;
  const columns: Column[] = [];
  const columnOf = new Map<NetnsId, Column>();
  const byId = new Map(containers.map((c) => [c.id, c]));
  for (const c of containers) {
    if (c.mode === 'host') continue;
    // A container: mode container joins its target's column when the target exists.
    if (c.mode === 'container' && c.target && byId.has(c.target) && byId.get(c.target)!.mode !== 'host') continue;
    const col: Column = { key: `col:${c.id}`, x: 0, netns: c.netns, containers: [c], title: c.name };
    columns.push(col);
    if (c.netns) columnOf.set(c.netns, col);
  }
  for (const c of containers) {
    if (c.mode !== 'container' || !c.target) continue;
    const col = columns.find((k) => k.containers[0].id === c.target);
    if (!col) continue;
    col.containers.push(c);
    if (!col.netns && c.netns) {
      col.netns = c.netns;
      columnOf.set(c.netns, col);
    }
  }
  for (const col of columns) col.title = col.containers.map((c) => c.name).join(' + ');
  const bare = Object.keys(w.kernel.netns)
    .filter((id) => id !== INIT_NET && !columnOf.has(id))
    .sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));
  for (const id of bare) {
    const ns = w.kernel.netns[id];
    const col: Column = {
      key: `col:${id}`,
      x: 0,
      netns: id,
      containers: [],
      title: ns.name ?? id.replace('netns:', 'netns '),
    };
    columns.push(col);
    columnOf.set(id, col);
  }
  columns.forEach((col, i) => (col.x = colX0 + i * (COL_W + COL_GAP)));
  const width = Math.max(colX0 + Math.max(1, columns.length) * (COL_W + COL_GAP) + MARGIN - COL_GAP, 2 * COL_W + 160);

  const related = new Map<string, Set<string>>();
  for (const c of containers) {
    if (c.netns) addRel(related, `ctr:${c.id}`, c.netns);
  }
  for (const col of columns) {
    for (const a of col.containers) for (const b of col.containers) addRel(related, `ctr:${a.id}`, `ctr:${b.id}`);
  }
  for (const l of Object.values(w.kernel.links)) {
    const p = peerLink(w, l);
    if (p) {
      addRel(related, l.id, p.id);
      addRel(related, l.id, vethKey(l.id, p.id));
      addRel(related, p.id, vethKey(l.id, p.id));
    }
    if (l.kind === 'bridge') {
      for (const port of portsOf(w.kernel, l)) {
        addRel(related, l.id, portKey(port.id));
        addRel(related, l.id, port.id);
        addRel(related, portKey(port.id), port.id);
        const pp = peerLink(w, port);
        if (pp) {
          addRel(related, portKey(port.id), vethKey(port.id, pp.id));
          addRel(related, portKey(port.id), pp.id);
        }
      }
    }
  }
  return { containers, hostContainers, columns, leftW, colX0, width, columnOf, related };
}

/** Related keys of one key, as a sorted list (for the scene elements). */
export function relatedOf(plan: Plan, key: string): string[] {
  return [...(plan.related.get(key) ?? [])].sort();
}

/** Links of a namespace, loopback first, in ifindex order. */
export function linksIn(w: World, ns: NetnsId): Link[] {
  return linksOf(w.kernel, ns);
}

/** How a namespace is named to a person. */
export function netnsName(w: World, plan: Plan, ns: NetnsId): string {
  if (ns === INIT_NET) return 'host network namespace (init_net)';
  const col = plan.columnOf.get(ns);
  if (col && col.containers.length > 1)
    return `network namespace shared by containers ${col.containers.map((c) => c.name).join(' and ')}`;
  if (col && col.containers.length === 1) return `network namespace of container ${col.containers[0].name}`;
  const n = w.kernel.netns[ns];
  return n?.name ? `network namespace ${n.name}` : `network namespace ${ns.replace('netns:', '')}`;
}

/** The IPv4 addresses of a link as short text. */
export function addrText(l: Link): string | undefined {
  const a = l.addrs.filter((x) => x.family === 4 && x.scope !== 'host');
  if (a.length === 0) return undefined;
  return a.map((x) => `${x.local}/${x.prefixlen}`).join(', ');
}

/**
 * One wire per veth pair whose two ends are placed, from the upper end to the lower one (or
 * along the bottom of a row when both ends share it). Pairs in `seen` are skipped and added.
 */
export function vethWires(
  w: World,
  plan: Plan,
  pos: ReadonlyMap<LinkId, { x: number; y: number; w: number }>,
  seen: Set<string>,
  name: (a: Link, b: Link) => string,
): SceneWire[] {
  const out: SceneWire[] = [];
  for (const l of Object.values(w.kernel.links)) {
    const p = peerLink(w, l);
    if (!p) continue;
    const key = vethKey(l.id, p.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const a = pos.get(l.id);
    const b = pos.get(p.id);
    if (!a || !b) continue;
    const [top, bot] = a.y <= b.y ? [a, b] : [b, a];
    const sameRow = Math.abs(a.y - b.y) < 1;
    out.push({
      key,
      kind: 'veth',
      x1: top.x + top.w / 2,
      y1: top.y + NIC_H,
      x2: bot.x + bot.w / 2,
      y2: sameRow ? bot.y + NIC_H : bot.y,
      name: name(l, p),
      related: relatedOf(plan, key),
      dim: !l.up || !p.up,
    });
  }
  return out;
}
