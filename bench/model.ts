// bench/model.ts — the model-and-shell benchmark: replays N `docker run --network=bridge` lines,
// each followed by `docker exec cN ip addr`, through runHostLine (what the terminal and the CLI
// do per line), for several N. Reports the total, the time per line and how the cost of one line
// grows with the containers already there. Run directly, it replays once (for `--cpu-prof`).
import { createWorld } from '../src/docker/world';
import { runHostLine, type HostSession } from '../src/shell/hostSession';
import '../src/shell/tools/index';
import { figure, median, now, type Figure } from './stats';

/** Container counts measured, and how many runs of each (the median is reported). */
export const MODEL_SIZES: ReadonlyArray<{ n: number; runs: number }> = [
  { n: 10, runs: 7 },
  { n: 100, runs: 7 },
  { n: 1000, runs: 3 },
  { n: 5000, runs: 1 },
];

/** One replay stops here even if N is not reached: beyond it the machine is just waiting. */
export const REPLAY_DEADLINE_MS = 180_000;

/** Every CHECKPOINT containers the replay notes the time of the last block (the marginal cost). */
const CHECKPOINT = 250;

export interface Replay {
  /** Containers actually created (less than asked when the deadline stopped the replay). */
  n: number;
  totalMs: number;
  /** Lines run: two per container. */
  lines: number;
  /** [containers so far, ms per line over the last block of CHECKPOINT containers]. */
  marginal: Array<[number, number]>;
}

function freshSession(): HostSession {
  return { world: createWorld({ seed: 1, profile: 'classic' }), history: [] };
}

/** Replays N containers once; checks that each line succeeded, so a broken build cannot look fast. */
export function replay(n: number, deadlineMs = REPLAY_DEADLINE_MS): Replay {
  let s = freshSession();
  const marginal: Array<[number, number]> = [];
  const t0 = now();
  let block = t0;
  let i = 1;
  for (; i <= n; i++) {
    const run = runHostLine(s, `docker run --network=bridge -d --name c${i} hwchiu/netutils`);
    const exec = runHostLine(run.session, `docker exec c${i} ip addr`);
    if (run.entry.status !== 0 || exec.entry.status !== 0) {
      throw new Error(`container ${i}: ${[...run.entry.output, ...exec.entry.output].map((o) => o.text).join('')}`);
    }
    s = exec.session;
    if (i % CHECKPOINT === 0) {
      const t = now();
      marginal.push([i, (t - block) / (2 * CHECKPOINT)]);
      block = t;
      if (t - t0 > deadlineMs && i < n) break;
    }
  }
  const reached = Math.min(i, n);
  const totalMs = now() - t0;
  return { n: reached, totalMs, lines: 2 * reached, marginal };
}

export interface ModelResult {
  figures: Figure[];
  replays: Record<number, Replay[]>;
}

/** Runs every size; `log` reports progress, since N = 5,000 takes a while. */
export function benchModel(sizes = MODEL_SIZES, log: (s: string) => void = () => {}): ModelResult {
  // Warm the JIT so N = 10 is not measuring compilation.
  replay(100);
  const replays: Record<number, Replay[]> = {};
  const figures: Figure[] = [];
  const perLine: Record<number, number> = {};
  for (const { n, runs } of sizes) {
    const rs: Replay[] = [];
    for (let r = 0; r < runs; r++) {
      const one = replay(n);
      rs.push(one);
      log(`model: N=${n} run ${r + 1}/${runs}: ${one.totalMs.toFixed(1)} ms for ${one.n} containers`);
      if (one.n < n) break;
    }
    replays[n] = rs;
    const complete = rs.filter((x) => x.n === n);
    const budget = n === 1000 ? { max: 250 } : undefined;
    if (complete.length > 0) {
      figures.push(
        figure(
          'model',
          `N=${n}: total (run + exec per container)`,
          complete.map((x) => x.totalMs),
          'ms',
          budget,
        ),
      );
      const pl = complete.map((x) => x.totalMs / x.lines);
      perLine[n] = median(pl);
      figures.push(figure('model', `N=${n}: time per line`, pl, 'ms'));
    } else {
      const last = rs[rs.length - 1];
      figures.push(
        figure(
          'model',
          `N=${n}: total`,
          [],
          'ms',
          budget,
          `stopped after ${last.n} containers in ${Math.round(last.totalMs)} ms (deadline)`,
        ),
      );
      perLine[n] = last.marginal.length ? last.marginal[last.marginal.length - 1][1] : Number.NaN;
    }
    const lastRun = rs[rs.length - 1];
    if (lastRun.marginal.length > 0) {
      figures.push(
        figure(
          'model',
          `N=${n}: ms per line, last ${CHECKPOINT} containers`,
          [lastRun.marginal[lastRun.marginal.length - 1][1]],
          'ms',
          undefined,
          `per line at ${lastRun.marginal.map(([k, ms]) => `${k}: ${ms.toFixed(2)}`).join(', ')}`,
        ),
      );
    }
  }
  const big = Math.max(...sizes.map((x) => x.n));
  if (perLine[100] && perLine[big]) {
    const complete = (replays[big] ?? []).some((x) => x.n === big);
    figures.push(
      figure(
        'model',
        `per-line ratio N=${big} / N=100`,
        [perLine[big] / perLine[100]],
        'x',
        { max: 2 },
        complete ? undefined : `N=${big} not reached: marginal per-line cost at the deadline / N=100`,
      ),
    );
  }
  return { figures, replays };
}

// `node --import tsx --cpu-prof bench/model.ts N`: one replay of N containers, for profiling.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  const n = Number(process.argv[2] ?? 1000);
  const r = replay(n);
  console.log(`replayed ${r.n} containers (${r.lines} lines) in ${r.totalMs.toFixed(1)} ms`);
}
