// bench/profile.ts — where the model's time goes: replays N containers under Node's --cpu-prof
// (bench/model.ts run directly) and summarises the profile by self time per function, with the
// source file and line, so docs/performance.md can name the hot spots. Used by `npm run bench -- --profile`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  selfPct: number;
}

/** Self time per function (same name and place merged), largest first. */
export function summarise(profile: CpuProfile, top = 15): HotFunction[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const merged = new Map<string, HotFunction>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const file = f.url.startsWith('file://') ? relative(ROOT, fileURLToPath(f.url)) : f.url || '(native)';
    const name = f.functionName || '(anonymous)';
    // tsx transpiles each module onto few lines, so a line number would mislead; the file is enough.
    const where = f.lineNumber > 0 && !f.url.endsWith('.ts') ? `${file}:${f.lineNumber + 1}` : file;
    const key = `${name} ${where}`;
    const h = merged.get(key) ?? { name, where, selfMs: 0, selfPct: 0 };
    h.selfMs += ms;
    merged.set(key, h);
  }
  const list = [...merged.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  for (const h of list) h.selfPct = (100 * h.selfMs) / total;
  return list;
}

/** Runs the replay of n containers under --cpu-prof and returns the summary. */
export function profileModel(n: number): { n: number; output: string; hot: HotFunction[] } {
  const dir = mkdtempSync(join(tmpdir(), 'netns-lab-prof-'));
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', dir, join(ROOT, 'bench', 'model.ts'), String(n)],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`profiling run failed: ${r.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    return { n, output: r.stdout.trim(), hot: summarise(profile) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
