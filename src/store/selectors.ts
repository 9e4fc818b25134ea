// store/selectors.ts — everything derived from the store's state: the world shown (now, or an
// intermediate step of the last command), both scenes, the highlight set, the step list and the
// inspector's content. Memoised by object identity; never stored.
import type { World } from '../docker/world';
import { apply, INIT_NET, type KernelOp } from '../kernel';
// Not '../shell' (its index registers every tool): the browser loads the tools after the first paint.
import { runLine } from '../shell/interpret';
import { hasTool } from '../shell/registry';
import { hostContext } from '../shell/hostSession';
import { TOUR, tourHighlightKeys } from '../scenario/tour';
import {
  buildKernelScene,
  buildUserScene,
  planColumns,
  type ContainerView,
  type Plan,
  type Scene,
} from '../view/scene';
import type { AppState, HistoryEntry } from './appStore';
import { opToCommand } from './equivalent';
import { actionsFor } from './packets';

/** The entry the step player shows (the last applied command that changed the world). */
export function selectCurrentEntry(s: AppState): HistoryEntry | undefined {
  return s.entries[s.index - 1];
}

/** The world before the current entry. */
export function selectPreviousWorld(s: AppState): World {
  return s.index >= 2 ? s.entries[s.index - 2].world : s.initial;
}

const replayCache = new WeakMap<HistoryEntry, World[]>();

/** Worlds after each op of an entry: [0] is the world before it, [n] after n ops. */
function replay(entry: HistoryEntry, prev: World): World[] {
  const hit = replayCache.get(entry);
  if (hit) return hit;
  const worlds: World[] = [prev];
  let k = prev.kernel;
  for (const op of entry.ops) {
    const r = apply(k, op);
    if (!r.ok) break;
    k = r.state;
    // The containers appear with the command's records; the kernel catches up op by op.
    worlds.push({ ...entry.world, kernel: k, lastOps: [] });
  }
  replayCache.set(entry, worlds);
  return worlds;
}

/** The world both panes show: now, or after step N of the current command. */
export function selectShownWorld(s: AppState): World {
  const entry = selectCurrentEntry(s);
  if (s.step === null || !entry) return s.world;
  const worlds = replay(entry, selectPreviousWorld(s));
  return worlds[Math.min(s.step, worlds.length - 1)];
}

export interface Scenes {
  plan: Plan;
  kernel: Scene;
  user: Scene;
}

const sceneCache = new WeakMap<World, Map<string, Scenes>>();
/**
 * The worlds whose scenes are kept, oldest first. History keeps every world, so a cache that kept
 * every world's scenes would hold O(commands × containers) objects (2 GB at 1,000 containers);
 * a few recent worlds are enough for undo, redo and stepping back and forth.
 */
const sceneKept: World[] = [];
const SCENES_KEPT = 8;

/**
 * Both scenes of a world at a label scale, with or without the NAT & filter overlay (cached per
 * world value, scale and overlay).
 */
export function scenesOf(w: World, labelScale = 1, hooks = false): Scenes {
  let byScale = sceneCache.get(w);
  if (!byScale) {
    sceneCache.set(w, (byScale = new Map()));
    sceneKept.push(w);
    if (sceneKept.length > SCENES_KEPT) sceneCache.delete(sceneKept.shift()!);
  }
  const key = `${labelScale}${hooks ? '+hooks' : ''}`;
  const hit = byScale.get(key);
  if (hit) return hit;
  // Presenter mode lays the panes out for its large type, titles only (view/scene/layout.ts).
  const plan = planColumns(w, labelScale === 1 ? {} : { labelScale, details: false });
  const scenes = { plan, kernel: buildKernelScene(w, plan, { hooks }), user: buildUserScene(w, plan) };
  byScale.set(key, scenes);
  return scenes;
}

/** Presenter mode's label scale: titles at 2 × 14 = 28 units (≥ 24 px on a 1080p screen) × zoom. */
export function presenterLabelScale(zoom: number): number {
  return Math.round(2 * zoom * 100) / 100;
}

export function selectScenes(s: AppState): Scenes {
  return scenesOf(selectShownWorld(s), s.presenter ? presenterLabelScale(s.presenterZoom) : 1, s.natOverlay);
}

const EMPTY = new Set<string>();
let hlMemo: { key: string | null; plan: Plan | null; set: ReadonlySet<string> } = { key: null, plan: null, set: EMPTY };

let tourMemo: { world: World | null; step: number; set: ReadonlySet<string> } = { world: null, step: -1, set: EMPTY };

/** The elements the open tour step points at, once its commands have run (else none). */
export function selectTourHighlight(s: AppState): ReadonlySet<string> {
  if (s.tourRan === null || s.tourRan !== s.tourStep || !TOUR[s.tourStep]) return EMPTY;
  const world = selectShownWorld(s);
  if (tourMemo.world === world && tourMemo.step === s.tourStep) return tourMemo.set;
  tourMemo = { world, step: s.tourStep, set: new Set(tourHighlightKeys(world, TOUR[s.tourStep].highlight)) };
  return tourMemo.set;
}

/**
 * The keys to highlight in both panes: the hovered (else selected) element and what it is
 * connected to; with neither, what the tour step just run points at.
 */
export function selectHighlight(s: AppState): ReadonlySet<string> {
  const key = s.hover ?? s.selection;
  if (!key) return selectTourHighlight(s);
  const { plan } = selectScenes(s);
  if (hlMemo.key === key && hlMemo.plan === plan) return hlMemo.set;
  const set = new Set<string>([key, ...(plan.related.get(key) ?? [])]);
  hlMemo = { key, plan, set };
  return set;
}

export interface StepView {
  n: number;
  op: KernelOp;
  command: string;
}

const stepsCache = new WeakMap<HistoryEntry, StepView[]>();
const NO_STEPS: StepView[] = [];

/** The numbered kernel operations of the current command, each with its equivalent command line. */
export function selectSteps(s: AppState): StepView[] {
  const entry = selectCurrentEntry(s);
  if (!entry) return NO_STEPS;
  const hit = stepsCache.get(entry);
  if (hit) return hit;
  // Named against the world after the command, where Docker's records know every namespace.
  const steps = entry.ops.map((op, i) => ({ n: i + 1, op, command: opToCommand(op, entry.world) }));
  stepsCache.set(entry, steps);
  return steps;
}

// ---------------------------------------------------------------- inspector

export interface InspectorSection {
  /** What a person would type. */
  line: string;
  output: string;
  note?: string;
}

export interface InspectorAction {
  label: string;
  line: string;
  /** Breaks something on purpose (a fault injection). */
  fault?: boolean;
}

export interface InspectorView {
  title: string;
  kind: string;
  sections: InspectorSection[];
  actions: InspectorAction[];
}

function show(w: World, line: string, netns = INIT_NET): string {
  const ctx = { ...hostContext(w, []), netns };
  const r = runLine(w, line, ctx);
  return r.output.map((c) => c.text).join('');
}

/** How to run an `ip` command inside a namespace from the host, as a person would type it. */
function nsCommand(w: World, plan: Plan, ns: string, args: string): { line: string; netns: string } {
  if (ns === INIT_NET) return { line: `ip ${args}`, netns: INIT_NET };
  const named = w.kernel.netns[ns]?.name;
  if (named) return { line: `ip -n ${named} ${args}`, netns: INIT_NET };
  const owner = plan.containers.find((c) => c.netns === ns && c.running);
  if (owner && hasTool('docker', 'host')) return { line: `docker exec ${owner.name} ip ${args}`, netns: INIT_NET };
  // Without a way in by name, run it inside the namespace directly.
  return { line: `ip ${args}`, netns: ns };
}

function inspectSection(w: World, line: string, netns = INIT_NET): InspectorSection {
  return { line, output: show(w, line, netns) };
}

function containerSections(w: World, c: ContainerView): InspectorSection[] {
  const line = `docker inspect ${c.name}`;
  const raw = show(w, line);
  try {
    const parsed = JSON.parse(raw) as Array<Record<string, unknown>>;
    const ns = parsed[0]?.NetworkSettings;
    if (ns) return [{ line, output: JSON.stringify(ns, null, 4) + '\n', note: 'the NetworkSettings section' }];
  } catch {
    // Not JSON (an error message): show it as printed.
  }
  return [{ line, output: raw }];
}

/** What the inspector shows for the selected key, from the world shown. */
export function inspectorFor(w: World, plan: Plan, key: string): InspectorView | null {
  const k = w.kernel;
  if (key.startsWith('ctr:')) {
    const c = plan.containers.find((x) => `ctr:${x.id}` === key);
    if (!c) return null;
    const actions = actionsFor(w, plan, key);
    return { title: `container ${c.name}`, kind: 'container', sections: containerSections(w, c), actions };
  }
  if (key.startsWith('netns:')) {
    if (!k.netns[key]) return null;
    const cmd = nsCommand(w, plan, key, 'addr');
    const title = key === INIT_NET ? `host ${w.hostname} (init_net)` : `network namespace ${k.netns[key].name ?? key}`;
    return {
      title,
      kind: 'netns',
      sections: [inspectSection(w, cmd.line, cmd.netns)],
      actions: actionsFor(w, plan, key),
    };
  }
  const linkId = key.startsWith('port:') ? key.slice(5) : key.startsWith('veth:') ? key.slice(5).split('|')[0] : key;
  const l = k.links[linkId];
  if (!l) return null;
  if (key.startsWith('veth:')) {
    const p = l.peer ? k.links[l.peer] : undefined;
    const sections = [l, p]
      .filter((x) => !!x)
      .map((x) => {
        const c = nsCommand(w, plan, x!.netns, `link show dev ${x!.name}`);
        return inspectSection(w, c.line, c.netns);
      });
    return {
      title: `veth pair ${l.name} ⇄ ${p?.name ?? '?'}`,
      kind: 'veth',
      sections,
      actions: actionsFor(w, plan, key),
    };
  }
  const sections: InspectorSection[] = [];
  if (l.kind === 'bridge') sections.push(inspectSection(w, `brctl show ${l.name}`));
  if (key.startsWith('port:') && l.master && k.links[l.master])
    sections.push(inspectSection(w, `brctl show ${k.links[l.master].name}`));
  const c = nsCommand(w, plan, l.netns, `addr show dev ${l.name}`);
  sections.push(inspectSection(w, c.line, c.netns));
  const actions = actionsFor(w, plan, key);
  const what = l.kind === 'bridge' ? 'bridge' : key.startsWith('port:') ? 'bridge port' : 'interface';
  return { title: `${what} ${l.name}`, kind: what, sections, actions };
}

let inspMemo: { w: World | null; key: string | null; view: InspectorView | null } = { w: null, key: null, view: null };

export function selectInspector(s: AppState): InspectorView | null {
  // The inspector runs tools (`ip addr`, `docker inspect`): nothing to show until they are loaded.
  if (!s.selection || !s.toolsReady) return null;
  const w = selectShownWorld(s);
  if (inspMemo.w === w && inspMemo.key === s.selection) return inspMemo.view;
  const view = inspectorFor(w, selectScenes(s).plan, s.selection);
  inspMemo = { w, key: s.selection, view };
  return view;
}
