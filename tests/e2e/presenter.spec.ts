// Presenter mode at 1920×1080 in the built site (and normal mode at 1280×800 for comparison): every presenter key (→ ← Space U R F + − ? Esc)
// and its effect; the diagrams' labels at 24 px or more on screen, none drawn over another label
// or over a box it does not belong to; and the screenshots a teacher's projector would show at
// the tour's none, host, bridge and container steps, saved to docs/screenshots/presenter-*.png.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOUR } from '../../src/scenario/tour';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const STEPS = TOUR.length;
const stepOf = (id: string) => TOUR.findIndex((s) => s.id === id) + 1;
const containers = (p: Page) => p.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])');

test.use({ viewport: { width: 1920, height: 1080 } });

async function presenter(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('main')).toHaveClass(/is-presenter/);
  // Presenter mode's keys come with its code, which loads when the mode is first switched on.
  await expect(page.getByRole('button', { name: 'Leave presenter mode' })).toBeVisible();
}

/** Runs the open step with Space (answering its question first, then moving focus off the radio). */
async function runStep(page: Page): Promise<void> {
  const radios = page.locator('.lesson-question').getByRole('radio');
  if ((await radios.count()) > 0) {
    await radios.first().check();
    await page.locator('.lesson-step-title').click();
  }
  await page.keyboard.press('Space');
  await expect(page.locator('.lesson-run')).toBeDisabled();
}

interface Layout {
  minFont: number;
  labels: number;
  problems: string[];
}

/**
 * Measures what the projector shows: each diagram label's on-screen font size, and whether a
 * label crosses another label, or a box that is not its own and does not contain it.
 */
async function measure(page: Page): Promise<Layout> {
  // Let the layout's transitions end (boxes move when the type or the world changes).
  await page.waitForTimeout(700);
  return page.evaluate(() => {
    type R = { l: number; t: number; r: number; b: number };
    const rect = (e: Element): R => {
      const b = e.getBoundingClientRect();
      return { l: b.left, t: b.top, r: b.right, b: b.bottom };
    };
    const cross = (a: R, b: R) => a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
    const inside = (a: R, b: R) => a.l >= b.l - 1 && a.r <= b.r + 1 && a.t >= b.t - 1 && a.b <= b.b + 1;
    const problems: string[] = [];
    let minFont = Infinity;
    let labels = 0;
    for (const svg of document.querySelectorAll<SVGSVGElement>('.pane-svg')) {
      const pane = svg.closest('[data-pane]')?.getAttribute('data-pane');
      const texts = [...svg.querySelectorAll<SVGTextElement>('g.el text, g.decor text')].filter(
        (t) => (t.textContent ?? '').trim() !== '' && !t.closest('[data-leaving]'),
      );
      const bodies = [...svg.querySelectorAll<SVGGraphicsElement>('g.el:not([data-leaving]) > rect.body')];
      // A text's client rect is its font box (0.93 em above the baseline in DejaVu Sans); the
      // tallest glyphs rise 0.76 em, so the top 0.17 em holds no ink and may touch a neighbour.
      const boxes = texts.map((t) => {
        const r = rect(t);
        return { ...r, t: r.t + 0.17 * parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1) };
      });
      texts.forEach((t, i) => {
        labels++;
        minFont = Math.min(minFont, parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0));
        const own = t.closest('g.el')?.querySelector(':scope > rect.body');
        const name = `${pane}: "${t.textContent}"`;
        if (own && !inside(boxes[i], rect(own))) problems.push(`${name} overflows its box`);
        for (let j = i + 1; j < texts.length; j++)
          if (cross(boxes[i], boxes[j])) problems.push(`${name} crosses "${texts[j].textContent}"`);
        for (const b of bodies) {
          if (b === own) continue;
          const r = rect(b);
          if (cross(boxes[i], r) && !inside(boxes[i], r))
            problems.push(`${name} crosses the box ${b.parentElement?.getAttribute('data-key')}`);
        }
      });
    }
    return { minFont, labels, problems };
  });
}

test('the tour projected: labels of 24 px or more that never overlap, at each mode', async ({ page }) => {
  await presenter(page);
  const shots: Record<string, string> = { none: 'none', host: 'host', bridge2: 'bridge', container: 'container' };
  for (let n = 1; n <= stepOf('container'); n++) {
    await expect(page.locator('.lesson-progress')).toHaveText(`Step ${n} of ${STEPS}`);
    await runStep(page);
    const id = TOUR[n - 1].id;
    if (shots[id]) {
      const m = await measure(page);
      console.log(`presenter ${id}: ${m.labels} labels, smallest ${m.minFont.toFixed(1)} px on screen`);
      expect(m.labels, id).toBeGreaterThan(8);
      expect(m.problems, id).toEqual([]);
      expect(m.minFont, id).toBeGreaterThanOrEqual(24);
      await page.screenshot({ path: `${SHOTS}presenter-${shots[id]}.png` });
    }
    await page.keyboard.press('ArrowRight');
  }
});

test('each presenter key does what the key list says', async ({ page }) => {
  await presenter(page);
  const progress = page.locator('.lesson-progress');
  const termFont = () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.xterm-rows')!).fontSize));

  // → and ←: next and previous step.
  await page.keyboard.press('ArrowRight');
  await expect(progress).toHaveText(`Step 2 of ${STEPS}`);
  await page.keyboard.press('ArrowLeft');
  await expect(progress).toHaveText(`Step 1 of ${STEPS}`);
  await page.keyboard.press('ArrowRight');

  // Space runs the step's lines in the terminal: the none container appears.
  await runStep(page);
  await expect(containers(page)).toHaveCount(1);
  await expect(page.locator('.xterm-rows')).toContainText('docker exec none ping -c 1 -W 1 8.8.8.8');

  // U undoes the last line; the terminal keeps 24 px type or more.
  await page.keyboard.press('u');
  await expect(page.locator('.lesson-run')).toBeEnabled();
  expect(await termFont()).toBeGreaterThanOrEqual(24);

  // + and − zoom: the terminal's type and the diagrams' labels grow, then shrink back.
  const before = await termFont();
  const label = () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.pane-svg .lbl-title')!).fontSize));
  const labelBefore = await label();
  await page.keyboard.press('+');
  await expect.poll(termFont).toBeGreaterThan(before);
  await expect.poll(label).toBeGreaterThan(labelBefore);
  await page.keyboard.press('-');
  await expect.poll(termFont).toBe(before);

  // ? opens the key list, which lists every key; Esc closes it.
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Presenter keys' });
  await expect(dialog).toBeVisible();
  for (const k of ['→', '←', 'Space', 'U', 'R', 'F', '+ / −', '?'])
    await expect(dialog.locator('kbd', { hasText: k }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // F asks for full screen (headless Chromium grants it to a key press).
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);

  // R resets: back to the first step and a fresh host.
  await runStep(page);
  await expect(containers(page)).toHaveCount(1);
  await page.keyboard.press('r');
  await expect(progress).toHaveText(`Step 1 of ${STEPS}`);
  await expect(containers(page)).toHaveCount(0);

  // Esc leaves presenter mode.
  await page.keyboard.press('Escape');
  await expect(page.locator('main')).not.toHaveClass(/is-presenter/);
  await expect(page.locator('.app-head')).toBeVisible();
});

test.describe('normal mode at 1280×800 (no regression)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('with 1, 3 and 6 containers no label overflows its box or sits on another', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
    const add = (name: string) => page.getByRole('button', { name }).click();
    await add('Add bridge container');
    await expect(containers(page)).toHaveCount(1);
    expect((await measure(page)).problems, '1 container').toEqual([]);
    await add('Add none container');
    await add('Add host container');
    await expect(containers(page)).toHaveCount(3);
    expect((await measure(page)).problems, '3 containers').toEqual([]);
    await add('Add bridge container');
    await add('Add container-mode container');
    await add('Add bridge container');
    await expect(containers(page)).toHaveCount(6);
    expect((await measure(page)).problems, '6 containers').toEqual([]);
  });
});
