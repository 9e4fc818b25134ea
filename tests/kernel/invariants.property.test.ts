// Property: whatever sequence of operations runs — valid or not — every op returns a result
// (never throws), never mutates the state it was given, and leaves a state whose invariants
// hold (kernel/invariants.ts). fast-check shrinks a failure to the shortest sequence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  applyAll,
  checkInvariants,
  createKernel,
  type KernelOp,
  type KernelState,
  type NetnsId,
} from '../../src/kernel';

const names = ['lo', 'eth0', 'veth0', 'vA', 'vB', 'br0', 'br1', 'docker0'];
const nsIds: NetnsId[] = ['netns:0', 'netns:1', 'netns:2', 'netns:3'];
const ns = fc.constantFrom(...nsIds);
const name = fc.constantFrom(...names);
const ip = fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.1.1', '172.17.0.1', '192.168.1.50');
const len = fc.constantFrom(8, 16, 24, 32);

const op: fc.Arbitrary<KernelOp> = fc.oneof(
  fc.record({
    op: fc.constant('addNetns' as const),
    name: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('delNetns' as const), netns: ns }),
  fc.record({
    op: fc.constant('addLink' as const),
    netns: ns,
    name,
    kind: fc.constantFrom('bridge' as const, 'ether' as const),
    mac: fc.option(fc.constantFrom('02:42:00:00:00:01', '0a:00:00:00:00:02'), { nil: undefined }),
  }),
  fc.record({
    op: fc.constant('addVethPair' as const),
    netns: ns,
    name: fc.option(name, { nil: undefined }),
    peer: fc.option(name, { nil: undefined }),
    peerNetns: fc.option(ns, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('delLink' as const), netns: ns, name }),
  // `ip link set` usually changes one thing at a time; moving may rename on the way.
  fc.oneof(
    fc.record({ op: fc.constant('setLink' as const), netns: ns, name, up: fc.boolean() }),
    fc.record({ op: fc.constant('setLink' as const), netns: ns, name, rename: name }),
    fc.record({
      op: fc.constant('setLink' as const),
      netns: ns,
      name,
      master: fc.option(fc.constantFrom('br0', 'br1', 'docker0'), { nil: null }),
    }),
    fc.record({
      op: fc.constant('setLink' as const),
      netns: ns,
      name,
      toNetns: ns,
      rename: fc.option(name, { nil: undefined }),
    }),
    fc.record({
      op: fc.constant('setLink' as const),
      netns: ns,
      name,
      mac: fc.constantFrom('02:42:ac:11:00:02', '01:00:5e:00:00:01'),
    }),
    fc.record({ op: fc.constant('setLink' as const), netns: ns, name, mtu: fc.constantFrom(0, 68, 1500, 9001, 70000) }),
  ),
  fc.record({
    op: fc.constant('addAddr' as const),
    netns: ns,
    dev: name,
    family: fc.constant(4 as const),
    local: ip,
    prefixlen: len,
    broadcast: fc.option(fc.constant('+'), { nil: undefined }),
  }),
  fc.record({
    op: fc.constant('delAddr' as const),
    netns: ns,
    dev: name,
    family: fc.constant(4 as const),
    local: ip,
    prefixlen: fc.option(len, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('flushAddr' as const), netns: ns, dev: name }),
  fc.record({
    op: fc.constant('addRoute' as const),
    netns: ns,
    dst: fc.constantFrom('default', '10.9.0.0/16', '192.168.0.0/24'),
    gateway: fc.option(ip, { nil: undefined }),
    dev: fc.option(name, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('delRoute' as const), netns: ns, dst: fc.constantFrom('default', '10.9.0.0/16') }),
  fc.record({
    op: fc.constant('setSysctl' as const),
    netns: ns,
    key: fc.constant('disable_ipv6' as const),
    value: fc.boolean(),
  }),
);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('kernel invariants under random operations', () => {
  it('hold after every operation, and no operation throws or mutates its input', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 2 ** 31 }), (ops, seed) => {
        let k: KernelState = deepFreeze(createKernel(seed));
        for (const o of ops) {
          const before = JSON.stringify(k);
          const r = apply(k, o);
          expect(JSON.stringify(k)).toBe(before);
          if (r.ok) {
            expect(checkInvariants(r.state)).toEqual([]);
            // The state must survive a JSON round trip unchanged (it is stored in links and history).
            expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
            k = deepFreeze(r.state);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('applyAll', () => {
  it('gives exactly the state of applying the operations one by one, and the same failing step', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2 ** 31 }), (ops, seed) => {
        const k0 = createKernel(seed);
        let k = k0;
        let failedAt: number | undefined;
        for (let i = 0; i < ops.length; i++) {
          const r = apply(k, ops[i]);
          if (!r.ok) {
            failedAt = i;
            break;
          }
          k = r.state;
        }
        const all = applyAll(k0, ops);
        if (failedAt === undefined) {
          expect(all.ok).toBe(true);
        } else {
          expect(all.ok ? undefined : all.step).toBe(failedAt);
        }
        expect(all.state).toEqual(k);
      }),
      { numRuns: 400 },
    );
  });
});
