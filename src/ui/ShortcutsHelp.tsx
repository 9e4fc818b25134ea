// ui/ShortcutsHelp.tsx — the "Keyboard shortcuts" dialog: every key the app answers to, in one
// list, and the switch for the single-key shortcuts (WCAG 2.1.4 asks that they can be turned off).
// A modal of our own (jsdom has no <dialog>.showModal): focus moves in, Tab stays in, Esc closes
// and gives focus back to whatever opened it.
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** The keys of the app, as the dialog lists them (also the source of truth for tests). */
export const SHORTCUTS: ReadonlyArray<{ keys: string; what: string; single?: boolean }> = [
  { keys: '?', what: 'open this list of keyboard shortcuts', single: true },
  { keys: 't', what: 'go to the terminal', single: true },
  { keys: 'd', what: 'go to the diagram as text (a tree of namespaces, interfaces and containers)', single: true },
  { keys: 'Tab / Shift+Tab', what: 'move between controls, diagram elements and panels' },
  { keys: 'Enter or Space', what: 'on a diagram element or a tree item: select it and open the inspector' },
  { keys: '↑ ↓ ← → Home End', what: 'in the diagram as text: move, open and close items' },
  { keys: 'Esc', what: 'leave the terminal (focus returns to the page); close this dialog' },
  { keys: 'Tab (in the terminal)', what: 'complete a command; press Esc first to move on with Tab' },
  { keys: 'Ctrl+Z', what: 'undo the last command that changed the network' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'redo' },
  { keys: '← →, Esc (in “What Docker just did”)', what: 'step through the kernel operations; Esc returns to now' },
];

export function ShortcutsHelp({
  onClose,
  singleKeys,
  onSingleKeys,
}: {
  onClose: () => void;
  singleKeys: boolean;
  onSingleKeys: (on: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    return () => opener?.focus?.();
  }, []);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    // A modal keeps Tab inside until it is closed (Esc or the close button).
    const f = [...(ref.current?.querySelectorAll<HTMLElement>('button, input') ?? [])];
    if (f.length === 0) return;
    const first = f[0];
    const last = f[f.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div
        ref={ref}
        className="shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onKeyDown={onKey}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="shortcuts-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <dl className="shortcuts-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>
                {s.what}
                {s.single && !singleKeys ? ' (off)' : ''}
              </dd>
            </div>
          ))}
        </dl>
        <label className="shortcuts-toggle">
          <input type="checkbox" checked={singleKeys} onChange={(e) => onSingleKeys(e.target.checked)} /> single-key
          shortcuts (?, t, d) on; they never fire while you type in a field or the terminal
        </label>
      </div>
    </div>
  );
}
