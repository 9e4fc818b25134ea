// ui/ShortcutsHelp.tsx — the "Keyboard shortcuts" dialog: every key the app answers to, in one
// list, and the switch for the single-key shortcuts (WCAG 2.1.4 asks that they can be turned off).
// A modal of our own (jsdom has no <dialog>.showModal): focus moves in, Tab stays in, Esc closes
// and gives focus back to whatever opened it.
import { isMessageKey, useT, type MessageKey } from './i18n';
import { PRESENTER_KEYS } from './presenterKeys';
import { useModal } from './useModal';

/**
 * The keys of the app, as the dialog lists them (also the source of truth for tests). `keys` is
 * what is pressed (a catalogue key when it holds words), `what` the catalogue key of its effect.
 */
export const SHORTCUTS: ReadonlyArray<{ keys: string; what: MessageKey; single?: boolean }> = [
  { keys: '?', what: 'shortcuts.key.help', single: true },
  { keys: 't', what: 'shortcuts.key.terminal', single: true },
  { keys: 'd', what: 'shortcuts.key.twin', single: true },
  { keys: 'Tab / Shift+Tab', what: 'shortcuts.key.tab' },
  { keys: 'shortcuts.keys.enter', what: 'shortcuts.key.select' },
  { keys: '↑ ↓ ← → Home End', what: 'shortcuts.key.tree' },
  { keys: '← → Home End', what: 'shortcuts.key.toolbar' },
  { keys: 'Esc', what: 'shortcuts.key.esc' },
  { keys: 'shortcuts.keys.tabInTerminal', what: 'shortcuts.key.complete' },
  { keys: 'Ctrl+Z', what: 'shortcuts.key.undo' },
  { keys: 'shortcuts.keys.redo', what: 'shortcuts.key.redo' },
  { keys: 'shortcuts.keys.steps', what: 'shortcuts.key.steps' },
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
  const { ref, onKey } = useModal(onClose);
  const t = useT();
  const keyText = (k: string) => (isMessageKey(k) ? t(k) : k);

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
          <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
          <button type="button" onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
        <dl className="shortcuts-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{keyText(s.keys)}</kbd>
              </dt>
              <dd>
                {t(s.what)}
                {s.single && !singleKeys ? t('shortcuts.off') : ''}
              </dd>
            </div>
          ))}
        </dl>
        <h3 className="shortcuts-sub">{t('shortcuts.presenter')}</h3>
        <dl className="shortcuts-list" data-testid="presenter-keys">
          {PRESENTER_KEYS.map((k) => (
            <div key={k.keys}>
              <dt>
                <kbd>{k.keys}</kbd>
              </dt>
              <dd>{t(k.what)}</dd>
            </div>
          ))}
        </dl>
        <label className="shortcuts-toggle">
          <input type="checkbox" checked={singleKeys} onChange={(e) => onSingleKeys(e.target.checked)} />{' '}
          {t('shortcuts.singleKeys')}
        </label>
      </div>
    </div>
  );
}
