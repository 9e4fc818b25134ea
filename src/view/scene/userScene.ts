// view/scene/userScene.ts — the user view: the machine as a person pictures it. The host holds
// containers as boxes (name, mode, address), a switch per bridge with cables to the containers'
// network cards, and its own network card to the outside. Same keys as the kernel view, so an
// element and its twin share a data-key. Pure layout: World → Scene.
import type { World } from '../../docker/world';
import { INIT_NET, linksOf, portsOf } from '../../kernel/query';
import type { Link, LinkId } from '../../kernel/types';
import {
  addrText,
  COL_W,
  ellipsize,
  fitLabel,
  fontsOf,
  fullText,
  netnsName,
  nicWidth,
  pickFit,
  placeRow,
  planColumns,
  regionTitles,
  relatedOf,
  textWidth,
  type Plan,
  vethWires,
} from './layout';
import { peerLink, portKey, toneOf, vethKey, type ContainerView } from './model';
import { keepUnchanged } from './memo';
import { podGroupsOf, podOutline, shortName } from './pods';
import type { Scene, SceneBox, SceneDecor, SceneWire } from './types';

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
  const m = plan.m;
  const compact = m.details && w < 150;
  // A pod's cards show the names of the pod spec (pause, nginx …): three cards share a column.
  const lines = !compact
    ? [
        shortName(c.name),
        `--network=${c.mode === 'container' ? 'container:' : c.modeText}`,
        c.running ? modeLine(c) : 'stopped',
      ]
    : [
        shortName(c.name),
        c.mode === 'container' ? 'container:' : c.modeText,
        c.running ? (c.ip ? c.ip.split('/')[0] : c.mode === 'container' ? 'same card' : '') : 'stopped',
      ];
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
    name: `container ${c.name} (${c.mode} mode${c.ip ? `, ${c.ip.split('/')[0]}` : ''}${c.running ? '' : ', stopped'})`,
    related: relatedOf(plan, `ctr:${c.id}`),
    dim: !c.running,
    compact,
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
  const width = nicWidth(nicText(l), plan.m);
  const lines = nicText(l);
  const label = fitLabel(lines, width, false, plan.m);
  return {
    key: l.id,
    kind: 'interface',
    shape: 'nic',
    x,
    y,
    w: width,
    h: plan.m.nicH,
    label,
    full: fullText(lines, label),
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
  const m = plan.m;
  const s = m.s;
  const g = m.g;
  const boxes: SceneBox[] = [];
  const wires: SceneWire[] = [];
  const decor: SceneDecor[] = [];
  const width = plan.width;
  const pos = new Map<LinkId, { x: number; y: number; w: number }>();
  const groups = new Map(podGroupsOf(plan.containers).map((x) => [x.owner.id, x]));
  const NIC_H = m.nicH;
  const HOST_TOP = 14 * g;
  // Presenter mode stacks the cards of a shared namespace, so its boxes grow by a card or two.
  const cardRows = Math.max(1, ...plan.columns.map((c) => (m.details ? 1 : c.containers.length)));
  const cardsH = cardRows * m.cardH + (cardRows - 1) * 8 * g;
  // The host's title strip, then the namespaces: a title strip, the cards, the network cards.
  const NSBOX_TOP = m.details ? 64 * s : HOST_TOP + m.head + 12 * g;
  const NSBOX_H = m.head - 4 * g + cardsH + 14 * g + NIC_H + 12 * g;
  const SWITCH_Y = NSBOX_TOP + NSBOX_H + (m.details ? 64 : 48) * g;
  const SWITCH_H = m.details ? 44 * s : NIC_H + 8 * g;
  const CARD_TOP = NSBOX_TOP + m.head - 4 * g;

  for (const col of plan.columns) {
    const ns = col.netns && k.netns[col.netns] ? col.netns : undefined;
    const n = Math.max(1, col.containers.length);
    const across = m.details ? n : 1;
    const inner = col.w - 20 * g;
    const cw = (inner - (across - 1) * 8 * g) / across;
    if (ns) {
      const titles = regionTitles(col, 'user');
      const title = pickFit(titles, col.w - 2 * m.padX, m.region);
      boxes.push({
        key: ns,
        kind: 'netns',
        shape: 'region',
        x: col.x,
        y: NSBOX_TOP,
        w: col.w,
        h: NSBOX_H,
        label: [title],
        full: title !== titles[0] ? titles[0] : undefined,
        labelAt: 'top-left',
        tone: toneOf(ns),
        name: netnsName(w, plan, ns),
        related: relatedOf(plan, ns),
        z: 0,
      });
      // Containers sharing this namespace form a pod (or one shared namespace): an outline around
      // it, labelled in a strip above (presenter mode has no room there: the outline only).
      const pod = podOutline(groups, col.containers[0], boxes[boxes.length - 1], m.details ? 24 * s : 0);
      if (pod) boxes.push(pod);
      // A person sees a container's network cards; lo only when it is all there is.
      const all = linksOf(k, ns);
      const cards = all.filter((l) => l.kind !== 'loopback');
      const shown = cards.length ? cards.slice(0, 2) : all.slice(0, 1);
      const widths = shown.map((l) => nicWidth(nicText(l), m));
      const at = placeRow(widths, col.x, CARD_TOP + cardsH + 14 * g, 2, col.w, NIC_H + 10 * g);
      shown.forEach((l, i) => {
        pos.set(l.id, { ...at[i], w: widths[i] });
        boxes.push(nic(l, at[i].x, at[i].y, plan, w, toneOf(ns)));
      });
    }
    col.containers.forEach((c, i) => {
      const x = col.x + 10 * g + (m.details ? i * (cw + 8 * g) : 0);
      boxes.push(card(c, x, CARD_TOP + (m.details ? 0 : i * (m.cardH + 8 * g)), cw, plan));
    });
  }

  // The host's own cards (ens5 …) along the bottom left; veth ends of the host that are not bridge
  // ports stand under their container's column, like a cable plugged into the host.
  const hostLinks = linksOf(k, INIT_NET);
  const bridges = hostLinks.filter((l) => l.kind === 'bridge');
  const physical = hostLinks.filter((l) => l.kind === 'ether');
  const looseVeth = hostLinks.filter((l) => l.kind === 'veth' && !l.master);
  const bottomY = SWITCH_Y + Math.max(1, bridges.length) * (SWITCH_H + 36 * g) + 24 * g;

  bridges.forEach((br, i) => {
    const y = SWITCH_Y + i * (SWITCH_H + 36 * g);
    const x = plan.colX0;
    const bw = Math.max(m.colW, 120 * g, width - m.margin - 10 * g - x);
    const a = addrText(br);
    const lines = [`${br.name} switch`, a ? `gateway ${a.split('/')[0]}` : br.up ? 'no address' : 'down'];
    const label = fitLabel(lines, bw, false, m);
    boxes.push({
      key: br.id,
      kind: 'bridge',
      shape: 'switch',
      x,
      y,
      w: bw,
      h: SWITCH_H,
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
      const peer = peerLink(w, port);
      const p = peer ? pos.get(peer.id) : undefined;
      const col = peer ? plan.columnOf.get(peer.netns) : undefined;
      const px = p ? p.x + p.w / 2 : col ? col.x + col.w / 2 : x + 20 * g;
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
          y2: y - 8 * g,
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
    const nw = nicWidth(nicText(l), m);
    const x = col ? col.x + (col.w - nw) / 2 : m.margin + 10 * g + (i % 2) * (nw + 12 * g);
    // Between the namespaces and the switch row, so a detached port's end does not cover the switch.
    const y = bridges.length ? SWITCH_Y - NIC_H - 10 * g : SWITCH_Y - 4 * g;
    pos.set(l.id, { x, y, w: nw });
    boxes.push(nic(l, x, y, plan, w, 0));
  });
  // Cables that are not bridge ports: between two namespaces, or to a loose host end.
  wires.push(
    ...vethWires(w, plan, pos, new Set(wires.map((x) => x.key)), (l, p) => `cable (veth pair ${l.name} and ${p.name})`),
  );

  // The host's network cards, with the way out.
  let nx = m.margin + 10 * g;
  physical.forEach((l) => {
    const nw = nicWidth(nicText(l), m);
    pos.set(l.id, { x: nx, y: bottomY, w: nw });
    boxes.push(nic(l, nx, bottomY, plan, w, 0));
    nx += nw + 12 * g;
  });
  const firstNic = physical[0];
  const firstW = firstNic ? nicWidth(nicText(firstNic), m) : 0;
  // Host-mode containers stand in the host itself, drawn as using its card directly.
  let hx = m.margin + 10 * g;
  plan.hostContainers.forEach((c) => {
    const cw = m.details ? COL_W - 20 : Math.ceil(textWidth(c.name, m.title) + 2 * m.padX);
    const tether = firstNic && c.running ? { x: m.margin + 10 * g + firstW / 2, y: bottomY } : undefined;
    boxes.push(card(c, hx, CARD_TOP, cw, plan, tether));
    hx += cw + (m.details ? 36 : m.gap);
  });
  const hostH = bottomY + NIC_H + 18 * g - HOST_TOP;
  const hostW = width - 2 * m.margin + 20 * g;
  const hostTitle = `host ${w.hostname} — its own network`;
  const hostShown = pickFit([hostTitle, `host ${w.hostname}`, 'host'], hostW - 2 * m.padX, m.region);
  boxes.push({
    key: INIT_NET,
    kind: 'host',
    shape: 'region',
    x: m.margin - 10 * g,
    y: HOST_TOP,
    w: hostW,
    h: hostH,
    label: [hostShown],
    full: hostShown !== hostTitle ? hostTitle : undefined,
    labelAt: 'top-left',
    tone: 0,
    name: `host ${w.hostname}`,
    related: relatedOf(plan, INIT_NET),
    z: 0,
  });
  if (firstNic) {
    const x = m.margin + 10 * g + firstW / 2;
    decor.push(
      { key: 'uplink', type: 'line', x, y: bottomY + NIC_H, x2: x, y2: HOST_TOP + hostH + 26 * g, style: 'uplink' },
      {
        key: 'outside',
        type: 'text',
        x: x + 12 * g,
        y: HOST_TOP + hostH + 24 * g,
        text: ellipsize('outside network', width - x - 16 * g, m.note, 'regular'),
        style: 'outside',
      },
    );
    if (bridges.length) {
      const bx = plan.colX0;
      decor.push(
        {
          key: 'routed',
          type: 'line',
          x: bx,
          y: SWITCH_Y + SWITCH_H / 2,
          x2: m.margin + 10 * g + firstW,
          y2: bottomY + NIC_H / 2,
          style: 'routed',
        },
        // Normal mode: between the host's card and the columns (the host area is planned wide
        // enough); presenter mode: under the switch's left end, where nothing else is drawn.
        m.details
          ? {
              key: 'routed-label',
              type: 'text',
              x: bx - 8 * g,
              y: bottomY + NIC_H / 2 + 4 * g,
              text: 'routed + NAT',
              style: 'note-end',
            }
          : {
              key: 'routed-label',
              type: 'text',
              x: bx + 8 * g,
              y: SWITCH_Y + SWITCH_H + 6 * g + 0.8 * m.note,
              text: 'routed + NAT',
              style: 'note',
            },
      );
    }
  }
  // Elements equal to the last user scene's (of this type size) stay the same objects.
  return keepUnchanged(`user|${s}|${m.details}`, {
    pane: 'user',
    width,
    height: HOST_TOP + hostH + 40 * g,
    labelScale: s,
    fonts: fontsOf(m),
    regionTitleY: m.headBaseline,
    boxes,
    wires,
    decor,
  });
}
