// ui/TerminalView.tsx — the terminal: xterm.js with the fit addon, a bash-like prompt, line
// editing (lineEditor.ts), history, Tab completion, Ctrl+C/Ctrl+L, and Esc to leave. Every line
// goes through the store's run action; the output comes back through the store's transcript.
// A line that takes time (ping) runs as the store's foreground job: a timer moves its simulated
// time on, the prompt stays away until it ends, and Ctrl+C stops it.
// Outside a real browser (jsdom) it shows the transcript as plain text instead of xterm.
import { useEffect, useRef } from 'react';
import { completeLine, hostPromptOf, type AppStore, type TranscriptItem } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { t as message, useT } from './i18n';
import { EMPTY_LINE, editLine, redrawLine, splitKeys, type LineState } from './lineEditor';
import '@xterm/xterm/css/xterm.css';

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** True in a real browser; jsdom cannot host xterm's renderer. */
function canRunXterm(): boolean {
  return (
    typeof navigator !== 'undefined' && !/jsdom/i.test(navigator.userAgent) && typeof window.matchMedia === 'function'
  );
}

/**
 * Where focus goes when the user leaves the terminal with Esc: the hint just after it, so that
 * the next Tab moves on to what follows the terminal and Shift+Tab goes back in (no trap).
 */
function leaveTerminal(host: HTMLElement | null): void {
  const section = host?.closest('[data-pane="terminal"]') ?? null;
  const target =
    section?.querySelector<HTMLElement>('[data-leave-target]') ??
    document.querySelector<HTMLElement>('[data-leave-target]');
  (target ?? host?.closest('main'))?.focus();
}

export function TerminalView({ onLeave }: { onLeave?: () => void }) {
  const api = useAppStoreApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const xterm = canRunXterm();
  const t = useT();

  useEffect(() => {
    if (!xterm || !hostRef.current) return;
    let disposed = false;
    let cleanup = () => {};
    void Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]).then(([{ Terminal }, { FitAddon }]) => {
      if (disposed || !hostRef.current) return;
      cleanup = mountXterm(api, hostRef.current, Terminal, FitAddon, onLeave);
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [api, xterm, onLeave]);

  if (!xterm) return <PlainTranscript />;
  return (
    <div className="term-wrap">
      <div ref={hostRef} className="term-host" data-testid="xterm-host" />
      <p className="term-hint" tabIndex={-1} data-leave-target="">
        {t('term.hint')}
      </p>
    </div>
  );
}

type XtermCtor = typeof import('@xterm/xterm').Terminal;
type FitCtor = typeof import('@xterm/addon-fit').FitAddon;

function mountXterm(
  api: AppStore,
  el: HTMLDivElement,
  Terminal: XtermCtor,
  FitAddon: FitCtor,
  onLeave?: () => void,
): () => void {
  const dark = () => getComputedStyle(el).getPropertyValue('--term-bg').trim() || '#0f172a';
  const term = new Terminal({
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    lineHeight: 1.2,
    cursorBlink: true,
    convertEol: false,
    scrollback: 2000,
    // Screen readers get the output through xterm's own accessible buffer and live region.
    screenReaderMode: true,
    theme: { background: dark(), foreground: '#e2e8f0', cursor: '#facc15' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(el);
  term.textarea?.setAttribute('aria-label', 'Terminal input');
  const refit = () => {
    try {
      fit.fit();
    } catch {
      // The element may be hidden (zero size) for a moment; the next resize fits it.
    }
  };
  refit();
  const ro = new ResizeObserver(refit);
  ro.observe(el);

  let line: LineState = EMPTY_LINE;
  let lastTab = false;
  let seen = api.getState().transcript.reduce((m, t) => Math.max(m, t.id), 0);
  const prompt = () => hostPromptOf(api.getState().world);
  const writeItem = (t: TranscriptItem) => {
    if (t.clear) term.clear();
    if (t.echo) term.write(`\r\x1b[K${prompt()}${t.line ?? ''}\r\n`);
    for (const c of t.output) term.write(c.fd === 2 ? `${toCrlf(c.text)}` : toCrlf(c.text));
    if (t.note) term.write(`\r\x1b[K\x1b[2m# ${t.note}\x1b[0m\r\n`);
  };
  // The banner is ours, not a tool's: it speaks the page's language (tool output stays English).
  term.write(toCrlf(message(api.getState().lang, 'term.banner') + '\n'));
  // A store that starts with lines (a shared link, restored work) shows them as if just typed.
  for (const t of api.getState().transcript) writeItem(t.line !== undefined ? { ...t, echo: true } : t);
  term.write(prompt());

  // Presenter mode: the terminal's type grows with the rest (24 px × zoom at the base size).
  const fontFor = (s: ReturnType<AppStore['getState']>) => (s.presenter ? Math.round(24 * s.presenterZoom) : 14);
  term.options.fontSize = fontFor(api.getState());
  // The foreground job's clock: every tick moves simulated time on by the tick × the live speed.
  const TICK_MS = 100;
  let timer: ReturnType<typeof setInterval> | null = null;
  const syncTimer = (running: boolean) => {
    if (running && timer === null)
      timer = setInterval(() => api.getState().jobAdvance(TICK_MS * api.getState().liveSpeed), TICK_MS);
    else if (!running && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
  const writeFresh = (fresh: TranscriptItem[]) => {
    // A button's line replaces what is half typed at the prompt; the typed text comes back after.
    term.write('\r\x1b[K');
    for (const t of fresh) writeItem(t);
    // While a line runs, bash shows no prompt.
    if (!api.getState().job) term.write(redrawLine(prompt(), line));
  };
  /** Transcript items held back until after the next frame (see below), in order. */
  let pending: TranscriptItem[] | null = null;
  let disposed = false;
  const flush = () => {
    const items = pending;
    pending = null;
    if (items && !disposed) writeFresh(items);
  };
  const unsub = api.subscribe((s, prev) => {
    if (s.presenter !== prev.presenter || s.presenterZoom !== prev.presenterZoom) {
      term.options.fontSize = fontFor(s);
      refit();
    }
    if (s.job !== prev.job) syncTimer(s.job !== null);
    if (s.transcript === prev.transcript) return;
    const fresh = s.transcript.filter((t) => t.id > seen);
    if (fresh.length === 0) return;
    seen = fresh[fresh.length - 1].id;
    // An undo or redo note waits until the diagram's frame is drawn: xterm's DOM renderer measures
    // its rows when it repaints (a forced layout of the whole page, the diagrams' thousands of
    // elements included) and that measure came before the frame's own layout. Later items join
    // the queue, so the order of the transcript is kept.
    if (pending || fresh.every((t) => t.note !== undefined && !t.clear && t.line === undefined && !t.output.length)) {
      const first = !pending;
      pending = [...(pending ?? []), ...fresh];
      if (first) requestAnimationFrame(() => setTimeout(flush, 0));
      return;
    }
    writeFresh(fresh);
  });

  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    if (ev.key === 'Escape') {
      ev.preventDefault();
      term.blur();
      if (onLeave) onLeave();
      else leaveTerminal(el);
      return false;
    }
    if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'z') {
      ev.preventDefault();
      if (ev.shiftKey) api.getState().redo();
      else api.getState().undo();
      return false;
    }
    return true;
  });

  const onData = term.onData((data) => {
    for (const key of splitKeys(data)) {
      const s = api.getState();
      if (s.job) {
        // Ctrl+C goes to the running program (ping prints ^C and its statistics); other keys
        // are dropped rather than typed ahead, a simplification of the terminal's buffering.
        if (key === '\x03') s.jobInterrupt();
        continue;
      }
      const r = editLine(line, key, s.lines);
      if (r.action !== 'complete') lastTab = false;
      switch (r.action) {
        case 'submit':
          line = r.state;
          term.write('\r\n');
          if ((r.line ?? '').trim() === '') term.write(prompt());
          else api.getState().run(r.line ?? '', { live: true });
          break;
        case 'cancel':
          line = r.state;
          term.write('^C\r\n' + prompt());
          break;
        case 'clear':
          term.clear();
          term.write(redrawLine(prompt(), line));
          break;
        case 'undo':
          api.getState().undo();
          break;
        case 'leave':
          term.blur();
          leaveTerminal(el);
          break;
        case 'complete': {
          const c = completeLine(s.world, line.buffer, line.cursor);
          if (c.line !== line.buffer) {
            line = { ...line, buffer: c.line, cursor: c.cursor };
            term.write(redrawLine(prompt(), line));
          } else if (c.candidates.length > 1 && lastTab) {
            term.write('\r\n' + c.candidates.join('  ') + '\r\n' + redrawLine(prompt(), line));
          }
          lastTab = true;
          break;
        }
        default:
          line = r.state;
          term.write(redrawLine(prompt(), line));
      }
    }
  });
  syncTimer(api.getState().job !== null);
  return () => {
    disposed = true;
    syncTimer(false);
    onData.dispose();
    unsub();
    ro.disconnect();
    term.dispose();
  };
}

/** The transcript as text, for environments without xterm (and as a readable fallback). */
function PlainTranscript() {
  const transcript = useApp((s) => s.transcript);
  return (
    <pre className="term-plain" data-testid="terminal-text">
      {transcript.map((t) => (
        <span key={t.id}>
          {t.line !== undefined ? `root@docker-host:~# ${t.line}\n` : ''}
          {t.output.map((c) => c.text).join('')}
          {t.note ? `# ${t.note}\n` : ''}
        </span>
      ))}
    </pre>
  );
}
