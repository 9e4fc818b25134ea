// Store tests for the shell's tools arriving late (the browser loads them after its first
// paint): lines asked for before wait in order and then run, a restored lab gives the same world
// as when the tools are there from the start, saving meanwhile keeps the lab, a failed load says
// so and is tried again. The gate is a fake whose load the test settles by hand.
import { describe, expect, it } from 'vitest';
import { createAppStore, selectInspector, type ToolsGate } from '../../src/store';
import { labOf } from '../../src/store/persist';
import { TOUR } from '../../src/scenario/tour';

const BRIDGE = 'docker run --network=bridge -d --name web hwchiu/netutils';
const NONE = 'docker run --network=none -d --name lonely hwchiu/netutils';

/**
 * A gate that is not loaded until the test resolves (or rejects) a load the store asked for, or
 * calls `arrive` (the tools loaded by someone else, as the page entry does after its first paint).
 */
function lateGate() {
  let ready = false;
  const waiting: Array<() => void> = [];
  const arrive = () => {
    ready = true;
    for (const f of waiting.splice(0)) f();
  };
  const calls: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const gate: ToolsGate = {
    loaded: () => ready,
    ready: () => new Promise<void>((resolve) => (ready ? resolve() : waiting.push(resolve))),
    load: () =>
      new Promise<void>((resolve, reject) => {
        calls.push({
          resolve: () => {
            arrive();
            resolve();
          },
          reject,
        });
      }),
  };
  return { gate, calls, arrive };
}

/** Lets the promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

const text = (s: ReturnType<typeof createAppStore>) =>
  s
    .getState()
    .transcript.flatMap((t) => t.output.map((c) => c.text))
    .join('');

describe('tools loaded after the first paint', () => {
  it('replays restored lines once the tools are there, to the same world as a synchronous start', async () => {
    const { gate, calls } = lateGate();
    const late = createAppStore({ lines: [BRIDGE, NONE], tools: gate, seed: 7 });
    expect(late.getState().toolsReady).toBe(false);
    expect(late.getState().index).toBe(0);
    expect(late.getState().world).toBe(late.getState().initial);
    expect(late.getState().pending.map((p) => p.line)).toEqual([BRIDGE, NONE]);
    // Saving while they wait keeps them in the lab.
    expect(labOf(late.getState()).lines).toEqual([BRIDGE, NONE]);
    expect(calls).toHaveLength(1);

    calls[0].resolve();
    await settle();
    const now = createAppStore({ lines: [BRIDGE, NONE], seed: 7 });
    const a = late.getState();
    const b = now.getState();
    expect(a.toolsReady).toBe(true);
    expect(a.pending).toEqual([]);
    expect(a.entries.map((e) => e.line)).toEqual([BRIDGE, NONE]);
    expect(a.world.kernel).toEqual(b.world.kernel);
    expect(a.world.docker).toEqual(b.world.docker);
    expect(a.world.clock).toBe(b.world.clock);
    expect(labOf(a)).toEqual(labOf(b));
    // The terminal shows restored lines as if typed.
    expect(a.transcript.every((t) => t.echo)).toBe(true);
  });

  it('queues lines asked for meanwhile, in order, and never says "command not found"', async () => {
    const { gate, calls } = lateGate();
    const s = createAppStore({ tools: gate });
    expect(calls).toHaveLength(0);
    s.getState().tourGo(2);
    s.getState().run(BRIDGE, { echo: true });
    s.getState().tourGo(3);
    s.getState().run('ip -br link show docker0');
    expect(s.getState().transcript).toHaveLength(0);
    expect(calls).toHaveLength(1);

    calls[0].resolve();
    await settle();
    expect(s.getState().entries.map((e) => e.line)).toEqual([BRIDGE]);
    // The entry records the tour step open when the line was asked for.
    expect(s.getState().entries[0].tourStep).toBe(Math.min(2, TOUR.length - 1));
    expect(text(s)).not.toContain('command not found');
    expect(text(s)).toMatch(/^docker0\s+UP\s/m);
  });

  it('reports a failed load and tries again with the next line', async () => {
    const { gate, calls } = lateGate();
    const s = createAppStore({ tools: gate });
    s.getState().run(BRIDGE);
    calls[0].reject(new Error('offline'));
    await settle();
    expect(s.getState().notice).toMatch(/could not be loaded/);
    expect(s.getState().toolsReady).toBe(false);

    s.getState().run(NONE);
    expect(calls).toHaveLength(2);
    calls[1].resolve();
    await settle();
    expect(s.getState().entries.map((e) => e.line)).toEqual([BRIDGE, NONE]);
  });

  it('shows no inspector until the tools can print it', async () => {
    const { gate, calls } = lateGate();
    const s = createAppStore({ tools: gate });
    s.getState().select('netns:0');
    expect(selectInspector(s.getState())).toBeNull();
    s.getState().run('true');
    calls[0].resolve();
    await settle();
    expect(selectInspector(s.getState())?.sections[0].line).toBe('ip addr');
  });

  it('learns that the tools arrived with no line waiting, without asking for them itself', async () => {
    const { gate, calls, arrive } = lateGate();
    const s = createAppStore({ tools: gate });
    await settle();
    expect(s.getState().toolsReady).toBe(false);
    arrive();
    await settle();
    expect(calls).toHaveLength(0);
    expect(s.getState().toolsReady).toBe(true);
  });

  it('drops waiting lines on reset', async () => {
    const { gate, calls } = lateGate();
    const s = createAppStore({ tools: gate, lines: [BRIDGE] });
    s.getState().reset();
    expect(s.getState().pending).toEqual([]);
    calls[0].resolve();
    await settle();
    expect(s.getState().entries).toEqual([]);
    expect(s.getState().toolsReady).toBe(true);
  });
});
