// bench/stats.ts — small helpers shared by the benchmark parts: a monotonic clock, medians, and
// the shape of one measured figure (value, unit, budget, met or not) that run.ts prints.
// No project imports: every part can use it.
import { performance } from 'node:perf_hooks';

/** Milliseconds from a monotonic clock. */
export const now = (): number => performance.now();

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A budget: the figure must stay at or below `max`, or at or above `min`. */
export interface Budget {
  max?: number;
  min?: number;
}

/** One line of the results table. */
export interface Figure {
  /** Section: model, kernel, browser, size. */
  part: string;
  name: string;
  /** Median of `samples` (or the single measurement). */
  value: number | null;
  unit: string;
  budget?: Budget;
  /** Whether the budget is met; absent when the figure has no budget. */
  met?: boolean;
  /** Every run, so a reader can judge the spread. */
  samples?: number[];
  note?: string;
}

/** Builds a figure, deciding `met` from the budget. */
export function figure(
  part: string,
  name: string,
  samples: readonly number[],
  unit: string,
  budget?: Budget,
  note?: string,
): Figure {
  const value = samples.length ? median(samples) : null;
  let met: boolean | undefined;
  if (budget && value !== null) {
    met = (budget.max === undefined || value <= budget.max) && (budget.min === undefined || value >= budget.min);
  }
  return { part, name, value, unit, budget, met, samples: [...samples], note };
}

/** A figure that could not be measured here, with the reason. */
export function skipped(part: string, name: string, unit: string, budget: Budget | undefined, why: string): Figure {
  return { part, name, value: null, unit, budget, note: `skipped: ${why}` };
}

/** Rounds for display and for results.json (figures are noisy past three significant digits). */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 4;
  return Number(x.toFixed(digits));
}
