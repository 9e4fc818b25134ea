// The built site under a strict Content-Security-Policy sent as an HTTP header (as a hosting
// page would), on top of the one index.html carries in a <meta>: no inline script, no eval,
// nothing from another origin. The app must work and the browser must report no violation.
import { expect, test } from '@playwright/test';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

test('the app runs under a strict CSP header with no violation', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.goto('/');
  await expect(page.locator('[data-pane="kernel"]')).toBeVisible();
  await page.getByRole('button', { name: 'Add bridge container' }).click();
  await expect(page.locator('[data-pane="kernel"] [data-kind="container"]')).toHaveCount(1);
  await expect(page.locator('[data-pane="user"] [data-kind="container"]')).toHaveCount(1);
  const header = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(header).toBe(CSP);
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
