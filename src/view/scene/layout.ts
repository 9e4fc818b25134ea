// view/scene/layout.ts — what both panes share: the column plan (one column per container
// namespace, in a stable order) and the relations used for twin highlighting.
// Pure: positions are computed from the world alone, so adding a container appends a column
// and never moves what is already drawn.
import type { World } from '../../docker/world';
import { INIT_NET, linksOf, portsOf } from '../../kernel/query';
import type { Link, LinkId, NetnsId } from '../../kernel/types';
import { containersOf, peerLink, portKey, vethKey, type ContainerView } from './model';
import { shortName } from './podNames';
import type { SceneFonts, SceneWire } from './types';

export const MARGIN = 20;
export const COL_W = 204;
export const COL_GAP = 16;
export const NIC_H = 44;
export const CARD_H = 62;

/** How a pane's labels are drawn: the scale of the type, and whether detail lines are shown. */
export interface LayoutOptions {
  /** Type size over the normal one (1: titles at 14 units; presenter mode: 24 px and up). */
  labelScale?: number;
  /** Detail lines (addresses, modes) under each title; presenter mode shows titles only. */
  details?: boolean;
}

/** Sizes that follow from the type in use; every pane position is derived from these. */
export interface Metrics {
  /** The label scale (1: normal type). */
  s: number;
  /** The scale of the space between boxes: the label scale in normal mode, less in presenter mode. */
  g: number;
  details: boolean;
  /** Font sizes in scene units: box titles, detail lines, region titles, "User Space", notes. */
  title: number;
  detail: number;
  region: number;
  space: number;
  note: number;
  /** Distance between two label lines (the renderer uses the same). */
  lineH: number;
  /** Inner padding of a box, left/right and top/bottom. */
  padX: number;
  padY: number;
  /** Height of an interface box and of a container card. */
  nicH: number;
  cardH: number;
  /** Height of a region's title strip, and its title's baseline inside it. */
  head: number;
  headBaseline: number;
  /** Smallest column width (normal mode keeps the classic columns; presenter mode packs them). */
  colW: number;
  gap: number;
  margin: number;
}

/** The metrics of a label scale; `metricsOf()` is the normal, detailed layout. */
export function metricsOf(opts: LayoutOptions = {}): Metrics {
  const s = opts.labelScale ?? 1;
  const details = opts.details ?? true;
  // Large type does not need proportionally larger gaps: presenter mode packs the boxes, so the
  // drawing fits the screen at a larger scale and its type stays large.
  const g = details ? s : Math.min(s, 1.2);
  const title = 14 * s;
  const lineH = title;
  const padY = (details ? 8 : 6) * g;
  return {
    s,
    g,
    details,
    title,
    // In presenter mode every label is as large as a title: none may fall under 24 px.
    detail: details ? 12 * s : title,
    region: details ? 13 * s : title,
    space: details ? 15 * s : title,
    note: details ? 12 * s : title,
    lineH,
    padX: (details ? 8 : 7) * g,
    padY,
    // Normal mode keeps its classic boxes (2 lines in a NIC, 3 in a card); titles only otherwise.
    nicH: details ? NIC_H * s : Math.round(lineH + 2 * padY + 4 * g),
    cardH: details ? CARD_H * s : Math.round(lineH + 2 * padY + 4 * g),
    head: details ? 28 * s : Math.round(title * 1.25 + 8 * g),
    // DejaVu Sans rises 0.76 em above the baseline: a title strip's text starts 4 units below its top.
    headBaseline: details ? 18 * s : 4 * g + 0.8 * title,
    colW: details ? COL_W : 0,
    gap: COL_GAP * g,
    margin: MARGIN * g,
  };
}

/** The font sizes a scene was laid out with, for the renderer to draw its text at. */
export function fontsOf(m: Metrics): SceneFonts {
  return { title: m.title, detail: m.detail, region: m.region, space: m.space, note: m.note };
}

/**
 * Width of one character in em, an upper bound for DejaVu Sans Bold (the widest face the
 * diagrams fall back to): narrow letters and punctuation, wide m/w, capitals, the rest.
 * Monospace is DejaVu Sans Mono's fixed 0.602 em (0.605 here); CJK and other wide scripts take a full em.
 */
function charEm(c: string, face: 'bold' | 'regular' | 'mono'): number {
  const code = c.codePointAt(0) ?? 0;
  if (code > 0x2e80) return 1.02;
  if (face === 'mono') return code > 0x7e ? 1 : 0.605;
  const bold = face === 'bold';
  if (/[ijlt.,:;'|!()[\]\- /]/.test(c)) return bold ? 0.5 : 0.42;
  if (/[frI]/.test(c)) return bold ? 0.53 : 0.45;
  if (/[mwMW@%—]/.test(c)) return bold ? 1.12 : 1.02;
  if (/[+=<>~#^]/.test(c)) return 0.84;
  if (/[A-Z&]/.test(c)) return bold ? 0.88 : 0.8;
  if (code > 0x7e) return 1;
  return bold ? 0.73 : 0.65;
}

/**
 * Widths in em of texts measured lately, per face. Every scene measures the same names and
 * addresses again (a container's labels do not change when another one is added); the per-character
 * tests were a large part of building a scene with hundreds of containers. Emptied when large.
 */
const emCache = {
  bold: new Map<string, number>(),
  regular: new Map<string, number>(),
  mono: new Map<string, number>(),
};
const EM_CACHE_MAX = 20_000;

/** Conservative width of `text` at font size `px` in a face (no DOM: the layout is pure). */
export function textWidth(text: string, px: number, face: 'bold' | 'regular' | 'mono' = 'bold'): number {
  const cache = emCache[face];
  let em = cache.get(text);
  if (em === undefined) {
    em = 0;
    for (const c of text) em += charEm(c, face);
    if (cache.size >= EM_CACHE_MAX) cache.clear();
    cache.set(text, em);
  }
  return em * px;
}

/** Shortens `text` with an ellipsis until it fits `width` at `px`; unchanged when it fits. */
export function ellipsize(text: string, width: number, px: number, face: 'bold' | 'regular' | 'mono' = 'bold'): string {
  if (textWidth(text, px, face) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', px, face) > width) chars.pop();
  return chars.join('') + '…';
}

/** The first of `variants` (longest first) that fits `width`, else the last one shortened. */
export function pickFit(variants: string[], width: number, px: number, face: 'bold' | 'regular' = 'bold'): string {
  for (const v of variants) if (textWidth(v, px, face) <= width) return v;
  return ellipsize(variants[variants.length - 1], width, px, face);
}

/** The width a box needs for its label lines (the first is the title), padding included. */
export function labelWidth(lines: string[], m: Metrics, compact = false): number {
  const k = compact ? 12 / 14 : 1;
  const need = Math.max(
    0,
    ...lines.map((l, i) => (i === 0 ? textWidth(l, m.title * k, 'bold') : textWidth(l, m.detail * k, 'mono'))),
  );
  return Math.ceil(need + 2 * m.padX);
}

/** Shortens a label line with an ellipsis so that it fits a box `width` wide. */
export function fitText(text: string, width: number, title = false, compact = false, m: Metrics = metricsOf()): string {
  const k = compact ? 12 / 14 : 1;
  // A compact card (several share a column) keeps half the padding, so short names still fit.
  const pad = compact ? m.padX / 2 : m.padX;
  return ellipsize(text, width - 2 * pad, (title ? m.title : m.detail) * k, title ? 'bold' : 'mono');
}

/** The width an interface box needs for its label: normal mode keeps it between 64 and 136. */
export function nicWidth(lines: string[], m: Metrics = metricsOf()): number {
  const need = labelWidth(m.details ? lines : lines.slice(0, 1), m);
  return m.details ? Math.round(Math.min(136, Math.max(64, need))) : Math.max(Math.round(40 * m.s), need);
}

/** The full text of a label when fitting shortened it (drawn as the box's tooltip). */
export function fullText(lines: string[], shown: string[]): string | undefined {
  return lines.some((l, i) => shown[i] !== undefined && shown[i] !== l) ? lines.join(' · ') : undefined;
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

/** Width of boxes `perRow` to a row with gaps around them: what placeRow needs to keep them apart. */
export function rowNeed(widths: number[], perRow: number, gap: number): number {
  let need = 0;
  for (let start = 0; start < widths.length; start += perRow) {
    const row = widths.slice(start, start + perRow);
    need = Math.max(need, row.reduce((a, b) => a + b, 0) + (row.length + 1) * gap);
  }
  return need;
}

/** Fits every line of a label (the first is the title); detail lines are dropped without details. */
export function fitLabel(lines: string[], width: number, compact = false, m: Metrics = metricsOf()): string[] {
  return (m.details ? lines : lines.slice(0, 1)).map((l, i) => fitText(l, width, i === 0, compact, m));
}

/** A column of the panes: a namespace with the containers that live in it. */
export interface Column {
  /** Stable key of the column: the owning container, or the namespace when no container owns it. */
  key: string;
  x: number;
  /** Width of the column: the classic width, or more when its boxes' labels need it. */
  w: number;
  netns?: NetnsId;
  containers: ContainerView[];
  /** Title of the namespace ("bridge", "bridge + co_container", "blue"). */
  title: string;
}

export interface Plan {
  containers: ContainerView[];
  hostContainers: ContainerView[];
  columns: Column[];
  /** The type in use and the sizes derived from it. */
  m: Metrics;
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

/** The two lines of an interface's label in the kernel view (name, address or state). */
export function nicLines(l: Link, loopback = 'loopback'): string[] {
  const a = addrText(l);
  return [l.name, a ?? (l.kind === 'loopback' ? loopback : l.up ? 'no address' : 'down')];
}

/** Title variants of a namespace region, longest first (the layout takes the first that fits). */
export function regionTitles(col: Column, pane: 'kernel' | 'user'): string[] {
  if (pane === 'user') {
    if (col.containers.length > 1) return ['one network, shared', 'shared', 'netns'];
    if (col.containers.length) return ['own network namespace', 'own network', 'own netns', 'netns'];
    return [`netns ${col.title}`, col.title];
  }
  if (col.containers.length > 1) return [`shared netns: ${col.containers[0].name}`, 'shared netns', 'netns'];
  if (col.containers.length) return [`netns of ${col.title}`, 'netns'];
  return [`netns ${col.title}`, col.title];
}

/** Width a column needs so that its cards, interfaces and region title fit without overlap. */
function columnNeed(w: World, col: Column, m: Metrics): number {
  const gap = m.details ? 4 : 6 * m.g;
  const cards = col.containers.map((c) => labelWidth([shortName(c.name)], m));
  const own = col.netns && w.kernel.netns[col.netns] ? linksIn(w, col.netns) : [];
  const nics = own.map((l) => nicWidth(nicLines(l), m));
  // The host's ends of this namespace's veth pairs stand under the column in the kernel view.
  const ends = own
    .map((l) => peerLink(w, l))
    .filter((p): p is Link => !!p && p.netns === INIT_NET)
    .map((p) => nicWidth(nicLines(p), m));
  const titles = (['kernel', 'user'] as const).map(
    (pane) => textWidth(regionTitles(col, pane).at(-1)!, m.region) + 2 * m.padX,
  );
  return Math.ceil(
    Math.max(
      m.colW,
      // Normal mode keeps its columns when a container joins one (the cards share it, smaller);
      // presenter mode stacks the cards, so the widest name counts.
      m.details ? 0 : rowNeed(cards, 1, 10 * m.g) + 10 * m.g,
      rowNeed(nics, 2, gap),
      rowNeed(ends, 2, gap),
      ...titles,
    ),
  );
}

/**
 * Width of the host's own area left of the columns: its host-mode containers' cards side by side,
 * its own interfaces two to a row, and room for the "routed + NAT" note beside its first card.
 */
function hostAreaWidth(w: World, hostContainers: ContainerView[], columnOf: Map<NetnsId, Column>, m: Metrics): number {
  const classic = Math.max(COL_W + COL_GAP, hostContainers.length * (COL_W + COL_GAP));
  const cards = hostContainers.map((c) => labelWidth([c.name], m) + m.gap);
  const left: number[] = [];
  let firstNic = 0;
  for (const l of linksIn(w, INIT_NET)) {
    if (l.kind === 'bridge') continue;
    const p = peerLink(w, l);
    if (p && p.netns !== INIT_NET && columnOf.has(p.netns)) continue;
    const nw = nicWidth(nicLines(l), m);
    left.push(nw);
    if (l.kind === 'ether' && !firstNic) firstNic = nw;
  }
  // Normal mode writes the note beside the host's card; presenter mode under the switch.
  const note =
    firstNic && m.details ? 10 * m.g + firstNic + 12 * m.g + textWidth('routed + NAT', m.note, 'regular') : 0;
  const need = Math.max(cards.reduce((a, b) => a + b, 0) + 20 * m.g, rowNeed(left, 2, 6 * m.g) + 10 * m.g, note);
  return Math.ceil(m.details ? Math.max(classic, need) : need);
}

/** Lays out columns: containers that own a namespace in creation order, then bare namespaces. */
export function planColumns(w: World, opts: LayoutOptions = {}): Plan {
  const m = metricsOf(opts);
  const containers = containersOf(w);
  const hostContainers = containers.filter((c) => c.mode === 'host');
  const columns: Column[] = [];
  const columnOf = new Map<NetnsId, Column>();
  const byId = new Map(containers.map((c) => [c.id, c]));
  for (const c of containers) {
    if (c.mode === 'host') continue;
    // A container: mode container joins its target's column when the target exists.
    if (c.mode === 'container' && c.target && byId.has(c.target) && byId.get(c.target)!.mode !== 'host') continue;
    const col: Column = { key: `col:${c.id}`, x: 0, w: 0, netns: c.netns, containers: [c], title: c.name };
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
      w: 0,
      netns: id,
      containers: [],
      title: ns.name ?? id.replace('netns:', 'netns '),
    };
    columns.push(col);
    columnOf.set(id, col);
  }
  const leftW = hostAreaWidth(w, hostContainers, columnOf, m);
  const colX0 = m.margin + leftW + m.gap;
  let x = colX0;
  for (const col of columns) {
    col.w = columnNeed(w, col, m);
    col.x = x;
    x += col.w + m.gap;
  }
  const width = Math.ceil(Math.max(x + m.margin - m.gap, 2 * Math.max(m.colW, 120 * m.s) + 160 * m.g));

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
  return { containers, hostContainers, columns, m, leftW, colX0, width, columnOf, related };
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
      y1: top.y + plan.m.nicH,
      x2: bot.x + bot.w / 2,
      y2: sameRow ? bot.y + plan.m.nicH : bot.y,
      name: name(l, p),
      related: relatedOf(plan, key),
      dim: !l.up || !p.up,
    });
  }
  return out;
}
