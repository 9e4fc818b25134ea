// store/persist.ts — autosave and restore: the applied command lines and settings go to a
// key-value storage (the app passes localStorage; tests pass a fake) on every change, and come
// back at boot, after a share link if there is one. A damaged, foreign or full storage gives a
// notice and a fresh start, and the last copy that loaded well is kept apart and never overwritten by junk.
import { decodeShare, hasShare, validateLab, type SharedLab } from '../scenario/share';
import type { AppState, AppStore, AppStoreOptions } from './appStore';

/** The part of the Web Storage API this needs (so no DOM type is imported here). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SAVE_KEY = 'netns-lab:autosave';
/** The last saved state that loaded without trouble. */
export const GOOD_KEY = 'netns-lab:autosave:good';
/** A saved value that could not be read, kept for a person to rescue, never read back. */
export const DAMAGED_KEY = 'netns-lab:autosave:damaged';
/** Beyond this a saved value is not even parsed. */
const MAX_SAVED = 1_000_000;

/** What the app saves: the lines that made the current world, and the settings. */
export function labOf(s: AppState): SharedLab {
  // Restored lines still waiting for the shell's tools are already part of the lab: saving
  // before they run must not write the lab without them.
  const waiting = s.pending.filter((p) => p.restore).map((p) => p.line);
  return {
    lines: [...s.entries.slice(0, s.index).map((e) => e.line), ...waiting],
    profile: s.profile,
    theme: s.theme,
    seed: s.seed,
  };
}

function read(storage: KeyValueStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage, key: string, value: string): boolean {
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

type Parsed = { ok: true; lab: SharedLab } | { ok: false; error: string };

function parse(raw: string): Parsed {
  if (raw.length > MAX_SAVED) return { ok: false, error: 'it is too large' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'it is damaged' };
  }
  const r = validateLab(value);
  return r.ok ? r : { ok: false, error: `it is not netns-lab's saved work (${r.error})` };
}

export interface LoadResult {
  lab?: SharedLab;
  notice?: string;
}

/** Reads the saved work; a damaged copy is set aside and the last good one used instead. */
export function loadSaved(storage: KeyValueStorage): LoadResult {
  const raw = read(storage, SAVE_KEY);
  if (raw === null) return {};
  const r = parse(raw);
  if (r.ok) {
    write(storage, GOOD_KEY, raw);
    return { lab: r.lab };
  }
  write(storage, DAMAGED_KEY, raw.slice(0, MAX_SAVED));
  const good = read(storage, GOOD_KEY);
  const g = good === null ? null : parse(good);
  if (g?.ok) {
    write(storage, SAVE_KEY, good!);
    return { lab: g.lab, notice: `Your saved work could not be read (${r.error}); the last good copy was restored.` };
  }
  return { notice: `Your saved work could not be read (${r.error}); starting with a fresh host.` };
}

/** Saves one state; false when the storage refused it (full, or disabled). */
export function save(storage: KeyValueStorage, lab: SharedLab): boolean {
  return write(storage, SAVE_KEY, JSON.stringify({ v: 1, ...lab }));
}

/** Store options from a lab (the lines are replayed at creation). */
export function optionsOf(lab: SharedLab): AppStoreOptions {
  return { lines: lab.lines, profile: lab.profile, theme: lab.theme, seed: lab.seed };
}

export interface BootResult {
  options: AppStoreOptions;
  /** Where the state came from. */
  from: 'link' | 'saved' | 'fresh';
}

/**
 * The store options at page load: a share link in the fragment first, else the saved work,
 * else a fresh host. A link that cannot be opened says why, and the saved work is used.
 */
export function bootOptions(hash: string, storage: KeyValueStorage | null): BootResult {
  let linkNotice: string | undefined;
  if (hasShare(hash)) {
    const r = decodeShare(hash);
    if (r.ok) return { options: optionsOf(r.lab), from: 'link' };
    linkNotice = `This link could not be opened: ${r.error}.`;
  }
  const saved = storage ? loadSaved(storage) : {};
  const notice = [linkNotice, saved.notice].filter(Boolean).join(' ') || undefined;
  if (saved.lab) return { options: { ...optionsOf(saved.lab), notice }, from: 'saved' };
  return { options: notice ? { notice } : {}, from: 'fresh' };
}

/**
 * Saves on every change of what a lab holds; a refused write gives one notice (and the copy
 * saved before stays in place). Returns the unsubscribe function.
 */
export function attachAutosave(store: AppStore, storage: KeyValueStorage): () => void {
  let last = JSON.stringify(labOf(store.getState()));
  let failing = false;
  return store.subscribe((s, prev) => {
    if (s.entries === prev.entries && s.index === prev.index && s.profile === prev.profile && s.theme === prev.theme)
      return;
    const lab = labOf(s);
    const text = JSON.stringify(lab);
    if (text === last) return;
    last = text;
    const ok = save(storage, lab);
    if (!ok && !failing)
      s.setNotice(
        'Your work could not be saved in this browser (storage full or disabled); the last saved copy is kept.',
      );
    failing = !ok;
  });
}
