// view/render/paneRenderer.ts — the D3 renderer of one pane: it owns everything inside its <svg>.
// Keyed joins on the scene's model keys (exposed as data-key), so an update creates nodes only
// for new elements, moves the others and fades removed ones out, and rewrites only elements whose
// scene data changed; labels smaller than a pixel on screen are not laid out; pan/zoom with d3-zoom.
// Must not import React, the store or the model: it reads only the scene and calls its callbacks.
import { easeCubicInOut, easeCubicOut } from 'd3-ease';
import { select, selectAll, type Selection } from 'd3-selection';
import 'd3-transition';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { wireCurve } from '../scene/packetPath';
import type { PacketStop } from '../scene/packetPath';
import type { Scene, SceneBox, SceneDecor, SceneWire } from '../scene/types';

export interface PaneCallbacks {
  onHover?: (key: string | null) => void;
  onSelect?: (key: string | null) => void;
  /** The element's menu was asked for (right click, the Menu key or Shift+F10), at client x/y. */
  onMenu?: (key: string, x: number, y: number) => void;
}

export interface PaneRendererOptions extends PaneCallbacks {
  svg: SVGSVGElement;
  /** Asked at each update: when true, nothing is animated (prefers-reduced-motion, tests). */
  reducedMotion?: () => boolean;
  duration?: number;
}

/** One hop of a packet to show: the stops of its trace in this pane and the leg just crossed. */
export interface PacketShow {
  /** Identifies the command whose packets these are; a new one starts a new visited log. */
  run: number;
  /** Position across all the command's hops (the visited log is ordered by it). */
  global: number;
  hop: number;
  stops: readonly PacketStop[];
  /** SVG path from the previous hop's element to this one's; empty when the dot stays. */
  path: string;
  /** How long the dot takes along the path; 0 places it at once. */
  ms: number;
}

export interface PaneRenderer {
  /**
   * Shows a packet at one hop (null: none): the dot travels the leg, the hop's element lights
   * up (red with the reason when dropped) and the svg's data-packet-visited lists, in order, the
   * keys this pane has shown for the command's packets.
   */
  showPacket(p: PacketShow | null): void;
  /** Draws the scene; `highlight` holds keys to emphasise, `selected` the selected key. */
  update(scene: Scene, highlight?: ReadonlySet<string>, selected?: string | null): void;
  /** Resets pan and zoom so that the whole scene shows. */
  fit(): void;
  zoomBy(factor: number): void;
  destroy(): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Distance between two label lines at the normal type size (scaled with the scene's labels). */
const LINE_H = 14;

/**
 * Below this size on screen (CSS pixels, for the largest label font) labels are not laid out
 * (display: none). With hundreds of containers the whole scene is scaled to the pane and every
 * label is a fraction of a pixel, invisible; yet laying out thousands of SVG texts again after
 * each change of scale took most of a frame (a trace of one add with 200 present: 125 ms of
 * layout for ~18,000 layout objects, 7 ms without the texts). Zooming in shows them again.
 */
const MIN_LABEL_PX = 1;

/** JSON of a scene datum, computed once per datum object (scenes are cached per world). */
const sigs = new WeakMap<object, string>();
function sigOf(d: object): string {
  let sig = sigs.get(d);
  if (sig === undefined) sigs.set(d, (sig = JSON.stringify(d)));
  return sig;
}

/** What an element was last drawn from: the datum, its signature and the pane's type settings. */
interface Drawn {
  d: object;
  sig: string;
  ctx: string;
}

/** A scene's boxes by stacking layer (largest first) and by key, computed once per scene object. */
interface SceneIndex {
  byZ: SceneBox[][];
  byKey: Map<string, SceneBox>;
}
const indexes = new WeakMap<Scene, SceneIndex>();
function indexOf(scene: Scene): SceneIndex {
  let ix = indexes.get(scene);
  if (!ix) {
    const byZ = (z: number) => scene.boxes.filter((b) => b.z === z).sort((a, b) => b.w * b.h - a.w * a.h);
    ix = { byZ: [byZ(0), byZ(1), byZ(2)], byKey: new Map(scene.boxes.map((b) => [b.key, b])) };
    indexes.set(scene, ix);
  }
  return ix;
}

/** The path of a wire: an S-curve downwards, or a loop below when both ends sit on one row. */
export function wirePath(w: Pick<SceneWire, 'x1' | 'y1' | 'x2' | 'y2'>): string {
  // One formula for the drawn wire and the packet's path along it (view/scene/packetPath.ts).
  return wireCurve(w);
}

/** Whether a viewBox grows or shrinks by more than 5 % in width or height (or there was none). */
function markedChange(from: string | null, to: string): boolean {
  if (!from) return true;
  const [, , w0 = 0, h0 = 0] = from.split(/\s+/).map(Number);
  const [, , w1 = 0, h1 = 0] = to.split(/\s+/).map(Number);
  return Math.abs(w1 - w0) > 0.05 * Math.max(w0, 1) || Math.abs(h1 - h0) > 0.05 * Math.max(h0, 1);
}

function boxClass(b: SceneBox): string {
  return `el kind-${b.kind} shape-${b.shape} tone-${b.tone}${b.dim ? ' is-dim' : ''}${b.compact ? ' is-compact' : ''}`;
}

function drawBoxContent(g: G, b: SceneBox, k: number, titleY: number, labelsOff: boolean): void {
  const tether = g.selectAll<SVGLineElement, { x: number; y: number }>('line.tether').data(b.tether ? [b.tether] : []);
  tether
    .join((e) => e.insert('line', ':first-child').attr('class', 'tether'))
    .attr('x1', b.w / 2)
    .attr('y1', (t) => (t.y < b.y ? 0 : b.h))
    .attr('x2', (t) => t.x - b.x)
    .attr('y2', (t) => t.y - b.y);
  const rx = (b.shape === 'region' ? 10 : b.shape === 'card' ? 8 : b.shape === 'port' ? 3 : 6) * k;
  let rect = g.select<SVGRectElement>('rect.body');
  if (rect.empty()) rect = g.append('rect').attr('class', 'body');
  rect.attr('rx', rx).attr('width', b.w).attr('height', b.h);
  const lines = b.label;
  const at = b.labelAt ?? 'center';
  const lineH = LINE_H * k;
  const x = at === 'center' ? b.w / 2 : 10 * k;
  const y0 = at === 'top-left' ? titleY : b.h / 2 - ((lines.length - 1) * lineH) / 2 + 4.5 * k;
  g.selectAll<SVGTextElement, string>('text.lbl')
    .data(lines)
    .join('text')
    .attr('class', (_, i) => `lbl ${i === 0 ? 'lbl-title' : 'lbl-sub'}`)
    .attr('text-anchor', at === 'center' ? 'middle' : 'start')
    .attr('x', x)
    .attr('y', (_, i) => y0 + i * lineH)
    .style('display', () => (labelsOff ? 'none' : null))
    .text((d) => d);
  // A label shortened to fit keeps its whole text as the box's tooltip.
  g.selectAll<SVGTitleElement, string>(':scope > title')
    .data(b.full ? [b.full] : [])
    .join('title')
    .text((d) => d);
}

/** Breaks `text` into lines of at most `max` characters at spaces (a longer word stays whole). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** Creates the renderer of one pane. */
export function createPaneRenderer(opts: PaneRendererOptions): PaneRenderer {
  const svg = select(opts.svg);
  const duration = opts.duration ?? 450;
  svg.attr('preserveAspectRatio', 'xMidYMin meet');
  svg.selectAll('*').remove();
  const viewport = svg.append('g').attr('class', 'viewport');
  const layers = {
    decor: viewport.append('g').attr('class', 'layer-decor'),
    regions: viewport.append('g').attr('class', 'layer-regions'),
    wires: viewport.append('g').attr('class', 'layer-wires'),
    nodes: viewport.append('g').attr('class', 'layer-nodes'),
    ports: viewport.append('g').attr('class', 'layer-ports'),
    packet: viewport.append('g').attr('class', 'layer-packet').attr('aria-hidden', 'true'),
  };
  let packet: PacketShow | null = null;
  let log: { g: number; key: string }[] = [];
  let logRun = -1;
  let first = true;
  const still = () => first || (opts.reducedMotion?.() ?? false);

  /** Labels are hidden while they would be smaller than a pixel (see MIN_LABEL_PX). */
  let labelsOff = false;
  let zoomK = 1;
  /** The svg's size on screen, from a ResizeObserver (reading it would force a layout); null: unknown. */
  let screen: { w: number; h: number } | null = null;
  let viewBox = { w: 0, h: 0, font: 14 };
  function refreshLabels(): void {
    // Unknown size (jsdom, before the first layout): labels stay.
    const scale = screen && viewBox.w > 0 ? Math.min(screen.w / viewBox.w, screen.h / viewBox.h) * zoomK : Infinity;
    const off = screen !== null && screen.w > 0 && viewBox.font * scale < MIN_LABEL_PX;
    if (off === labelsOff) return;
    labelsOff = off;
    viewport.selectAll<SVGTextElement, unknown>('text.lbl').style('display', () => (off ? 'none' : null));
  }
  const resize =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver((entries) => {
          const r = entries[entries.length - 1]?.contentRect;
          if (r) screen = { w: r.width, h: r.height };
          refreshLabels();
        })
      : null;
  resize?.observe(opts.svg);

  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.3, 6])
    .on('zoom', (ev: { transform: { k: number; toString(): string } }) => {
      viewport.attr('transform', ev.transform.toString());
      zoomK = ev.transform.k;
      refreshLabels();
    });
  svg.call(zoomer).on('dblclick.zoom', null);
  svg.on('click.select', (ev: MouseEvent) => {
    if (ev.target === opts.svg) opts.onSelect?.(null);
  });

  function bind<T extends SceneBox | SceneWire>(g: Selection<SVGGElement, T, SVGGElement, unknown>): void {
    g.attr('data-key', (d) => d.key)
      .attr('data-kind', (d) => d.kind)
      .attr('role', 'img')
      .attr('tabindex', 0)
      .on('mouseenter', (_ev: MouseEvent, d: T) => opts.onHover?.(d.key))
      .on('mouseleave', () => opts.onHover?.(null))
      .on('focus', (_ev: FocusEvent, d: T) => opts.onHover?.(d.key))
      .on('blur', () => opts.onHover?.(null))
      .on('click', (ev: MouseEvent, d: T) => {
        ev.stopPropagation();
        opts.onSelect?.(d.key);
      })
      .on('contextmenu', (ev: MouseEvent, d: T) => {
        if (!opts.onMenu) return;
        ev.preventDefault();
        ev.stopPropagation();
        opts.onMenu(d.key, ev.clientX, ev.clientY);
      })
      .on('keydown', function (ev: KeyboardEvent, d: T) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          opts.onSelect?.(d.key);
        } else if (opts.onMenu && (ev.key === 'ContextMenu' || (ev.key === 'F10' && ev.shiftKey))) {
          ev.preventDefault();
          const r = (this as Element).getBoundingClientRect();
          opts.onMenu(d.key, r.left + r.width / 2, r.top + r.height / 2);
        }
      });
  }

  /** An element that comes back while it was fading out (undo, redo, stepping) stays. */
  function revive<T>(
    sel: Selection<SVGGElement, T, SVGGElement, unknown>,
  ): Selection<SVGGElement, T, SVGGElement, unknown> {
    sel.filter('[data-leaving]').interrupt().attr('data-leaving', null).style('opacity', 1);
    return sel;
  }

  let labelScale = 1;
  /** The boxes of the scene drawn last, by key (a packet caption avoids covering its element). */
  let boxByKey = new Map<string, SceneBox>();
  let regionTitleY = 18;
  /** Per element: the scene data it was last drawn from, so an update skips what did not change. */
  const drawn = new WeakMap<Element, Drawn>();
  /** Per box: the position it was last sent to (its transform, or the end of its transition). */
  const placed = new WeakMap<Element, string>();
  /** Elements created or rewritten by the current update: their classes were reset. */
  let touched: Element[] = [];
  /** Whether an element must be (re)drawn from `d`; records it as drawn. */
  function mustDraw(el: Element, d: object, ctx: string): boolean {
    const was = drawn.get(el);
    if (was && was.d === d && was.ctx === ctx) return false;
    const sig = sigOf(d);
    if (was && was.sig === sig && was.ctx === ctx) {
      was.d = d;
      return false;
    }
    drawn.set(el, { d, sig, ctx });
    touched.push(el);
    return true;
  }
  const at = (d: SceneBox) => `translate(${d.x},${d.y})`;

  function joinBoxes(layer: G, boxes: SceneBox[]): void {
    const animate = !still();
    layer
      .selectAll<SVGGElement, SceneBox>(':scope > g.el')
      .data(boxes, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').call(bind);
          g.attr('transform', at);
          // A named fade, so that a move started by the next update does not interrupt it half-way.
          if (animate)
            g.style('opacity', 0).transition('fade').duration(duration).ease(easeCubicOut).style('opacity', 1);
          return g;
        },
        (update) => {
          revive(update);
          // Only elements that move get a transition: one per moved element, not one per element.
          // The datum drawn last is the same object when its scene piece was reused: not moved.
          const moved = update.filter(function (d) {
            return drawn.get(this)?.d !== d && placed.get(this) !== at(d);
          });
          if (animate) moved.transition().duration(duration).ease(easeCubicOut).attr('transform', at);
          else moved.attr('transform', at);
          return update;
        },
        (exit) => {
          exit.interrupt('fade').attr('data-leaving', 'true');
          if (animate)
            exit
              .transition()
              .duration(duration * 0.7)
              .style('opacity', 0)
              .remove();
          else exit.remove();
        },
      )
      .each(function (d) {
        // An element whose box is unchanged keeps its DOM as it is (no attribute rewritten).
        if (!mustDraw(this, d, `${labelScale}|${regionTitleY}`)) return;
        placed.set(this, at(d));
        const g = select(this) as unknown as G;
        g.attr('class', boxClass(d)).attr('aria-label', d.name);
        drawBoxContent(g, d, labelScale, regionTitleY, labelsOff);
      });
  }

  function joinWires(wires: SceneWire[]): void {
    const animate = !still();
    layers.wires
      .selectAll<SVGGElement, SceneWire>(':scope > g.el')
      .data(wires, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').call(bind);
          g.append('path').attr('class', 'hit');
          g.append('path').attr('class', 'wire');
          if (animate)
            g.style('opacity', 0)
              .transition('fade')
              .delay(duration * 0.5)
              .duration(duration)
              .style('opacity', 1);
          return g;
        },
        (update) => revive(update),
        (exit) => {
          exit.interrupt('fade').attr('data-leaving', 'true');
          if (animate)
            exit
              .transition()
              .duration(duration * 0.5)
              .style('opacity', 0)
              .remove();
          else exit.remove();
        },
      )
      .each(function (d) {
        if (!mustDraw(this, d, '')) return;
        const g = select(this);
        g.attr('class', `el kind-${d.kind}${d.dim ? ' is-dim' : ''}`).attr('aria-label', d.name);
        const path = wirePath(d);
        g.selectAll<SVGPathElement, unknown>('path').attr('d', path);
      });
  }

  function joinDecor(decor: SceneDecor[]): void {
    layers.decor
      .selectAll<SVGGElement, SceneDecor>(':scope > g.decor')
      .data(decor, (d) => d.key)
      .join((enter) => enter.append('g').attr('aria-hidden', 'true'))
      .each(function (d) {
        if (!mustDraw(this, d, '')) return;
        const g = select(this);
        g.attr('class', `decor decor-${d.style}`).attr('data-decor', d.key);
        g.selectAll('*').remove();
        if (d.type === 'line')
          g.append('line')
            .attr('x1', d.x)
            .attr('y1', d.y)
            .attr('x2', d.x2 ?? d.x)
            .attr('y2', d.y2 ?? d.y);
        else
          g.append('text')
            .attr('x', d.x)
            .attr('y', d.y)
            .text(d.text ?? '');
      });
  }

  let shownHl: ReadonlySet<string> = new Set();
  let shownSelected: string | null = null;
  function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    if (a === b) return true;
    if (a.size !== b.size) return false;
    for (const x of a) if (!b.has(x)) return false;
    return true;
  }

  /** Marks highlighted, faded and selected elements; only the rewritten ones when neither changed. */
  function applyHighlight(highlight: ReadonlySet<string>, selected: string | null): void {
    const any = highlight.size > 0;
    const same = sameSet(highlight, shownHl) && selected === shownSelected;
    shownHl = highlight;
    shownSelected = selected;
    // Nothing to mark on elements whose classes were just reset when nothing is highlighted.
    if (same && !any && selected === null) return;
    const els = same
      ? (selectAll(touched.filter((el) => el.classList.contains('el'))) as unknown as Selection<
          SVGGElement,
          SceneBox | SceneWire,
          null,
          undefined
        >)
      : viewport.selectAll<SVGGElement, SceneBox | SceneWire>('g.el');
    els
      .classed('is-hl', (d) => highlight.has(d.key))
      .classed('is-faded', (d) => any && !highlight.has(d.key))
      .classed('is-selected', (d) => d.key === selected)
      .attr('aria-current', (d) => (d.key === selected ? 'true' : null));
  }

  /** Whether the last markPacket showed a packet (else no element carries its classes). */
  let marked = false;
  /** Marks the hop's element, the ones crossed before it, and the drop. */
  function markPacket(): void {
    const p = packet;
    // No packet now nor before: no element has a hop class to clear, none to set.
    if (!p && !marked) return;
    marked = !!p;
    const stop = p ? p.stops[p.hop] : undefined;
    const trail = new Set(p ? p.stops.slice(0, p.hop).map((x) => x.key) : []);
    viewport
      .selectAll<SVGGElement, { key: string }>('g.el')
      .classed('is-hop', (d) => d.key === stop?.key)
      .classed('is-hop-drop', (d) => !!stop?.drop && d.key === stop.key)
      .classed('is-hop-trail', (d) => d.key !== stop?.key && trail.has(d.key));
    // The packet's way stays legible under a hover or selection highlight.
    if (stop)
      viewport
        .selectAll<SVGGElement, { key: string }>('g.el.is-faded')
        .filter((d) => d.key === stop.key || trail.has(d.key))
        .classed('is-faded', false);
    layers.decor
      .selectAll<SVGGElement, SceneDecor>('g.decor')
      .classed('is-hop', (d) => d.key === stop?.key)
      .classed('is-hop-drop', (d) => !!stop?.drop && d.key === stop.key);
  }

  function drawPacket(animate: boolean): void {
    const p = packet;
    const stop = p ? p.stops[p.hop] : undefined;
    const dot = layers.packet
      .selectAll<SVGGElement, PacketStop>('g.packet-dot')
      .data(stop ? [stop] : [])
      .join((e) => {
        const g = e.append('g').attr('class', 'packet-dot');
        g.append('circle').attr('class', 'halo').attr('r', 13);
        g.append('circle').attr('class', 'core').attr('r', 7);
        return g;
      })
      .classed('is-drop', (d) => d.drop);
    const caption = layers.packet
      .selectAll<SVGGElement, PacketStop>('g.packet-caption')
      .data(stop ? [stop] : [])
      .join((e) => {
        const g = e.append('g').attr('class', 'packet-caption');
        g.append('rect').attr('rx', 5).attr('height', 22);
        g.append('text').attr('x', 8).attr('y', 15);
        return g;
      })
      .classed('is-drop', (d) => d.drop);
    if (!p || !stop) return;
    // The caption says what happens at this hop; for a drop, why.
    const text = stop.drop ? `✕ dropped: ${stop.text}` : stop.text;
    const vb = (opts.svg.getAttribute('viewBox') ?? '0 0 800 600').split(/\s+/).map(Number);
    const vbW = vb[2] || 800;
    const textSel = caption.select<SVGTextElement>('text');
    const textNode = textSel.node();
    // Large type (presenter mode) can make a drop's reason wider than the pane: wrap it in lines.
    // Read where the browser lays text out (jsdom has no layout, and its style cascade is slow).
    const laidOut = textNode && typeof textNode.getComputedTextLength === 'function';
    const px = (laidOut && parseFloat(getComputedStyle(textNode).fontSize)) || 11.5;
    const lines = wrapWords(text, Math.max(12, Math.floor((vbW - 28) / (px * 0.62))));
    textSel.text(null).attr('y', 4 + px);
    const spans = textSel
      .selectAll<SVGTSpanElement, string>('tspan')
      .data(lines)
      .join('tspan')
      .attr('x', 8)
      .attr('dy', (_, i) => (i === 0 ? 0 : px * 1.25))
      .text((d, i) => (i < lines.length - 1 ? `${d} ` : d));
    // Measured where the browser lays text out; estimated from the monospace font elsewhere (jsdom).
    let measured = 0;
    spans.each(function () {
      if (typeof this.getComputedTextLength === 'function') measured = Math.max(measured, this.getComputedTextLength());
    });
    const width = (measured || Math.max(...lines.map((l) => l.length)) * px * 0.61) + 16;
    const height = lines.length * px * 1.25 + 8;
    const maxX = vbW - width - 4;
    const cx = Math.max(4, Math.min(maxX, stop.x + 16));
    // Below and to the right of the dot, clear of the label of the element it stands on.
    const vbH = vb[3] || 600;
    let cy = stop.captionY + height + 2 > vbH ? stop.y - height - 14 : stop.captionY;
    // A caption of several lines (large type) would hide the element it explains: below it, or
    // above it, when there is room.
    const box = lines.length > 1 ? boxByKey.get(stop.key) : undefined;
    if (box) {
      if (box.y + box.h + 6 + height <= vbH) cy = box.y + box.h + 6;
      else if (box.y - height - 6 >= 0) cy = box.y - height - 6;
    }
    caption.attr('transform', `translate(${cx},${cy})`);
    caption.select('rect').attr('width', width).attr('height', height);
    dot.interrupt('packet');
    caption.interrupt('packet');
    const node = layers.packet.append('path').attr('class', 'packet-leg').attr('d', p.path).node();
    const canTrace = animate && p.ms > 0 && p.path !== '' && node && typeof node.getTotalLength === 'function';
    if (canTrace) {
      const len = node.getTotalLength();
      caption.style('opacity', 0).transition('packet').delay(p.ms).duration(120).style('opacity', 1);
      dot
        .transition('packet')
        .duration(p.ms)
        .ease(easeCubicInOut)
        .attrTween('transform', () => (t: number) => {
          const q = node.getPointAtLength(t * len);
          return `translate(${q.x},${q.y})`;
        })
        .on('end', () => node.remove());
    } else {
      node?.remove();
      caption.style('opacity', 1);
      dot.attr('transform', `translate(${stop.x},${stop.y})`);
    }
  }

  return {
    showPacket(p) {
      if (p && p.run !== logRun) {
        log = [];
        logRun = p.run;
      }
      if (p && p.stops[p.hop]) {
        // Stepping back forgets what is after the new position; a jump forward logs only what it shows.
        log = log.filter((e) => e.g < p.global);
        log.push({ g: p.global, key: p.stops[p.hop].key });
      }
      packet = p && p.stops[p.hop] ? p : null;
      const stop = packet?.stops[packet.hop];
      svg
        .attr('data-packet-visited', p ? log.map((e) => e.key).join(' ') : null)
        .attr('data-packet-at', stop?.key ?? null)
        .attr('data-packet-hop', stop ? String(stop.hop) : null)
        .attr('data-packet-drop', stop?.drop ? 'true' : null);
      layers.packet.selectAll('path.packet-leg').remove();
      markPacket();
      drawPacket(!(opts.reducedMotion?.() ?? false));
    },
    update(scene, highlight = new Set(), selected = null) {
      const vb = `0 0 ${scene.width} ${scene.height}`;
      // The scene is laid out for its type size; the stylesheet scales every label by it.
      labelScale = scene.labelScale ?? 1;
      touched = [];
      const ix = indexOf(scene);
      boxByKey = ix.byKey;
      regionTitleY = scene.regionTitleY ?? 18 * labelScale;
      const f = scene.fonts ?? { title: 14, detail: 12, region: 13, space: 15, note: 12 };
      svg
        .style('--font-title', `${f.title}px`)
        .style('--font-detail', `${f.detail}px`)
        .style('--font-region', `${f.region}px`)
        .style('--font-space', `${f.space}px`)
        .style('--font-note', `${f.note}px`)
        .style('--label-scale', String(labelScale));
      // A viewBox change relays out and repaints every element on each frame it animates: only a
      // marked change (the first containers) zooms smoothly; a few per cent snaps (large scenes).
      if (still() || !markedChange(opts.svg.getAttribute('viewBox'), vb)) {
        svg.interrupt('viewbox').attr('viewBox', vb);
      } else svg.transition('viewbox').duration(duration).attr('viewBox', vb);
      viewBox = { w: scene.width, h: scene.height, font: Math.max(f.title, f.region) };
      refreshLabels();
      joinDecor(scene.decor);
      joinBoxes(layers.regions, ix.byZ[0]);
      joinWires(scene.wires);
      joinBoxes(layers.nodes, ix.byZ[1]);
      joinBoxes(layers.ports, ix.byZ[2]);
      applyHighlight(highlight, selected);
      // A join resets each element's classes: mark the packet's hop again.
      markPacket();
      first = false;
    },
    fit() {
      svg.call(zoomer.transform, zoomIdentity);
    },
    zoomBy(factor) {
      svg.call(zoomer.scaleBy, factor);
    },
    destroy() {
      resize?.disconnect();
      svg.on('.zoom', null).on('click.select', null);
      svg.selectAll('*').interrupt();
      svg.selectAll('*').remove();
    },
  };
}
