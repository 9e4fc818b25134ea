// kernel/record.ts — persistent records: a plain-looking `Record<string, V>` (read with `r[key]`,
// `Object.keys/values/entries`, spread, JSON) backed by an immutable hash trie, so that a
// transaction copies a record in O(1) and changes one key in O(log n) instead of copying it whole.
// Only ops (and the engine's record writers) create them; everything else just reads records.

/** One key's value, and its insertion rank (JS orders non-index keys by insertion). */
interface Entry<V> {
  key: string;
  value: V;
  ord: number;
}
/** All entries whose keys share one 32-bit hash (almost always exactly one). */
interface Bucket<V> {
  hash: number;
  entries: Entry<V>[];
}
/** A trie node: a 32-bit bitmap of occupied slots, and the occupied slots in order. */
interface Node<V> {
  bitmap: number;
  slots: Array<Node<V> | Bucket<V>>;
}

function isBucket<V>(x: Node<V> | Bucket<V>): x is Bucket<V> {
  return (x as Bucket<V>).entries !== undefined;
}

function hashOf(key: string): number {
  // FNV-1a: keys are short ("link:42", "7", "netns:3"); good enough spread for 5 bits a level.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const EMPTY_NODE: Node<never> = { bitmap: 0, slots: [] };

function lookup<V>(node: Node<V>, hash: number, key: string): Entry<V> | undefined {
  for (let shift = 0; ; shift += 5) {
    const bit = 1 << ((hash >>> shift) & 31);
    if ((node.bitmap & bit) === 0) return undefined;
    const slot = node.slots[popcount(node.bitmap & (bit - 1))]!;
    if (isBucket(slot)) {
      if (slot.hash !== hash) return undefined;
      for (const e of slot.entries) if (e.key === key) return e;
      return undefined;
    }
    node = slot;
  }
}

/** Two buckets of different hashes under one new node (deeper until their hash bits differ). */
function split<V>(a: Bucket<V>, b: Bucket<V>, shift: number): Node<V> {
  const ia = (a.hash >>> shift) & 31;
  const ib = (b.hash >>> shift) & 31;
  if (ia === ib) return { bitmap: 1 << ia, slots: [split(a, b, shift + 5)] };
  return { bitmap: (1 << ia) | (1 << ib), slots: ia < ib ? [a, b] : [b, a] };
}

function insert<V>(node: Node<V>, hash: number, e: Entry<V>, shift: number): Node<V> {
  const bit = 1 << ((hash >>> shift) & 31);
  const at = popcount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) {
    const slots = node.slots.slice();
    slots.splice(at, 0, { hash, entries: [e] });
    return { bitmap: node.bitmap | bit, slots };
  }
  const slot = node.slots[at]!;
  let next: Node<V> | Bucket<V>;
  if (isBucket(slot)) {
    if (slot.hash === hash) {
      const i = slot.entries.findIndex((x) => x.key === e.key);
      const entries = slot.entries.slice();
      if (i < 0) entries.push(e);
      else entries[i] = e;
      next = { hash, entries };
    } else {
      next = split(slot, { hash, entries: [e] }, shift + 5);
    }
  } else {
    next = insert(slot, hash, e, shift + 5);
  }
  const slots = node.slots.slice();
  slots[at] = next;
  return { bitmap: node.bitmap, slots };
}

/** The node without the key, or undefined when it ends up empty. */
function remove<V>(node: Node<V>, hash: number, key: string, shift: number): Node<V> | undefined {
  const bit = 1 << ((hash >>> shift) & 31);
  const at = popcount(node.bitmap & (bit - 1));
  const slot = node.slots[at]!;
  let next: Node<V> | Bucket<V> | undefined;
  if (isBucket(slot)) {
    const entries = slot.entries.filter((x) => x.key !== key);
    next = entries.length > 0 ? { hash, entries } : undefined;
  } else {
    next = remove(slot, hash, key, shift + 5);
  }
  const slots = node.slots.slice();
  if (next) {
    slots[at] = next;
    return { bitmap: node.bitmap, slots };
  }
  slots.splice(at, 1);
  return slots.length > 0 ? { bitmap: node.bitmap & ~bit, slots } : undefined;
}

function collect<V>(node: Node<V>, out: Entry<V>[]): void {
  for (const s of node.slots) {
    if (isBucket(s)) for (const e of s.entries) out.push(e);
    else collect(s, out);
  }
}

/** Array-index keys ("0".."4294967294") come first, ascending, as in a plain object. */
function indexKey(key: string): number {
  if (key.length === 0 || key.length > 10) return -1;
  if (key !== '0' && (key.charCodeAt(0) < 49 || key.charCodeAt(0) > 57)) return -1;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  const n = Number(key);
  return n < 4294967295 ? n : -1;
}

/** Enumerated records at least this large get a native map for the reads of the scan. */
const FLAT_MIN = 32;
const FLAT_KEPT = 24;
const flatKept: Array<PMap<unknown>> = [];

/** An immutable map with a plain object's key order; every change returns a new map sharing the rest. */
class PMap<V> {
  private keyCache: string[] | undefined;
  constructor(
    private readonly root: Node<V>,
    readonly size: number,
    private readonly nextOrd: number,
    keys?: string[],
  ) {
    this.keyCache = keys;
  }

  static empty<V>(): PMap<V> {
    return new PMap<V>(EMPTY_NODE as Node<V>, 0, 0, []);
  }

  /** A native map of this version's entries while it is among the recently scanned (see scanned). */
  flat: Map<string, Entry<V>> | undefined;

  entry(key: string): Entry<V> | undefined {
    if (this.flat) return this.flat.get(key);
    return lookup(this.root, hashOf(key), key);
  }

  /** Called when the record is enumerated: the reads of the scan that follows use a native map. */
  scanned(): void {
    if (this.flat || this.size < FLAT_MIN) return;
    const all: Entry<V>[] = [];
    collect(this.root, all);
    this.flat = new Map(all.map((e) => [e.key, e]));
    // Only a few versions keep theirs: history holds every version, and n maps of n entries would
    // bring back the quadratic memory that the trie avoids.
    flatKept.push(this as PMap<unknown>);
    if (flatKept.length > FLAT_KEPT) flatKept.shift()!.flat = undefined;
  }

  set(key: string, value: V): PMap<V> {
    const hash = hashOf(key);
    const old = lookup(this.root, hash, key);
    if (old && old.value === value) return this;
    const e: Entry<V> = { key, value, ord: old ? old.ord : this.nextOrd };
    const root = insert(this.root, hash, e, 0);
    // Replacing a value keeps the key list, which is what makes repeated scans cheap.
    return old
      ? new PMap(root, this.size, this.nextOrd, this.keyCache)
      : new PMap(root, this.size + 1, this.nextOrd + 1);
  }

  delete(key: string): PMap<V> {
    const hash = hashOf(key);
    if (!lookup(this.root, hash, key)) return this;
    return new PMap(remove(this.root, hash, key, 0) ?? (EMPTY_NODE as Node<V>), this.size - 1, this.nextOrd);
  }

  keys(): string[] {
    if (!this.keyCache) {
      const all: Entry<V>[] = [];
      collect(this.root, all);
      const idx: Array<[number, string]> = [];
      const named: Entry<V>[] = [];
      for (const e of all) {
        const n = indexKey(e.key);
        if (n >= 0) idx.push([n, e.key]);
        else named.push(e);
      }
      idx.sort((a, b) => a[0] - b[0]);
      named.sort((a, b) => a.ord - b.ord);
      this.keyCache = [...idx.map((x) => x[1]), ...named.map((e) => e.key)];
    }
    return this.keyCache;
  }
}

const MAP = Symbol('persistent record');
/** Set once the record was frozen: its entries then live on the holder itself, as plain properties. */
const SOLID = Symbol('frozen record');
interface Holder<V> {
  [MAP]: PMap<V>;
  [SOLID]?: true;
}

// Every trap reads the holder's current map; writes swap it for a new map, so a record handed
// out earlier (held by another proxy) never changes.
const handler: ProxyHandler<Holder<unknown>> = {
  get(t, key) {
    if (typeof key === 'symbol') return key === MAP ? t[MAP] : undefined;
    const e = t[MAP].entry(key);
    // Like a plain object, a missing key falls through to Object.prototype (hasOwnProperty, …).
    return e ? e.value : (Object.prototype as Record<string, unknown>)[key];
  },
  has(t, key) {
    return typeof key === 'string' && (t[MAP].entry(key) !== undefined || key in Object.prototype);
  },
  set(t, key, value) {
    if (t[SOLID]) return false;
    if (typeof key === 'symbol') return false;
    t[MAP] = t[MAP].set(key, value);
    return true;
  },
  deleteProperty(t, key) {
    if (t[SOLID]) return Reflect.deleteProperty(t, key);
    if (typeof key === 'string') t[MAP] = t[MAP].delete(key);
    return true;
  },
  defineProperty(t, key, desc) {
    if (t[SOLID]) return Reflect.defineProperty(t, key, desc);
    if (typeof key === 'symbol' || !('value' in desc)) return false;
    t[MAP] = t[MAP].set(key, desc.value);
    return true;
  },
  ownKeys(t) {
    if (t[SOLID]) return Reflect.ownKeys(t);
    // Object.keys/values/entries, spread and JSON enumerate, then read every key.
    t[MAP].scanned();
    return t[MAP].keys();
  },
  getOwnPropertyDescriptor(t, key) {
    if (t[SOLID]) return Reflect.getOwnPropertyDescriptor(t, key);
    if (typeof key === 'symbol') return undefined;
    const e = t[MAP].entry(key);
    return e ? { value: e.value, writable: true, enumerable: true, configurable: true } : undefined;
  },
  preventExtensions(t) {
    // Object.freeze (tests freeze states to prove ops never write to them): the proxy invariants
    // then require real properties, so the entries are copied onto the holder once.
    if (!t[SOLID]) {
      for (const k of t[MAP].keys()) {
        Object.defineProperty(t, k, {
          value: t[MAP].entry(k)!.value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      Object.defineProperty(t, SOLID, { value: true, enumerable: false });
    }
    return Reflect.preventExtensions(t);
  },
};

function wrap<V>(map: PMap<V>): Record<string, V> {
  // The holder's MAP property is a non-enumerable symbol; the traps never report it.
  const holder = {} as Holder<V>;
  Object.defineProperty(holder, MAP, { value: map, writable: true, configurable: true, enumerable: false });
  return new Proxy(holder, handler as ProxyHandler<Holder<V>>) as unknown as Record<string, V>;
}

/**
 * A writable copy of a record in O(1) when it is already persistent (O(n) once when it is a
 * plain object, e.g. a state built by hand or read from JSON). Writes to the copy leave `r` as it was.
 */
export function cowRecord<K extends string | number, V>(r: Record<K, V>): Record<K, V> {
  const map = (r as unknown as Partial<Holder<V>>)[MAP];
  if (map) return wrap(map) as Record<K, V>;
  let m = PMap.empty<V>();
  for (const k of Object.keys(r)) m = m.set(k, (r as Record<string, V>)[k]!);
  return wrap(m) as Record<K, V>;
}

/** The number of keys, in O(1) for a persistent record. */
export function recordSize(r: Record<string | number, unknown>): number {
  const map = (r as Partial<Holder<unknown>>)[MAP];
  return map ? map.size : Object.keys(r).length;
}

// Facts derived from one version of a record (e.g. the lowest free port number), kept per
// immutable map: a version never changes, so its facts never go stale.
const memos = new WeakMap<object, Map<unknown, unknown>>();

/** `compute(r)` once per version of a persistent record (every time for a plain object). */
export function memoOf<K extends string | number, V, T>(r: Record<K, V>, compute: (r: Record<K, V>) => T): T {
  const map = (r as unknown as Partial<Holder<V>>)[MAP];
  if (!map) return compute(r);
  let m = memos.get(map);
  if (!m) memos.set(map, (m = new Map()));
  if (!m.has(compute)) m.set(compute, compute(r));
  return m.get(compute) as T;
}

/** Tells memoOf a fact about the record's current version that the caller derived incrementally. */
export function seedMemo<K extends string | number, V, T>(
  r: Record<K, V>,
  compute: (r: Record<K, V>) => T,
  value: T,
): void {
  const map = (r as unknown as Partial<Holder<V>>)[MAP];
  if (!map) return;
  let m = memos.get(map);
  if (!m) memos.set(map, (m = new Map()));
  m.set(compute, value);
}

/** The fact memoOf has for the record's current version, without computing it. */
export function peekMemo<K extends string | number, V, T>(
  r: Record<K, V>,
  compute: (r: Record<K, V>) => T,
): T | undefined {
  const map = (r as unknown as Partial<Holder<V>>)[MAP];
  return map ? (memos.get(map)?.get(compute) as T | undefined) : undefined;
}
