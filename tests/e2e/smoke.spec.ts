// Smoke test of the built site: the page loads, shows its title and both panes, and never
// requests anything outside its own origin (the site must work offline). Saves a screenshot.
import { expect, test } from '@playwright/test';

test('the page loads offline with its title and both panes', async ({ page, baseURL }, testInfo) => {
  const origin = new URL(baseURL ?? 'http://localhost:4173').origin;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  // Abort anything that leaves the page's origin, and remember it so the test fails.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    const local = url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
    if (local) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto('./');

  await expect(page).toHaveTitle('netns-lab');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('netns-lab');
  await expect(page.locator('[data-pane="kernel"]')).toBeVisible();
  await expect(page.locator('[data-pane="kernel"]')).toContainText('Kernel view');
  await expect(page.locator('[data-pane="user"]')).toBeVisible();
  await expect(page.locator('[data-pane="user"]')).toContainText('User view');

  await page.screenshot({ path: testInfo.outputPath('smoke.png'), fullPage: true });

  expect(foreignRequests, 'requests that left the page origin').toEqual([]);
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});
