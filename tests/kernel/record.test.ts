// tests/kernel/record.test.ts — persistent records (src/kernel/record.ts) must read exactly like the
// plain objects they replace: every expectation here is what a plain object does with the same
// writes (JavaScript's own property order and copy semantics are the oracle), plus the sharing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cowRecord, memoOf, peekMemo, recordSize, seedMemo } from '../../src/kernel/record';

type Op = { set: string; v: number } | { del: string };

const key = fc.oneof(
  fc.constantFrom('link:1', 'link:2', 'link:10', 'netns:0', 'eth0', 'lo', 'a', 'b'),
  fc.integer({ min: 0, max: 40 }).map(String),
);
const op: fc.Arbitrary<Op> = fc.oneof(fc.record({ set: key, v: fc.integer() }), fc.record({ del: key }));

function applyTo(r: Record<string, number>, ops: Op[]): void {
  for (const o of ops) {
    if ('set' in o) r[o.set] = o.v;
    else delete r[o.del];
  }
}

describe('persistent records', () => {
  it('read like a plain object after any writes: keys, values, entries, JSON, spread, in', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.array(op, { maxLength: 20 }),
        fc.boolean(),
        (first, second, big) => {
          const plain: Record<string, number> = {};
          const rec = cowRecord<string, number>({});
          // Large records are read through a native map once enumerated: both paths are covered.
          const fill: Op[] = big ? Array.from({ length: 50 }, (_, i) => ({ set: `k${i}`, v: i })) : [];
          applyTo(plain, fill);
          applyTo(rec, fill);
          if (big) expect(Object.keys(rec)).toHaveLength(50);
          applyTo(plain, first);
          applyTo(rec, first);
          // A copy, then more writes to the copy only.
          const plain2 = { ...plain };
          const rec2 = cowRecord(rec);
          applyTo(plain2, second);
          applyTo(rec2, second);
          for (const [p, r] of [
            [plain, rec],
            [plain2, rec2],
          ] as const) {
            expect(Object.keys(r)).toEqual(Object.keys(p));
            expect(Object.values(r)).toEqual(Object.values(p));
            expect(Object.entries(r)).toEqual(Object.entries(p));
            expect(JSON.stringify(r)).toBe(JSON.stringify(p));
            expect({ ...r }).toEqual(p);
            expect(recordSize(r)).toBe(Object.keys(p).length);
            for (const k of ['link:1', '7', 'zz']) {
              expect(r[k]).toBe(p[k]);
              expect(k in r).toBe(k in p);
              expect(Object.prototype.hasOwnProperty.call(r, k)).toBe(Object.prototype.hasOwnProperty.call(p, k));
            }
          }
        },
      ),
    );
  });

  it('keeps a replaced key at its place in the order, as a plain object does', () => {
    const r = cowRecord<string, number>({ b: 1, a: 2, '3': 3, '1': 4 });
    r.b = 9;
    expect(Object.keys(r)).toEqual(['1', '3', 'b', 'a']);
    delete r.b;
    r.b = 5;
    expect(Object.keys(r)).toEqual(['1', '3', 'a', 'b']);
  });

  it('can be frozen, and then refuses writes like a frozen object', () => {
    const r = cowRecord<string, number>({ x: 1, y: 2 });
    Object.freeze(r);
    expect(Object.isFrozen(r)).toBe(true);
    // Modules are strict code: a write to a frozen object throws.
    expect(() => {
      r.z = 3;
    }).toThrow(TypeError);
    expect(Object.keys(r)).toEqual(['x', 'y']);
    // A copy of a frozen record is writable and leaves the frozen one alone.
    const c = cowRecord(r);
    c.z = 3;
    expect(Object.keys(c)).toEqual(['x', 'y', 'z']);
    expect('z' in r).toBe(false);
  });

  it('keeps derived facts per version: a write makes a new version without them', () => {
    const count = (r: Record<string, number>) => Object.keys(r).length;
    const r = cowRecord<string, number>({ a: 1 });
    expect(memoOf(r, count)).toBe(1);
    expect(peekMemo(r, count)).toBe(1);
    const c = cowRecord(r);
    expect(peekMemo(c, count)).toBe(1); // same version, shared
    c.b = 2;
    expect(peekMemo(c, count)).toBeUndefined();
    seedMemo(c, count, 2);
    expect(memoOf(c, count)).toBe(2);
    expect(memoOf(r, count)).toBe(1);
  });
});
