// Browser tests of the guided tour against the built site: the whole tour in English and in
// Traditional Chinese from the first step to the last (every step's lines typed into the terminal
// and ending as the tour expects, every question answered and checked against the model), ?lang=
// and <html lang>. Presenter mode (its keys, type size, screenshots) is in presenter.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { TOUR } from '../../src/scenario/tour';

// The tour's own data: a step added to it is walked here too.
const STEPS = TOUR.length;
const QUESTIONS = TOUR.filter((s) => s.question).length;

const LABELS = {
  en: {
    run: 'Run this step',
    next: 'Next →',
    progress: (n: number) => `Step ${n} of ${STEPS}`,
    panel: 'Guided tour',
    score: (right: number) => `Score: ${right} of ${QUESTIONS}`,
  },
  'zh-TW': {
    run: '執行這一步',
    next: '下一步 →',
    progress: (n: number) => `第 ${n} 步，共 ${STEPS} 步`,
    panel: '導覽',
    score: (right: number) => `得分：${QUESTIONS} 題中答對 ${right} 題`,
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
    let right = 0;
    let asked = 0;
    for (let n = 1; n <= STEPS; n++) {
      const step = TOUR[n - 1];
      await expect(panel.getByText(L.progress(n))).toBeVisible();
      const question = panel.locator('.lesson-question');
      await expect(question).toHaveCount(step.question ? 1 : 0);
      // Predict first: the first choice (right or wrong, the model decides).
      if (step.question) await question.getByRole('radio').first().check();
      await panel.getByRole('button', { name: L.run }).click();
      await expect(panel.getByRole('button', { name: L.run })).toBeDisabled();
      // The lines were typed into the terminal: the step's last one shows after a prompt (xterm
      // wraps long lines, so spaces and line breaks are left out of the comparison).
      const flat = (x: string) => x.replace(/\s+/g, '');
      // xterm renders on its next frame: wait for the text rather than read it once.
      await expect
        .poll(async () => flat(await terminalText(page)), { message: `step ${step.id}` })
        .toContain(flat(`root@docker-host:~# ${step.lines.at(-1)!.line}`));
      // Every line ended with the status the tour expects (else the panel raises an alert).
      await expect(panel.getByRole('alert')).toHaveCount(0);
      if (step.question) {
        asked++;
        const verdict = question.locator('[data-verdict]');
        await expect(verdict).toBeVisible();
        if ((await verdict.getAttribute('data-verdict')) === 'right') right++;
      }
      if (n < STEPS) await panel.getByRole('button', { name: L.next }).click();
    }
    expect(asked).toBe(QUESTIONS);
    await expect(page.getByTestId('tour-score')).toHaveText(L.score(right));
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
