// ui/App.tsx — the app shell: title and toolbar, the mode bar, the kernel and user panes side by
// side (stacked when narrow), the terminal, the step player and the inspector. It makes the one
// store (or takes one from a test) and applies the theme and keyboard shortcuts.
// Must not reach into kernel/docker/shell: every change is a store action.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createAppStore, type AppStore } from '../store';
import { StoreProvider, useApp, useAppStoreApi } from '../store/react';
import { Announcer } from './Announcer';
import { ErrorBoundary } from './ErrorBoundary';
import { Inspector } from './Inspector';
import { Legend } from './Legend';
import { ModeBar } from './ModeBar';
import { PaneView } from './PaneView';
import { PacketPlayer } from './PacketPlayer';
import { StepPlayer } from './StepPlayer';
import { TerminalView } from './TerminalView';
import { TextTwin } from './TextTwin';
import { Toolbar } from './Toolbar';
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
    <main className="app" data-theme={theme} tabIndex={-1} data-leave-target="">
      <header className="app-head">
        <h1>netns-lab</h1>
        <p className="tagline">Linux network namespaces, seen through Docker&apos;s network modes</p>
        <ErrorBoundary label="Toolbar">
          <Toolbar />
        </ErrorBoundary>
      </header>
      <ErrorBoundary label="Mode bar">
        <ModeBar />
      </ErrorBoundary>
      <div className="panes">
        <ErrorBoundary label="Kernel view">
          <PaneView pane="kernel" title="Kernel view" subtitle="namespaces, interfaces and wires inside the kernel" />
        </ErrorBoundary>
        <ErrorBoundary label="User view">
          <PaneView pane="user" title="User view" subtitle="the machine as a person pictures it" />
        </ErrorBoundary>
      </div>
      <ErrorBoundary label="Legend">
        <Legend />
      </ErrorBoundary>
      <div className="bottom">
        <section className="terminal" aria-label="Terminal" data-pane="terminal">
          <ErrorBoundary label="Terminal">
            <TerminalView />
          </ErrorBoundary>
        </section>
        <div className="side">
          <ErrorBoundary label="Packet player">
            <PacketPlayer />
          </ErrorBoundary>
          <ErrorBoundary label="Step player">
            <StepPlayer />
          </ErrorBoundary>
          <ErrorBoundary label="Inspector">
            <Inspector />
          </ErrorBoundary>
          <section className="twin" aria-labelledby="twin-title">
            <h2 id="twin-title">Diagram as text</h2>
            <ErrorBoundary label="Diagram as text">
              <TextTwin />
            </ErrorBoundary>
          </section>
        </div>
      </div>
      <footer className="credit">
        The two pictures per mode follow Hung-Wei Chiu’s article on Docker’s network model (hwchiu.com, 2020), drawn
        anew here.
      </footer>
      <Announcer />
    </main>
  );
}

/** The top-level component of netns-lab; a test may pass its own fresh store. */
export function App({ store }: { store?: AppStore }) {
  const [own] = useState(() => store ?? createAppStore());
  return (
    <StoreProvider store={own}>
      <Shell />
    </StoreProvider>
  );
}
