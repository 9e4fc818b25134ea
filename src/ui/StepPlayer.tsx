// ui/StepPlayer.tsx — "what Docker just did": the kernel operations of the last command that
// changed the world, numbered, each with its equivalent command. ←/→ step through the
// intermediate states (both panes show the state after the chosen step); "back to now" returns.
import { useRef, type KeyboardEvent } from 'react';
import { selectCurrentEntry, selectSteps } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { useT } from './i18n';

export function StepPlayer() {
  const api = useAppStoreApi();
  const entry = useApp(selectCurrentEntry);
  const steps = useApp(selectSteps);
  const step = useApp((s) => s.step);
  const total = steps.length;
  const pos = step ?? total;
  const ref = useRef<HTMLElement>(null);
  const t = useT();
  // Buttons disable themselves at the ends; keep the focus in the player so ←/→ keep working.
  const go = (f: () => void) => () => {
    f();
    ref.current?.focus();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      api.getState().stepBy(-1);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      api.getState().stepBy(1);
    } else if (e.key === 'Escape' || e.key === 'End') {
      api.getState().stepTo(null);
    }
  };

  return (
    <section ref={ref} className="steps" aria-labelledby="steps-title" onKeyDown={onKey} tabIndex={-1}>
      <h2 id="steps-title">{t('steps.title')}</h2>
      {!entry ? (
        <p className="muted">{t('steps.empty')}</p>
      ) : (
        <>
          <p className="steps-line">
            <code>{entry.line}</code>
          </p>
          {total === 0 ? (
            <p className="muted">{t('steps.noOps')}</p>
          ) : (
            <>
              <div className="steps-controls" role="group" aria-label={t('steps.group')}>
                <button
                  type="button"
                  onClick={go(() => api.getState().stepTo(0))}
                  disabled={pos === 0}
                  aria-label={t('steps.first')}
                >
                  |←
                </button>
                <button
                  type="button"
                  onClick={go(() => api.getState().stepBy(-1))}
                  disabled={pos === 0}
                  aria-label={t('steps.prev')}
                >
                  ←
                </button>
                <span className="steps-pos" aria-live="polite">
                  {step === null ? t('steps.now', { total }) : t('steps.after', { n: pos, total })}
                </span>
                <button
                  type="button"
                  onClick={go(() => api.getState().stepBy(1))}
                  disabled={step === null}
                  aria-label={t('steps.next')}
                >
                  →
                </button>
                <button type="button" onClick={go(() => api.getState().stepTo(null))} disabled={step === null}>
                  {t('steps.backToNow')}
                </button>
              </div>
              <ol className="steps-list">
                {steps.map((s) => (
                  <li
                    key={s.n}
                    className={s.n <= pos ? (s.n === pos && step !== null ? 'is-current' : 'is-done') : 'is-todo'}
                    aria-current={s.n === pos && step !== null ? 'step' : undefined}
                  >
                    <button
                      type="button"
                      onClick={go(() => api.getState().stepTo(s.n))}
                      aria-label={t('steps.showAfter', { n: s.n })}
                    >
                      {s.n}
                    </button>
                    <code>{s.command}</code>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
