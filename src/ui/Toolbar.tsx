// ui/Toolbar.tsx — undo, redo, reset, the Docker profile and the theme (each a store action), and
// the "Keyboard shortcuts" help with the app's single-key shortcuts (?, t, d), which never fire
// while focus is in a text field or the terminal.
import { useEffect, useState, lazy, Suspense } from 'react';
import type { AppState, ThemePref } from '../store';
import { useApp, useAppStoreApi } from '../store/react';

type DockerProfile = AppState['profile'];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/** Focuses the terminal's input (xterm's textarea in a browser, the transcript elsewhere). */
function focusTerminal(): void {
  const t =
    document.querySelector<HTMLElement>('.terminal textarea') ??
    document.querySelector<HTMLElement>('.terminal [tabindex]');
  t?.focus();
}

/** Focuses the current item of the diagram-as-text tree. */
function focusTwin(): void {
  document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"][tabindex="0"]')?.focus();
}

// The shortcuts dialog loads when first opened.
const ShortcutsHelp = lazy(() => import('./ShortcutsHelp').then((m) => ({ default: m.ShortcutsHelp })));

export function Toolbar() {
  const api = useAppStoreApi();
  const canUndo = useApp((s) => s.index > 0);
  const canRedo = useApp((s) => s.index < s.entries.length);
  const profile = useApp((s) => s.profile);
  const theme = useApp((s) => s.theme);
  const [help, setHelp] = useState(false);
  const [singleKeys, setSingleKeys] = useState(true);

  useEffect(() => {
    if (!singleKeys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if ((e.target as HTMLElement | null)?.closest?.('[role="dialog"]')) return;
      if (e.key === '?') setHelp(true);
      else if (e.key === 't') focusTerminal();
      else if (e.key === 'd') focusTwin();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [singleKeys]);

  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="History and settings">
        <button
          type="button"
          onClick={() => api.getState().undo()}
          disabled={!canUndo}
          title="Undo (Ctrl+Z)"
          aria-keyshortcuts="Control+Z"
        >
          ↶ Undo
        </button>
        <button
          type="button"
          onClick={() => api.getState().redo()}
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z)"
          aria-keyshortcuts="Control+Shift+Z Control+Y"
        >
          ↷ Redo
        </button>
        <button type="button" onClick={() => api.getState().reset()} title="A fresh Docker host">
          Reset
        </button>
        <label>
          Docker
          <select
            value={profile}
            onChange={(e) => api.getState().reset(e.target.value as DockerProfile)}
            aria-label="Docker profile (resets)"
          >
            <option value="classic">classic (2020)</option>
            <option value="current">current</option>
          </select>
        </label>
        <label>
          Theme
          <select
            value={theme}
            onChange={(e) => api.getState().setTheme(e.target.value as ThemePref)}
            aria-label="Theme"
          >
            <option value="system">system</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
        <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="?" aria-haspopup="dialog">
          Keyboard shortcuts
        </button>
      </div>
      {help && (
        <Suspense fallback={null}>
          <ShortcutsHelp onClose={() => setHelp(false)} singleKeys={singleKeys} onSingleKeys={setSingleKeys} />
        </Suspense>
      )}
    </>
  );
}
