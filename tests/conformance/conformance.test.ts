// The conformance suite: each script in scripts/ runs on real network namespaces and on the
// simulator, and the two results must agree field by field (one `it` per script).
// Needs root and iproute2; skipped loudly elsewhere, but never skipped when CI is set.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, formatMismatches, type Comparison } from './compare';
import { realUnavailableReason, runAllReal, sweepLeftovers } from './real';
import { loadScripts, type RunRecord } from './script';
import { loadSimulator, runSim, type Simulator } from './sim';

const scripts = loadScripts();
const unavailable = await realUnavailableReason();
const inCI = Boolean(process.env.CI);
const skip = unavailable !== undefined && !inCI;

if (skip) {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! CONFORMANCE SUITE SKIPPED: ${unavailable}.\n` +
      `!! The simulator is NOT being checked against the real kernel. Run it as root on Linux\n` +
      `!! with iproute2, bridge-utils and net-tools installed; with CI set it fails instead.\n${bar}\n`,
  );
}

const REPORT = fileURLToPath(new URL('../../test-results/conformance-report.json', import.meta.url));

function version(argv: string[]): string {
  try {
    return (
      execFileSync(argv[0] ?? 'false', argv.slice(1), { encoding: 'utf8' })
        .trim()
        .split('\n')[0] ?? ''
    );
  } catch {
    return 'unknown';
  }
}

describe.skipIf(skip)('conformance: real kernel vs simulator', () => {
  let real = new Map<string, RunRecord | Error>();
  let sim: Simulator | Error = new Error('simulator not loaded');
  const results: Comparison[] = [];
  const failures: Array<{ script: string; error: string }> = [];

  beforeAll(async () => {
    if (unavailable !== undefined) {
      throw new Error(`conformance suite cannot run although CI is set: ${unavailable}`);
    }
    await sweepLeftovers(false);
    sim = await loadSimulator().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    // One script at a time: every script adds and deletes named namespaces in /run/netns, and
    // iproute2 prints an error when it meets one that is half made or half gone.
    real = await runAllReal(scripts, 1);
  });

  afterAll(async () => {
    if (unavailable !== undefined) return;
    await sweepLeftovers(true);
    const mismatches = results.flatMap((r) => r.mismatches);
    const report = {
      generatedAt: new Date().toISOString(),
      kernel: version(['uname', '-r']),
      iproute2: version(['ip', '-V']),
      simulator: sim instanceof Error ? sim.message : 'loaded',
      scripts: scripts.length,
      scriptsCompared: results.length,
      scriptsMatching: results.filter((r) => r.mismatches.length === 0).length,
      linesRun: results.reduce((n, r) => n + r.linesRun, 0),
      fieldsCompared: results.reduce((n, r) => n + r.fieldsCompared, 0),
      mismatchCount: mismatches.length,
      failures,
      perScript: results.map((r) => ({
        script: r.script,
        about: scripts.find((s) => s.name === r.script)?.about ?? '',
        linesRun: r.linesRun,
        fieldsCompared: r.fieldsCompared,
        mismatches: r.mismatches,
      })),
    };
    mkdirSync(fileURLToPath(new URL('../../test-results/', import.meta.url)), { recursive: true });
    writeFileSync(REPORT, JSON.stringify(report, null, 2) + '\n');
    console.log(
      `Conformance: ${report.scripts} scripts, ${report.scriptsCompared} compared, ` +
        `${report.scriptsMatching} matching the real kernel (${report.kernel}, ${report.iproute2}); ` +
        `${report.linesRun} lines run, ${report.fieldsCompared} fields compared, ` +
        `${report.mismatchCount} mismatches` +
        (failures.length
          ? `, ${failures.length} scripts could not be compared (${failures.map((f) => f.script).join(', ')})`
          : '') +
        `. Simulator: ${report.simulator}. Full report: test-results/conformance-report.json.`,
    );
  });

  for (const script of scripts) {
    it(`${script.name}: ${script.about}`, () => {
      const r = real.get(script.name);
      if (!r || r instanceof Error) {
        const error = `real side failed: ${r?.message ?? 'no result'}`;
        failures.push({ script: script.name, error });
        throw new Error(error);
      }
      if (sim instanceof Error) {
        failures.push({ script: script.name, error: sim.message });
        throw sim;
      }
      const cmp = compareRuns(script, r, runSim(sim, script));
      results.push(cmp);
      expect(cmp.mismatches.length, formatMismatches(cmp)).toBe(0);
    });
  }
});
