// The guided tour as data: every step's lines end with the status the tour expects when run in
// order on a fresh host, each question's answer is computed from the model's result (and would
// change with a different result), and each step's highlights resolve to elements of the world.
import { describe, expect, it } from 'vitest';
import { createAppStore, selectScenes } from '../../src/store';
import { linkNamesIn, TOUR, tourHighlightKeys, type LineResult } from '../../src/scenario/tour';

/** Runs the tour in order; returns the result of each question's line, by question id. */
function runTour(profile: 'classic' | 'current' = 'classic') {
  const store = createAppStore({ profile });
  const results: Record<string, LineResult> = {};
  const statuses: { line: string; status: number; expected: number }[] = [];
  const highlights: Record<string, string[]> = {};
  for (const step of TOUR) {
    step.lines.forEach((l, i) => {
      store.getState().run(l.line);
      const s = store.getState();
      const last = s.transcript[s.transcript.length - 1];
      statuses.push({ line: l.line, status: s.lastStatus, expected: l.status ?? 0 });
      if (step.question?.line === i) {
        results[step.question.id] = {
          world: s.world,
          output: last.output.map((c) => c.text).join(''),
          status: s.lastStatus,
        };
      }
    });
    highlights[step.id] = tourHighlightKeys(store.getState().world, step.highlight);
  }
  return { store, results, statuses, highlights };
}

describe('the guided tour', () => {
  it('starts with an introduction, goes through the four modes to the Kubernetes pod step, then pods and CNI', () => {
    expect(TOUR.map((s) => s.id)).toEqual(['intro', 'none', 'host', 'bridge', 'bridge2', 'container', 'pods', 'cni']);
  });

  for (const profile of ['classic', 'current'] as const) {
    it(`runs every line with the status the tour expects (${profile} profile)`, () => {
      const { statuses } = runTour(profile);
      expect(statuses.filter((s) => s.status !== s.expected)).toEqual([]);
    });
  }

  it('answers each question from the model as a real host would', () => {
    const { results } = runTour();
    const answer = (id: string) => TOUR.find((s) => s.question?.id === id)!.question!.check(results[id]);
    // iputils ping in a namespace holding only lo: "connect: Network is unreachable", status 2
    // (checked on a real kernel in a scratch namespace).
    expect(answer('none-reach')).toBe('no');
    // The article's host-mode listing shows the host's lo, its NIC and docker0.
    expect(answer('host-links')).toBe('host');
    // docker0 holds 172.17.0.1, the first container .2 (reference capture dsim-c2: the second is .3).
    expect(answer('bridge2-addr')).toBe('172.17.0.3');
    // One namespace, one loopback: nginx's port 80 is co_container's localhost:80.
    expect(answer('co-curl')).toBe('yes');
  });

  it('derives answers from the result, so a different result gives a different answer', () => {
    const { results } = runTour();
    const q = (id: string) => TOUR.find((s) => s.question?.id === id)!.question!;
    expect(q('none-reach').check({ ...results['none-reach'], status: 0 })).toBe('yes');
    const lo = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN\n';
    expect(q('host-links').check({ ...results['host-links'], output: lo })).toBe('lo');
    expect(q('co-curl').check({ ...results['co-curl'], status: 7, output: '' })).toBe('no');
    // Without the second container there is no address to check.
    expect(
      q('bridge2-addr').check({ ...results['bridge2-addr'], world: createAppStore().getState().world }),
    ).toBeNull();
  });

  it('offers the right answer among the choices of every question', () => {
    const { results } = runTour();
    for (const step of TOUR) {
      if (step.question) expect(step.question.choices).toContain(step.question.check(results[step.question.id]));
    }
  });

  it('highlights elements that both panes draw', () => {
    const { store, highlights } = runTour();
    const { kernel, user } = selectScenes(store.getState());
    const keysOf = (sc: typeof kernel) => new Set([...sc.boxes.map((b) => b.key), ...sc.wires.map((w) => w.key)]);
    const k = keysOf(kernel);
    const u = keysOf(user);
    for (const step of TOUR) {
      expect(highlights[step.id].length, step.id).toBeGreaterThan(0);
      // Every highlighted key is drawn in at least one pane (a host-mode container has no netns of its own).
      for (const key of highlights[step.id]) expect(k.has(key) || u.has(key), `${step.id}: ${key}`).toBe(true);
    }
  });

  it('reads interface names out of ip link output', () => {
    // iproute2 `ip link` format, as in the reference captures.
    expect(linkNamesIn('1: lo: <LOOPBACK>\n    link/loopback\n4: eth0@if5: <BROADCAST>\n')).toEqual(['lo', 'eth0']);
  });
});
