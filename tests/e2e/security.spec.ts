// Security in a real browser (Debian's Chromium, the built site): markup and script typed into the
// terminal, as names and as plain text, show as typed; no dialog opens, no element is created
// from them, no page error. The jsdom twin of this test is tests/security/hostileInput.test.tsx.
import { expect, test, type Page } from '@playwright/test';

const LINES = [
  `docker run -d --name '<img src=x onerror=alert(1)>' busybox`,
  `ip link add '<b>x' type bridge`,
  `ip netns add '"><svg onload=alert(1)>'`,
  `echo '</script><script>alert(1)</script>'`,
  `<img src=x onerror=alert(2)>`,
];

async function typeLine(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

test('markup and script typed into the terminal are shown, never run', async ({ page }) => {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');
  const foreign = 'img, script:not([src]), iframe, object, embed, b, [onerror], [onload]';
  const before = await page.locator(foreign).count();

  for (const line of LINES) await typeLine(page, line);

  // xterm draws rows of text; joining them undoes its soft wrapping of long lines.
  const screenText = async () =>
    (await page.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ').replace(/\n/g, '');
  await expect
    .poll(screenText)
    .toContain('Invalid container name (<img src=x onerror=alert(1)>), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
  expect(await screenText()).toContain(
    "root@docker-host:~# echo '</script><script>alert(1)</script>'</script><script>alert(1)</script>",
  );
  expect(await screenText()).toContain("bash: syntax error near unexpected token `('");
  await expect(page.locator('[data-pane="kernel"]')).toContainText('<b>x');
  // Give any injected handler the chance to fire before looking for its effects.
  await page.waitForTimeout(300);
  expect(await page.locator(foreign).count()).toBe(before);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
