// Browser test of the third companion lab typed into the app's terminal: a `none` container is
// wired by hand through Docker's namespace (found by its SandboxID under /var/run/netns, which
// `ln -s` makes a link to /var/run/docker/netns). The kernel view then draws c1's eth0 and the
// hwchiu0 bridge, the host pings the container, and undoing `ln -s` removes the link again.
import { expect, test, type Page } from '@playwright/test';

const rows = (p: Page) => p.locator('.xterm-rows');
const kernel = (p: Page) => p.locator('[data-pane="kernel"]');

async function terminalText(p: Page): Promise<string> {
  return (await rows(p).innerText()).replace(/\u00a0/g, ' ');
}

async function typeLine(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

/** Types a line and waits until the prompt is back on the last line (its output is complete). */
async function run(p: Page, line: string) {
  await typeLine(p, line);
  await expect
    .poll(async () => (await terminalText(p)).trimEnd().split('\n').at(-1)?.trimEnd())
    .toBe('root@docker-host:~#');
}

test.describe('third companion lab', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('wires a none container by hand through /var/run/netns and pings it', async ({ page }) => {
    // About twenty typed lines and a dozen undo steps: more than the default 30 s on a busy machine.
    test.setTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./');
    await expect(rows(page)).toContainText('root@docker-host:~#');
    await run(page, 'docker run --privileged -d --network=none --name c1 hwchiu/netutils');
    await run(page, 'brctl addbr hwchiu0');
    await run(page, 'ifconfig hwchiu0 up');
    await run(page, 'ip link add dev c1-eth0 type veth');
    await run(page, 'ln -s /var/run/docker/netns /var/run/netns');
    await run(page, 'ls -l /var/run/netns');
    await expect(rows(page)).toContainText('/var/run/netns -> /var/run/docker/netns');
    await run(
      page,
      "ip link set c1-eth0 netns $(docker inspect c1 --format '{{.NetworkSettings.SandboxID}}' | cut -c1-12) name eth0",
    );
    await run(page, 'ip netns ls');
    // The namespace is listed by the SandboxID's first 12 hex, with the nsid the host gave it.
    await expect(rows(page)).toContainText(/[0-9a-f]{12} \(id: 0\)/);
    await run(page, 'brctl addif hwchiu0 veth0');
    await run(page, 'ifconfig veth0 up');
    await run(page, 'docker exec c1 ifconfig eth0 10.55.66.2 netmask 255.255.255.0 up');
    await run(page, 'ifconfig hwchiu0 10.55.66.1 netmask 255.255.255.0 up');
    await run(page, 'ping -c 1 10.55.66.2');
    await expect(rows(page)).toContainText('1 packets transmitted, 1 received, 0% packet loss');

    // The kernel view draws eth0 inside c1's namespace and the bridge on the host.
    await expect(kernel(page).getByRole('img', { name: /^interface eth0 \(10\.55\.66\.2\/24\) in / })).toHaveCount(1);
    await expect(kernel(page).getByRole('img', { name: /^bridge hwchiu0 \(10\.55\.66\.1\/24\)/ })).toHaveCount(1);

    // `ln -s` changed the world like any command, so it has its own step in history: undo
    // (Ctrl+Z) step by step until the link is gone; the veth made before it must still be there.
    let undos = 0;
    while (undos < 12) {
      await page.keyboard.press('Control+z');
      undos++;
      await run(page, 'ls -l /var/run/netns');
      if ((await terminalText(page)).includes("ls: cannot access '/var/run/netns': No such file or directory")) break;
    }
    await run(page, 'ip -br link show c1-eth0');
    await expect(rows(page)).toContainText(/c1-eth0@veth0 +DOWN/);
    expect(errors).toEqual([]);
  });
});
