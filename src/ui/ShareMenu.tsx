// ui/ShareMenu.tsx — share and export: "Copy link" (the state in the URL fragment), the diagram
// as SVG or 2× PNG, the transcript as text, the scenario and the kernel state as shell scripts;
// the notice banner (a link or saved work that could not be read); and the boot that builds the
// store from a link or the autosave and keeps saving. Every text shown is rendered as text.
import { lazy, Suspense, useEffect, useState } from 'react';
import { encodeShare } from '../scenario/share';
import { createAppStore, type AppState, type AppStore, type AppStoreOptions } from '../store';
import { attachAutosave, bootOptions, labOf, save, type KeyValueStorage } from '../store/persist';
import { useApp, useAppStoreApi } from '../store/react';
import { applyLabExtras, fullLabOf, labInHash } from './embed/boot';
import type { ExportKind } from './exports';
import { useT } from './i18n';

// The embed dialog loads when first opened.
const EmbedDialog = lazy(() => import('./embed/EmbedDialog').then((m) => ({ default: m.EmbedDialog })));

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
  // A link also carries the tour step, the language and the view options.
  const lab = boot.from === 'link' ? labInHash(window.location.hash) : null;
  if (lab) applyLabExtras(store, lab);
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
  // Not origin + pathname: a page opened from file:// has the origin "null".
  return `${window.location.href.split('#')[0]}${encodeShare(fullLabOf(s))}`;
}

/** The notice banner; dismissable, its text is plain text. */
export function Notice() {
  const api = useAppStoreApi();
  const notice = useApp((s) => s.notice);
  const t = useT();
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{notice}</span>{' '}
      <button type="button" onClick={() => api.getState().setNotice(null)}>
        {t('share.dismiss')}
      </button>
    </div>
  );
}

export function ShareMenu() {
  const api = useAppStoreApi();
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [embedOpen, setEmbedOpen] = useState(false);
  const t = useT();

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  const copyLink = async () => {
    const url = shareUrl(api.getState());
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t('share.copied'));
    } catch {
      setStatus(t('share.copyBelow'));
    }
  };
  // The export code loads on first use: it is not needed to draw the page.
  const exportAs = async (kind: ExportKind) => {
    try {
      const m = await import('./exports');
      await m.exportAs(kind, api.getState());
    } catch (e) {
      setStatus(t('share.exportFailed', { error: (e as Error).message }));
    }
  };

  return (
    <>
      <details className="share-menu">
        <summary>{t('share.menu')}</summary>
        <div role="group" aria-label={t('share.group')}>
          <button type="button" onClick={() => void copyLink()}>
            {t('share.copyLink')}
          </button>
          <button type="button" onClick={() => setEmbedOpen(true)} aria-haspopup="dialog">
            {t('embed.open')}
          </button>
          <button type="button" onClick={() => void exportAs('svg')}>
            {t('share.svg')}
          </button>
          <button type="button" onClick={() => void exportAs('png')}>
            {t('share.png')}
          </button>
          <button type="button" onClick={() => void exportAs('transcript')}>
            {t('share.transcript')}
          </button>
          <button type="button" onClick={() => void exportAs('scenario')}>
            {t('share.scenario')}
          </button>
          <button type="button" onClick={() => void exportAs('kernel')}>
            {t('share.kernel')}
          </button>
          {link !== null && (
            <label>
              {t('share.link')}
              <input type="text" readOnly value={link} data-testid="share-link" onFocus={(e) => e.target.select()} />
            </label>
          )}
          {/* Not role=status: the app has one live region (Announcer); this is a polite aside. */}
          <span aria-live="polite">{status}</span>
        </div>
      </details>
      {embedOpen && (
        <Suspense fallback={null}>
          <EmbedDialog onClose={() => setEmbedOpen(false)} />
        </Suspense>
      )}
      <Notice />
    </>
  );
}
