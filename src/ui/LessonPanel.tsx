// ui/LessonPanel.tsx — the guided tour beside the diagrams: the open step's text (in the store's
// language), its command lines, previous/next and progress, "Run this step" (each line is run
// through the store as if typed, so it shows in the terminal), and a predict-then-check question
// whose answer comes from the model's result. It never hides or blocks the terminal.
import { useState } from 'react';
import { LANGS, type AppStore, type Lang } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { TOUR, TOUR_SOURCE_URL, type LineResult, type TourQuestion, type TourStep } from '../scenario/tour';
import { LANG_NAMES, rememberLang, useT, type MessageKey } from './i18n';
import './lesson.css';

/** What running a step found: the question line's result, and the first line off its expected status. */
export interface StepRun {
  result: LineResult | null;
  unexpected: { status: number; expected: number } | null;
}

/** Runs every line of `step` through the store (echoed, as typed) and records the question's answer. */
export function runTourStep(api: AppStore, step: TourStep): StepRun {
  // Its results are read as each line runs: before the shell's tools have loaded, it does nothing.
  if (!api.getState().toolsReady) return { result: null, unexpected: null };
  const picked = step.question ? (api.getState().tourPicks[step.question.id] ?? null) : null;
  let result: LineResult | null = null;
  let unexpected: StepRun['unexpected'] = null;
  step.lines.forEach((l, i) => {
    api.getState().run(l.line, { echo: true });
    const s = api.getState();
    const last = s.transcript[s.transcript.length - 1];
    const output = last?.line === l.line ? last.output.map((c) => c.text).join('') : '';
    const expected = l.status ?? 0;
    if (s.lastStatus !== expected && !unexpected) unexpected = { status: s.lastStatus, expected };
    if (step.question?.line === i) result = { world: s.world, output, status: s.lastStatus };
  });
  const q = step.question;
  if (q && result) api.getState().tourAnswer(q.id, { picked: picked ?? '', actual: q.check(result) });
  api.getState().tourMarkRan();
  return { result, unexpected };
}

function choiceLabel(t: ReturnType<typeof useT>, q: TourQuestion, c: string): string {
  return q.literal ? c : t(`q.${q.id}.${c}` as MessageKey);
}

export function LessonPanel() {
  const api = useAppStoreApi();
  const t = useT();
  const lang = useApp((s) => s.lang);
  const i = useApp((s) => s.tourStep);
  const ran = useApp((s) => s.tourRan === s.tourStep);
  const toolsReady = useApp((s) => s.toolsReady);
  const answers = useApp((s) => s.tourAnswers);
  const picks = useApp((s) => s.tourPicks);
  const [unexpected, setUnexpected] = useState<StepRun['unexpected']>(null);
  const step = TOUR[i];
  const q = step.question;
  const answer = q ? answers[q.id] : undefined;
  const scored = Object.values(answers).filter((a) => a.picked !== '');
  const right = scored.filter((a) => a.picked === a.actual).length;
  const key = (k: string) => `tour.${step.id}.${k}` as MessageKey;

  const go = (n: number) => {
    setUnexpected(null);
    api.getState().tourGo(n);
  };
  const runStep = () => {
    const r = runTourStep(api, step);
    setUnexpected(r.unexpected);
  };
  const setLang = (l: Lang) => {
    api.getState().setLang(l);
    rememberLang(l);
  };

  return (
    <section className="lesson" aria-labelledby="lesson-title" data-step={step.id}>
      <div className="lesson-head">
        <h2 id="lesson-title">{t('lesson.title')}</h2>
        <span className="lesson-progress" aria-live="polite">
          {t('lesson.progress', { n: i + 1, total: TOUR.length })}
        </span>
        <progress max={TOUR.length} value={i + 1} aria-hidden="true" />
        <label className="lesson-lang">
          {t('app.language')}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang-select">
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="lesson-presenter" onClick={() => api.getState().setPresenter(true)}>
          {t('lesson.presenter')}
        </button>
      </div>
      <h3 className="lesson-step-title">{t(key('title'))}</h3>
      <p className="lesson-body">{t(key('body'))}</p>
      {step.uses && (
        <div className="lesson-uses">
          <h4>{t('lesson.uses')}</h4>
          <p>{t(key('uses'))}</p>
        </div>
      )}
      {q && (
        <fieldset className="lesson-question" data-question={q.id} disabled={!!answer}>
          <legend>
            {t('lesson.predict')}: {t(`q.${q.id}.prompt` as MessageKey)}
          </legend>
          {q.choices.map((c) => (
            <label key={c} className={answer && answer.actual === c ? 'is-actual' : undefined}>
              <input
                type="radio"
                name={`q-${q.id}`}
                value={c}
                checked={(answer ? answer.picked : picks[q.id]) === c}
                onChange={() => api.getState().tourPick(q.id, c)}
              />{' '}
              {choiceLabel(t, q, c)}
            </label>
          ))}
          {!answer && <p className="muted">{t('lesson.pickFirst')}</p>}
          {answer && (
            <p
              className="lesson-verdict"
              role="status"
              data-verdict={answer.picked === answer.actual ? 'right' : 'wrong'}
            >
              {answer.actual === null
                ? t('lesson.noneMatched')
                : answer.picked === answer.actual
                  ? t('lesson.right')
                  : t('lesson.wrong', { actual: choiceLabel(t, q, answer.actual) })}{' '}
              {t(`q.${q.id}.explain` as MessageKey)}
            </p>
          )}
        </fieldset>
      )}
      <h4>{t('lesson.commands')}</h4>
      <ol className="lesson-lines">
        {step.lines.map((l) => (
          <li key={l.line}>
            <code>{l.line}</code>
          </li>
        ))}
      </ol>
      <div className="lesson-actions">
        <button type="button" onClick={() => go(i - 1)} disabled={i === 0}>
          {t('lesson.prev')}
        </button>
        <button
          type="button"
          className="lesson-run"
          onClick={runStep}
          disabled={ran || !toolsReady}
          aria-keyshortcuts="Space"
        >
          {t('lesson.run')}
        </button>
        <button type="button" onClick={() => go(i + 1)} disabled={i === TOUR.length - 1}>
          {t('lesson.next')}
        </button>
      </div>
      {ran && <p className="lesson-ran">{t('lesson.ran')}</p>}
      {unexpected && (
        <p className="lesson-unexpected" role="alert">
          {t('lesson.unexpected', unexpected)}
        </p>
      )}
      <p className="lesson-score" data-testid="tour-score">
        {t('lesson.score', { right, asked: scored.length })}
      </p>
      <p className="muted">{t('lesson.freePlay')}</p>
      <p className="lesson-credit">
        {t('lesson.credit')}{' '}
        <a href={TOUR_SOURCE_URL} target="_blank" rel="noopener noreferrer">
          {t('lesson.creditLink')}
        </a>
      </p>
    </section>
  );
}
