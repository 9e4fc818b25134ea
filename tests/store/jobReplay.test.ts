// Background jobs in the store: the job table is part of the world, so undo and redo step it
// back and forth with the lines, and a saved lab (its lines) replays to the same table. The
// tcpdump and bash texts are checked against the real tools in tests/shell/jobs.test.ts.
import { describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store';
import { labOf, optionsOf } from '../../src/store/persist';

const RUN = 'docker run -d --name c1 hwchiu/netutils';

function text(s: AppStore, from = 0): string {
  return s
    .getState()
    .transcript.slice(from)
    .flatMap((t) => t.output.map((c) => c.text))
    .join('');
}

describe('jobs in the store', () => {
  it('undo, redo and a replayed lab give the job table back', () => {
    const s = createAppStore({ lines: [RUN] });
    s.getState().run('tcpdump -i docker0 -n -c 3 &');
    const started = s.getState().world.jobs;
    expect(started).toMatchObject([{ n: 1, text: 'tcpdump -i docker0 -n -c 3', capture: { captured: 0 } }]);
    const mark = s.getState().transcript.length;
    s.getState().run('ping -c 2 172.17.0.2');
    expect(text(s, mark)).toMatch(/ICMP echo request, id \d+, seq 1, length 64\n/);
    expect(text(s, mark)).toMatch(/3 packets captured\n/);
    expect(text(s, mark)).toMatch(/\[1\]\+ {2}Done {20}tcpdump -i docker0 -n -c 3\n$/);
    expect(s.getState().world.jobs).toEqual([]);

    s.getState().undo();
    expect(s.getState().world.jobs).toBe(started);
    s.getState().undo();
    expect(s.getState().world.jobs ?? []).toEqual([]);
    s.getState().redo();
    expect(s.getState().world.jobs).toEqual(started);
    s.getState().redo();
    expect(s.getState().world.jobs).toEqual([]);

    // A lab saved while the capture runs replays to the same running job.
    s.getState().undo();
    const lab = labOf(s.getState());
    expect(lab.lines).toEqual([RUN, 'tcpdump -i docker0 -n -c 3 &']);
    const again = createAppStore(optionsOf(lab));
    expect(again.getState().world.jobs).toEqual(s.getState().world.jobs);
  });

  it('fg in the live terminal waits for Ctrl+C, and its recorded line replays', () => {
    const s = createAppStore({ lines: [RUN, 'tcpdump -i docker0 -n &'] });
    s.getState().run('fg', { live: true });
    expect(s.getState().job).not.toBeNull();
    s.getState().jobAdvance(3000);
    s.getState().jobInterrupt();
    expect(s.getState().job).toBeNull();
    expect(s.getState().world.jobs).toEqual([]);
    const lab = labOf(s.getState());
    expect(lab.lines.at(-1)).toMatch(/^fg # \^C after 3000 ms$/);
    expect(createAppStore(optionsOf(lab)).getState().world.jobs).toEqual([]);
  });
});
