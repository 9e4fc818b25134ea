// view/scene/userScene.ts — the user view: the machine as a person pictures it. The host holds
// containers as boxes (name, mode, address), a switch per bridge with cables to the containers'
// network cards, and its own network card to the outside. Same keys as the kernel view, so an
// element and its twin share a data-key. Pure layout: World → Scene.
import type { World } from '../../docker/world';
import { INIT_NET, linksOf, portsOf } from '../../kernel/query';
import type { Link, LinkId } from '../../kernel/types';
import {
  addrText,
  CARD_H,
  COL_GAP,
  COL_W,
  fitLabel,
  MARGIN,
  NIC_H,
  nicWidth,
  netnsName,
  placeRow,
  planColumns,
  relatedOf,
  type Plan,
  vethWires,
} from './layout';
import { peerLink, portKey, toneOf, vethKey, type ContainerView } from './model';
import type { Scene, SceneBox, SceneDecor, SceneWire } from './types';

const HOST_TOP = 14;
const NSBOX_TOP = 64;
const NSBOX_H = 24 + CARD_H + 14 + NIC_H + 12;
const SWITCH_Y = NSBOX_TOP + NSBOX_H + 64;
const SWITCH_H = 44;

function modeLine(c: ContainerView): string {
  if (c.mode === 'container') return 'shares a network card';
  if (c.mode === 'none') return 'no network (only lo)';
  if (c.mode === 'host') return "uses the host's network";
  return c.ip ? c.ip.split('/')[0] : c.modeText;
}

function card(
  c: ContainerView,
  x: number,
  y: number,
  w: number,
  plan: Plan,
  tether?: { x: number; y: number },
): SceneBox {
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
        ? [
            c.name,
            `--network=${c.mode === 'container' ? 'container:' : c.modeText}`,
            c.running ? modeLine(c) : 'stopped',
          ]
        : [
            c.name,
            c.mode === 'container' ? 'container:' : c.modeText,
            c.running ? (c.ip ? c.ip.split('/')[0] : c.mode === 'container' ? 'same card' : '') : 'stopped',
          ],
      w,
      w < 150,
    ),
    tone: c.netns ? toneOf(c.netns) : 0,
    name: `container ${c.name} (${c.mode} mode${c.ip ? `, ${c.ip.split('/')[0]}` : ''}${c.running ? '' : ', stopped'})`,
    related: relatedOf(plan, `ctr:${c.id}`),
    dim: !c.running,
    compact: w < 150,
    tether,
    z: 1,
  };
}

function nicText(l: Link): string[] {
  const a = addrText(l);
  return [l.name, a ?? (l.kind === 'loopback' ? 'loopback only' : l.up ? 'no address' : 'down')];
}

function nic(l: Link, x: number, y: number, plan: Plan, w: World, tone: number): SceneBox {
  const a = addrText(l);
  const width = nicWidth(nicText(l));
  return {
    key: l.id,
    kind: 'interface',
    shape: 'nic',
    x,
    y,
    w: width,
    h: NIC_H,
    label: fitLabel(nicText(l), width),
    tone,
    name: `interface ${l.name}${a ? ` (${a})` : ''} in ${netnsName(w, plan, l.netns)}`,
    related: relatedOf(plan, l.id),
    dim: !l.up,
    z: 2,
  };
}

/** Builds the user view of a world. */
export function buildUserScene(w: World, plan: Plan = planColumns(w)): Scene {
  const k = w.kernel;
  const boxes: SceneBox[] = [];
  const wires: SceneWire[] = [];
  const decor: SceneDecor[] = [];
  const width = plan.width;
  const pos = new Map<LinkId, { x: number; y: number; w: number }>();

  for (const col of plan.columns) {
    const ns = col.netns && k.netns[col.netns] ? col.netns : undefined;
    const n = Math.max(1, col.containers.length);
    const inner = COL_W - 20;
    const cw = (inner - (n - 1) * 8) / n;
    if (ns) {
      boxes.push({
        key: ns,
        kind: 'netns',
        shape: 'region',
        x: col.x,
        y: NSBOX_TOP,
        w: COL_W,
        h: NSBOX_H,
        label: [
          col.containers.length > 1
            ? 'one network, shared'
            : col.containers.length
              ? 'own network namespace'
              : fitLabel([`netns ${col.title}`], COL_W)[0],
        ],
        labelAt: 'top-left',
        tone: toneOf(ns),
        name: netnsName(w, plan, ns),
        related: relatedOf(plan, ns),
        z: 0,
      });
      // A person sees a container's network cards; lo only when it is all there is.
      const all = linksOf(k, ns);
      const cards = all.filter((l) => l.kind !== 'loopback');
      const shown = cards.length ? cards.slice(0, 2) : all.slice(0, 1);
      const widths = shown.map((l) => nicWidth(nicText(l)));
      const at = placeRow(widths, col.x, NSBOX_TOP + 24 + CARD_H + 14, 2, COL_W, NIC_H + 10);
      shown.forEach((l, i) => {
        pos.set(l.id, { ...at[i], w: widths[i] });
        boxes.push(nic(l, at[i].x, at[i].y, plan, w, toneOf(ns)));
      });
    }
    col.containers.forEach((c, i) => {
      boxes.push(card(c, col.x + 10 + i * (cw + 8), NSBOX_TOP + 24, cw, plan));
    });
  }

  // The host's own cards (ens5 …) along the bottom left; veth ends of the host that are not bridge
  // ports stand under their container's column, like a cable plugged into the host.
  const hostLinks = linksOf(k, INIT_NET);
  const bridges = hostLinks.filter((l) => l.kind === 'bridge');
  const physical = hostLinks.filter((l) => l.kind === 'ether');
  const looseVeth = hostLinks.filter((l) => l.kind === 'veth' && !l.master);
  const bottomY = SWITCH_Y + Math.max(1, bridges.length) * (SWITCH_H + 36) + 24;

  bridges.forEach((br, i) => {
    const y = SWITCH_Y + i * (SWITCH_H + 36);
    const x = plan.colX0;
    const bw = Math.max(COL_W, width - MARGIN - 10 - x);
    const a = addrText(br);
    boxes.push({
      key: br.id,
      kind: 'bridge',
      shape: 'switch',
      x,
      y,
      w: bw,
      h: SWITCH_H,
      label: [`${br.name} switch`, a ? `gateway ${a.split('/')[0]}` : br.up ? 'no address' : 'down'],
      labelAt: 'left',
      tone: 0,
      name: `bridge ${br.name}${a ? ` (${a})` : ''}`,
      related: relatedOf(plan, br.id),
      dim: !br.up,
      z: 1,
    });
    for (const port of portsOf(k, br)) {
      const peer = peerLink(w, port);
      const p = peer ? pos.get(peer.id) : undefined;
      const col = peer ? plan.columnOf.get(peer.netns) : undefined;
      const px = p ? p.x + p.w / 2 : col ? col.x + COL_W / 2 : x + 20;
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
        z: 2,
      });
      if (peer && p) {
        const key = vethKey(port.id, peer.id);
        wires.push({
          key,
          kind: 'veth',
          x1: px,
          y1: p.y + NIC_H,
          x2: px,
          y2: y - 8,
          name: `cable (veth pair ${peer.name} and ${port.name})`,
          related: relatedOf(plan, key),
          dim: !port.up || !peer.up,
        });
      }
    }
  });

  looseVeth.forEach((l, i) => {
    const peer = peerLink(w, l);
    const col = peer ? plan.columnOf.get(peer.netns) : undefined;
    const nw = nicWidth(nicText(l));
    const x = col ? col.x + (COL_W - nw) / 2 : MARGIN + 10 + (i % 2) * (nw + 12);
    // Between the namespaces and the switch row, so a detached port's end does not cover the switch.
    const y = bridges.length ? SWITCH_Y - NIC_H - 10 : SWITCH_Y - 4;
    pos.set(l.id, { x, y, w: nw });
    boxes.push(nic(l, x, y, plan, w, 0));
  });
  // Cables that are not bridge ports: between two namespaces, or to a loose host end.
  wires.push(
    ...vethWires(w, plan, pos, new Set(wires.map((x) => x.key)), (l, p) => `cable (veth pair ${l.name} and ${p.name})`),
  );

  // The host's network cards, with the way out.
  let nx = MARGIN + 10;
  physical.forEach((l) => {
    const nw = nicWidth(nicText(l));
    pos.set(l.id, { x: nx, y: bottomY, w: nw });
    boxes.push(nic(l, nx, bottomY, plan, w, 0));
    nx += nw + 12;
  });
  const firstNic = physical[0];
  const firstW = firstNic ? nicWidth(nicText(firstNic)) : 0;
  // Host-mode containers stand in the host itself, drawn as using its card directly.
  plan.hostContainers.forEach((c, i) => {
    const x = MARGIN + 10 + i * (COL_W + COL_GAP);
    const tether = firstNic && c.running ? { x: MARGIN + 10 + firstW / 2, y: bottomY } : undefined;
    boxes.push(card(c, x, NSBOX_TOP + 24, COL_W - 20, plan, tether));
  });
  const hostH = bottomY + NIC_H + 18 - HOST_TOP;
  boxes.push({
    key: INIT_NET,
    kind: 'host',
    shape: 'region',
    x: MARGIN - 10,
    y: HOST_TOP,
    w: width - 2 * MARGIN + 20,
    h: hostH,
    label: [`host ${w.hostname} — its own network`],
    labelAt: 'top-left',
    tone: 0,
    name: `host ${w.hostname}`,
    related: relatedOf(plan, INIT_NET),
    z: 0,
  });
  if (firstNic) {
    const x = MARGIN + 10 + firstW / 2;
    decor.push(
      { key: 'uplink', type: 'line', x, y: bottomY + NIC_H, x2: x, y2: HOST_TOP + hostH + 26, style: 'uplink' },
      { key: 'outside', type: 'text', x: x + 12, y: HOST_TOP + hostH + 24, text: 'outside network', style: 'outside' },
    );
    if (bridges.length) {
      const bx = plan.colX0;
      decor.push(
        {
          key: 'routed',
          type: 'line',
          x: bx,
          y: SWITCH_Y + SWITCH_H / 2,
          x2: MARGIN + 10 + firstW,
          y2: bottomY + NIC_H / 2,
          style: 'routed',
        },
        {
          key: 'routed-label',
          type: 'text',
          x: bx - 8,
          y: bottomY + NIC_H / 2 + 4,
          text: 'routed + NAT',
          style: 'note-end',
        },
      );
    }
  }
  return { pane: 'user', width, height: HOST_TOP + hostH + 40, boxes, wires, decor };
}
