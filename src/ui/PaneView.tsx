// ui/PaneView.tsx — one diagram pane: React renders the <section>, its title, the zoom buttons,
// the <svg> and an element's action menu; a renderer from view/render owns everything inside
// the <svg>. Hover, selection and the menu's actions go to the store; the scene, highlight and
// packet frame come from it (both panes read the same packet position, so they move in step).
import { useEffect, useMemo, useRef, useState } from 'react';
import { actionsFor, selectHighlight, selectPacketFrame, selectScenes, selectShownWorld } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { createPaneRenderer, type PaneRenderer } from '../view/render/paneRenderer';
import { useT } from './i18n';
import { packetHopMs } from './PacketPlayer';

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

interface Menu {
  key: string;
  x: number;
  y: number;
}

export function PaneView({ pane, title, subtitle }: { pane: 'kernel' | 'user'; title: string; subtitle: string }) {
  const api = useAppStoreApi();
  const svgRef = useRef<SVGSVGElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [renderer, setRenderer] = useState<PaneRenderer | null>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const scene = useApp((s) => selectScenes(s)[pane]);
  const highlight = useApp(selectHighlight);
  const selection = useApp((s) => s.selection);
  const frame = useApp((s) => selectPacketFrame(s, pane));
  const speed = useApp((s) => s.packetSpeed);
  const stepping = useApp((s) => s.step !== null);
  const shown = useApp(selectShownWorld);
  const plan = useApp((s) => selectScenes(s).plan);
  const menuActions = useMemo(() => (menu ? actionsFor(shown, plan, menu.key) : null), [menu, shown, plan]);
  const titleId = `pane-${pane}-title`;
  const t = useT();

  useEffect(() => {
    const r = createPaneRenderer({
      svg: svgRef.current!,
      reducedMotion: () => api.getState().reducedMotion || prefersReducedMotion(),
      onHover: (key) => api.getState().hoverOn(key),
      onSelect: (key) => api.getState().select(key),
      onMenu: (key, x, y) => {
        api.getState().select(key);
        const box = sectionRef.current?.getBoundingClientRect();
        setMenu({ key, x: x - (box?.left ?? 0), y: y - (box?.top ?? 0) });
      },
    });
    setRenderer(r);
    return () => r.destroy();
  }, [api]);

  useEffect(() => {
    renderer?.update(scene, highlight, selection);
  }, [renderer, scene, highlight, selection]);

  useEffect(() => {
    if (!renderer) return;
    // The dot crosses a leg in most of a hop's time, then the hop's caption stays readable.
    renderer.showPacket(frame && { ...frame, ms: Math.round(packetHopMs(speed) * 0.7) });
  }, [renderer, frame, speed]);

  useEffect(() => {
    if (!menu) return;
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenu(null);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [menu]);

  return (
    <section ref={sectionRef} className="pane" data-pane={pane} aria-labelledby={titleId}>
      <div className="pane-head">
        <h2 id={titleId}>{title}</h2>
        <span className="pane-sub">{subtitle}</span>
        <div className="pane-tools" role="group" aria-label={t('pane.zoom', { pane: title })}>
          <button type="button" onClick={() => renderer?.zoomBy(1.25)} aria-label={t('pane.zoomIn', { pane: title })}>
            +
          </button>
          <button type="button" onClick={() => renderer?.zoomBy(0.8)} aria-label={t('pane.zoomOut', { pane: title })}>
            −
          </button>
          <button type="button" onClick={() => renderer?.fit()} aria-label={t('pane.fit', { pane: title })}>
            {t('pane.fitButton')}
          </button>
        </div>
      </div>
      <svg ref={svgRef} className="pane-svg" role="group" aria-label={t('pane.diagram', { pane: title })} />
      {menu && menuActions && (
        <div
          className="el-menu"
          role="menu"
          aria-label={t('pane.actionsOn', {
            name:
              scene.boxes.find((b) => b.key === menu.key)?.name ??
              scene.wires.find((w) => w.key === menu.key)?.name ??
              menu.key,
          })}
          style={{ left: menu.x, top: menu.y }}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setMenu(null);
          }}
        >
          {menuActions.length === 0 ? (
            <p className="muted">{t('pane.noAction')}</p>
          ) : (
            menuActions.map((a, i) => (
              <button
                type="button"
                role="menuitem"
                key={a.line}
                className={a.fault ? 'is-fault' : undefined}
                title={a.line}
                disabled={stepping}
                autoFocus={i === 0}
                onClick={() => {
                  setMenu(null);
                  api.getState().run(a.line, { echo: true });
                }}
              >
                {a.label}
                <code>{a.line}</code>
              </button>
            ))
          )}
          <button type="button" role="menuitem" className="linkish" onClick={() => setMenu(null)}>
            {t('pane.closeMenu')}
          </button>
        </div>
      )}
    </section>
  );
}
