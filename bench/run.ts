// bench/run.ts — `npm run bench`: every performance figure of netns-lab with its budget, as a
// table on stdout and as bench/results.json (with the machine it ran on). Separate from the
// tests, which never time anything. Options: --only model,kernel,browser,size; --quick (N up to
// 1,000 only); --profile (adds a --cpu-prof summary of the model replay of 1,000 containers);
// --figures navigation,add10,add200,fps50,undo (some browser figures only); --undo-n N (containers
// of the heap and undo part); --dist DIR (an existing build, repeatable: the browser figures of each,
// one after the other in one run, to compare two builds); --out FILE (instead of bench/results.json).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureFirstPaint } from '../scripts/size-check.mjs';
import { benchBrowser, BROWSER_FIGURES, type BrowserFigure, buildSite, chromiumVersion } from './browser';
import { benchKernel } from './kernel';
import { benchModel, MODEL_SIZES } from './model';
import { profileModel, type HotFunction } from './profile';
import { figure, round, type Figure } from './stats';

const RESULTS = fileURLToPath(new URL('results.json', import.meta.url));
const PARTS = ['model', 'kernel', 'browser', 'size'] as const;
type Part = (typeof PARTS)[number];
const USAGE = `usage: npm run bench [-- --only ${PARTS.join(',')}] [--quick] [--profile]
  [--figures ${BROWSER_FIGURES.join(',')}] [--undo-n N] [--dist DIR]... [--out FILE]`;

function parseArgs(argv: string[]) {
  let only: Part[] = [...PARTS];
  let quick = false;
  let profile = false;
  let figures: BrowserFigure[] = [...BROWSER_FIGURES];
  let undoN = 1000;
  const dists: string[] = [];
  let out = RESULTS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? ''));
    if (a === '--quick') quick = true;
    else if (a === '--figures' || a.startsWith('--figures='))
      figures = value()
        .split(',')
        .filter((f): f is BrowserFigure => (BROWSER_FIGURES as readonly string[]).includes(f));
    else if (a === '--undo-n' || a.startsWith('--undo-n=')) undoN = Math.max(1, Number(value()) || 1000);
    else if (a === '--dist' || a.startsWith('--dist=')) dists.push(value());
    else if (a === '--out' || a.startsWith('--out=')) out = value();
    else if (a === '--profile') profile = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(7) : (argv[++i] ?? '');
      only = v.split(',').filter((p): p is Part => (PARTS as readonly string[]).includes(p));
    } else {
      console.error(`bench: unknown option ${a}\n${USAGE}`);
      process.exit(2);
    }
  }
  return { only, quick, profile, figures, undoN, dists, out };
}

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() is enough
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // keep Node's count
  }
  return {
    nproc,
    cpu,
    memoryGB: round(os.totalmem() / 1e9),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion() || 'not found',
  };
}

function fmt(x: number | null): string {
  if (x === null || Number.isNaN(x)) return '—';
  return String(round(x));
}

function budgetText(f: Figure): string {
  if (!f.budget) return '';
  if (f.budget.max !== undefined) return `≤ ${f.budget.max} ${f.unit}`;
  return `≥ ${f.budget.min} ${f.unit}`;
}

/** The table: one row per figure, budget and verdict; notes under their row. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.part,
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    budgetText(f),
    f.met === undefined ? (f.budget ? 'n/a' : '') : f.met ? 'met' : 'NOT MET',
  ]);
  const head = ['part', 'figure (median)', 'value', 'budget', ''];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(width[i]))
      .join('  ')
      .trimEnd();
  const out = [line(head), line(width.map((w) => '-'.repeat(w)))];
  figures.forEach((f, i) => {
    out.push(line(rows[i]));
    if (f.note) out.push(`${' '.repeat(width[0] + 2)}  (${f.note})`);
  });
  return out.join('\n');
}

async function main() {
  const { only, quick, profile, figures: which, undoN, dists, out } = parseArgs(process.argv.slice(2));
  const log = (s: string) => console.error(`  ${s}`);
  const started = new Date();
  const loadavgAtStart = os.loadavg().map(round);
  const figures: Figure[] = [];
  let hot: { n: number; output: string; hot: HotFunction[] } | undefined;

  if (only.includes('model')) {
    console.error('bench: model and shell (N = 5,000 takes a few minutes)');
    const sizes = quick ? MODEL_SIZES.filter((s) => s.n <= 1000) : MODEL_SIZES;
    figures.push(...benchModel(sizes, log).figures);
  }
  if (profile) {
    console.error('bench: profiling the model replay of 1,000 containers (--cpu-prof)');
    hot = profileModel(1000);
  }
  if (only.includes('kernel')) {
    console.error('bench: side by side with the real kernel');
    figures.push(...benchKernel(log));
  }
  if (dists.length && only.includes('browser')) {
    // Existing builds, measured one after the other in this run: each figure is prefixed with its build.
    for (const dist of dists) {
      console.error(`bench: in the browser, ${dist}`);
      for (const f of await benchBrowser(dist, log, which, undoN)) figures.push({ ...f, name: `[${dist}] ${f.name}` });
    }
  } else if (only.includes('browser') || only.includes('size')) {
    console.error('bench: building the site');
    const dist = buildSite();
    try {
      if (only.includes('size')) {
        const s = measureFirstPaint(dist);
        const names = (xs: { file: string }[]) => xs.map((f) => f.file.replace(/^assets\//, '')).join(', ');
        figures.push(
          figure('size', 'first-paint JS, gzip', [s.jsGzip / 1000], 'KB', { max: s.jsBudget / 1000 }, names(s.js)),
          figure('size', 'first-paint CSS, gzip', [s.cssGzip / 1000], 'KB', undefined, names(s.css)),
        );
      }
      if (only.includes('browser')) {
        console.error('bench: in the browser');
        figures.push(...(await benchBrowser(dist, log, which, undoN)));
      }
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }

  const results = {
    started: started.toISOString(),
    seconds: round((Date.now() - started.getTime()) / 1000),
    machine: { ...machine(), loadavgAtStart, loadavgAtEnd: os.loadavg().map(round) },
    figures: figures.map((f) => ({
      ...f,
      value: f.value === null ? null : round(f.value),
      samples: f.samples?.map(round),
    })),
    ...(hot
      ? { profile: { ...hot, hot: hot.hot.map((h) => ({ ...h, selfMs: round(h.selfMs), selfPct: round(h.selfPct) })) } }
      : {}),
  };
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');

  console.log(`\nnetns-lab bench — ${results.machine.cpu}, ${results.machine.nproc} CPUs, Node ${process.version}`);
  console.log(table(figures));
  if (hot) {
    console.log(`\nmodel profile (${hot.output}); top self time:`);
    for (const h of hot.hot) console.log(`  ${h.selfPct.toFixed(1).padStart(5)}%  ${h.name}  ${h.where}`);
  }
  const missed = figures.filter((f) => f.met === false).length;
  console.log(
    `\nbudgets: ${figures.filter((f) => f.met).length} met, ${missed} not met; written to ${out === RESULTS ? 'bench/results.json' : out}`,
  );
}

await main();
