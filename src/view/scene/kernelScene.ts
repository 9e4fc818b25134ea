// view/scene/kernelScene.ts — the kernel view: user space above a grey line, kernel space below;
// each namespace a coloured region holding its interfaces; veth pairs as wires crossing regions;
// each bridge drawn as a switch with ports that also holds its own address.
// Pure layout: World → Scene; never touches the DOM.
import type { World } from '../../docker/world';
import { INIT_NET, portsOf } from '../../kernel/query';
import type { Link, LinkId, NetnsId } from '../../kernel/types';
import {
  addrText,
  CARD_H,
  COL_GAP,
  COL_W,
  fitLabel,
  linksIn,
  MARGIN,
  NIC_H,
  nicWidth,
  netnsName,
  placeRow as placeBoxes,
  planColumns,
  relatedOf,
  type Plan,
  vethWires,
} from './layout';
import { peerLink, portKey, toneOf, type ContainerView } from './model';
import type { Scene, SceneBox, SceneDecor, SceneWire } from './types';

const USER_TOP = 44;
const DIVIDER_Y = 140;
const NS_TOP = 186;
const REGION_HEAD = 28;
const ROW = NIC_H + 14;
const BRIDGE_H = 48;

function nicLabel(l: Link): string[] {
  const a = addrText(l);
  const name = l.name;
  return a ? [name, a] : [name, l.kind === 'loopback' ? 'loopback' : l.up ? 'no address' : 'down'];
}

type Pos = { x: number; y: number; w: number };

/** Places links `perRow` to a row inside [x, x+width] from y; each box as wide as its label needs. */
function placeRow(links: Link[], x: number, y: number, perRow: number, width: number): Map<LinkId, Pos> {
  const widths = links.map((l) => nicWidth(nicLabel(l)));
  const at = placeBoxes(widths, x, y, perRow, width, ROW);
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
  const mode = c.mode === 'container' ? 'container:' : c.modeText;
  return {
    key: `ctr:${c.id}`,
    kind: 'container',
    shape: 'card',
    x,
    y,
    w,
    h: CARD_H,
    label: fitLabel(
      w >= 150
        ? [c.name, `--network=${mode}`, c.running ? c.image : 'stopped']
        : [c.name, mode, c.running ? 'running' : 'stopped'],
      w,
      w < 150,
    ),
    tone: c.netns ? toneOf(c.netns) : 0,
    name: `container ${c.name} (${c.mode} mode${c.running ? '' : ', stopped'})`,
    related: relatedOf(plan, `ctr:${c.id}`),
    dim: !c.running,
    compact: w < 150,
    tether: c.running && tether ? tether : undefined,
    z: 1,
  };
}

/** Builds the kernel view of a world. */
export function buildKernelScene(w: World, plan: Plan = planColumns(w)): Scene {
  const k = w.kernel;
  const boxes: SceneBox[] = [];
  const wires: SceneWire[] = [];
  const pos = new Map<LinkId, Pos>();
  const width = plan.width;

  // Namespace regions: every column gets the same height so the host region below stays put.
  const nsLinks = new Map<NetnsId, Link[]>();
  let maxRows = 1;
  for (const col of plan.columns) {
    if (!col.netns || !k.netns[col.netns]) continue;
    const links = linksIn(w, col.netns);
    nsLinks.set(col.netns, links);
    maxRows = Math.max(maxRows, Math.ceil(links.length / 2));
  }
  const nsH = REGION_HEAD + maxRows * ROW + 6;
  const hostY = NS_TOP + nsH + 44;

  for (const col of plan.columns) {
    if (col.netns && k.netns[col.netns]) {
      const ns = col.netns;
      boxes.push({
        key: ns,
        kind: 'netns',
        shape: 'region',
        x: col.x,
        y: NS_TOP,
        w: COL_W,
        h: nsH,
        label: fitLabel(
          [
            col.containers.length > 1
              ? `shared netns: ${col.containers[0].name}`
              : col.containers.length
                ? `netns of ${col.title}`
                : `netns ${col.title}`,
          ],
          COL_W,
        ),
        labelAt: 'top-left',
        tone: toneOf(ns),
        name: netnsName(w, plan, ns),
        related: relatedOf(plan, ns),
        z: 0,
      });
      for (const [id, p] of placeRow(nsLinks.get(ns) ?? [], col.x, NS_TOP + REGION_HEAD, 2, COL_W)) pos.set(id, p);
    }
    // Containers of the column, side by side in user space, each linked down to the region.
    const n = Math.max(1, col.containers.length);
    const cw = (COL_W - (n - 1) * 10) / n;
    col.containers.forEach((c, i) => {
      const x = col.x + i * (cw + 10);
      boxes.push(containerCard(c, x, USER_TOP, cw, { x: x + cw / 2, y: NS_TOP }, plan));
    });
  }

  // Host-mode containers sit above the host's own interfaces and link down to init_net.
  plan.hostContainers.forEach((c, i) => {
    const x = MARGIN + 10 + i * (COL_W + COL_GAP);
    boxes.push(containerCard(c, x, USER_TOP, COL_W - 20, { x: x + (COL_W - 20) / 2, y: hostY }, plan));
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
  const rowY = hostY + REGION_HEAD + 6;
  for (const [id, p] of placeRow(left, MARGIN, rowY, 2, plan.leftW)) pos.set(id, p);
  let maxColRows = 1;
  for (const col of plan.columns) {
    const ls = underColumn.get(col.key) ?? [];
    maxColRows = Math.max(maxColRows, Math.ceil(ls.length / 2));
    // A single host end stands right under its peer, so the wire drops straight down.
    const peerPos = ls.length === 1 && ls[0].peer ? pos.get(ls[0].peer) : undefined;
    const own = peerPos ? nicWidth(nicLabel(ls[0])) : 0;
    const place = peerPos
      ? new Map([
          [
            ls[0].id,
            {
              x: Math.max(col.x + 4, Math.min(col.x + COL_W - own - 4, peerPos.x + peerPos.w / 2 - own / 2)),
              y: rowY,
              w: own,
            },
          ],
        ])
      : placeRow(ls, col.x, rowY, 2, COL_W);
    for (const [id, p] of place) pos.set(id, p);
  }
  const leftRows = Math.max(1, Math.ceil(left.length / 2));
  const bridgeY0 = rowY + Math.max(leftRows, maxColRows) * ROW + 30;
  const bridgeX = plan.colX0;
  const bridgeW = Math.max(COL_W, width - MARGIN - 10 - bridgeX);
  bridges.forEach((br, i) => {
    const y = bridgeY0 + i * (BRIDGE_H + 30);
    const a = addrText(br);
    boxes.push({
      key: br.id,
      kind: 'bridge',
      shape: 'switch',
      x: bridgeX,
      y,
      w: bridgeW,
      h: BRIDGE_H,
      label: [`${br.name}  (bridge)`, a ?? (br.up ? 'no address' : 'down')],
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
        x: px - 8,
        y: y - 8,
        w: 16,
        h: 16,
        label: [],
        tone: 0,
        name: `port ${port.name} of bridge ${br.name}`,
        related: relatedOf(plan, portKey(port.id)),
        dim: !port.up,
        tether: { x: px, y: p.y + NIC_H },
        z: 2,
      });
    }
  });
  const hostBottom = Math.max(
    rowY + Math.max(leftRows, maxColRows) * ROW,
    bridges.length ? bridgeY0 + bridges.length * (BRIDGE_H + 30) - 14 : 0,
  );
  boxes.push({
    key: INIT_NET,
    kind: 'netns',
    shape: 'region',
    x: MARGIN - 10,
    y: hostY,
    w: width - 2 * MARGIN + 20,
    h: hostBottom - hostY + 8,
    label: [`host netns (init_net) · ${w.hostname}`],
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
    boxes.push({
      key: l.id,
      kind: 'interface',
      shape: 'nic',
      x: p.x,
      y: p.y,
      w: p.w,
      h: NIC_H,
      label: fitLabel(nicLabel(l), p.w),
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
    { key: 'user-space', type: 'text', x: MARGIN, y: 26, text: 'User Space', style: 'space-label' },
    { key: 'divider', type: 'line', x: 0, y: DIVIDER_Y, x2: width, y2: DIVIDER_Y, style: 'divider' },
    { key: 'kernel-space', type: 'text', x: MARGIN, y: DIVIDER_Y + 26, text: 'Kernel Space', style: 'space-label' },
  ];
  // The host's first physical NIC leads out of the machine, as in the user view: packets to the
  // outside world travel down this line.
  const nic = hostLinks.find((l) => l.kind === 'ether');
  const nicPos = nic && pos.get(nic.id);
  let height = hostBottom + 24;
  if (nicPos) {
    const x = nicPos.x + nicPos.w / 2;
    const bottom = hostBottom + 8 + 30;
    decor.push(
      { key: 'uplink', type: 'line', x, y: nicPos.y + NIC_H, x2: x, y2: bottom, style: 'uplink' },
      { key: 'outside', type: 'text', x: x + 12, y: bottom - 4, text: 'outside network', style: 'outside' },
    );
    height = bottom + 12;
  }
  return { pane: 'kernel', width, height, boxes, wires, decor };
}
