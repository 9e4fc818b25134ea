// Accessibility in the browser (Debian's Chromium, the built site): axe-core finds no violation
// (WCAG 2.x A/AA and best practices) on the main views in the light and dark themes; the app is
// usable from the keyboard (visible focus, shortcuts help, Esc out of the terminal, the text twin
// of the diagram); the live region says what each command changed. Presenter mode is scanned at
// 1920×1080 through the tour's steps, with its key list and the app's shortcuts dialog open, and
// in Traditional Chinese; the mode bar and the toolbar are keyboard toolbars (roving tabindex).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Violations of one page state, as "rule: target" lines (empty when clean). */
async function axe(page: Page): Promise<string[]> {
  // Let enter/exit transitions finish: a half-faded element is not what a person reads.
  await page.waitForTimeout(700);
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

const kernel = (p: Page) => p.locator('[data-pane="kernel"]');

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe, ${theme} theme`, () => {
    test.use({ viewport: { width: 1600, height: 1000 } });

    test('no violations on the empty host, through none/host/bridge/bridge/container, the inspector and the step player', async ({
      page,
    }) => {
      // Nine full-page scans; each takes a second or two.
      test.setTimeout(180_000);
      await page.goto('./');
      await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
      await setTheme(page, theme);
      const found: Record<string, string[]> = {};
      found['empty host'] = await axe(page);

      const add = async (label: string, name: string) => {
        await page.getByRole('button', { name }).click();
        found[`after ${label}`] = await axe(page);
      };
      await add('none', 'Add none container');
      await add('host', 'Add host container');
      await add('bridge', 'Add bridge container');
      await add('bridge2', 'Add bridge container');

      // The step player, part way through the second bridge container's plumbing.
      await page.getByRole('button', { name: 'First step' }).click();
      await expect(page.locator('.steps-pos')).toContainText('after step 0');
      await page.getByRole('button', { name: 'Next step' }).click();
      found['step player'] = await axe(page);
      await page.getByRole('button', { name: 'back to now' }).click();

      await add('container', 'Add container-mode container');

      // A selection with the inspector open.
      await kernel(page)
        .getByRole('img', { name: /^container bridge \(/ })
        .focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('container bridge');
      found['inspector'] = await axe(page);

      // The shortcuts dialog.
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      found['shortcuts dialog'] = await axe(page);

      const total = Object.values(found).reduce((n, v) => n + v.length, 0);
      console.log(`axe (${theme}): ${Object.keys(found).length} views scanned, ${total} violation(s)`);
      expect(found, `axe found ${total} violation(s)`).toEqual(
        Object.fromEntries(Object.keys(found).map((k) => [k, []])),
      );
    });
  });
}

test.describe('axe, presenter mode at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  for (const lang of ['en', 'zh-TW'] as const)
    test(`no violations in presenter mode (${lang}): tour steps, a question, its key list, the shortcuts dialog`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      await page.goto(`./?lang=${lang}`);
      await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
      const found: Record<string, string[]> = {};
      // The shortcuts dialog of the app (listing the presenter keys too), before presenter mode.
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      await expect(page.getByTestId('presenter-keys')).toBeVisible();
      found['shortcuts dialog'] = await axe(page);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await page.locator('.lesson-presenter').click();
      await expect(page.locator('main')).toHaveClass(/is-presenter/);
      await expect(page.locator('.presenter-exit')).toBeVisible();
      found['presenter, intro'] = await axe(page);
      // The none step: a question, answered, then run (Space), then the bridge step run.
      await page.keyboard.press('ArrowRight');
      await page.locator('.lesson-question').getByRole('radio').first().check();
      found['presenter, question'] = await axe(page);
      await page.locator('.lesson-step-title').click();
      await page.keyboard.press('Space');
      await expect(page.locator('.lesson-run')).toBeDisabled();
      found['presenter, none run'] = await axe(page);
      for (let i = 0; i < 2; i++) {
        await page.keyboard.press('ArrowRight');
        const radios = page.locator('.lesson-question').getByRole('radio');
        if ((await radios.count()) > 0) {
          await radios.first().check();
          await page.locator('.lesson-step-title').click();
        }
        await page.keyboard.press('Space');
        await expect(page.locator('.lesson-run')).toBeDisabled();
      }
      found['presenter, bridge run'] = await axe(page);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      found['presenter key list'] = await axe(page);
      await page.keyboard.press('Escape');

      const total = Object.values(found).reduce((n, v) => n + v.length, 0);
      console.log(`axe (presenter, ${lang}): ${Object.keys(found).length} views scanned, ${total} violation(s)`);
      expect(found, `axe found ${total} violation(s)`).toEqual(
        Object.fromEntries(Object.keys(found).map((k) => [k, []])),
      );
    });
});

test.describe('keyboard', () => {
  test.use({ viewport: { width: 1400, height: 1000 } });

  test('the shortcuts help opens with ? and from the toolbar, and Esc gives focus back', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
    const open = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('leave the terminal');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();

    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
    // Tab stays inside the open dialog.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('focus is visible: a 3 px ring on a focused button', async ({ page }) => {
    await page.goto('./');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveCount(1);
    const outline = await focused.evaluate((el) => {
      const cs = getComputedStyle(el);
      return `${cs.outlineStyle} ${cs.outlineWidth}`;
    });
    expect(outline).toBe('solid 3px');
  });

  test('t goes to the terminal; Esc leaves it and Tab moves on, not back in (no trap)', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
    await page.locator('body').press('t');
    const input = page.locator('.xterm-helper-textarea');
    await expect(input).toBeFocused();
    await page.keyboard.type('ip netns add blue');
    await page.keyboard.press('Enter');
    await expect(page.locator('.xterm-rows')).toContainText('ip netns add blue');
    await page.keyboard.press('Escape');
    await expect(input).not.toBeFocused();
    await page.keyboard.press('Tab');
    await expect(input).not.toBeFocused();
    const inTerminal = await page.evaluate(() => !!document.activeElement?.closest('[data-pane="terminal"]'));
    expect(inTerminal).toBe(false);
    // Shift+Tab from there goes back into the terminal, as the tab order says.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-pane="terminal"]'))).toBe(true);
  });

  test('the text twin: d focuses it, arrows move, Enter selects the element in both panes', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    const tree = page.getByRole('tree', { name: 'Diagram as text' });
    await expect(tree).toContainText('container bridge: bridge mode, running, 172.17.0.2/16');
    await page.locator('body').press('d');
    await expect(tree.getByRole('treeitem', { name: /^network namespaces: 2/ })).toBeFocused();
    await page.keyboard.press('End');
    // The last visible item: the bridge container, closed.
    const ctr = tree.getByRole('treeitem', { name: /^container bridge:/ });
    await expect(ctr).toBeFocused();
    await expect(ctr).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowRight');
    await expect(ctr).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).toHaveText(/lives in network namespace 1/);
    await page.keyboard.press('ArrowLeft');
    await expect(ctr).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('container bridge');
    const key = await page.locator(':focus').getAttribute('data-key');
    await expect(kernel(page).locator(`[data-key="${key}"]`)).toHaveAttribute('aria-current', 'true');
    await expect(page.locator(':focus')).toHaveAttribute('aria-selected', 'true');
  });
});

test('the live region says in words what a command changed', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Add bridge container' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Container bridge' });
  await expect(status).toContainText(
    /Container bridge started: Docker created network namespace 1 and a veth pair: eth0 in the container, veth[0-9a-f]{7} on docker0; its address is 172\.17\.0\.2\/16\./,
  );
  await expect(status).toHaveAttribute('aria-live', 'polite');
});

test.describe('toolbars', () => {
  test.use({ viewport: { width: 1400, height: 1000 } });

  test('the mode bar is one Tab stop; → moves along it and Enter presses the button reached', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
    const bar = page.getByRole('toolbar', { name: 'Add a container' });
    await bar.getByRole('button', { name: 'Add none container' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(bar.getByRole('button', { name: 'Add host container' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(bar.getByRole('button', { name: 'Add bridge container' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])')).toHaveCount(1);
    // Tab leaves the bar at once (one stop), Shift+Tab comes back to the control last used.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="toolbar"]'))).toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect(bar.getByRole('button', { name: 'Add bridge container' })).toBeFocused();
  });
});
