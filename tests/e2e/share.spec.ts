// Browser tests of sharing and keeping: a link round trip for each Docker mode (opened in a new
// browser context: same data-keys in both panes, same output for the same command, and the same
// Docker profile, theme, language and tour step), hostile
// links, autosave across a reload, damaged storage, and the SVG/PNG/text/script exports.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const MODES: Record<string, string[]> = {
  none: ['docker run --network=none -d --name c1 hwchiu/netutils'],
  host: ['docker run --network=host -d --name c1 hwchiu/netutils'],
  bridge: ['docker run -d --name c1 hwchiu/netutils', 'docker run -d --name c2 hwchiu/netutils'],
  container: [
    'docker run -d --name c1 hwchiu/netutils',
    'docker run --network=container:c1 -d --name c2 hwchiu/netutils',
  ],
};

async function typeLine(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

/** The data-keys drawn in a pane (not those fading out), sorted. */
async function keys(p: Page, pane: 'kernel' | 'user'): Promise<string[]> {
  const list = await p
    .locator(`[data-pane="${pane}"] svg [data-key]:not([data-leaving])`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
  return [...new Set(list)].sort();
}

async function terminalText(p: Page): Promise<string> {
  return (await p.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

/** What a command prints in this page: the terminal text after the command's own line. */
async function outputOf(p: Page, cmd: string): Promise<string> {
  await typeLine(p, cmd);
  await expect.poll(async () => (await terminalText(p)).split(cmd).length).toBeGreaterThan(1);
  // Wait for the prompt after the output.
  await expect.poll(async () => (await terminalText(p)).split(cmd).pop()!.includes('root@docker-host:~#')).toBe(true);
  const after = (await terminalText(p)).split(cmd).pop()!;
  return after.slice(0, after.lastIndexOf('root@docker-host:~#')).trim();
}

async function copyLink(p: Page): Promise<string> {
  // The menu speaks the page's language (en.ts / zhTW.ts).
  await p.locator('.share-menu summary').click();
  await p.getByRole('button', { name: /^(Copy link|複製連結)$/ }).click();
  const link = await p.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#lab=1\./);
  return link;
}

/** Profile, theme, language and tour step a link must carry (each mode uses another mix). */
const SETTINGS: Record<string, { profile: string; theme: string; lang: string; next: number }> = {
  none: { profile: 'current', theme: 'dark', lang: 'zh-TW', next: 1 },
  host: { profile: 'classic', theme: 'light', lang: 'zh-TW', next: 2 },
  bridge: { profile: 'current', theme: 'light', lang: 'en', next: 3 },
  container: { profile: 'classic', theme: 'dark', lang: 'en', next: 4 },
};

const profileSelect = (p: Page) => p.locator('select:has(option[value="current"])');
const themeSelect = (p: Page) => p.locator('select:has(option[value="dark"])');

async function applySettings(p: Page, s: (typeof SETTINGS)[string]) {
  // The profile first: changing it resets the host and the tour.
  await profileSelect(p).selectOption(s.profile);
  await themeSelect(p).selectOption(s.theme);
  await p.getByTestId('lang-select').selectOption(s.lang);
  for (let i = 0; i < s.next; i++) await p.locator('.lesson-actions button').last().click();
}

async function settingsOf(p: Page) {
  return {
    profile: await profileSelect(p).inputValue(),
    theme: await themeSelect(p).inputValue(),
    lang: await p.locator('html').getAttribute('lang'),
    progress: await p.locator('.lesson-progress').innerText(),
  };
}

async function freshPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  return ctx.newPage();
}

test.describe('share links', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  for (const [mode, lines] of Object.entries(MODES)) {
    test(`${mode} mode: the link opened in a new browser gives the same state`, async ({ page, browser }) => {
      await page.goto('./');
      await applySettings(page, SETTINGS[mode]);
      for (const l of lines) await typeLine(page, l);
      await expect(page.locator('[data-pane="kernel"] [data-kind="container"]:not([data-leaving])')).toHaveCount(
        lines.length,
      );
      const settings = await settingsOf(page);
      expect(settings.lang).toBe(SETTINGS[mode].lang);
      const link = await copyLink(page);
      const other = await freshPage(browser);
      const errors: string[] = [];
      other.on('pageerror', (e) => errors.push(e.message));
      await other.goto(link);
      for (const pane of ['kernel', 'user'] as const) {
        const want = await keys(page, pane);
        expect(want.length).toBeGreaterThan(0);
        await expect.poll(() => keys(other, pane)).toEqual(want);
      }
      // The replayed lines show in the new page's terminal as if typed there.
      for (const l of lines) await expect.poll(() => terminalText(other)).toContain(`root@docker-host:~# ${l}`);
      const cmd = 'ip -o addr';
      expect(await outputOf(other, cmd)).toBe(await outputOf(page, cmd));
      await expect.poll(() => settingsOf(other)).toEqual(settings);
      // The fragment is dropped once read: a reload restores later work, not the link again.
      expect(new URL(other.url()).hash).toBe('');
      expect(errors).toEqual([]);
      await other.context().close();
    });
  }

  const hostile: [string, string][] = [
    ['garbage', '#lab=1.qwertyuiopasdfghjkl'],
    ['truncated', '#lab=1.N4IgLgpg'],
    ['huge', '#lab=1.' + 'A'.repeat(20_000)],
    ['wrong version', '#lab=7.N4IgLgpg'],
    ['markup', '#lab=1.<img src=x onerror=alert(1)>'],
  ];
  for (const [name, hash] of hostile) {
    test(`a ${name} link: a clear notice, nothing interpreted, the app keeps working`, async ({ page }) => {
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto('./' + hash);
      await expect(page.getByTestId('notice')).toContainText('This link could not be opened');
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      await page.getByRole('button', { name: 'Add bridge container' }).click();
      await expect(page.locator('[data-pane="kernel"] [data-kind="container"]')).toHaveCount(1);
      expect(dialogs).toEqual([]);
    });
  }

  test('a link whose line holds markup: the text reaches the terminal as text', async ({ page, browser }) => {
    await page.goto('./');
    await typeLine(page, 'docker run -d --name "<b>x</b>" hwchiu/netutils');
    const link = await copyLink(page);
    const other = await freshPage(browser);
    await other.goto(link);
    await expect(other.locator('[data-pane="kernel"]')).toBeVisible();
    expect(await other.locator('b', { hasText: 'x' }).count()).toBe(0);
    await other.context().close();
  });
});

test.describe('autosave', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('the work comes back after a reload', async ({ page }) => {
    await page.goto('./');
    await typeLine(page, MODES.bridge[0]);
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]')).toHaveCount(1);
    const before = await keys(page, 'kernel');
    await page.reload();
    await expect.poll(() => keys(page, 'kernel')).toEqual(before);
    await expect(page.getByTestId('notice')).toHaveCount(0);
  });

  test('damaged storage: a notice and a fresh host, never a blank page', async ({ page }) => {
    await page.goto('./');
    await page.evaluate(() => localStorage.setItem('netns-lab:autosave', '{"v":1,"lines":[<script>'));
    await page.reload();
    await expect(page.getByTestId('notice')).toContainText('could not be read');
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]')).toHaveCount(1);
    // The damaged value is kept apart, not thrown away.
    expect(await page.evaluate(() => localStorage.getItem('netns-lab:autosave:damaged'))).toContain('<script>');
  });
});

test.describe('exports', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  async function download(page: Page, button: string): Promise<Buffer> {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const path = await d.path();
    return readFileSync(path);
  }

  test('SVG, PNG at 2×, transcript and scripts are written and hold what they should', async ({ page }) => {
    await page.goto('./');
    await typeLine(page, MODES.bridge[0]);
    await expect(page.locator('[data-pane="kernel"] [data-kind="container"]')).toHaveCount(1);
    await page.getByText('Share & export').click();

    const svg = (await download(page, 'Diagram as SVG')).toString('utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const err = doc.getElementsByTagName('parsererror').length;
      const keysIn = (pane: string) =>
        [...doc.querySelectorAll(`svg[data-pane="${pane}"] [data-key]`)].map((e) => e.getAttribute('data-key'));
      const titles = (pane: string) =>
        [...doc.querySelectorAll(`svg[data-pane="${pane}"] > title`)].map(
          (e) => `${e.getAttribute('lang')}:${e.textContent}`,
        );
      // Each translated label: a <switch> with the zh-TW text first, the English one as fallback.
      const switches = [...doc.querySelectorAll('switch')].map((sw) =>
        [...sw.children].map((c) => `${c.getAttribute('systemLanguage') ?? '*'}:${c.textContent}`).join('|'),
      );
      return {
        err,
        kernel: keysIn('kernel'),
        user: keysIn('user'),
        width: Number(doc.documentElement.getAttribute('width')),
        kernelTitles: titles('kernel'),
        userTitles: titles('user'),
        switches,
      };
    }, svg);
    expect(parsed.err).toBe(0);
    // Both languages: the panes' titles (catalogues en.ts/zhTW.ts) and the drawn words.
    expect(parsed.kernelTitles).toEqual(['en:Kernel view', 'zh-TW:核心視角']);
    expect(parsed.userTitles).toEqual(['en:User view', 'zh-TW:使用者視角']);
    expect(parsed.switches).toContain('zh-TW:核心空間|*:Kernel Space');
    expect(parsed.switches).toContain('zh-TW:沒有位址|*:no address');
    expect(parsed.switches).toContain('zh-TW:docker0 交換器|*:docker0 switch');
    for (const pane of ['kernel', 'user'] as const) {
      const shown = await keys(page, pane);
      expect(shown.length).toBeGreaterThan(0);
      for (const k of shown) expect(parsed[pane]).toContain(k);
    }
    expect(svg).not.toMatch(/class="/);

    const png = await download(page, 'Diagram as PNG (2×)');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(parsed.width * 2);

    const transcript = (await download(page, 'Transcript as text')).toString('utf8');
    expect(transcript).toContain(`$ ${MODES.bridge[0]}`);
    const scenario = (await download(page, 'Scenario as a script')).toString('utf8');
    expect(scenario).toMatch(/^#!\/bin\/sh\n/);
    expect(scenario).toContain(MODES.bridge[0]);
    const kernelScript = (await download(page, 'Kernel state as a script')).toString('utf8');
    expect(kernelScript).toContain('type veth peer name eth0');
  });
});
