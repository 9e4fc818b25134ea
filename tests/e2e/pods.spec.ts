// Browser test of the presets and the NAT & filter overlay: the Pod preset types kubelet's
// dockershim lines and the user view draws one pod outline around the three containers; the
// overlay, off at first, marks the host's netfilter hooks in the kernel view and in the text twin;
// the CNI preset adds cni0 beside docker0. Saves docs/screenshots/pods.png (owned by this spec).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const kernel = (p: Page) => p.locator('[data-pane="kernel"]');
const user = (p: Page) => p.locator('[data-pane="user"]');
const live = (pane: ReturnType<typeof kernel>, kind: string) =>
  pane.locator(`[data-kind="${kind}"]:not([data-leaving])`);

/** axe-core's violations of the page as it is (the same rule tags as tests/e2e/a11y.spec.ts). */
async function axe(page: Page): Promise<string[]> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const r = await new AxeBuilder({ page }).withTags(tags).analyze();
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function terminalText(p: Page): Promise<string> {
  return (await p.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

test.describe('presets and the NAT & filter overlay', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('the Pod preset draws one pod; the overlay shows the hooks; the CNI preset adds cni0', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./');
    await expect(page.locator('.xterm-rows')).toContainText('root@docker-host:~#');

    // Off by default, as in the article.
    const nat = page.getByRole('checkbox', { name: 'NAT & filter' });
    await expect(nat).not.toBeChecked();
    await expect(live(kernel(page), 'hook')).toHaveCount(0);

    const pod = page.getByRole('button', { name: 'Pod', exact: true });
    await pod.click();
    await expect(live(user(page), 'pod')).toHaveCount(1);
    // Once there, the preset would only fail on its first line: it waits for undo or reset.
    await expect(pod).toBeDisabled();
    await expect(
      user(page).getByRole('img', { name: /^pod web in Kubernetes namespace default: pause, nginx, tools$/ }),
    ).toBeVisible();
    await expect(live(user(page), 'container')).toHaveCount(3);
    // Typed as lines in the terminal, the sandbox first.
    expect(await terminalText(page)).toContain('docker run -d --name k8s_POD_web_default_');

    await nat.check();
    await expect(live(kernel(page), 'hook')).toHaveCount(4);
    await expect(
      kernel(page).getByRole('img', { name: /^netfilter hook nat POSTROUTING \(MASQUERADE\): 1 rule$/ }),
    ).toBeVisible();
    await expect(page.locator('.twin')).toContainText("netfilter hooks of the host's network namespace");

    await page.waitForTimeout(700);
    await page.locator('.panes').screenshot({ path: `${SHOTS}pods.png` });
    // The pod outline and the hook markers keep the page accessible, in both themes.
    expect(await axe(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.waitForTimeout(700);
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: 'CNI pods', exact: true }).click();
    await expect(kernel(page).getByRole('img', { name: 'bridge cni0 (10.244.0.1/24)', exact: true })).toBeVisible();
    await expect(live(kernel(page), 'bridge')).toHaveCount(2);

    await nat.uncheck();
    await expect(live(kernel(page), 'hook')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
