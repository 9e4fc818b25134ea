// view/scene/packetPath.ts — where a packet's trace goes in a pane: each hop of a kernel walk
// (netns, link, what happened) mapped to the scene element that stands for it, and the path a
// dot follows between two hops (along the veth wire or through the bridge port when there is one).
// Pure: reads only a Scene and a trace; never touches the DOM.
import type { Hop } from '../../kernel/packet';
import type { Scene, SceneBox, SceneWire } from './types';

/** One hop of a packet as a pane shows it: the element it lights up and where the dot stands. */
export interface PacketStop {
  /** Index of the hop in the trace. */
  hop: number;
  /** The data-key of the element that stands for this hop in this pane. */
  key: string;
  x: number;
  y: number;
  kind: Hop['kind'];
  text: string;
  drop: boolean;
  /** Where the caption's top may sit without covering the element's own label. */
  captionY: number;
}

/** Key of the outside world: a decoration in both panes (the host's uplink ends there). */
export const OUTSIDE_KEY = 'outside';

function boxOf(scene: Scene, key: string): SceneBox | undefined {
  return scene.boxes.find((b) => b.key === key);
}

function wireOf(scene: Scene, key: string): SceneWire | undefined {
  return scene.wires.find((w) => w.key === key);
}

/** The veth wire one of whose ends is `link`. */
function wireWithEnd(scene: Scene, link: string): SceneWire | undefined {
  return scene.wires.find((w) => w.kind === 'veth' && w.key.slice(5).split('|').includes(link));
}

/** The link id an element key stands for (`link:5`, `port:link:5` → `link:5`), if any. */
function linkOfKey(key: string): string | undefined {
  if (key.startsWith('port:')) return key.slice(5);
  if (key.startsWith('link:')) return key;
  return undefined;
}

/**
 * The element of `scene` that stands for a hop. A link is drawn as its own box where the pane
 * has one; a host veth end the user view draws only as a bridge port maps to that port; a link
 * a pane does not draw (a container's `lo` in the user view) falls back to its veth wire, then
 * to its namespace. A hop in no link (delivered, no route) is its namespace; outside hops map to
 * the outside world.
 */
export function hopKey(scene: Scene, hop: Pick<Hop, 'netns' | 'link'>): string {
  if (hop.netns === 'outside') return OUTSIDE_KEY;
  if (hop.link) {
    if (boxOf(scene, hop.link)) return hop.link;
    if (boxOf(scene, `port:${hop.link}`)) return `port:${hop.link}`;
    const w = wireWithEnd(scene, hop.link);
    if (w) return w.key;
  }
  return hop.netns;
}

/** The point a dot stands on for an element: a box's centre, a wire's middle, the outside label. */
export function anchorOf(scene: Scene, key: string): { x: number; y: number } {
  const b = boxOf(scene, key);
  if (b) {
    // A region's centre is usually covered by its contents: stand in its title bar instead.
    if (b.shape === 'region') return { x: b.x + Math.min(b.w / 2, 150), y: b.y + 14 };
    // An interface's wires leave from its bottom edge; standing there keeps its name and address readable.
    if (b.shape === 'nic') return { x: b.x + b.w / 2, y: b.y + b.h };
    return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  }
  const w = wireOf(scene, key);
  if (w) return { x: (w.x1 + w.x2) / 2, y: (w.y1 + w.y2) / 2 };
  const d = scene.decor.find((x) => x.key === key);
  if (d) return { x: d.x, y: d.y - 4 };
  return { x: scene.width / 2, y: 8 };
}

/** The stops of a trace in a pane, one per hop, in order. */
export function packetStops(scene: Scene, trace: readonly Hop[]): PacketStop[] {
  return trace.map((h, i) => {
    const key = hopKey(scene, h);
    const at = anchorOf(scene, key);
    const b = boxOf(scene, key);
    // Under a switch (its address is on it), else just under the dot.
    const captionY = b?.shape === 'switch' ? b.y + b.h + 6 : at.y + 8;
    return { hop: i, key, x: at.x, y: at.y, kind: h.kind, text: h.text, drop: h.kind === 'drop', captionY };
  });
}

/** The curve of a wire from (x1,y1) to (x2,y2): downwards as an S, or a dip below one row. */
export function wireCurve(w: Pick<SceneWire, 'x1' | 'y1' | 'x2' | 'y2'>, reverse = false): string {
  const { x1, y1, x2, y2 } = w;
  const dip = y2 - y1 < 12;
  const my = dip ? Math.max(y1, y2) + 34 : (y1 + y2) / 2;
  return reverse
    ? `M${x2},${y2} C${x2},${my} ${x1},${my} ${x1},${y1}`
    : `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`;
}

/** The wire between two links' ends, oriented from `a` to `b`. */
function wireBetween(scene: Scene, a: string, b: string): { wire: SceneWire; reverse: boolean } | undefined {
  const wire = scene.wires.find((w) => w.key === `veth:${a}|${b}` || w.key === `veth:${b}|${a}`);
  if (!wire) return undefined;
  // The wire's key sorts the ids; which end is geometrically near `a` decides the direction.
  const pa = anchorOf(scene, boxOf(scene, a) ? a : `port:${a}`);
  const d1 = Math.hypot(pa.x - wire.x1, pa.y - wire.y1);
  const d2 = Math.hypot(pa.x - wire.x2, pa.y - wire.y2);
  return { wire, reverse: d2 < d1 };
}

/** `C…` segment of a wire curve, to append to a path already standing at its start. */
function curveTail(w: SceneWire, reverse: boolean): { start: string; tail: string } {
  const d = wireCurve(w, reverse);
  const i = d.indexOf(' C');
  return { start: d.slice(1, i), tail: d.slice(i + 1) };
}

const pt = (p: { x: number; y: number }) => `${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`;

/**
 * The SVG path a dot follows from one stop to the next: along the veth wire between two ends,
 * through the bridge port (and its wire) between a bridge and a port's peer, else straight.
 * Empty when both stops are the same element.
 */
export function legPath(scene: Scene, from: PacketStop, to: PacketStop): string {
  if (from.key === to.key) return '';
  const a = linkOfKey(from.key);
  const b = linkOfKey(to.key);
  const parts: string[] = [`M${pt(from)}`];
  const via = (key: string) => {
    if (boxOf(scene, key)) parts.push(`L${pt(anchorOf(scene, key))}`);
  };
  const along = (x: string, y: string): boolean => {
    const wb = wireBetween(scene, x, y);
    if (!wb) return false;
    const { start, tail } = curveTail(wb.wire, wb.reverse);
    parts.push(`L${start}`, tail);
    return true;
  };
  const fromBox = boxOf(scene, from.key);
  const toBox = boxOf(scene, to.key);
  if (a && b && along(a, b)) {
    // two ends of one veth pair
  } else if (fromBox?.kind === 'bridge' && b) {
    if (boxOf(scene, `port:${b}`)) {
      // Out of the bridge through the destination's own port.
      if (to.key !== `port:${b}`) via(`port:${b}`);
    } else {
      // Out through the port whose veth peer is the destination, then along that wire.
      const port = wireWithEnd(scene, b)
        ?.key.slice(5)
        .split('|')
        .find((id) => id !== b);
      if (port) {
        via(`port:${port}`);
        if (boxOf(scene, port)) via(port);
        along(port, b);
      }
    }
  } else if (toBox?.kind === 'bridge' && a) {
    if (from.key !== `port:${a}`) via(`port:${a}`);
  }
  parts.push(`L${pt(to)}`);
  return parts.join(' ');
}
