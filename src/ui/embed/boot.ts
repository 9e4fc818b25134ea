// ui/embed/boot.ts — what a link restores beyond the command lines (the tour step, the language,
// the view options), what a link writes of the current state, and the store of an embedded lab:
// built from a link or plain command lines plus the embed options, never autosaved (an embed
// must not overwrite the saved work of the full app on the same site), read-only when asked.
import { decodeShare, hasShare, TOUR_ID, type SharedLab, type ShareView } from '../../scenario/share';
import { TOUR } from '../../scenario/tour';
import { createAppStore, type AppState, type AppStore } from '../../store';
import { labOf, optionsOf } from '../../store/persist';
import { quote, type EmbedOptions } from './options';

/** Everything a link holds of a state: the lab, the open tour step, the language, the view. */
export function fullLabOf(s: AppState): SharedLab {
  const view: ShareView = {};
  if (s.presenter) view.presenter = true;
  if (s.presenterZoom !== 1) view.zoom = s.presenterZoom;
  if (s.packetSpeed !== 1) view.speed = s.packetSpeed;
  if (s.natOverlay) view.nat = true;
  const lab: SharedLab = { ...labOf(s), tour: { id: TOUR_ID, step: s.tourStep }, lang: s.lang };
  if (Object.keys(view).length > 0) lab.view = view;
  return lab;
}

/** Brings back a link's tour step, language and view options on a store built from its lines. */
export function applyLabExtras(store: AppStore, lab: SharedLab): void {
  const s = store.getState();
  if (lab.tour && lab.tour.id === TOUR_ID) s.tourGo(lab.tour.step);
  if (lab.lang === 'en' || lab.lang === 'zh-TW') s.setLang(lab.lang);
  if (lab.view?.speed !== undefined) s.setPacketSpeed(lab.view.speed);
  if (lab.view?.zoom !== undefined) store.setState({ presenterZoom: lab.view.zoom });
  if (lab.view?.nat) s.setNatOverlay(true);
  if (lab.view?.presenter) s.setPresenter(true);
}

/** The lab a share fragment holds, or null (the boot already reported a bad link). */
export function labInHash(hash: string): SharedLab | null {
  if (!hasShare(hash)) return null;
  const r = decodeShare(hash);
  return r.ok ? r.lab : null;
}

export interface EmbedSource {
  /** A share fragment (`#lab=1.…`), or a `<netns-lab scenario>` value holding one. */
  hash?: string;
  /** Plain command lines (a `<netns-lab scenario>` that is not a link). */
  lines?: string[];
}

const noop = () => {};

/** The store of one embedded lab. */
export function createEmbedStore(src: EmbedSource, o: EmbedOptions, reducedMotion = false): AppStore {
  // Link trouble goes to the store's notice, as in the full app; refused options are shown by
  // the shell (EmbedShell), worded in the embed's language.
  const notices: string[] = [];
  let lab: SharedLab | null = null;
  if (src.hash && hasShare(src.hash)) {
    const r = decodeShare(src.hash);
    if (r.ok) lab = r.lab;
    else notices.push(`This link could not be opened: ${r.error}.`);
  }
  const lines = lab ? lab.lines : (src.lines ?? []);
  // With a tour step and no world of its own, the lab starts where the tour has it at that step.
  const step = o.tour && o.tour.id === TOUR_ID ? Math.min(o.tour.step, TOUR.length - 1) : null;
  if (o.tour && step === null) o.notices.push({ key: 'embed.unknownTour', vars: { value: quote(o.tour.id) } });
  const tourLines =
    step !== null && lines.length === 0
      ? TOUR.slice(0, step + (o.readonly ? 1 : 0)).flatMap((t) => t.lines.map((l) => l.line))
      : [];
  const store = createAppStore({
    ...(lab ? optionsOf(lab) : {}),
    lines: [...lines, ...tourLines],
    reducedMotion,
    notice: notices.length ? notices.join(' ') : undefined,
  });
  if (lab) applyLabExtras(store, lab);
  if (step !== null) {
    store.getState().tourGo(step);
    if (o.readonly && tourLines.length > 0) store.getState().tourMarkRan();
  }
  if (o.lang) store.getState().setLang(o.lang);
  if (o.theme) store.getState().setTheme(o.theme);
  if (o.readonly) {
    // Read-only: every change to the world is a command line, so refusing the commands is
    // enough; selection, hover, the step player and the packet player keep working.
    store.setState({ run: noop, undo: noop, redo: noop, reset: noop });
  }
  return store;
}
