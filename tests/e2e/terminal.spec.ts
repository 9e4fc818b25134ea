// Browser test of the live terminal: `ping` without -c prints one reply a second until Ctrl+C,
// then ^C and iputils' statistics (layout of iputils 20221126 on Debian 12); the prompt stays
// away while it runs; undo, redo and a reload (the autosaved lines replayed) give the same world,
// seen through the container's eth0 counters. A background tcpdump prints later lines' frames.
import { expect, test, type Page } from '@playwright/test';

const rows = (p: Page) => p.locator('.xterm-rows');

async function terminalText(p: Page): Promise<string> {
  return (await rows(p).innerText()).replace(/\u00a0/g, ' ');
}

async function typeLine(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

/** The container's eth0 TX counters, printed by a line that changes nothing. */
async function counters(p: Page, tag: string): Promise<string> {
  await typeLine(p, `echo ${tag}=$(docker exec c1 ip -s link show eth0 | tail -1)`);
  const re = new RegExp(`${tag}=([0-9 ]+?)\\s*\\n`);
  await expect.poll(async () => re.exec(await terminalText(p))?.[1] ?? null).not.toBeNull();
  return re.exec(await terminalText(p))![1]!;
}

test.describe('live terminal', () => {
  // The ping runs in real time (a second per reply) and the first test reloads the page: more
  // than the default 30 s on a busy machine. A limit, not a measurement.
  test.describe.configure({ timeout: 120_000 });
  test('ping until Ctrl+C, then undo, redo and replay give the same world', async ({ page }) => {
    await page.goto('./');
    await expect(rows(page)).toContainText('root@docker-host:~#');
    await typeLine(page, 'docker run -d --name c1 hwchiu/netutils');
    await expect(rows(page)).toContainText(/[0-9a-f]{64}/);
    const before = await counters(page, 'BEFORE');

    await typeLine(page, 'ping 172.17.0.2');
    await expect(rows(page)).toContainText('PING 172.17.0.2 (172.17.0.2) 56(84) bytes of data.');
    await expect(rows(page)).toContainText('icmp_seq=1 ttl=64');
    // Replies keep coming, one a second, and no prompt comes back meanwhile.
    await expect(rows(page)).toContainText('icmp_seq=3 ttl=64', { timeout: 8000 });
    const running = (await terminalText(page)).trimEnd().split('\n');
    expect(running.at(-1)).toMatch(/^64 bytes from 172\.17\.0\.2: icmp_seq=\d+ ttl=64 time=[\d.]+ ms$/);
    expect(await terminalText(page)).not.toContain('statistics');

    await page.keyboard.press('Control+c');
    await expect(rows(page)).toContainText('--- 172.17.0.2 ping statistics ---');
    const text = await terminalText(page);
    expect(text).toMatch(/\^C\s*\n--- 172\.17\.0\.2 ping statistics ---/);
    const m = /(\d+) packets transmitted, (\d+) received, 0% packet loss, time \d+ms/.exec(text);
    expect(m).not.toBeNull();
    const sent = Number(m![1]);
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(Number(m![2])).toBe(sent);
    // As many reply lines as the statistics count.
    expect(text.match(/icmp_seq=/g)).toHaveLength(sent);
    await expect(rows(page)).toContainText(/statistics[\s\S]*rtt min\/avg\/max\/mdev[\s\S]*root@docker-host:~#/);

    const after = await counters(page, 'AFTER');
    expect(after).not.toBe(before);

    // Undo and redo move through history (Ctrl+Z and Ctrl+Shift+Z in the terminal).
    await page.locator('.xterm').click();
    await page.keyboard.press('Control+z');
    expect(await counters(page, 'UNDONE')).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    expect(await counters(page, 'REDONE')).toBe(after);

    // The autosaved lines carry when Ctrl+C came; a reload replays them to the same world.
    const saved = await page.evaluate(() => localStorage.getItem('netns-lab:autosave'));
    expect(saved).toMatch(/ping 172\.17\.0\.2 # \^C after \d+ ms/);
    await page.reload();
    await expect(rows(page)).toContainText('root@docker-host:~#');
    expect(await counters(page, 'REPLAYED')).toBe(after);
  });

  test('ping -c 3 paces its replies and gives the prompt back by itself', async ({ page }) => {
    await page.goto('./');
    await typeLine(page, 'docker run -d --name c1 hwchiu/netutils');
    await expect(rows(page)).toContainText(/[0-9a-f]{64}/);
    await typeLine(page, 'ping -c 3 172.17.0.2');
    await expect(rows(page)).toContainText('icmp_seq=1 ttl=64');
    await expect(rows(page)).toContainText('3 packets transmitted, 3 received, 0% packet loss', { timeout: 8000 });
    const text = await terminalText(page);
    expect(text).not.toContain('^C');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^root@docker-host:~#/);
  });

  // bash's job lines and tcpdump's formats as real bash 5.2 and tcpdump 4.99 print them
  // (captured in an interactive bash; see tests/shell/jobs.test.ts).
  test("tcpdump -c 2 in the background prints the next ping's frames, then Done", async ({ page }) => {
    await page.goto('./');
    await typeLine(page, 'docker run -d --name c1 hwchiu/netutils');
    await expect(rows(page)).toContainText(/[0-9a-f]{64}/);
    await typeLine(page, 'tcpdump -i docker0 -n -c 2 &');
    await expect(rows(page)).toContainText(/\[1\] \d+/);
    await expect(rows(page)).toContainText('listening on docker0, link-type EN10MB (Ethernet)');
    await typeLine(page, 'ping -c 1 172.17.0.2');
    await expect(rows(page)).toContainText('ARP, Request who-has 172.17.0.2 tell 172.17.0.1, length 28');
    await expect(rows(page)).toContainText(/ARP, Reply 172\.17\.0\.2 is-at [0-9a-f:]{17}, length 28/);
    await expect(rows(page)).toContainText('2 packets captured');
    await expect(rows(page)).toContainText(/\[1\]\+ +Done +tcpdump -i docker0 -n -c 2/);
    const text = await terminalText(page);
    expect(text).toMatch(/\d{2}:\d{2}:\d{2}\.\d{6} ARP, Request who-has/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^root@docker-host:~#/);
  });
});
