// store/appStore.ts — the one vanilla zustand store of the app, made by a factory: the world,
// the history of command lines (undo/redo move a pointer, never re-run), selection and hover,
// preferences, the step player's position and the terminal transcript.
// Every change to the world is a command line run through the shell; nothing derived is stored.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createWorld, type DockerProfile, type PacketRecord, type World } from '../docker/world';
import type { KernelOp } from '../kernel';
import { runHostLine } from '../shell/hostSession';
import type { OutputChunk } from '../shell/types';
import { TOUR } from '../scenario/tour';
import { movePos, type PacketPos } from './packets';

/** One command line that changed the world. */
export interface HistoryEntry {
  line: string;
  output: OutputChunk[];
  status: number;
  /** The kernel operations the line performed, in order (world.lastOps). */
  ops: KernelOp[];
  /** The world after the line. */
  world: World;
  /** The tour step that was open when the line ran (undo/redo bring it back). */
  tourStep: number;
}

/** Something the terminal has to show: a line and its output, or a request to clear. */
export interface TranscriptItem {
  id: number;
  /** The command line this output belongs to. */
  line?: string;
  /** The terminal has to write the line itself: it came from a button, not the keyboard. */
  echo?: boolean;
  output: OutputChunk[];
  clear?: boolean;
  /** A note from the app (undo, reset) rather than a command's output. */
  note?: string;
}

export type ThemePref = 'system' | 'light' | 'dark';

/** The interface languages (BCP 47 tags, as `<html lang>` and `?lang=` take them). */
export type Lang = 'en' | 'zh-TW';
export const LANGS: readonly Lang[] = ['en', 'zh-TW'];

/** A predict-then-check answer: what the learner picked and what the model's result made true. */
export interface TourAnswer {
  picked: string;
  actual: string | null;
}

/**
 * The packets the last command line sent (world.lastPackets of that line), kept apart from the
 * world because it belongs to the line, not to the state: undo must not replay it.
 */
export interface PacketRun {
  id: number;
  line: string;
  list: PacketRecord[];
}

/** Playback speeds of the packet player, as multiples of the base pace. */
export const PACKET_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export interface AppState {
  /** The first world (a fresh host) and every world after a changing line. */
  initial: World;
  entries: HistoryEntry[];
  /** How many entries are applied: 0 = the fresh host. */
  index: number;
  /** The world now (the last applied entry's, or the fresh host's); may be ahead in clock only. */
  world: World;
  /** Every line typed, for ↑/↓ and `history`. */
  lines: string[];
  /** The exit status of the last line typed, for the next line's `$?`. */
  lastStatus: number;
  transcript: TranscriptItem[];
  selection: string | null;
  hover: string | null;
  theme: ThemePref;
  profile: DockerProfile;
  /** Step player: position in the ops of the current entry (0 = before the first), or null = now. */
  step: number | null;
  /** The packets of the last command line, or null before any line (or after undo/reset). */
  packets: PacketRun | null;
  /** Which hop of which packet both panes show. */
  packetPos: PacketPos;
  packetPlaying: boolean;
  packetSpeed: number;
  /** prefers-reduced-motion: nothing moves, and new packets wait for a step instead of playing. */
  reducedMotion: boolean;
  /** The world's seed, kept so a link or an autosave can rebuild the same world. */
  seed: number;
  /** A message for the person (a link that could not be opened, storage trouble), or null. */
  notice: string | null;
  lang: Lang;
  /** The open step of the guided tour (index into scenario/tour.ts's TOUR). */
  tourStep: number;
  /** Answers to the tour's questions, by question id (the score is derived from them). */
  tourAnswers: Record<string, TourAnswer>;
  /** The choice picked at each question before its step ran. */
  tourPicks: Record<string, string>;
  /** The step whose commands "Run this step" ran last, while it stays open (its highlight shows). */
  tourRan: number | null;
  /** Presenter mode: large type, high contrast, chrome hidden. */
  presenter: boolean;
  /** Presenter mode's type size, as a multiple of its base (+ and − keys). */
  presenterZoom: number;

  run(line: string, opts?: { echo?: boolean }): void;
  undo(): void;
  redo(): void;
  reset(profile?: DockerProfile): void;
  select(key: string | null): void;
  hoverOn(key: string | null): void;
  setTheme(t: ThemePref): void;
  stepTo(i: number | null): void;
  stepBy(d: number): void;
  /** Shows hop `hop` of packet `packet` (pauses). */
  packetGo(packet: number, hop?: number): void;
  /** One hop forward or back, across packets; playing stops at the last hop. */
  packetStep(d: 1 | -1): void;
  packetPlay(on: boolean): void;
  setPacketSpeed(x: number): void;
  setReducedMotion(on: boolean): void;
  setNotice(notice: string | null): void;
  setLang(lang: Lang): void;
  /** Opens tour step `i` (clamped to the tour). */
  tourGo(i: number): void;
  tourAnswer(question: string, a: TourAnswer): void;
  tourPick(question: string, choice: string): void;
  /** Marks the open step as run (its elements are highlighted in both panes). */
  tourMarkRan(): void;
  setPresenter(on: boolean): void;
  /** Multiplies the presenter zoom by `factor` (kept within 0.6–2.5). */
  presenterZoomBy(factor: number): void;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  seed?: number;
  profile?: DockerProfile;
  theme?: ThemePref;
  /** Lines run at creation (a scenario, a test fixture); they enter the history. */
  lines?: string[];
  /** Start with reduced motion (tests; the app reads prefers-reduced-motion). */
  reducedMotion?: boolean;
  /** A notice to show from the start (the boot could not read a link or the saved work). */
  notice?: string;
  lang?: Lang;
}

const TRANSCRIPT_MAX = 400;

function changed(a: World, b: World): boolean {
  return a.kernel !== b.kernel || a.docker !== b.docker || a.hostname !== b.hostname;
}

/** Creates a fresh store. */
export function createAppStore(opts: AppStoreOptions = {}): AppStore {
  let nextId = 1;
  const fresh = (profile: DockerProfile) => createWorld({ seed: opts.seed ?? 1, profile });
  const initial = fresh(opts.profile ?? 'classic');
  const store = createStore<AppState>()((set, get) => ({
    initial,
    entries: [],
    index: 0,
    world: initial,
    lines: [],
    lastStatus: 0,
    transcript: [],
    selection: null,
    hover: null,
    theme: opts.theme ?? 'system',
    profile: opts.profile ?? 'classic',
    step: null,
    packets: null,
    packetPos: { packet: 0, hop: 0 },
    packetPlaying: false,
    packetSpeed: 1,
    reducedMotion: opts.reducedMotion ?? false,
    seed: opts.seed ?? 1,
    notice: opts.notice ?? null,
    lang: opts.lang ?? 'en',
    tourStep: 0,
    tourAnswers: {},
    tourPicks: {},
    tourRan: null,
    presenter: false,
    presenterZoom: 1,

    run(line, o = {}) {
      const s = get();
      const { session, entry } = runHostLine({ world: s.world, history: s.lines, lastStatus: s.lastStatus }, line);
      const item: TranscriptItem = {
        id: nextId++,
        line,
        echo: o.echo || undefined,
        output: entry.output,
        clear: entry.effects.some((e) => e.type === 'clear') || undefined,
      };
      const transcript = item.clear ? [item] : [...s.transcript, item].slice(-TRANSCRIPT_MAX);
      const next: Partial<AppState> = {
        world: session.world,
        lines: [...session.history],
        lastStatus: session.lastStatus ?? 0,
        transcript,
      };
      if (line.trim() !== '') {
        // Every line replaces the packet list: "the packets of the last command", even none.
        const list = session.world.lastPackets;
        const first = list.length ? movePos(list, { packet: 0, hop: -1 }, 1) : null;
        next.packets = { id: nextId++, line, list };
        next.packetPos = first ?? { packet: 0, hop: 0 };
        next.packetPlaying = !!first && !s.reducedMotion;
      }
      if (changed(s.world, session.world)) {
        const h: HistoryEntry = {
          line,
          output: entry.output,
          status: entry.status,
          ops: session.world.lastOps,
          world: session.world,
          tourStep: s.tourStep,
        };
        next.entries = [...s.entries.slice(0, s.index), h];
        next.index = s.index + 1;
        next.step = null;
        // A selection whose element is gone would point at nothing.
        next.selection = s.selection;
      }
      set(next);
    },
    undo() {
      const s = get();
      if (s.index === 0) return;
      const index = s.index - 1;
      set({
        index,
        world: index === 0 ? s.initial : s.entries[index - 1].world,
        tourStep: s.entries[index].tourStep,
        tourRan: null,
        step: null,
        packets: null,
        packetPlaying: false,
        transcript: [...s.transcript, { id: nextId++, output: [], note: `undone: ${s.entries[index].line}` }],
      });
    },
    redo() {
      const s = get();
      if (s.index >= s.entries.length) return;
      const index = s.index + 1;
      set({
        index,
        world: s.entries[index - 1].world,
        tourStep: s.entries[index - 1].tourStep,
        tourRan: null,
        step: null,
        packets: null,
        packetPlaying: false,
        transcript: [...s.transcript, { id: nextId++, output: [], note: `redone: ${s.entries[index - 1].line}` }],
      });
    },
    reset(profile) {
      const p = profile ?? get().profile;
      const w = fresh(p);
      set({
        initial: w,
        world: w,
        entries: [],
        index: 0,
        step: null,
        selection: null,
        hover: null,
        packets: null,
        packetPlaying: false,
        profile: p,
        tourStep: 0,
        tourAnswers: {},
        tourPicks: {},
        tourRan: null,
        transcript: [{ id: nextId++, output: [], clear: true, note: `fresh host (Docker profile: ${p})` }],
      });
    },
    select(key) {
      set({ selection: key });
    },
    hoverOn(key) {
      if (get().hover !== key) set({ hover: key });
    },
    setTheme(theme) {
      set({ theme });
    },
    stepTo(i) {
      const s = get();
      const entry = s.entries[s.index - 1];
      if (i === null || !entry) return set({ step: null });
      set({ step: Math.max(0, Math.min(entry.ops.length, i)) });
    },
    stepBy(d) {
      const s = get();
      const entry = s.entries[s.index - 1];
      if (!entry) return;
      const cur = s.step ?? entry.ops.length;
      const n = Math.max(0, Math.min(entry.ops.length, cur + d));
      set({ step: n === entry.ops.length && s.step === null ? null : n });
    },
    packetGo(packet, hop = 0) {
      const list = get().packets?.list ?? [];
      const n = list[packet]?.trace.length ?? 0;
      if (n === 0) return;
      set({ packetPos: { packet, hop: Math.max(0, Math.min(n - 1, hop)) }, packetPlaying: false });
    },
    packetStep(d) {
      const s = get();
      const list = s.packets?.list ?? [];
      const pos = movePos(list, s.packetPos, d);
      if (pos) set({ packetPos: pos });
      else if (s.packetPlaying) set({ packetPlaying: false });
    },
    packetPlay(on) {
      const s = get();
      const list = s.packets?.list ?? [];
      if (!on || list.length === 0) return set({ packetPlaying: false });
      // Play from the start again once the last hop has been shown.
      const atEnd = movePos(list, s.packetPos, 1) === null;
      const first = movePos(list, { packet: 0, hop: -1 }, 1);
      if (!first) return;
      set({ packetPlaying: true, ...(atEnd ? { packetPos: first } : {}) });
    },
    setPacketSpeed(x) {
      set({ packetSpeed: x > 0 ? x : 1 });
    },
    setNotice(notice) {
      if (get().notice !== notice) set({ notice });
    },
    setReducedMotion(on) {
      if (get().reducedMotion !== on) set({ reducedMotion: on, ...(on ? { packetPlaying: false } : {}) });
    },
    setLang(lang) {
      if (LANGS.includes(lang)) set({ lang });
    },
    tourGo(i) {
      set({ tourStep: Math.max(0, Math.min(TOUR.length - 1, Math.trunc(i) || 0)), tourRan: null });
    },
    tourAnswer(question, a) {
      set({ tourAnswers: { ...get().tourAnswers, [question]: a } });
    },
    tourPick(question, choice) {
      set({ tourPicks: { ...get().tourPicks, [question]: choice } });
    },
    tourMarkRan() {
      set({ tourRan: get().tourStep });
    },
    setPresenter(on) {
      set({ presenter: on });
    },
    presenterZoomBy(factor) {
      const z = Math.round(get().presenterZoom * factor * 100) / 100;
      set({ presenterZoom: Math.max(0.6, Math.min(2.5, z)) });
    },
  }));
  for (const line of opts.lines ?? []) store.getState().run(line);
  return store;
}
