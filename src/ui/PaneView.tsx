// ui/PaneView.tsx — one diagram pane: React renders the <section>, its title, the zoom buttons
// and the <svg>; a renderer from view/render owns everything inside the <svg>.
// Hover and selection go to the store; the scene and highlight come from it.
import { useEffect, useRef, useState } from 'react';
import { selectHighlight, selectScenes } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { createPaneRenderer, type PaneRenderer } from '../view/render/paneRenderer';

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function PaneView({ pane, title, subtitle }: { pane: 'kernel' | 'user'; title: string; subtitle: string }) {
  const api = useAppStoreApi();
  const svgRef = useRef<SVGSVGElement>(null);
  const [renderer, setRenderer] = useState<PaneRenderer | null>(null);
  const scene = useApp((s) => selectScenes(s)[pane]);
  const highlight = useApp(selectHighlight);
  const selection = useApp((s) => s.selection);
  const titleId = `pane-${pane}-title`;

  useEffect(() => {
    const r = createPaneRenderer({
      svg: svgRef.current!,
      reducedMotion: prefersReducedMotion,
      onHover: (key) => api.getState().hoverOn(key),
      onSelect: (key) => api.getState().select(key),
    });
    setRenderer(r);
    return () => r.destroy();
  }, [api]);

  useEffect(() => {
    renderer?.update(scene, highlight, selection);
  }, [renderer, scene, highlight, selection]);

  return (
    <section className="pane" data-pane={pane} aria-labelledby={titleId}>
      <div className="pane-head">
        <h2 id={titleId}>{title}</h2>
        <span className="pane-sub">{subtitle}</span>
        <div className="pane-tools" role="group" aria-label={`${title} zoom`}>
          <button type="button" onClick={() => renderer?.zoomBy(1.25)} aria-label={`Zoom in ${title}`}>
            +
          </button>
          <button type="button" onClick={() => renderer?.zoomBy(0.8)} aria-label={`Zoom out ${title}`}>
            −
          </button>
          <button type="button" onClick={() => renderer?.fit()} aria-label={`Fit ${title}`}>
            fit
          </button>
        </div>
      </div>
      <svg ref={svgRef} className="pane-svg" role="group" aria-label={`${title} diagram`} />
    </section>
  );
}
