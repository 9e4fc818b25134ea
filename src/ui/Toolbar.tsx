// ui/Toolbar.tsx — undo, redo, reset, the Docker profile and the theme (each a store action), and
// the "Keyboard shortcuts" help with the app's single-key shortcuts (?, t, d), which never fire
// while focus is in a text field or the terminal.
import { useEffect, useState, lazy, Suspense } from 'react';
import type { AppState, ThemePref } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { useT } from './i18n';
import { useRovingToolbar } from './rovingToolbar';

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
  const t = useT();
  const { ref: barRef, onKeyDown: onBarKeyDown } = useRovingToolbar<HTMLDivElement>();

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
      <div ref={barRef} onKeyDown={onBarKeyDown} className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <button
          type="button"
          onClick={() => api.getState().undo()}
          disabled={!canUndo}
          title={t('toolbar.undoTitle')}
          aria-keyshortcuts="Control+Z"
        >
          {t('toolbar.undo')}
        </button>
        <button
          type="button"
          onClick={() => api.getState().redo()}
          disabled={!canRedo}
          title={t('toolbar.redoTitle')}
          aria-keyshortcuts="Control+Shift+Z Control+Y"
        >
          {t('toolbar.redo')}
        </button>
        <button type="button" onClick={() => api.getState().reset()} title={t('toolbar.resetTitle')}>
          {t('toolbar.reset')}
        </button>
        <label>
          Docker
          <select
            value={profile}
            onChange={(e) => api.getState().reset(e.target.value as DockerProfile)}
            aria-label={t('toolbar.profile')}
          >
            <option value="classic">{t('toolbar.classic')}</option>
            <option value="current">{t('toolbar.current')}</option>
          </select>
        </label>
        <label>
          {t('toolbar.theme')}
          <select
            value={theme}
            onChange={(e) => api.getState().setTheme(e.target.value as ThemePref)}
            aria-label={t('toolbar.theme')}
          >
            <option value="system">{t('toolbar.system')}</option>
            <option value="light">{t('toolbar.light')}</option>
            <option value="dark">{t('toolbar.dark')}</option>
          </select>
        </label>
        <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="?" aria-haspopup="dialog">
          {t('toolbar.shortcuts')}
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
