// ui/embed/EmbedShell.tsx — the lab without the app's chrome, for an iframe (`?embed=1`) or the
// <netns-lab> element: the chosen panes, the tour's lesson panel when a step is named, the
// terminal when asked for, and the step and packet players. Read-only hides nothing but the
// typing: the terminal is inert and the store refuses commands (see boot.ts).
import { useEffect, useSyncExternalStore } from 'react';
import { useApp } from '../../store/react';
import { ErrorBoundary } from '../ErrorBoundary';
import { useT } from '../i18n';
import { LessonPanel } from '../LessonPanel';
import { PacketPlayer } from '../PacketPlayer';
import { PaneView } from '../PaneView';
import { Notice } from '../ShareMenu';
import { StepPlayer } from '../StepPlayer';
import { TerminalView } from '../TerminalView';
import type { EmbedOptions } from './options';
import './embed.css';

function subscribeDark(cb: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * `ownsDocument`: true in an iframe (the page is the lab's: `<html lang>` and the theme follow
 * it); false in a custom element, which must leave its host page alone.
 */
export function EmbedShell({ options, ownsDocument }: { options: EmbedOptions; ownsDocument: boolean }) {
  const pref = useApp((s) => s.theme);
  const dark = useSyncExternalStore(subscribeDark, systemDark, () => false);
  const theme = pref === 'system' ? (dark ? 'dark' : 'light') : pref;
  const lang = useApp((s) => s.lang);
  const t = useT();

  useEffect(() => {
    if (ownsDocument) document.documentElement.lang = lang;
  }, [lang, ownsDocument]);
  useEffect(() => {
    if (!ownsDocument) return;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme, ownsDocument]);

  const both = options.panes === 'both';
  return (
    <main
      className="app is-embed"
      data-theme={theme}
      data-embed=""
      data-readonly={options.readonly ? '' : undefined}
      lang={ownsDocument ? undefined : lang}
      tabIndex={-1}
      data-leave-target=""
      style={ownsDocument ? undefined : { colorScheme: theme }}
    >
      {/* In an iframe the lab is the page, and a page has a title heading; an element's host page has its own. */}
      {ownsDocument && <h1 className="sr-only">netns-lab</h1>}
      <Notice />
      {options.notices.length > 0 && (
        <div className="notice embed-notice" role="status" data-testid="embed-notice">
          {options.notices.map((n, i) => (
            <p key={i}>{t(n.key, n.vars)}</p>
          ))}
        </div>
      )}
      <div className="stage">
        <div className={both ? 'panes' : 'panes one'}>
          {options.panes !== 'user' && (
            <ErrorBoundary label="app.kernelView">
              <PaneView pane="kernel" title={t('app.kernelView')} subtitle={t('app.kernelSub')} />
            </ErrorBoundary>
          )}
          {options.panes !== 'kernel' && (
            <ErrorBoundary label="app.userView">
              <PaneView pane="user" title={t('app.userView')} subtitle={t('app.userSub')} />
            </ErrorBoundary>
          )}
        </div>
        {options.tour && (
          <ErrorBoundary label="part.tour">
            <LessonPanel />
          </ErrorBoundary>
        )}
      </div>
      <div className={options.terminal ? 'bottom' : 'bottom no-terminal'}>
        {options.terminal && (
          <section
            className="terminal"
            aria-label={t('app.terminal')}
            data-pane="terminal"
            inert={options.readonly}
            aria-disabled={options.readonly || undefined}
          >
            <ErrorBoundary label="app.terminal">
              <TerminalView />
            </ErrorBoundary>
          </section>
        )}
        <div className="side">
          <ErrorBoundary label="part.packets">
            <PacketPlayer />
          </ErrorBoundary>
          <ErrorBoundary label="part.steps">
            <StepPlayer />
          </ErrorBoundary>
        </div>
      </div>
    </main>
  );
}
