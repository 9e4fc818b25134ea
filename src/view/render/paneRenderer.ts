// view/render/paneRenderer.ts — the D3 renderer of one pane: it owns everything inside its <svg>.
// Keyed joins on the scene's model keys (exposed as data-key), so an update creates nodes only
// for new elements, moves the others and fades removed ones out; pan/zoom with d3-zoom.
// Must not import React, the store or the model: it reads only the scene and calls its callbacks.
import { easeCubicOut } from 'd3-ease';
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import type { Scene, SceneBox, SceneDecor, SceneWire } from '../scene/types';

export interface PaneCallbacks {
  onHover?: (key: string | null) => void;
  onSelect?: (key: string | null) => void;
}

export interface PaneRendererOptions extends PaneCallbacks {
  svg: SVGSVGElement;
  /** Asked at each update: when true, nothing is animated (prefers-reduced-motion, tests). */
  reducedMotion?: () => boolean;
  duration?: number;
}

export interface PaneRenderer {
  /** Draws the scene; `highlight` holds keys to emphasise, `selected` the selected key. */
  update(scene: Scene, highlight?: ReadonlySet<string>, selected?: string | null): void;
  /** Resets pan and zoom so that the whole scene shows. */
  fit(): void;
  zoomBy(factor: number): void;
  destroy(): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

const LINE_H = 14;

/** The path of a wire: an S-curve downwards, or a loop below when both ends sit on one row. */
export function wirePath(w: Pick<SceneWire, 'x1' | 'y1' | 'x2' | 'y2'>): string {
  const { x1, y1, x2, y2 } = w;
  if (y2 - y1 < 12) {
    const dip = Math.max(y1, y2) + 34;
    return `M${x1},${y1} C${x1},${dip} ${x2},${dip} ${x2},${y2}`;
  }
  const my = (y1 + y2) / 2;
  return `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`;
}

function boxClass(b: SceneBox): string {
  return `el kind-${b.kind} shape-${b.shape} tone-${b.tone}${b.dim ? ' is-dim' : ''}${b.compact ? ' is-compact' : ''}`;
}

function drawBoxContent(g: G, b: SceneBox): void {
  const tether = g.selectAll<SVGLineElement, { x: number; y: number }>('line.tether').data(b.tether ? [b.tether] : []);
  tether
    .join((e) => e.insert('line', ':first-child').attr('class', 'tether'))
    .attr('x1', b.w / 2)
    .attr('y1', (t) => (t.y < b.y ? 0 : b.h))
    .attr('x2', (t) => t.x - b.x)
    .attr('y2', (t) => t.y - b.y);
  const rx = b.shape === 'region' ? 10 : b.shape === 'card' ? 8 : b.shape === 'port' ? 3 : 6;
  let rect = g.select<SVGRectElement>('rect.body');
  if (rect.empty()) rect = g.append('rect').attr('class', 'body');
  rect.attr('rx', rx).attr('width', b.w).attr('height', b.h);
  const lines = b.label;
  const at = b.labelAt ?? 'center';
  const x = at === 'center' ? b.w / 2 : 10;
  const y0 = at === 'top-left' ? 18 : b.h / 2 - ((lines.length - 1) * LINE_H) / 2 + 4;
  g.selectAll<SVGTextElement, string>('text.lbl')
    .data(lines)
    .join('text')
    .attr('class', (_, i) => `lbl ${i === 0 ? 'lbl-title' : 'lbl-sub'}`)
    .attr('text-anchor', at === 'center' ? 'middle' : 'start')
    .attr('x', x)
    .attr('y', (_, i) => y0 + i * LINE_H)
    .text((d) => d);
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
  };
  let first = true;
  const still = () => first || (opts.reducedMotion?.() ?? false);

  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.3, 6])
    .on('zoom', (ev: { transform: { toString(): string } }) => viewport.attr('transform', ev.transform.toString()));
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
      .on('keydown', (ev: KeyboardEvent, d: T) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          opts.onSelect?.(d.key);
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

  function joinBoxes(layer: G, boxes: SceneBox[]): void {
    const animate = !still();
    layer
      .selectAll<SVGGElement, SceneBox>(':scope > g.el')
      .data(boxes, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').call(bind);
          g.attr('transform', (d) => `translate(${d.x},${d.y})`);
          if (animate) g.style('opacity', 0).transition().duration(duration).ease(easeCubicOut).style('opacity', 1);
          return g;
        },
        (update) => {
          revive(update);
          if (animate)
            update
              .transition()
              .duration(duration)
              .ease(easeCubicOut)
              .attr('transform', (d) => `translate(${d.x},${d.y})`);
          else update.attr('transform', (d) => `translate(${d.x},${d.y})`);
          return update;
        },
        (exit) => {
          exit.attr('data-leaving', 'true');
          if (animate)
            exit
              .transition()
              .duration(duration * 0.7)
              .style('opacity', 0)
              .remove();
          else exit.remove();
        },
      )
      .attr('class', boxClass)
      .attr('aria-label', (d) => d.name)
      .each(function (d) {
        drawBoxContent(select(this) as unknown as G, d);
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
              .transition()
              .delay(duration * 0.5)
              .duration(duration)
              .style('opacity', 1);
          return g;
        },
        (update) => revive(update),
        (exit) => {
          exit.attr('data-leaving', 'true');
          if (animate)
            exit
              .transition()
              .duration(duration * 0.5)
              .style('opacity', 0)
              .remove();
          else exit.remove();
        },
      )
      .attr('class', (d) => `el kind-${d.kind}${d.dim ? ' is-dim' : ''}`)
      .attr('aria-label', (d) => d.name)
      .each(function (d) {
        const g = select(this);
        const path = wirePath(d);
        g.selectAll<SVGPathElement, unknown>('path').attr('d', path);
      });
  }

  function joinDecor(decor: SceneDecor[]): void {
    layers.decor
      .selectAll<SVGGElement, SceneDecor>(':scope > g.decor')
      .data(decor, (d) => d.key)
      .join((enter) => enter.append('g').attr('aria-hidden', 'true'))
      .attr('class', (d) => `decor decor-${d.style}`)
      .attr('data-decor', (d) => d.key)
      .each(function (d) {
        const g = select(this);
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

  function applyHighlight(highlight: ReadonlySet<string>, selected: string | null): void {
    const any = highlight.size > 0;
    viewport
      .selectAll<SVGGElement, SceneBox | SceneWire>('g.el')
      .classed('is-hl', (d) => highlight.has(d.key))
      .classed('is-faded', (d) => any && !highlight.has(d.key))
      .classed('is-selected', (d) => d.key === selected)
      .attr('aria-current', (d) => (d.key === selected ? 'true' : null));
  }

  return {
    update(scene, highlight = new Set(), selected = null) {
      const vb = `0 0 ${scene.width} ${scene.height}`;
      if (still()) svg.attr('viewBox', vb);
      else svg.transition('viewbox').duration(duration).attr('viewBox', vb);
      joinDecor(scene.decor);
      const byZ = (z: number) => scene.boxes.filter((b) => b.z === z).sort((a, b) => b.w * b.h - a.w * a.h);
      joinBoxes(layers.regions, byZ(0));
      joinWires(scene.wires);
      joinBoxes(layers.nodes, byZ(1));
      joinBoxes(layers.ports, byZ(2));
      applyHighlight(highlight, selected);
      first = false;
    },
    fit() {
      svg.call(zoomer.transform, zoomIdentity);
    },
    zoomBy(factor) {
      svg.call(zoomer.scaleBy, factor);
    },
    destroy() {
      svg.on('.zoom', null).on('click.select', null);
      svg.selectAll('*').interrupt();
      svg.selectAll('*').remove();
    },
  };
}
