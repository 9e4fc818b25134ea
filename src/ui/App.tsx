// ui/App.tsx — the app shell: title and toolbar, the mode bar, the kernel and user panes side by
// side (stacked when narrow), the terminal, the step player and the inspector. It makes the one
// store (or takes one from a test) and applies the theme, the language (`<html lang>`) and
// keyboard shortcuts; the guided tour's lesson panel sits beside the panes, and presenter mode
// (large type, chrome hidden) is a class on the shell.
// It starts loading the shell's tools after the first paint; until they are there a short
// "loading tools…" status shows under the title, and lines asked for wait in the store.
// Must not reach into kernel/docker/shell: every change is a store action.
import { useEffect, useState, useSyncExternalStore, type CSSProperties, lazy, Suspense } from 'react';
import { loadTools, type AppStore } from '../store';
import { StoreProvider, useApp, useAppStoreApi } from '../store/react';
import { Announcer } from './Announcer';
import { ErrorBoundary } from './ErrorBoundary';
import { initialLang, useT } from './i18n';
import { Inspector } from './Inspector';
import { Legend } from './Legend';
import { ModeBar } from './ModeBar';
import { PaneView } from './PaneView';
import { PacketPlayer } from './PacketPlayer';
import { StepPlayer } from './StepPlayer';
import { TerminalView } from './TerminalView';
import { Toolbar } from './Toolbar';
import { createBootStore, ShareMenu } from './ShareMenu';
import { LessonPanel } from './LessonPanel';
import { TextTwin } from './TextTwin';
import './app.css';

function subscribeDark(cb: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

function Shell() {
  const api = useAppStoreApi();
  const pref = useApp((s) => s.theme);
  const dark = useSyncExternalStore(subscribeDark, systemDark, () => false);
  const theme = pref === 'system' ? (dark ? 'dark' : 'light') : pref;
  const lang = useApp((s) => s.lang);
  const presenter = useApp((s) => s.presenter);
  const zoom = useApp((s) => s.presenterZoom);
  const t = useT();

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // xterm's own textarea handles Ctrl+Z itself (see TerminalView).
      if (isTyping(e.target)) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        api.getState().undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        api.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  return (
    <main
      className={presenter ? 'app is-presenter' : 'app'}
      data-theme={theme}
      tabIndex={-1}
      data-leave-target=""
      style={presenter ? ({ '--presenter-zoom': zoom } as CSSProperties) : undefined}
    >
      <header className="app-head">
        <h1>netns-lab</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <ToolsLoading />
        <ErrorBoundary label="part.toolbar">
          <Toolbar />
          <ShareMenu />
        </ErrorBoundary>
      </header>
      <ErrorBoundary label="part.modeBar">
        <ModeBar />
      </ErrorBoundary>
      <div className="stage">
        <div className="panes">
          <ErrorBoundary label="app.kernelView">
            <PaneView pane="kernel" title={t('app.kernelView')} subtitle={t('app.kernelSub')} />
          </ErrorBoundary>
          <ErrorBoundary label="app.userView">
            <PaneView pane="user" title={t('app.userView')} subtitle={t('app.userSub')} />
          </ErrorBoundary>
        </div>
        <ErrorBoundary label="part.tour">
          <LessonPanel />
        </ErrorBoundary>
      </div>
      <ErrorBoundary label="part.legend">
        <Legend />
      </ErrorBoundary>
      <div className="bottom">
        <section className="terminal" aria-label={t('app.terminal')} data-pane="terminal">
          <ErrorBoundary label="app.terminal">
            <TerminalView />
          </ErrorBoundary>
        </section>
        <div className="side">
          <ErrorBoundary label="part.packets">
            <PacketPlayer />
          </ErrorBoundary>
          <ErrorBoundary label="part.steps">
            <StepPlayer />
          </ErrorBoundary>
          <ErrorBoundary label="part.inspector">
            <Inspector />
          </ErrorBoundary>
          <section className="twin" aria-labelledby="twin-title">
            <h2 id="twin-title">{t('app.twin')}</h2>
            <ErrorBoundary label="part.twin">
              <TextTwin />
            </ErrorBoundary>
          </section>
        </div>
      </div>
      <footer className="credit">{t('app.credit')}</footer>
      <PresenterWhenOn />
      <Announcer />
    </main>
  );
}

/** "Loading tools…" while the shell's tools are on their way; nothing once they are there. */
export function ToolsLoading() {
  const ready = useApp((s) => s.toolsReady);
  const t = useT();
  if (ready) return null;
  return (
    <p className="tagline tools-loading" role="status" data-testid="tools-loading">
      {t('app.loadingTools')}
    </p>
  );
}

// Presenter mode loads when it is first switched on: a room's projector needs it, a first
// paint does not.
const Presenter = lazy(() => import('./Presenter').then((m) => ({ default: m.Presenter })));

function PresenterWhenOn() {
  const on = useApp((s) => s.presenter);
  return on ? (
    <Suspense fallback={null}>
      <Presenter />
    </Suspense>
  ) : null;
}

// The iframe embed loads only when asked for (`?embed=1`).
const EmbedApp = lazy(() => import('./embed/EmbedApp').then((m) => ({ default: m.EmbedApp })));

/** The top-level component of netns-lab; a test may pass its own fresh store. */
export function App({ store }: { store?: AppStore }) {
  useEffect(() => {
    // The first paint draws the boot world, which needs no tool: fetch them once that frame is
    // out (this effect runs after the panes' own; a timer after the next frame, after its paint).
    // Lines asked for before they arrive wait in the store, which retries a failed fetch.
    const frame = requestAnimationFrame(() => setTimeout(() => void loadTools().catch(() => undefined), 0));
    return () => cancelAnimationFrame(frame);
  }, []);
  // `?embed=1`: the lab alone, for an iframe (options in ui/embed/options.ts), with its own
  // store built from the fragment and never autosaved.
  const [embed] = useState(() => /^(1|true)$/.test(new URLSearchParams(window.location.search).get('embed') ?? ''));
  if (embed && !store)
    return (
      <Suspense fallback={null}>
        <EmbedApp />
      </Suspense>
    );
  return <FullApp store={store} />;
}

function FullApp({ store }: { store?: AppStore }) {
  const [own] = useState(() => store ?? createBootStore({ lang: initialLang(window.location.search) }));
  return (
    <StoreProvider store={own}>
      <Shell />
    </StoreProvider>
  );
}
