// store/appStore.ts — the one vanilla zustand store of the app, made by a factory: the world,
// the history of command lines (undo/redo move a pointer, never re-run), selection and hover,
// preferences, the step player's position and the terminal transcript.
// Every change to the world is a command line run through the shell; nothing derived is stored.
// In the browser the shell's tools arrive after the first paint: until then lines wait in
// `pending`, in order, and run as soon as the tools are there (a restored lab gives the same world).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createWorld, type DockerProfile, type PacketRecord, type World } from '../docker/world';
import type { KernelOp } from '../kernel';
import { interruptedLine, runHostLine, type HostSession, type SessionEntry } from '../shell/hostSession';
import { loadTools, toolsLoaded, toolsReady } from '../shell/loadTools';
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

/**
 * A line still running in the terminal's foreground (ping until Ctrl+C, `ping -c 10` one reply a
 * second). The world does not change until it ends: then the line is committed as it ran, with a
 * `# ^C after N ms` comment when Ctrl+C stopped it, so replaying the recorded line gives the same world.
 */
export interface ForegroundJob {
  /** The line as typed. */
  line: string;
  echo: boolean;
  /** Simulated ms since the line started. */
  elapsed: number;
  /** How many chunks of `output` the transcript already shows. */
  shown: number;
  /** The line run ahead up to `horizon` (as if Ctrl+C came then), or to its end. */
  output: OutputChunk[];
  /** Where the run ahead was cut; Infinity when the line ends on its own before it. */
  horizon: number;
}

/** A line asked for before the shell's tools were loaded; it runs when they are. */
export interface PendingLine {
  line: string;
  echo?: boolean;
  live?: boolean;
  /** One of the lines the store was created with (a link, restored work): part of the lab already. */
  restore?: boolean;
  /** The tour step open when the line was asked for (its history entry records that step). */
  tourStep: number;
}

/** Where the store learns whether the shell's tools are loaded, and asks for them (tests pass a fake). */
export interface ToolsGate {
  loaded(): boolean;
  /** Loads the tools; resolves once they are registered. Called again after a failure. */
  load(): Promise<void>;
  /** Resolves once they are registered, whoever loaded them (the page entry, after its first paint). */
  ready(): Promise<void>;
}

const SHELL_TOOLS: ToolsGate = { loaded: toolsLoaded, load: loadTools, ready: toolsReady };

/** How far ahead a live line is computed at first (ms); doubled each time the terminal gets there. */
export const LIVE_HORIZON = 30_000;

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
  /** View option: the kernel view marks the netfilter hooks (NAT & filter) with their rule counts. */
  natOverlay: boolean;
  /** The line running in the terminal's foreground, or null when the prompt is back. */
  job: ForegroundJob | null;
  /** How fast simulated time passes for a live line (1: one ping a second). */
  liveSpeed: number;
  /** The shell's tools are loaded; until then `run` queues lines in `pending` ("loading tools…"). */
  toolsReady: boolean;
  /** Lines waiting for the tools, oldest first (always empty once toolsReady). */
  pending: PendingLine[];

  /**
   * Runs a line. `live`: a line that takes simulated time (ping) becomes the foreground job and
   * its output arrives as jobAdvance moves time on; otherwise all of it at once.
   */
  run(line: string, opts?: { echo?: boolean; live?: boolean }): void;
  /** Moves the foreground job's simulated time on by `ms`; the line is committed when it ends. */
  jobAdvance(ms: number): void;
  /** Ctrl+C: the foreground job stops now and is committed as interrupted. */
  jobInterrupt(): void;
  setLiveSpeed(x: number): void;
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
  /** Shows or hides the NAT & filter overlay of the kernel view (off by default, as in the article). */
  setNatOverlay(on: boolean): void;
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
  /** Whether the shell's tools are there and how to load them (default: the shell's loader). */
  tools?: ToolsGate;
}

const TRANSCRIPT_MAX = 400;

/** The chunks of a live line written by its elapsed time (never those at or past the horizon). */
function shownBy(job: ForegroundJob): OutputChunk[] {
  const out: OutputChunk[] = [];
  for (const c of job.output) {
    const at = c.at ?? 0;
    if (at > job.elapsed || at >= job.horizon) break;
    out.push(c);
  }
  return out;
}

function changed(a: World, b: World): boolean {
  // The shell's job table (`tcpdump … &`) is state too: undo and replay must give it back.
  return (
    a.kernel !== b.kernel ||
    a.docker !== b.docker ||
    a.hostname !== b.hostname ||
    a.symlinks !== b.symlinks ||
    a.jobs !== b.jobs
  );
}

/** Creates a fresh store. */
export function createAppStore(opts: AppStoreOptions = {}): AppStore {
  let nextId = 1;
  const fresh = (profile: DockerProfile) => createWorld({ seed: opts.seed ?? 1, profile });
  const initial = fresh(opts.profile ?? 'classic');
  const gate = opts.tools ?? SHELL_TOOLS;
  let loading = false;
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
    natOverlay: false,
    job: null,
    liveSpeed: 1,
    toolsReady: gate.loaded(),
    pending: [],

    run(line, o = {}) {
      const s = get();
      if (!s.toolsReady) {
        // Never "command not found": the line waits for the tools and runs the moment they load.
        set({ pending: [...s.pending, { line, echo: o.echo, live: o.live, tourStep: s.tourStep }] });
        startLoading();
        return;
      }
      runNow(line, o);
    },
    jobAdvance(ms) {
      let job = get().job;
      if (!job || !(ms > 0)) return;
      job = { ...job, elapsed: job.elapsed + ms };
      if (job.horizon !== Infinity && job.elapsed >= job.horizon) {
        // Compute further ahead; the part already shown is the same (the run is deterministic).
        let horizon = job.horizon;
        while (horizon <= job.elapsed) horizon *= 2;
        const s = get();
        const ahead = runHostLine({ world: s.world, history: s.lines, lastStatus: s.lastStatus }, job.line, {
          interruptAt: horizon,
        });
        job = { ...job, output: ahead.entry.output, horizon: ahead.entry.interrupted ? horizon : Infinity };
      }
      const fresh = shownBy(job).slice(job.shown);
      const last = job.output[job.output.length - 1]?.at ?? 0;
      if (job.horizon === Infinity && job.elapsed >= last) {
        // The line ended on its own: commit it as it ran.
        const s = get();
        const { session, entry } = runHostLine(
          { world: s.world, history: s.lines, lastStatus: s.lastStatus },
          job.line,
        );
        set({ job: null });
        commit(job.line, job.line, session, entry, { id: nextId++, output: entry.output.slice(job.shown) });
        return;
      }
      if (fresh.length === 0) return set({ job });
      set({
        job: { ...job, shown: job.shown + fresh.length },
        transcript: [...get().transcript, { id: nextId++, output: fresh }].slice(-TRANSCRIPT_MAX),
      });
    },
    jobInterrupt() {
      const s = get();
      const job = s.job;
      if (!job) return;
      const at = Math.round(job.elapsed);
      const { session, entry } = runHostLine({ world: s.world, history: s.lines, lastStatus: s.lastStatus }, job.line, {
        interruptAt: at,
      });
      set({ job: null });
      // The history records when Ctrl+C came, so that the recorded line replays to this world.
      const recorded = entry.interrupted ? interruptedLine(job.line, at) : job.line;
      commit(job.line, recorded, session, entry, { id: nextId++, output: entry.output.slice(job.shown) });
    },
    setLiveSpeed(x) {
      set({ liveSpeed: x > 0 ? x : 1 });
    },
    undo() {
      if (get().job) get().jobInterrupt();
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
      if (get().job) get().jobInterrupt();
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
        job: null,
        // Lines still waiting for the tools were asked for on the world this replaces.
        pending: [],
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
    setNatOverlay(on) {
      set({ natOverlay: on });
    },
    presenterZoomBy(factor) {
      const z = Math.round(get().presenterZoom * factor * 100) / 100;
      set({ presenterZoom: Math.max(0.6, Math.min(2.5, z)) });
    },
  }));

  /**
   * Ends a line: its output goes to the transcript (as `item`, whose text may be only the part a
   * live run had not shown yet), its packets to the packet player, and, when it changed the
   * world, an entry recorded as `recorded` (the typed line, or its interrupted form) to history.
   */
  function commit(
    line: string,
    recorded: string,
    session: HostSession,
    entry: SessionEntry,
    item: TranscriptItem,
    tourStep?: number,
  ) {
    const s = store.getState();
    if (entry.effects.some((e) => e.type === 'clear')) item.clear = true;
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
        line: recorded,
        output: entry.output,
        status: entry.status,
        ops: session.world.lastOps,
        world: session.world,
        tourStep: tourStep ?? s.tourStep,
      };
      next.entries = [...s.entries.slice(0, s.index), h];
      next.index = s.index + 1;
      next.step = null;
      // A selection whose element is gone would point at nothing.
      next.selection = s.selection;
    }
    store.setState(next);
  }

  /** Runs a line now (the tools are loaded); `tourStep`: the step it was asked for at, if it waited. */
  function runNow(line: string, o: { echo?: boolean; live?: boolean }, tourStep?: number) {
    // A button pressed while a line runs: Ctrl+C it first, as a person would.
    if (store.getState().job) store.getState().jobInterrupt();
    const s = store.getState();
    const base = { world: s.world, history: s.lines, lastStatus: s.lastStatus };
    if (o.live && line.trim() !== '') {
      const ahead = runHostLine(base, line, { interruptAt: LIVE_HORIZON });
      const output = ahead.entry.output;
      if (output.some((c) => (c.at ?? 0) > 0)) {
        const job: ForegroundJob = {
          line,
          echo: !!o.echo,
          elapsed: 0,
          shown: 0,
          output,
          horizon: ahead.entry.interrupted ? LIVE_HORIZON : Infinity,
        };
        const first = shownBy(job);
        store.setState({
          job: { ...job, shown: first.length },
          transcript: [...s.transcript, { id: nextId++, line, echo: o.echo || undefined, output: first }].slice(
            -TRANSCRIPT_MAX,
          ),
        });
        return;
      }
    }
    const { session, entry } = runHostLine(base, line);
    const item: TranscriptItem = { id: nextId++, line, echo: o.echo || undefined, output: entry.output };
    commit(line, line, session, entry, item, tourStep);
  }

  /** Asks for the tools once; a failed load says so and is tried again by the next line. */
  function startLoading() {
    if (loading) return;
    loading = true;
    gate.load().then(
      () => {
        loading = false;
        flush();
      },
      () => {
        loading = false;
        store
          .getState()
          .setNotice('The command-line tools could not be loaded (network trouble?); the next command tries again.');
      },
    );
  }

  /** The tools are there: the waiting lines run in the order they were asked for. */
  function flush() {
    if (store.getState().toolsReady) return;
    const waiting = store.getState().pending;
    store.setState({ toolsReady: true, pending: [] });
    for (const p of waiting) runNow(p.line, { echo: p.echo, live: p.live }, p.tourStep);
  }

  if (store.getState().toolsReady) {
    for (const line of opts.lines ?? []) store.getState().run(line);
  } else {
    // Whoever loads them (the page entry after its first paint, or a waiting line), the store
    // learns it here, even with no line waiting: the "loading tools…" state must end.
    void gate.ready().then(flush);
    // Restored lines show in the terminal as if typed (echo), as the synchronous path does at mount.
    const restore = (opts.lines ?? []).map((line) => ({ line, echo: true, restore: true, tourStep: 0 }));
    if (restore.length > 0) {
      store.setState({ pending: restore });
      startLoading();
    }
  }
  return store;
}
