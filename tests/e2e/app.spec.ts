// Browser tests of the app against the built site (Debian's Chromium): click through the four
// modes as the article does, check both panes and the terminal, twins, undo, the step player,
// the dark theme and a phone-sized viewport. Saves the screenshots of each mode to docs/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const kernel = (p: Page) => p.locator('[data-pane="kernel"]');
const user = (p: Page) => p.locator('[data-pane="user"]');
/** Elements on screen, not the ones fading out. */
const live = (pane: ReturnType<typeof kernel>, kind: string) =>
  pane.locator(`[data-kind="${kind}"]:not([data-leaving])`);

async function terminalText(p: Page): Promise<string> {
  const t = await p.locator('.xterm-rows').innerText();
  return t.replace(/\u00a0/g, ' ');
}

async function typeLine(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

async function settle(p: Page) {
  // Transitions last under half a second; wait for the last one to finish before a screenshot.
  await p.waitForTimeout(700);
}

test.describe('netns-lab app', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('clicking through none, host, bridge, a second bridge and container mode draws each step', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');

    await page.getByRole('button', { name: 'Add none container' }).click();
    await expect(
      kernel(page).getByRole('img', { name: 'network namespace of container none', exact: true }),
    ).toBeVisible();
    await expect(user(page).getByRole('img', { name: /^container none \(none mode/ })).toBeVisible();
    expect(await terminalText(page)).toContain(
      'root@docker-host:~# docker run --network=none -d --name none hwchiu/netutils',
    );
    await settle(page);
    await page.locator('.panes').screenshot({ path: `${SHOTS}1-none.png` });

    await page.getByRole('button', { name: 'Add host container' }).click();
    await expect(live(kernel(page), 'container')).toHaveCount(2);
    // host mode makes no namespace: still the host's and the none container's.
    await expect(live(kernel(page), 'netns')).toHaveCount(2);
    await settle(page);
    await page.locator('.panes').screenshot({ path: `${SHOTS}2-host.png` });

    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await expect(kernel(page).getByRole('img', { name: /^interface eth0 \(172\.17\.0\.2\/16\)/ })).toBeVisible();
    await expect(live(kernel(page), 'veth')).toHaveCount(1);
    await expect(live(user(page), 'port')).toHaveCount(1);
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await expect(
      user(page).getByRole('img', { name: /^container bridge2 \(bridge mode, 172\.17\.0\.3\)/ }),
    ).toBeVisible();
    await expect(live(kernel(page), 'veth')).toHaveCount(2);
    await settle(page);
    await page.locator('.panes').screenshot({ path: `${SHOTS}3-bridge.png` });

    await page.getByRole('button', { name: 'Add container-mode container' }).click();
    await expect(
      kernel(page).getByRole('img', {
        name: 'network namespace shared by containers bridge and co_container',
        exact: true,
      }),
    ).toBeVisible();
    // Joining a namespace adds no interface: still two veth pairs.
    await expect(live(kernel(page), 'veth')).toHaveCount(2);
    expect(await terminalText(page)).toContain(
      'docker run --network=container:bridge -d --name co_container hwchiu/netutils',
    );
    await settle(page);
    await page.locator('.panes').screenshot({ path: `${SHOTS}4-container.png` });
    await page.screenshot({ path: `${SHOTS}app.png` });
    expect(errors).toEqual([]);
  });

  test('typing the article commands gives the same picture, with Tab completion', async ({ page }) => {
    await page.goto('./');
    await page.locator('.xterm').click();
    await page.keyboard.type('docker ru');
    await page.keyboard.press('Tab');
    await page.keyboard.type('--network=bridge -d --name bridge hwchiu/netutils');
    await page.keyboard.press('Enter');
    await expect(
      kernel(page).getByRole('img', { name: 'network namespace of container bridge', exact: true }),
    ).toBeVisible();
    await typeLine(
      page,
      'docker run --network=container:$(docker ps --filter name=bridge -q) -d --name co_container hwchiu/netutils',
    );
    await expect(
      kernel(page).getByRole('img', {
        name: 'network namespace shared by containers bridge and co_container',
        exact: true,
      }),
    ).toBeVisible();
    await typeLine(page, 'docker exec co_container ip addr show dev eth0');
    await expect(page.locator('.xterm-rows')).toContainText('inet 172.17.0.2/16');
    // Esc leaves the terminal for the page.
    await page.keyboard.press('Escape');
    await expect(page.locator('.xterm-helper-textarea')).not.toBeFocused();
  });

  test('hovering an element highlights its twin and what it is connected to', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await settle(page);
    const ctr = kernel(page).getByRole('img', { name: /^container bridge/ });
    await ctr.locator('rect.body').hover();
    const key = await ctr.getAttribute('data-key');
    await expect(user(page).locator(`[data-key="${key}"]`)).toHaveClass(/is-hl/);
    // Its namespace lights up in both panes.
    await expect(
      user(page).getByRole('img', { name: 'network namespace of container bridge', exact: true }),
    ).toHaveClass(/is-hl/);
    await expect(
      kernel(page).getByRole('img', { name: 'network namespace of container bridge', exact: true }),
    ).toHaveClass(/is-hl/);
    // A bridge port: its veth end in the kernel view.
    const port = user(page).locator('[data-kind="port"]');
    await port.locator('rect.body').hover();
    const vethKey = (await port.getAttribute('data-key'))!.replace(/^port:/, '');
    await expect(kernel(page).locator(`[data-key="${vethKey}"]`)).toHaveClass(/is-hl/);
  });

  test('undo and redo whole commands; the step player walks through what Docker did', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add none container' }).click();
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await expect(live(kernel(page), 'container')).toHaveCount(2);

    const player = page.getByRole('region', { name: 'What Docker just did' });
    await expect(player).toContainText('master docker0');
    await player.getByRole('button', { name: 'First step' }).click();
    await expect(live(kernel(page), 'netns')).toHaveCount(2);
    await page.keyboard.press('ArrowRight');
    await expect(player).toContainText('after step 1 of');
    await expect(live(kernel(page), 'netns')).toHaveCount(3);
    await expect(live(kernel(page), 'veth')).toHaveCount(0);
    await player.getByRole('button', { name: 'back to now' }).click();
    await expect(live(kernel(page), 'veth')).toHaveCount(1);

    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    await expect(live(kernel(page), 'container')).toHaveCount(1);
    await page.keyboard.press('Control+Shift+z');
    await expect(live(kernel(page), 'container')).toHaveCount(2);
    await page.getByRole('button', { name: /Undo/ }).click();
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect(live(kernel(page), 'container')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Undo/ })).toBeDisabled();
  });

  test('the dark theme recolours both panes', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const bg = await page
      .locator('.pane')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe('rgb(17, 24, 39)');
    await settle(page);
    await page.screenshot({ path: `${SHOTS}app-dark.png` });
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the panes stack and nothing overflows sideways', async ({ page }, info) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    const k = await kernel(page).boundingBox();
    const u = await user(page).boundingBox();
    expect(u!.y).toBeGreaterThanOrEqual(k!.y + k!.height - 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await settle(page);
    await page.screenshot({ path: info.outputPath('phone.png'), fullPage: true });
  });
});

test.describe('with reduced motion', () => {
  test.use({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });

  test('elements appear at once, without a transition', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Add bridge container' }).click();
    const opacity = await kernel(page)
      .locator('[data-kind="container"]')
      .evaluate((e) => getComputedStyle(e).opacity);
    expect(opacity).toBe('1');
  });
});
