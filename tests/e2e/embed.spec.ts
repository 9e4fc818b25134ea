// Browser tests of embedding: two iframes on one course page (options honoured, no chrome, no
// interference, read-only refuses typing, nothing autosaved), bad options (a visible notice, never
// a blank frame), the Embed dialog's snippets, two <netns-lab> elements on one page, and the single
// file opened from file:// with every request outside the file refused.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Locator, type FrameLocator } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FIXTURES = resolve('tests/e2e/fixtures');
const DIST = resolve(process.env.PW_DIST ?? 'dist');

/** Serves a fixture page at the built site's origin (so the iframes and the library are same-origin). */
async function openFixture(page: Page, name: string): Promise<void> {
  await page.route(`**/${name}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: readFileSync(resolve(FIXTURES, name), 'utf8') }),
  );
  await page.goto(`./${name}`);
}

/** axe-core violations (WCAG 2.x A/AA and best practices) as "rule: target" lines. */
async function axe(page: Page, include?: string): Promise<string[]> {
  // Nothing half-faded: wait until no element is entering or leaving.
  await expect(page.locator('[data-leaving], [data-entering]')).toHaveCount(0);
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const r = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const containers = (root: Page | FrameLocator | Locator) =>
  root.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])');

async function typeIn(page: Page, term: Locator, line: string) {
  await term.click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test.describe('iframe embed', () => {
  test.use({ viewport: { width: 1100, height: 1400 } });

  test('two iframes: each honours its options, and a command in one leaves the other unchanged', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Console errors of the frames too (a CSP violation of index.html's policy would be one).
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await openFixture(page, 'embed.html');
    const a = page.frameLocator('#a');
    const b = page.frameLocator('#b');

    // A: both panes and a terminal, no app chrome.
    await expect(a.locator('main[data-embed]')).toBeVisible();
    await expect(a.locator('[data-pane="kernel"]')).toBeVisible();
    await expect(a.locator('[data-pane="user"]')).toBeVisible();
    await expect(a.locator('.xterm')).toBeVisible();
    await expect(a.locator('.app-head, .share-menu, [aria-label="Add bridge container"]')).toHaveCount(0);

    // B: kernel pane only, no terminal, read-only, dark, in Traditional Chinese, at tour step 4
    // (index 3) with the commands of steps 1–4 run.
    await expect(b.locator('[data-pane="kernel"]')).toBeVisible();
    await expect(b.locator('[data-pane="user"]')).toHaveCount(0);
    await expect(b.locator('[data-pane="terminal"]')).toHaveCount(0);
    await expect(b.locator('main[data-embed]')).toHaveAttribute('data-theme', 'dark');
    await expect(b.locator('main[data-embed]')).toHaveAttribute('data-readonly', '');
    await expect(b.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(b.locator('.lesson-progress')).toContainText('第 4 步');
    await expect(b.locator('[data-pane="kernel"] h2, [data-pane="kernel"] h3').first()).toContainText('核心視角');
    const bKeys = async () =>
      (
        await b
          .locator('[data-pane="kernel"] svg [data-key]:not([data-leaving])')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))
      ).sort();
    await expect.poll(async () => (await bKeys()).length).toBeGreaterThan(0);
    const before = await bKeys();
    const bContainers = await containers(b).count();
    expect(bContainers).toBeGreaterThan(0);

    await typeIn(page, a.locator('.xterm'), 'docker run -d --name web hwchiu/netutils');
    await expect(containers(a)).toHaveCount(1);
    expect(await bKeys()).toEqual(before);

    // Read-only: on to the next step, whose "Run this step" would start a container: nothing changes.
    await b.locator('.lesson-actions button').last().click();
    await expect(b.locator('.lesson-progress')).toContainText('第 5 步');
    await b.locator('.lesson-run').click();
    await expect(b.locator('.lesson-run')).toBeDisabled();
    expect(await bKeys()).toEqual(before);

    // An embed never autosaves (it would overwrite the full app's saved work on this site).
    expect(await page.evaluate(() => localStorage.getItem('netns-lab:autosave'))).toBeNull();
    expect(errors).toEqual([]);
  });

  test('read-only with a terminal: the terminal is inert, typing changes nothing', async ({ page }) => {
    await page.goto('./?embed=1&readonly=1');
    await expect(page.locator('.xterm')).toBeVisible();
    await expect(page.locator('[data-pane="terminal"]')).toHaveAttribute('inert', '');
    await page.locator('.xterm textarea').focus();
    await page.keyboard.type('docker run -d --name c1 hwchiu/netutils');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-pane="terminal"]')).not.toContainText('docker run');
    await expect(containers(page)).toHaveCount(0);
  });

  test('bad options: a visible notice naming them, defaults used, markup shown as text', async ({ page }) => {
    await page.goto('./?embed=1&panes=%3Cb%3Ex%3C/b%3E&theme=purple&terminal=maybe&step=2');
    const notice = page.getByTestId('embed-notice');
    await expect(notice).toContainText('panes="<b>x</b>"');
    await expect(notice).toContainText('theme="purple"');
    await expect(notice).toContainText('terminal="maybe"');
    await expect(notice).toContainText('step needs tour');
    expect(await page.locator('b', { hasText: 'x' }).count()).toBe(0);
    await expect(page.locator('[data-pane="kernel"]')).toBeVisible();
    await expect(page.locator('[data-pane="user"]')).toBeVisible();
    await expect(page.locator('.xterm')).toBeVisible();
    // In the embed's language (zhTW.ts).
    await page.goto('./?embed=1&lang=zh-TW&panes=all');
    await expect(page.getByTestId('embed-notice')).toContainText(
      '嵌入選項 panes="all" 不是 both, kernel, user 其中之一',
    );
  });

  test('a damaged link in an embed: a notice and an empty host, not a blank frame', async ({ page }) => {
    await page.goto('./?embed=1#lab=1.qwertyuiop');
    await expect(page.getByTestId('notice')).toContainText('This link could not be opened');
    await expect(page.locator('[data-pane="kernel"]')).toBeVisible();
  });
});

test.describe('embed accessibility', () => {
  test.use({ viewport: { width: 1100, height: 800 } });

  for (const theme of ['light', 'dark'] as const) {
    test(`no axe violations in an embed with a tour step, ${theme} theme`, async ({ page }) => {
      await page.goto(`./?embed=1&tour=network-modes&step=3&theme=${theme}`);
      await expect(containers(page)).not.toHaveCount(0);
      expect(await axe(page)).toEqual([]);
    });
  }

  test('no axe violations in the Embed dialog', async ({ page }) => {
    await page.goto('./');
    await page.getByText('Share & export').click();
    await page.getByRole('button', { name: 'Embed…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    // The dialog itself (the page behind it is covered by the backdrop, and scanned in a11y.spec.ts).
    expect(await axe(page, '[role="dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});

test.describe('Embed dialog', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('its snippets reproduce the current state in an iframe and in an element', async ({ page, context }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await expect(containers(page)).toHaveCount(2);
    await page.getByText('Share & export').click();
    await page.getByRole('button', { name: 'Embed…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('select').selectOption('kernel');
    const iframe = await page.getByTestId('embed-iframe').inputValue();
    const element = await page.getByTestId('embed-element').inputValue();
    expect(iframe).toMatch(/^<iframe src="[^"]+\?embed=1&amp;panes=kernel[^"]*#lab=1\.[^"]+" title="netns-lab"/);
    expect(element).toContain('<script type="module" src="');
    expect(element).toMatch(/<netns-lab scenario="#lab=1\.[^"]+" panes="kernel" terminal="1"/);

    // Opening the iframe's address gives the same two containers, kernel pane only.
    const src = /src="([^"]+)"/.exec(iframe)![1].replace(/&amp;/g, '&');
    const other = await context.newPage();
    await other.goto(src);
    await expect(containers(other)).toHaveCount(2);
    await expect(other.locator('[data-pane="user"]')).toHaveCount(0);

    // The element snippet, pasted into a page of the same site, gives the same two containers.
    await other.route('**/pasted.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pasted</title></head><body>${element}</body></html>`,
      }),
    );
    await other.goto('./pasted.html');
    await expect(containers(other.locator('netns-lab'))).toHaveCount(2);
    await expect(other.locator('netns-lab [data-pane="user"]')).toHaveCount(0);
    await other.close();
  });
});

test.describe('custom element', () => {
  test.use({ viewport: { width: 1100, height: 1500 } });

  test('two <netns-lab> elements: own worlds, own options, styles inside', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openFixture(page, 'element.html');
    const one = page.locator('#one');
    const two = page.locator('#two');
    await expect(containers(one)).toHaveCount(2);
    await expect(two.locator('[data-pane="kernel"]')).toBeVisible();
    await expect(two.locator('[data-pane="user"]')).toHaveCount(0);
    await expect(containers(two)).toHaveCount(0);
    await expect(two.locator('main[data-embed]')).toHaveAttribute('data-theme', 'dark');
    await expect(two.locator('main[data-embed]')).toHaveAttribute('lang', 'zh-TW');
    // The host page keeps its own language and theme.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    // Styles live in the shadow roots: the page's own <head> has none of the app's.
    expect(await page.evaluate(() => document.querySelectorAll('style, link[rel="stylesheet"]').length)).toBe(0);

    await typeIn(page, one.locator('.xterm'), 'docker run --network=none -d --name c3 hwchiu/netutils');
    await expect(containers(one)).toHaveCount(3);
    await expect(containers(two)).toHaveCount(0);
    await typeIn(page, two.locator('.xterm'), 'docker run -d --name solo hwchiu/netutils');
    await expect(containers(two)).toHaveCount(1);
    await expect(containers(one)).toHaveCount(3);
    expect(errors).toEqual([]);
  });
});

test.describe('single file', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('netns-lab.html works from file:// with no request leaving the file', async ({ page, browser }) => {
    const file = resolve(DIST, 'netns-lab.html');
    expect(existsSync(file), `${file} is built by scripts/build-single.mjs`).toBe(true);
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|data|blob):/.test(url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await expect(containers(page)).toHaveCount(1);
    await expect(page.locator('.xterm')).toBeVisible();
    // A lazily loaded part (the second language) comes from inside the file too.
    await page.getByTestId('lang-select').selectOption('zh-TW');
    await expect(page.locator('.lesson-progress')).toContainText('第 1 步');
    // A link made in the file points at the file, and opening it (in a fresh browser) restores the state.
    // The page is in Traditional Chinese now: the menu's words come from zhTW.ts.
    await page.getByText('分享與匯出').click();
    await page.getByRole('button', { name: '複製連結' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link.startsWith(`${pathToFileURL(file).href}#lab=1.`)).toBe(true);
    const ctx = await browser.newContext();
    const other = await ctx.newPage();
    await other.goto(link);
    await expect(containers(other)).toHaveCount(1);
    await ctx.close();
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
