// Browser test of what lies beyond the article, typed into the app's terminal in both Docker
// profiles: a user-defined network (its br- bridge drawn, names resolved by the embedded DNS,
// Docker's resolv.conf inside), a published port reached through DNAT with its nat rule, and the
// second publish of the same port refused with the profile's error. Expected texts are those of
// the shell goldens (recorded from real iptables and Docker's sources), not of this page.
import { expect, test, type Page } from '@playwright/test';

const rows = (p: Page) => p.locator('.xterm-rows');
const kernel = (p: Page) => p.locator('[data-pane="kernel"]');

async function terminalText(p: Page): Promise<string> {
  return (await rows(p).innerText()).replace(/\u00a0/g, ' ');
}

/** Types a line and waits until the prompt is back on the last line (its output is complete). */
async function run(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
  await expect
    .poll(async () => (await terminalText(p)).trimEnd().split('\n').at(-1)?.trimEnd())
    .toBe('root@docker-host:~#');
}

for (const profile of ['classic', 'current'] as const) {
  test(`user-defined network, DNS and a published port, ${profile} profile`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('./');
    await expect(rows(page)).toContainText('root@docker-host:~#');
    await page.getByRole('combobox', { name: /Docker profile/ }).selectOption(profile);

    await run(page, 'docker network create mynet');
    await expect(kernel(page).getByRole('img', { name: /^bridge br-[0-9a-f]{12} \(172\.18\.0\.1\/16\)$/ })).toHaveCount(
      1,
    );
    await run(page, 'docker run -d --network mynet --name web -p 8080:80 nginx');
    await run(page, 'docker run -d --network mynet --name cli hwchiu/netutils');
    await run(page, 'clear');
    await run(page, 'docker exec cli ping -c 1 web');
    await expect(rows(page)).toContainText('64 bytes from web (172.18.0.2): icmp_seq=1 ttl=64');
    await expect(rows(page)).toContainText('1 packets transmitted, 1 received, 0% packet loss');
    await run(page, 'docker exec web cat /etc/resolv.conf');
    await expect(rows(page)).toContainText('nameserver 127.0.0.11');

    await run(page, 'clear');
    await run(page, "curl -s -o /dev/null -w '%{http_code}\\n' 172.31.23.142:8080");
    expect((await terminalText(page)).split('\n').map((l) => l.trimEnd())).toContain('200');
    await run(page, 'iptables -t nat -S DOCKER');
    await expect(rows(page)).toContainText(
      /-A DOCKER ! -i br-[0-9a-f]{12} -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172\.18\.0\.2:80/,
    );

    await run(page, 'clear');
    await run(page, 'docker run -d --name web2 -p 8080:80 nginx');
    await expect(rows(page)).toContainText('Bind for 0.0.0.0:8080 failed: port is already allocated');
    if (profile === 'current') await expect(rows(page)).toContainText('failed to set up container networking');
    expect(errors).toEqual([]);
  });
}
