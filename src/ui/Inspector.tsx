// ui/Inspector.tsx — what the selected element is, what a person would type to see it and what
// that prints (computed from the model by the store), and actions that run a command line,
// among them the fault injections (set a veth down, detach a port, delete a default route …).
import { selectInspector } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { useT } from './i18n';

export function Inspector() {
  const api = useAppStoreApi();
  const view = useApp(selectInspector);
  const stepping = useApp((s) => s.step !== null);
  const t = useT();
  return (
    <section className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">{t('inspector.title')}</h2>
      {!view ? (
        <p className="muted">{t('inspector.empty')}</p>
      ) : (
        <>
          <div className="insp-head">
            <strong>{view.title}</strong>
            <button
              type="button"
              className="linkish"
              onClick={() => api.getState().select(null)}
              aria-label={t('inspector.close')}
            >
              ✕
            </button>
          </div>
          {view.sections.map((s, i) => (
            <div key={i} className="insp-section">
              <pre className="insp-cmd">
                <span className="insp-prompt"># </span>
                {s.line}
                {s.note ? <span className="muted">{`   (${s.note})`}</span> : null}
              </pre>
              <pre className="insp-out" tabIndex={0} aria-label={t('inspector.outputOf', { line: s.line })}>
                {s.output || t('inspector.noOutput')}
              </pre>
            </div>
          ))}
          {view.actions.length > 0 && (
            <div className="insp-actions">
              {view.actions.map((a) => (
                <button
                  type="button"
                  key={a.line}
                  className={a.fault ? 'is-fault' : undefined}
                  disabled={stepping}
                  title={a.line}
                  onClick={() => {
                    api.getState().run(a.line, { echo: true });
                  }}
                >
                  {a.label}
                </button>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
