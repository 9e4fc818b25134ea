// Browser tests of the guided tour against the built site: the whole tour in English and in
// Traditional Chinese (every step's lines end as the tour expects, every question is checked
// against the model), ?lang= and <html lang>, and presenter mode at 1920×1080: its keys, type of
// at least 24 px for diagram labels and the terminal, and the screenshot saved to docs/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const STEPS = 7;
const QUESTIONS = 4;

const LABELS = {
  en: { run: 'Run this step', next: 'Next →', progress: (n: number) => `Step ${n} of ${STEPS}`, panel: 'Guided tour' },
  'zh-TW': {
    run: '執行這一步',
    next: '下一步 →',
    progress: (n: number) => `第 ${n} 步，共 ${STEPS} 步`,
    panel: '導覽',
  },
} as const;

async function terminalText(p: Page): Promise<string> {
  return (await p.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

for (const lang of ['en', 'zh-TW'] as const) {
  test(`a learner goes through the whole tour in ${lang}`, async ({ page }) => {
    const L = LABELS[lang];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`./?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
    const panel = page.getByRole('region', { name: L.panel });
    for (let n = 1; n <= STEPS; n++) {
      await expect(panel.getByText(L.progress(n))).toBeVisible();
      const question = panel.locator('.lesson-question');
      if ((await question.count()) > 0) await question.getByRole('radio').first().check();
      await panel.getByRole('button', { name: L.run }).click();
      await expect(panel.getByRole('button', { name: L.run })).toBeDisabled();
      // Every line ended with the status the tour expects (else the panel raises an alert).
      await expect(panel.getByRole('alert')).toHaveCount(0);
      if ((await question.count()) > 0) await expect(question.locator('[data-verdict]')).toBeVisible();
      if (n < STEPS) await panel.getByRole('button', { name: L.next }).click();
    }
    await expect(page.getByTestId('tour-score')).toContainText(`${QUESTIONS}`);
    const text = await terminalText(page);
    // The last step's lines went through the terminal as typed lines, with real output.
    expect(text).toContain("root@docker-host:~# docker inspect -f '{{.HostConfig.NetworkMode}}' co_container");
    expect(text).toMatch(/co_container\s*$/m);
    expect(errors).toEqual([]);
  });
}

test('the language switch is remembered for the next visit', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('lang-select').selectOption('zh-TW');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByRole('button', { name: '執行這一步' })).toBeVisible();
});

test.describe('presenter mode at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('keys move, run, undo, reset and zoom; type is at least 24 px; screenshot', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.locator('main')).toHaveClass(/is-presenter/);
    await expect(page.locator('.app-head')).toBeHidden();
    await expect(page.locator('section[data-pane="terminal"]')).toBeVisible();
    // Presenter mode's keys come with its code, which loads when the mode is first switched on.
    await expect(page.getByRole('button', { name: 'Leave presenter mode' })).toBeVisible();

    const progress = page.locator('.lesson-progress');
    await page.keyboard.press('ArrowRight');
    await expect(progress).toHaveText(`Step 2 of ${STEPS}`);
    await page.keyboard.press('ArrowLeft');
    await expect(progress).toHaveText(`Step 1 of ${STEPS}`);
    // Through the bridge step with a second container, running each step with Space.
    for (let n = 1; n <= 5; n++) {
      if (n === 5) {
        // A prediction at the second bridge container; focus leaves the radio so Space is the tour's.
        await page.getByRole('radio', { name: '172.17.0.3' }).check();
        await page.locator('.lesson-step-title').click();
      }
      await page.keyboard.press('Space');
      await expect(page.locator('.lesson-run')).toBeDisabled();
      await page.keyboard.press('ArrowRight');
    }
    await expect(progress).toHaveText(`Step 6 of ${STEPS}`);
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])')).toHaveCount(4);

    // Undo takes back the last line (bridge2's brctl show changed nothing; its docker run did).
    await page.keyboard.press('u');
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])')).toHaveCount(3);
    await expect(progress).toHaveText(`Step 5 of ${STEPS}`);
    await page.keyboard.press('Space');
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])')).toHaveCount(4);

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Presenter keys' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Type sizes on screen: font size × the SVG's scale for diagram labels; xterm's cell font.
    await page.waitForTimeout(700);
    const sizes = await page.evaluate(() => {
      const labels = [...document.querySelectorAll<SVGTextElement>('.pane-svg g.el text')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0));
      const rows = document.querySelector<HTMLElement>('.xterm-rows');
      return {
        min: Math.min(...labels),
        count: labels.length,
        term: rows ? parseFloat(getComputedStyle(rows).fontSize) : 0,
      };
    });
    expect(sizes.count).toBeGreaterThan(10);
    expect(sizes.min).toBeGreaterThanOrEqual(23.9);
    expect(sizes.term).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: `${SHOTS}presenter-bridge.png` });

    await page.keyboard.press('+');
    const bigger = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector('.xterm-rows')!).fontSize),
    );
    expect(bigger).toBeGreaterThan(sizes.term);
    await page.keyboard.press('-');

    await page.keyboard.press('r');
    await expect(progress).toHaveText(`Step 1 of ${STEPS}`);
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])')).toHaveCount(0);

    await page.keyboard.press('Escape');
    await expect(page.locator('main')).not.toHaveClass(/is-presenter/);
    await expect(page.locator('.app-head')).toBeVisible();
  });
});
