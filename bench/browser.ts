// bench/browser.ts — the browser figures: the built site (a private build in a temporary folder,
// served by `vite preview` on a free port) driven by Playwright with Debian's Chromium and the
// launch flags of playwright.config.ts. Times are taken inside the page (performance.now), so
// Playwright's round trips are not counted. Containers are created by typing lines into the terminal.
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import playwrightConfig from '../playwright.config';
import { figure, skipped, type Figure } from './stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
/** Longer than the renderer's longest transition (a delay of half of 450 ms, then 450 ms). */
const SETTLE_MS = 800;
const VIEWPORT = { width: 1600, height: 900 };

export const BROWSER_BUDGETS = {
  navigation: { max: 500 },
  add10: { max: 16 },
  add200: { max: 50 },
  fps50: { min: 50 },
  heap1000: { max: 60 },
  undo1000: { max: 16 },
};

function launchOptions() {
  const project = playwrightConfig.projects?.find((p) => p.name === 'chromium') ?? playwrightConfig.projects?.[0];
  const opts = project?.use?.launchOptions ?? {};
  return { ...opts, executablePath: opts.executablePath ?? '/usr/bin/chromium', headless: true };
}

/** Builds the site into a fresh temporary folder, so a shared dist/ is neither needed nor disturbed. */
export function buildSite(): string {
  const out = mkdtempSync(join(tmpdir(), 'netns-lab-bench-'));
  const r = spawnSync(process.execPath, [VITE, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`vite build failed (status ${r.status})`);
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function startPreview(dist: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with status ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('vite preview did not answer within 15 s');
}

/**
 * Installed before any page script: notes when both panes first show the host's namespace, and
 * defines the in-page measuring helpers. Plain JavaScript in a string on purpose: functions that
 * Playwright serialises from this TypeScript file would carry the transpiler's helper calls.
 */
const INIT_SCRIPT = `
(() => {
  const bench = { drawnAt: null };
  window.__bench = bench;
  const drawn = () =>
    document.querySelector('[data-pane="kernel"] [data-kind="netns"]') &&
    document.querySelector('[data-pane="user"] [data-kind="host"]');
  const first = new MutationObserver(() => {
    if (bench.drawnAt === null && drawn()) {
      bench.drawnAt = performance.now();
      first.disconnect();
    }
  });
  first.observe(document, { childList: true, subtree: true });

  const live = (pane) =>
    document.querySelectorAll('[data-pane="' + pane + '"] [data-kind="container"]:not([data-leaving])').length;
  bench.live = () => live('kernel');

  // A paste into xterm's textarea: the terminal's own paste path turns it into typed lines.
  bench.paste = (text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const area = document.querySelector('.xterm-helper-textarea');
    if (!area) throw new Error('no terminal input');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  };

  // Clicks a button and times until both panes' live container count moved by delta (the DOM
  // update, before any transition runs), then until the next animation frame.
  bench.clickAndTime = (selector, delta) => {
    const before = [live('kernel'), live('user')];
    const button = document.querySelector(selector);
    if (!button) throw new Error('no button ' + selector);
    return new Promise((resolve) => {
      let done = false;
      let obs = null;
      const t0 = performance.now();
      const check = () => {
        if (done) return;
        if (live('kernel') - before[0] !== delta || live('user') - before[1] !== delta) return;
        done = true;
        const t1 = performance.now();
        if (obs) obs.disconnect();
        requestAnimationFrame(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 }));
      };
      // childList: elements added or removed; data-leaving: elements starting to fade out.
      obs = new MutationObserver(check);
      obs.observe(document.body, { childList: true, subtree: true, attributeFilter: ['data-leaving'] });
      button.click();
      check();
    });
  };

  const frame = () => new Promise((r) => requestAnimationFrame(r));

  // Counts animation frames while a click's transitions run.
  bench.fpsDuring = async (selector, windowMs) => {
    const stamps = [];
    let stop = false;
    await frame();
    const loop = () => {
      stamps.push(performance.now());
      if (!stop) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    await frame();
    document.querySelector(selector).click();
    await new Promise((r) => setTimeout(r, windowMs));
    stop = true;
    let worst = 0;
    for (let i = 1; i < stamps.length; i++) worst = Math.max(worst, stamps[i] - stamps[i - 1]);
    return { fps: ((stamps.length - 1) * 1000) / (stamps[stamps.length - 1] - stamps[0]), worst };
  };

  // Frames per second of the page doing nothing: headless Chromium's own frame clock.
  bench.idleFps = async (windowMs) => {
    const stamps = [];
    const t0 = performance.now();
    while (performance.now() - t0 < windowMs) {
      await frame();
      stamps.push(performance.now());
    }
    return ((stamps.length - 1) * 1000) / (stamps[stamps.length - 1] - stamps[0]);
  };
})();
`;

interface PageBench {
  drawnAt: number | null;
  live(): number;
  paste(text: string): void;
  clickAndTime(selector: string, delta: number): Promise<{ dom: number; frame: number }>;
  fpsDuring(selector: string, windowMs: number): Promise<{ fps: number; worst: number }>;
  idleFps(windowMs: number): Promise<number>;
}
declare global {
  interface Window {
    __bench: PageBench;
  }
}

async function openApp(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  await ctx.addInitScript(INIT_SCRIPT);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`bench: page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.drawnAt !== null);
  await page.locator('.xterm-rows').waitFor();
  return page;
}

/**
 * Pastes `n` `docker run` lines into the terminal in one go (Playwright's insertText does not reach
 * xterm's input handler; a paste event does, as Ctrl+Shift+V would), so each line is its own
 * command and history entry; waits until the kernel pane shows them. Returns the time in the page.
 */
async function addContainers(page: Page, n: number, from = 1): Promise<number> {
  const before = await page.evaluate(() => window.__bench.live());
  const lines = Array.from(
    { length: n },
    (_, i) => `docker run --network=bridge -d --name b${from + i} hwchiu/netutils\n`,
  );
  await page.locator('.xterm').click();
  const t0 = await page.evaluate(() => performance.now());
  await page.evaluate((text) => window.__bench.paste(text), lines.join(''));
  await page.waitForFunction((want) => window.__bench.live() >= want, before + n, { timeout: 600_000, polling: 100 });
  const t1 = await page.evaluate(() => performance.now());
  await page.keyboard.press('Escape');
  await page.waitForTimeout(SETTLE_MS);
  return t1 - t0;
}

function clickAndTime(page: Page, selector: string, delta: 1 | -1): Promise<{ dom: number; frame: number }> {
  return page.evaluate(([s, d]) => window.__bench.clickAndTime(s, d), [selector, delta] as const);
}

function fpsDuring(page: Page, selector: string, windowMs: number): Promise<{ fps: number; worst: number }> {
  return page.evaluate(([s, w]) => window.__bench.fpsDuring(s, w), [selector, windowMs] as const);
}

function idleFps(page: Page, windowMs: number): Promise<number> {
  return page.evaluate((w) => window.__bench.idleFps(w), windowMs);
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

const ADD_BRIDGE = 'button[aria-label="Add bridge container"]';
const UNDO = 'button[title^="Undo"]';
const REDO = 'button[title^="Redo"]';

/** Repeats a click measurement, letting the transitions finish in between. */
async function repeatClicks(page: Page, runs: number, selector: string, delta: 1 | -1, between?: () => Promise<void>) {
  const dom: number[] = [];
  const frame: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await clickAndTime(page, selector, delta);
    dom.push(t.dom);
    frame.push(t.frame);
    await page.waitForTimeout(SETTLE_MS);
    if (between) await between();
  }
  return { dom, frame };
}

/** The browser figures that can be run alone (`--figures` of run.ts). */
export const BROWSER_FIGURES = ['navigation', 'add10', 'add200', 'fps50', 'undo'] as const;
export type BrowserFigure = (typeof BROWSER_FIGURES)[number];

/**
 * The browser figures in `which` (all by default), against the site built in `dist`. `undoN`
 * is the number of containers of the heap and undo part (1,000: the budget's figure).
 */
export async function benchBrowser(
  dist: string,
  log: (s: string) => void = () => {},
  which: readonly BrowserFigure[] = BROWSER_FIGURES,
  undoN = 1000,
): Promise<Figure[]> {
  const part = 'browser';
  const opts = launchOptions();
  if (!existsSync(opts.executablePath)) {
    const why = `${opts.executablePath} not found (sudo apt-get install -y chromium)`;
    return [skipped(part, 'navigation to a drawn diagram', 'ms', BROWSER_BUDGETS.navigation, why)];
  }
  let preview: ChildProcess | undefined;
  let browser: Browser | undefined;
  const figures: Figure[] = [];
  /** Runs one part; a failure (a timeout on a loaded machine) is reported, the other parts still run. */
  const section = async (title: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      figures.push(skipped(part, title, '', undefined, `failed: ${(e as Error).message.split('\n')[0]}`));
    }
  };
  try {
    const p = await startPreview(dist);
    preview = p.child;
    browser = await chromium.launch(opts);
    log(`browser: ${browser.version()}`);

    // 1. Navigation: a fresh context each time (cold cache), from navigation start to both panes drawn.
    if (which.includes('navigation'))
      await section('navigation', async () => {
        const nav: number[] = [];
        for (let i = 0; i < 5; i++) {
          const page = await openApp(browser!, p.url);
          nav.push(await page.evaluate(() => window.__bench.drawnAt ?? Number.NaN));
          await page.context().close();
        }
        figures.push(figure(part, 'navigation to a drawn diagram (cold cache)', nav, 'ms', BROWSER_BUDGETS.navigation));
        log('browser: navigation done');
      });

    // 2. "Add bridge container" with 10, then with 200 containers present.
    for (const [n, budget, id] of [
      [10, BROWSER_BUDGETS.add10, 'add10'],
      [200, BROWSER_BUDGETS.add200, 'add200'],
    ] as const) {
      if (!which.includes(id)) continue;
      await section(`add with ${n} present`, async () => {
        const page = await openApp(browser!, p.url);
        const setup = await addContainers(page, n);
        log(`browser: ${n} containers typed in ${setup.toFixed(0)} ms`);
        const t = await repeatClicks(page, 7, ADD_BRIDGE, 1);
        figures.push(figure(part, `click "Add bridge container" -> DOM updated, ${n} present`, t.dom, 'ms', budget));
        figures.push(figure(part, `  ... -> next animation frame, ${n} present`, t.frame, 'ms'));
        await page.context().close();
      });
    }

    // 3. Frames per second during the add transition with 50 containers present.
    if (which.includes('fps50'))
      await section('frame rate with 50 present', async () => {
        const page = await openApp(browser!, p.url);
        await addContainers(page, 50);
        const idle = await idleFps(page, 1000);
        const fps: number[] = [];
        const worst: number[] = [];
        for (let i = 0; i < 5; i++) {
          const r = await fpsDuring(page, ADD_BRIDGE, SETTLE_MS);
          fps.push(r.fps);
          worst.push(r.worst);
          await page.waitForTimeout(SETTLE_MS);
        }
        figures.push(
          figure(part, 'frames per second during the add transition, 50 present', fps, 'fps', BROWSER_BUDGETS.fps50),
        );
        figures.push(figure(part, '  ... longest frame in that transition', worst, 'ms'));
        figures.push(figure(part, '  ... idle page frame rate (this machine, headless)', [idle], 'fps'));
        await page.context().close();
      });
    if (which.includes('fps50')) log('browser: frame rate done');

    // 4. Heap and undo with 1,000 containers, each made by its own command line (1,000 history entries).
    // Another count (--undo-n) is for profiling; only 1,000 is compared with the budgets.
    const n = undoN.toLocaleString('en');
    const budgeted = undoN === 1000;
    if (which.includes('undo'))
      await section(`heap and undo with ${n} present`, async () => {
        const page = await openApp(browser!, p.url);
        const fresh = await heapMB(page);
        const setup = await addContainers(page, undoN);
        log(`browser: ${undoN} containers typed in ${setup.toFixed(0)} ms`);
        const heap = await heapMB(page);
        figures.push(
          figure(
            part,
            `JS heap after ${n} containers (after GC)`,
            [heap],
            'MB',
            budgeted ? BROWSER_BUDGETS.heap1000 : undefined,
          ),
        );
        figures.push(figure(part, '  ... JS heap of the fresh page (after GC)', [fresh], 'MB'));
        figures.push(figure(part, `  ... typing ${n} docker run lines at once, to all drawn`, [setup], 'ms'));
        const undo = await repeatClicks(page, 5, UNDO, -1, async () => {
          await clickAndTime(page, REDO, 1);
          await page.waitForTimeout(SETTLE_MS);
        });
        figures.push(
          figure(
            part,
            `undo one command -> DOM updated, ${n} present`,
            undo.dom,
            'ms',
            budgeted ? BROWSER_BUDGETS.undo1000 : undefined,
          ),
        );
        figures.push(figure(part, `  ... -> next animation frame, ${n} present`, undo.frame, 'ms'));
        await page.context().close();
      });
    if (which.includes('undo')) log('browser: heap and undo done');
  } finally {
    await browser?.close();
    preview?.kill();
  }
  return figures;
}

/** The Chromium version string, for the machine description. */
export function chromiumVersion(): string {
  const r = spawnSync(launchOptions().executablePath, ['--version'], { encoding: 'utf8' });
  return (r.stdout ?? '').trim();
}
