#!/usr/bin/env node
// scripts/test.mjs — `npm test`: every suite (Vitest's unit, component and conformance projects,
// then the built site under Playwright), ending with one summary line
// `tests: N passed, M failed[, K skipped]`. Exits non-zero if anything failed or could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const VITEST_JSON = 'test-results/vitest.json';
const PLAYWRIGHT_JSON = 'test-results/playwright.json';

/** @typedef {{ passed: number, failed: number, skipped: number, problems: string[] }} Tally */

/** @returns {Tally} */
function emptyTally() {
  return { passed: 0, failed: 0, skipped: 0, problems: [] };
}

/**
 * Runs an npx tool with inherited output; returns its exit status (null when it was killed).
 * @param {string[]} args
 */
function npx(args) {
  console.log(`\n> npx ${args.join(' ')}\n`);
  return spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit' }).status;
}

/**
 * Parsed JSON, or undefined when the file is missing or unreadable.
 * @param {string} path
 * @returns {any}
 */
function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Vitest: counts assertions; a test file that failed before running any test counts as one failure. */
function runVitest() {
  const tally = emptyTally();
  rmSync(VITEST_JSON, { force: true });
  mkdirSync('test-results', { recursive: true });
  const status = npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]);
  const report = readJson(VITEST_JSON);
  if (!report) {
    tally.failed += 1;
    tally.problems.push(`vitest produced no report (exit status ${status})`);
    return tally;
  }
  tally.passed += report.numPassedTests ?? 0;
  tally.failed += report.numFailedTests ?? 0;
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      tally.failed += 1;
      tally.problems.push(
        `vitest: ${file.name} could not run${file.message ? `: ${file.message.split('\n')[0]}` : ''}`,
      );
    }
  }
  if (status !== 0 && tally.failed === 0) {
    tally.failed += 1;
    tally.problems.push(`vitest exited with status ${status} although no test failed`);
  }
  return tally;
}

/** Builds the site, makes sure Chromium exists, then runs Playwright. */
function runPlaywright() {
  const tally = emptyTally();
  // The whole of `npm run build`: the browser tests open the library bundle and the single file too.
  const built =
    npx(['vite', 'build']) === 0 &&
    npx(['vite', 'build', '--config', 'vite.lib.config.ts']) === 0 &&
    spawnSync('node', ['scripts/build-single.mjs', 'dist'], { stdio: 'inherit' }).status === 0;
  if (!built) {
    tally.failed += 1;
    tally.problems.push('the site did not build, so the browser tests could not run');
    return tally;
  }
  const chromium = ensureChromium();
  if (!chromium.ok) {
    console.error(chromium.message);
    tally.failed += 1;
    tally.problems.push('Chromium is missing, so the browser tests could not run');
    return tally;
  }
  rmSync(PLAYWRIGHT_JSON, { force: true });
  const status = npx(['playwright', 'test']);
  const report = readJson(PLAYWRIGHT_JSON);
  if (!report?.stats) {
    tally.failed += 1;
    tally.problems.push(`playwright produced no report (exit status ${status})`);
    return tally;
  }
  // A flaky test passed on retry; an unexpected one failed.
  tally.passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
  tally.failed += report.stats.unexpected ?? 0;
  tally.skipped += report.stats.skipped ?? 0;
  for (const error of report.errors ?? []) {
    tally.failed += 1;
    tally.problems.push(`playwright: ${String(error.message ?? error).split('\n')[0]}`);
  }
  if (status !== 0 && tally.failed === 0) {
    tally.failed += 1;
    tally.problems.push(`playwright exited with status ${status} although no test failed`);
  }
  return tally;
}

const tallies = [runVitest(), runPlaywright()];
const total = tallies.reduce(
  (sum, t) => ({
    passed: sum.passed + t.passed,
    failed: sum.failed + t.failed,
    skipped: sum.skipped + t.skipped,
    problems: [...sum.problems, ...t.problems],
  }),
  emptyTally(),
);

console.log('');
for (const problem of total.problems) console.error(`test.mjs: ${problem}`);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`tests: ${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed > 0 ? 1 : 0);
