// tests/fuzz/longSession.test.ts — a class-long session through the app store: 5,000 command
// lines (containers come and go, namespaces, veths, bridges, addresses, traffic, mistakes), then
// undo to the beginning. The world must be exactly the initial one, redo must give back the last,
// and the store's structures must stay bounded: no copies of worlds, a capped transcript.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../src/docker/world';
import { checkInvariants } from '../../src/kernel';
import { createAppStore } from '../../src/store';

const LINES = 5_000;

/** A realistic mix: each cycle builds things up and tears them down again, with mistakes between. */
function sessionLines(n: number): string[] {
  const out: string[] = [];
  const rng = fc.sample(fc.nat(1_000_000), { numRuns: n, seed: 42 });
  for (let i = 0; out.length < n; i++) {
    const r = rng[i % rng.length]!;
    const k = i % 40;
    const c = `c${k % 7}`;
    const ns = `ns${k % 5}`;
    const cycle: string[] = [
      `docker run -d --name ${c} ${['hwchiu/netutils', 'busybox', 'nginx'][r % 3]}`,
      `docker run -d --name ${c}j --network=container:${c} busybox`,
      `docker exec ${c} ip a`,
      `ping -c 1 172.17.0.${2 + (r % 6)}`,
      `ip netns add ${ns}`,
      `ip link add v${k}a type veth peer name v${k}b`,
      `ip link set v${k}b netns ${ns}`,
      `ip addr add 10.${k}.0.1/24 dev v${k}a`,
      `ip link set v${k}a up`,
      `ip -n ${ns} addr add 10.${k}.0.2/24 dev v${k}b`,
      `ip -n ${ns} link set v${k}b up`,
      `ip netns exec ${ns} ping -c 1 10.${k}.0.1`,
      `brctl addbr br${k}`,
      `ip link set br${k} up`,
      'docker ps -a | wc -l',
      `ip link del nosuch${r}`,
      `docker stop ${c}`,
      `docker rm -f ${c}j ${c}`,
      `ip netns del ${ns}`,
      `ip link del br${k}`,
      `ip route get 8.8.8.8`,
      `echo ${r} | grep -c ${r % 10}`,
    ];
    out.push(...cycle);
  }
  return out.slice(0, n);
}

/** Every distinct object reachable from a value (to count what memory a set of worlds holds). */
function countObjects(roots: unknown[], seen = new Set<object>()): number {
  const stack = [...roots];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    for (const x of Object.values(v)) stack.push(x);
  }
  return seen.size;
}

describe('a long session', () => {
  it(
    `runs ${LINES} command lines, then undoes them all back to exactly the initial world`,
    { timeout: 5 * 60_000 },
    () => {
      const store = createAppStore({ seed: 3 });
      const initial = store.getState().world;
      const initialJson = JSON.stringify(initial);
      const lines = sessionLines(LINES);
      let changing = 0;
      for (const line of lines) {
        const before = store.getState().entries.length;
        store.getState().run(line);
        if (store.getState().entries.length > before) changing++;
      }
      const s = store.getState();
      expect(s.lines).toHaveLength(LINES);
      // Each changing line adds one history entry and nothing else does.
      expect(s.entries).toHaveLength(changing);
      expect(s.index).toBe(changing);
      expect(changing).toBeGreaterThan(LINES / 3);
      expect(checkInvariants(s.world.kernel)).toEqual([]);
      const last: World = s.world;

      // Bounded: the transcript is capped, and entries share what did not change between
      // neighbouring worlds instead of copying it (so the whole history holds far fewer objects
      // than the same number of independent worlds would).
      expect(s.transcript.length).toBeLessThanOrEqual(400);
      const worlds = s.entries.map((e) => e.world);
      const shared = countObjects(worlds);
      const perWorld = countObjects([last]);
      expect(shared).toBeLessThan(worlds.length * perWorld * 0.5);
      for (const e of s.entries) expect(e.ops).toBe(e.world.lastOps);
      expect(Math.max(...s.entries.map((e) => e.ops.length))).toBeLessThan(100);

      for (let i = 0; i < changing; i++) store.getState().undo();
      const back = store.getState();
      expect(back.index).toBe(0);
      expect(back.world).toBe(back.initial);
      expect(JSON.stringify(back.world)).toBe(initialJson);
      // And the same world a fresh host with that seed boots into.
      expect(back.world).toEqual(createWorld({ seed: 3 }));
      store.getState().undo();
      expect(store.getState().index).toBe(0);

      for (let i = 0; i < changing; i++) store.getState().redo();
      expect(store.getState().world).toBe(last);
      // A line after undoing drops the redo tail instead of keeping it alive.
      for (let i = 0; i < 10; i++) store.getState().undo();
      store.getState().run('ip netns add tail');
      expect(store.getState().entries).toHaveLength(changing - 9);
    },
  );
});
