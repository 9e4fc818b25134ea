// ui/Presenter.tsx — presenter mode's keys (→ ← Space U R F + − ? Esc) and its key list. The keys
// listen in the capture phase so they win over the app's other single keys, and never fire while
// focus is in a text field or the terminal (typing "r" must type an r).
import { useEffect, useRef, useState } from 'react';
import { TOUR } from '../scenario/tour';
import type { AppStore } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { useT } from './i18n';
import { PRESENTER_KEYS } from './presenterKeys';

export { PRESENTER_KEYS } from './presenterKeys';
import { runTourStep } from './LessonPanel';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

function toggleFullscreen(): void {
  // Browsers refuse full screen without a user gesture or in some frames; then nothing happens.
  if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => {});
  else void document.documentElement.requestFullscreen?.().catch(() => {});
}

/** What one presenter key does; returns false for keys it does not own. */
export function presenterKey(api: AppStore, key: string, openHelp: () => void): boolean {
  const s = api.getState();
  switch (key) {
    case 'ArrowRight':
      s.tourGo(s.tourStep + 1);
      return true;
    case 'ArrowLeft':
      s.tourGo(s.tourStep - 1);
      return true;
    case ' ':
      if (s.tourRan !== s.tourStep) runTourStep(api, TOUR[s.tourStep]);
      return true;
    case 'u':
    case 'U':
      s.undo();
      return true;
    case 'r':
    case 'R':
      s.reset();
      return true;
    case 'f':
    case 'F':
      toggleFullscreen();
      return true;
    case '+':
    case '=':
      s.presenterZoomBy(1.15);
      return true;
    case '-':
    case '−':
      s.presenterZoomBy(1 / 1.15);
      return true;
    case '?':
      openHelp();
      return true;
    case 'Escape':
      s.setPresenter(false);
      return true;
    default:
      return false;
  }
}

/** Installs the presenter keys while presenter mode is on, and shows the key list on `?`. */
export function Presenter() {
  const api = useAppStoreApi();
  const t = useT();
  const on = useApp((s) => s.presenter);
  const [help, setHelp] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (help) {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          e.stopPropagation();
          setHelp(false);
        }
        return;
      }
      // Space and Enter on a focused button press it; leave those to the button.
      if ((e.key === ' ' || e.key === 'Enter') && (e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
      if (presenterKey(api, e.key, () => setHelp(true))) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [api, on, help]);

  useEffect(() => {
    if (help) closeRef.current?.focus();
  }, [help]);

  if (!on) return null;
  return (
    <>
      <button type="button" className="presenter-exit" onClick={() => api.getState().setPresenter(false)}>
        {t('presenter.exit')}
      </button>
      {help && (
        <div className="shortcuts-backdrop" onClick={() => setHelp(false)}>
          <div
            className="shortcuts presenter-keys"
            role="dialog"
            aria-modal="true"
            aria-labelledby="presenter-keys-title"
            onClick={(e) => e.stopPropagation()}
          >
            <div className="shortcuts-head">
              <h2 id="presenter-keys-title">{t('presenter.keysTitle')}</h2>
              <button type="button" ref={closeRef} onClick={() => setHelp(false)}>
                {t('presenter.close')}
              </button>
            </div>
            <dl className="shortcuts-list">
              {PRESENTER_KEYS.map((k) => (
                <div key={k.keys}>
                  <dt>
                    <kbd>{k.keys}</kbd>
                  </dt>
                  <dd>{t(k.what)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      )}
    </>
  );
}
