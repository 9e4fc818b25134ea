// ui/presenterKeys.ts — the keys of presenter mode and what each does (catalogue keys), in the order
// both key lists show them: the presenter's own (?) and the app's "Keyboard shortcuts" dialog.
// Data only, so the main dialog can list them without loading presenter mode's code.
import type { MessageKey } from './i18n';

/** The presenter keys, in the order the key lists show them. */
export const PRESENTER_KEYS: ReadonlyArray<{ keys: string; what: MessageKey }> = [
  { keys: '→', what: 'presenter.key.next' },
  { keys: '←', what: 'presenter.key.prev' },
  { keys: 'Space', what: 'presenter.key.run' },
  { keys: 'U', what: 'presenter.key.undo' },
  { keys: 'R', what: 'presenter.key.reset' },
  { keys: 'F', what: 'presenter.key.full' },
  { keys: '+ / −', what: 'presenter.key.zoom' },
  { keys: '?', what: 'presenter.key.help' },
  { keys: 'Esc', what: 'presenter.key.esc' },
];
