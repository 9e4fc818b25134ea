// view/scene/kernelScene.ts — the kernel view: user space above a grey line, kernel space below;
// each namespace a coloured region holding its interfaces; veth pairs as wires crossing regions;
// each bridge drawn as a switch with ports that also holds its own address.
// Pure layout: World → Scene; never touches the DOM.
import type { World } from '../../docker/world';
import { INIT_NET, portsOf } from '../../kernel/query';
import type { Link, LinkId, NetnsId } from '../../kernel/types';
import {
  addrText,
  COL_W,
  ellipsize,
  fitLabel,
  fontsOf,
  fullText,
  linksIn,
  netnsName,
  nicLines,
  nicWidth,
  pickFit,
  placeRow as placeBoxes,
  planColumns,
  regionTitles,
  relatedOf,
  textWidth,
  type Metrics,
  type Plan,
  vethWires,
} from './layout';
import { hookMarkers } from './hooks';
import { keepUnchanged } from './memo';
import { shortName } from './podNames';
import { peerLink, portKey, toneOf, type ContainerView } from './model';
import type { Scene, SceneBox, SceneDecor, SceneWire } from './types';

type Pos = { x: number; y: number; w: number };

/** Places links `perRow` to a row inside [x, x+width] from y; each box as wide as its label needs. */
function placeRow(links: Link[], x: number, y: number, perRow: number, width: number, m: Metrics): Map<LinkId, Pos> {
  const widths = links.map((l) => nicWidth(nicLines(l), m));
  const at = placeBoxes(widths, x, y, perRow, width, m.nicH + 14 * m.s);
  return new Map(links.map((l, i) => [l.id, { ...at[i], w: widths[i] }]));
}

function containerCard(
  c: ContainerView,
  x: number,
  y: number,
  w: number,
  tether: { x: number; y: number } | undefined,
  plan: Plan,
): SceneBox {
  const m = plan.m;
  const mode = c.mode === 'container' ? 'container:' : c.modeText;
  const compact = m.details && w < 150;
  const lines = !compact
    ? [shortName(c.name), `--network=${mode}`, c.running ? c.image : 'stopped']
    : [shortName(c.name), mode, c.running ? 'running' : 'stopped'];
  const label = fitLabel(lines, w, compact, m);
  return {
    key: `ctr:${c.id}`,
    kind: 'container',
    shape: 'card',
    x,
    y,
    w,
    h: m.cardH,
    label,
    full: fullText(lines, label),
    tone: c.netns ? toneOf(c.netns) : 0,
    name: `container ${c.name} (${c.mode} mode${c.running ? '' : ', stopped'})`,
    related: relatedOf(plan, `ctr:${c.id}`),
    dim: !c.running,
    compact,
    tether: c.running && tether ? tether : undefined,
    z: 1,
  };
}

/** What the kernel view draws besides the plumbing. */
export interface KernelSceneOptions {
  /** The NAT & filter overlay: markers for the host namespace's netfilter hooks. */
  hooks?: boolean;
}

/** Builds the kernel view of a world. */
export function buildKernelScene(w: World, plan: Plan = planColumns(w), opts: KernelSceneOptions = {}): Scene {
  const k = w.kernel;
  const m = plan.m;
  const s = m.s;
  const g = m.g;
  const boxes: SceneBox[] = [];
  const wires: SceneWire[] = [];
  const pos = new Map<LinkId, Pos>();
  const width = plan.width;
  const ROW = m.nicH + 14 * g;
  const BRIDGE_H = m.details ? 48 * g : m.nicH + 8 * g;
  // User space: its title on a line of its own, then the cards (presenter mode stacks the cards
  // of a shared namespace); kernel space below the divider, its title again on its own line.
  const cardRows = Math.max(1, ...plan.columns.map((c) => (m.details ? 1 : c.containers.length)));
  const USER_LABEL_Y = m.details ? 26 * s : 8 * g + 0.8 * m.space;
  const USER_TOP = m.details ? 44 * s : USER_LABEL_Y + 0.3 * m.space + 8 * g;
  const DIVIDER_Y = USER_TOP + cardRows * m.cardH + (cardRows - 1) * 8 * g + (m.details ? 34 : 24) * g;
  const KERNEL_LABEL_Y = m.details ? DIVIDER_Y + 26 * s : DIVIDER_Y + 8 * g + 0.8 * m.space;
  const NS_TOP = m.details ? DIVIDER_Y + 46 * s : KERNEL_LABEL_Y + 0.3 * m.space + 8 * g;
  const REGION_HEAD = m.head;

  // Namespace regions: every column gets the same height so the host region below stays put.
  const nsLinks = new Map<NetnsId, Link[]>();
  let maxRows = 1;
  for (const col of plan.columns) {
    if (!col.netns || !k.netns[col.netns]) continue;
    const links = linksIn(w, col.netns);
    nsLinks.set(col.netns, links);
    maxRows = Math.max(maxRows, Math.ceil(links.length / 2));
  }
  const nsH = REGION_HEAD + maxRows * ROW + 6 * g;
  const hostY = NS_TOP + nsH + (m.details ? 44 : 30) * g;

  for (const col of plan.columns) {
    if (col.netns && k.netns[col.netns]) {
      const ns = col.netns;
      const titles = regionTitles(col, 'kernel');
      const title = pickFit(titles, col.w - 2 * m.padX, m.region);
      boxes.push({
        key: ns,
        kind: 'netns',
        shape: 'region',
        x: col.x,
        y: NS_TOP,
        w: col.w,
        h: nsH,
        label: [title],
        full: title !== titles[0] ? titles[0] : undefined,
        labelAt: 'top-left',
        tone: toneOf(ns),
        name: netnsName(w, plan, ns),
        related: relatedOf(plan, ns),
        z: 0,
      });
      for (const [id, p] of placeRow(nsLinks.get(ns) ?? [], col.x, NS_TOP + REGION_HEAD, 2, col.w, m)) pos.set(id, p);
    }
    // Containers of the column, side by side in user space (stacked in presenter mode), each
    // linked down to the region.
    const n = Math.max(1, col.containers.length);
    const across = m.details ? n : 1;
    const cw = (col.w - (across - 1) * 10 * g) / across;
    col.containers.forEach((c, i) => {
      const x = col.x + (m.details ? i * (cw + 10 * g) : 0);
      const y = USER_TOP + (m.details ? 0 : i * (m.cardH + 8 * g));
      const tether = m.details || i === n - 1 ? { x: x + cw / 2, y: NS_TOP } : undefined;
      boxes.push(containerCard(c, x, y, cw, tether, plan));
    });
  }

  // Host-mode containers sit above the host's own interfaces and link down to init_net.
  let hx = m.margin + 10 * g;
  plan.hostContainers.forEach((c) => {
    // Normal mode keeps the classic card; presenter mode makes it as wide as the name.
    const cw = m.details ? COL_W - 20 : Math.ceil(textWidth(c.name, m.title) + 2 * m.padX);
    boxes.push(containerCard(c, hx, USER_TOP, cw, { x: hx + cw / 2, y: hostY }, plan));
    hx += cw + (m.details ? 36 : m.gap);
  });

  // init_net: its own interfaces on the left, veth ends under the column of their peer, bridges below.
  const hostLinks = linksIn(w, INIT_NET);
  const bridges = hostLinks.filter((l) => l.kind === 'bridge');
  const underColumn = new Map<string, Link[]>();
  const left: Link[] = [];
  for (const l of hostLinks) {
    if (l.kind === 'bridge') continue;
    const p = peerLink(w, l);
    const col = p && p.netns !== INIT_NET ? plan.columnOf.get(p.netns) : undefined;
    if (col) {
      if (!underColumn.has(col.key)) underColumn.set(col.key, []);
      underColumn.get(col.key)!.push(l);
    } else left.push(l);
  }
  const rowY = hostY + REGION_HEAD + 6 * g;
  for (const [id, p] of placeRow(left, m.margin, rowY, 2, plan.leftW, m)) pos.set(id, p);
  let maxColRows = 1;
  for (const col of plan.columns) {
    const ls = underColumn.get(col.key) ?? [];
    maxColRows = Math.max(maxColRows, Math.ceil(ls.length / 2));
    // A single host end stands right under its peer, so the wire drops straight down.
    const peerPos = ls.length === 1 && ls[0].peer ? pos.get(ls[0].peer) : undefined;
    const own = peerPos ? nicWidth(nicLines(ls[0]), m) : 0;
    const place = peerPos
      ? new Map([
          [
            ls[0].id,
            {
              x: Math.max(col.x + 4 * g, Math.min(col.x + col.w - own - 4 * g, peerPos.x + peerPos.w / 2 - own / 2)),
              y: rowY,
              w: own,
            },
          ],
        ])
      : placeRow(ls, col.x, rowY, 2, col.w, m);
    for (const [id, p] of place) pos.set(id, p);
  }
  const leftRows = Math.max(1, Math.ceil(left.length / 2));
  const bridgeY0 = rowY + Math.max(leftRows, maxColRows) * ROW + 30 * g;
  const bridgeX = plan.colX0;
  const bridgeW = Math.max(m.colW, 120 * g, width - m.margin - 10 * g - bridgeX);
  bridges.forEach((br, i) => {
    const y = bridgeY0 + i * (BRIDGE_H + 30 * g);
    const a = addrText(br);
    const lines = [`${br.name}  (bridge)`, a ?? (br.up ? 'no address' : 'down')];
    const label = fitLabel(lines, bridgeW, false, m);
    boxes.push({
      key: br.id,
      kind: 'bridge',
      shape: 'switch',
      x: bridgeX,
      y,
      w: bridgeW,
      h: BRIDGE_H,
      label,
      full: fullText(lines, label),
      labelAt: 'left',
      tone: 0,
      name: `bridge ${br.name}${a ? ` (${a})` : ''}`,
      related: relatedOf(plan, br.id),
      dim: !br.up,
      z: 1,
    });
    for (const port of portsOf(k, br)) {
      const p = pos.get(port.id);
      if (!p) continue;
      const px = p.x + p.w / 2;
      boxes.push({
        key: portKey(port.id),
        kind: 'port',
        shape: 'port',
        x: px - 8 * g,
        y: y - 8 * g,
        w: 16 * g,
        h: 16 * g,
        label: [],
        tone: 0,
        name: `port ${port.name} of bridge ${br.name}`,
        related: relatedOf(plan, portKey(port.id)),
        dim: !port.up,
        tether: { x: px, y: p.y + m.nicH },
        z: 2,
      });
    }
  });
  const plumbingBottom = Math.max(
    rowY + Math.max(leftRows, maxColRows) * ROW,
    bridges.length ? bridgeY0 + bridges.length * (BRIDGE_H + 30 * g) - 14 * g : 0,
  );
  // The NAT & filter overlay: the host's netfilter hooks, in a row under its bridges.
  const overlay = opts.hooks ? hookMarkers(w, m.margin, plumbingBottom + 12 * s, width - 2 * m.margin, m) : undefined;
  if (overlay) boxes.push(...overlay.boxes);
  const hostBottom = overlay ? plumbingBottom + 12 * s + overlay.height : plumbingBottom;
  const hostW = width - 2 * m.margin + 20 * g;
  const hostTitle = `host netns (init_net) · ${w.hostname}`;
  const hostShown = pickFit([hostTitle, 'host netns (init_net)', 'init_net'], hostW - 2 * m.padX, m.region);
  boxes.push({
    key: INIT_NET,
    kind: 'netns',
    shape: 'region',
    x: m.margin - 10 * g,
    y: hostY,
    w: hostW,
    h: hostBottom - hostY + 8 * g,
    label: [hostShown],
    full: hostShown !== hostTitle ? hostTitle : undefined,
    labelAt: 'top-left',
    tone: 0,
    name: netnsName(w, plan, INIT_NET),
    related: relatedOf(plan, INIT_NET),
    z: 0,
  });

  // Interfaces.
  for (const l of Object.values(k.links)) {
    const p = pos.get(l.id);
    if (!p) continue;
    const where = netnsName(w, plan, l.netns);
    const a = addrText(l);
    const lines = nicLines(l);
    const label = fitLabel(lines, p.w, false, m);
    boxes.push({
      key: l.id,
      kind: 'interface',
      shape: 'nic',
      x: p.x,
      y: p.y,
      w: p.w,
      h: m.nicH,
      label,
      full: fullText(lines, label),
      tone: toneOf(l.netns),
      name: `interface ${l.name}${a ? ` (${a})` : ''} in ${where}`,
      related: relatedOf(plan, l.id),
      dim: !l.up,
      z: 1,
    });
  }

  // veth pairs: one wire per pair, from the upper end to the lower one.
  wires.push(...vethWires(w, plan, pos, new Set<string>(), (l, p) => `veth pair ${l.name} and ${p.name}`));

  const decor: SceneDecor[] = [
    { key: 'user-space', type: 'text', x: m.margin, y: USER_LABEL_Y, text: 'User Space', style: 'space-label' },
    { key: 'divider', type: 'line', x: 0, y: DIVIDER_Y, x2: width, y2: DIVIDER_Y, style: 'divider' },
    { key: 'kernel-space', type: 'text', x: m.margin, y: KERNEL_LABEL_Y, text: 'Kernel Space', style: 'space-label' },
  ];
  // The host's first physical NIC leads out of the machine, as in the user view: packets to the
  // outside world travel down this line.
  const nic = hostLinks.find((l) => l.kind === 'ether');
  const nicPos = nic && pos.get(nic.id);
  let height = hostBottom + 24 * g;
  if (nicPos) {
    const x = nicPos.x + nicPos.w / 2;
    const bottom = hostBottom + 8 * g + 30 * g;
    const text = ellipsize('outside network', width - x - 16 * g, m.note, 'regular');
    decor.push(
      { key: 'uplink', type: 'line', x, y: nicPos.y + m.nicH, x2: x, y2: bottom, style: 'uplink' },
      { key: 'outside', type: 'text', x: x + 12 * g, y: bottom - 4 * g, text, style: 'outside' },
    );
    height = bottom + 12 * g;
  }
  // Elements equal to the last kernel scene's (of this type size) stay the same objects.
  return keepUnchanged(`kernel|${s}|${m.details}|${opts.hooks ? 'hooks' : ''}`, {
    pane: 'kernel',
    width,
    height,
    labelScale: s,
    fonts: fontsOf(m),
    regionTitleY: m.headBaseline,
    boxes,
    wires,
    decor,
  });
}
