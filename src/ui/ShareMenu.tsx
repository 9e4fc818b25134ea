// ui/ShareMenu.tsx — share and export: "Copy link" (the state in the URL fragment), the diagram
// as SVG or 2× PNG, the transcript as text, the scenario and the kernel state as shell scripts;
// the notice banner (a link or saved work that could not be read); and the boot that builds the
// store from a link or the autosave and keeps saving. Every text shown is rendered as text.
import { useEffect, useState } from 'react';
import { encodeShare } from '../scenario/share';
import { createAppStore, type AppState, type AppStore, type AppStoreOptions } from '../store';
import { attachAutosave, bootOptions, labOf, save, type KeyValueStorage } from '../store/persist';
import { useApp, useAppStoreApi } from '../store/react';
import type { ExportKind } from './exports';

function storageOrNull(): KeyValueStorage | null {
  try {
    return window.localStorage ?? null;
  } catch {
    // Some browsers throw on the very access when storage is disabled.
    return null;
  }
}

/** The app's store at page load: from the link in the fragment, else the saved work; then autosaved. */
export function createBootStore(extra: AppStoreOptions = {}): AppStore {
  const storage = storageOrNull();
  const boot = bootOptions(window.location.hash, storage);
  const store = createAppStore({ ...extra, ...boot.options });
  if (storage) {
    if (boot.from === 'link') {
      // The link's state becomes the saved work, and the fragment goes, so a reload after more
      // work restores that work rather than the link again.
      save(storage, labOf(store.getState()));
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    attachAutosave(store, storage);
  }
  return store;
}

/** The link to the current state. */
export function shareUrl(s: AppState): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${encodeShare(labOf(s))}`;
}

/** The notice banner; dismissable, its text is plain text. */
export function Notice() {
  const api = useAppStoreApi();
  const notice = useApp((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{notice}</span>{' '}
      <button type="button" onClick={() => api.getState().setNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}

export function ShareMenu() {
  const api = useAppStoreApi();
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(t);
  }, [status]);

  const copyLink = async () => {
    const url = shareUrl(api.getState());
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied');
    } catch {
      setStatus('Copy the link below');
    }
  };
  // The export code loads on first use: it is not needed to draw the page.
  const exportAs = async (kind: ExportKind) => {
    try {
      const m = await import('./exports');
      await m.exportAs(kind, api.getState());
    } catch (e) {
      setStatus(`Export failed: ${(e as Error).message}`);
    }
  };

  return (
    <>
      <details className="share-menu">
        <summary>Share &amp; export</summary>
        <div role="group" aria-label="Share and export">
          <button type="button" onClick={() => void copyLink()}>
            Copy link
          </button>
          <button type="button" onClick={() => void exportAs('svg')}>
            Diagram as SVG
          </button>
          <button type="button" onClick={() => void exportAs('png')}>
            Diagram as PNG (2×)
          </button>
          <button type="button" onClick={() => void exportAs('transcript')}>
            Transcript as text
          </button>
          <button type="button" onClick={() => void exportAs('scenario')}>
            Scenario as a script
          </button>
          <button type="button" onClick={() => void exportAs('kernel')}>
            Kernel state as a script
          </button>
          {link !== null && (
            <label>
              Link
              <input type="text" readOnly value={link} data-testid="share-link" onFocus={(e) => e.target.select()} />
            </label>
          )}
          {/* Not role=status: the app has one live region (Announcer); this is a polite aside. */}
          <span aria-live="polite">{status}</span>
        </div>
      </details>
      <Notice />
    </>
  );
}
