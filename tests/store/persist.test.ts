// Autosave and restore through a fake storage: a round trip, and damaged, foreign, oversized or
// full storage, each giving a notice and a fresh (or last good) start without losing saved work.
import { describe, expect, it } from 'vitest';
import { encodeShare } from '../../src/scenario/share';
import { createAppStore } from '../../src/store';
import {
  attachAutosave,
  bootOptions,
  DAMAGED_KEY,
  GOOD_KEY,
  labOf,
  loadSaved,
  SAVE_KEY,
  type KeyValueStorage,
} from '../../src/store/persist';

class FakeStorage implements KeyValueStorage {
  map = new Map<string, string>();
  full = false;
  getItem(k: string) {
    return this.map.has(k) ? this.map.get(k)! : null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const LINES = ['docker run -d --name c1 hwchiu/netutils', 'docker run --network=none -d --name c2 hwchiu/netutils'];

function savedStore(storage: FakeStorage) {
  const s = createAppStore({ seed: 4, theme: 'dark' });
  attachAutosave(s, storage);
  for (const l of LINES) s.getState().run(l);
  return s;
}

describe('autosave', () => {
  it('saves every change and restores the same world', () => {
    const storage = new FakeStorage();
    const a = savedStore(storage);
    expect(JSON.parse(storage.getItem(SAVE_KEY)!)).toMatchObject({ v: 1, lines: LINES, theme: 'dark', seed: 4 });
    const boot = bootOptions('', storage);
    expect(boot.from).toBe('saved');
    const b = createAppStore(boot.options);
    expect(b.getState().world.kernel).toEqual(a.getState().world.kernel);
    expect(b.getState().theme).toBe('dark');
    expect(storage.getItem(GOOD_KEY)).toBe(storage.getItem(SAVE_KEY));
  });

  it('undo is saved too (the saved lines are the applied ones)', () => {
    const storage = new FakeStorage();
    const a = savedStore(storage);
    a.getState().undo();
    expect(JSON.parse(storage.getItem(SAVE_KEY)!).lines).toEqual([LINES[0]]);
  });

  it('a full storage gives one notice and keeps the copy saved before', () => {
    const storage = new FakeStorage();
    const a = savedStore(storage);
    const before = storage.getItem(SAVE_KEY);
    storage.full = true;
    a.getState().run('docker rm -f c2');
    expect(a.getState().notice).toMatch(/could not be saved/);
    expect(storage.getItem(SAVE_KEY)).toBe(before);
  });

  it('a link wins over the saved work', () => {
    const storage = new FakeStorage();
    savedStore(storage);
    const boot = bootOptions(
      encodeShare({ lines: ['ip netns add x1'], profile: 'current', theme: 'light', seed: 1 }),
      storage,
    );
    expect(boot.from).toBe('link');
    expect(boot.options.lines).toEqual(['ip netns add x1']);
  });

  it('a broken link says why and falls back to the saved work', () => {
    const storage = new FakeStorage();
    savedStore(storage);
    const boot = bootOptions('#lab=1.@@@', storage);
    expect(boot.from).toBe('saved');
    expect(boot.options.notice).toMatch(/^This link could not be opened: the link is damaged/);
    expect(boot.options.lines).toEqual(LINES);
  });
});

describe('damaged storage', () => {
  const table: [string, string, RegExp][] = [
    ['not JSON', '{"v":1,"lines":[', /it is damaged/],
    ['another app’s value', '{"theme":"blue","items":[1,2]}', /not netns-lab's saved work/],
    ['a newer format', '{"v":5,"lines":[]}', /newer netns-lab/],
    ['a line with markup and a newline', '{"v":1,"lines":["<b>x</b>\\n"]}', /control characters/],
    ['oversized', '"' + 'x'.repeat(1_000_001) + '"', /too large/],
  ];
  for (const [name, raw, why] of table) {
    it(`${name}: a notice and a fresh start; the damaged value is kept apart`, () => {
      const storage = new FakeStorage();
      storage.map.set(SAVE_KEY, raw);
      const r = loadSaved(storage);
      expect(r.lab).toBeUndefined();
      expect(r.notice).toMatch(why);
      expect(r.notice).toMatch(/fresh host/);
      expect(storage.getItem(DAMAGED_KEY)).toBe(raw.slice(0, 1_000_000));
      const boot = bootOptions('', storage);
      expect(boot.from).toBe('fresh');
      expect(createAppStore(boot.options).getState().notice).toMatch(/fresh host/);
    });
  }

  it('a damaged save with a last good copy: that copy is restored', () => {
    const storage = new FakeStorage();
    const a = savedStore(storage);
    loadSaved(storage); // a reload: the save loads and becomes the good copy
    storage.map.set(SAVE_KEY, 'garbage{');
    const r = loadSaved(storage);
    expect(r.notice).toMatch(/last good copy was restored/);
    expect(r.lab).toEqual(labOf(a.getState()));
    expect(storage.getItem(SAVE_KEY)).toBe(storage.getItem(GOOD_KEY));
  });

  it('a storage that throws on read is treated as empty', () => {
    const storage: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(bootOptions('', storage)).toEqual({ options: {}, from: 'fresh' });
  });
});
