// Browser tests of packets in the app (Debian's Chromium, built site): the Ping form types its
// command; the animation visits exactly the trace's hops, in order, in both panes (read from the
// panes' data-packet-visited log, never by timing); each fault injected from the diagram or the
// inspector types its real command and the next ping shows where it breaks. Saves screenshots of a
// packet on its way and of a drop to docs/screenshots/.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const pane = (p: Page, name: 'kernel' | 'user') => p.locator(`[data-pane="${name}"] svg.pane-svg`);
const packets = (p: Page) => p.getByRole('region', { name: 'Packets' });

async function terminalText(p: Page): Promise<string> {
  return (await p.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

async function typeLine(p: Page, line: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

/** Two bridge containers from the mode bar, as the article's third picture: bridge and bridge2. */
async function twoBridges(p: Page) {
  await p.goto('./');
  await expect(p.locator('.xterm-rows')).toContainText('root@docker-host:~#');
  await p.getByRole('button', { name: 'Add bridge container' }).click();
  await p.getByRole('button', { name: 'Add bridge container' }).click();
  await expect(pane(p, 'kernel').locator('[data-kind="container"]:not([data-leaving])')).toHaveCount(2);
}

async function key(l: Locator): Promise<string> {
  return (await l.getAttribute('data-key'))!;
}

/** The ids of the article's interfaces, read from the diagram: eth0 of each container and its host peer. */
async function topology(p: Page) {
  const k = pane(p, 'kernel');
  const eth1 = await key(k.getByRole('img', { name: /^interface eth0 \(172\.17\.0\.2\/16\)/ }));
  const eth2 = await key(k.getByRole('img', { name: /^interface eth0 \(172\.17\.0\.3\/16\)/ }));
  const docker0 = await key(k.getByRole('img', { name: /^bridge docker0/ }));
  const wires = await k.locator('[data-kind="veth"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
  const peer = (id: string) =>
    wires
      .find((w) => w.slice(5).split('|').includes(id))!
      .slice(5)
      .split('|')
      .find((x) => x !== id)!;
  const ns = async (name: string) =>
    key(k.getByRole('img', { name: `network namespace of container ${name}`, exact: true }));
  return {
    eth1,
    eth2,
    veth1: peer(eth1),
    veth2: peer(eth2),
    docker0,
    ns1: await ns('bridge'),
    ns2: await ns('bridge2'),
  };
}

async function visited(p: Page, name: 'kernel' | 'user'): Promise<string[]> {
  return ((await pane(p, name).getAttribute('data-packet-visited')) ?? '').split(' ').filter(Boolean);
}

async function ping(p: Page, from: string, to: string) {
  const form = packets(p).getByRole('form', { name: 'Ping' });
  await form.getByLabel('Ping from').selectOption({ label: from });
  await form.getByLabel('Ping to').selectOption({ label: to });
  await form.getByRole('button', { name: 'Ping' }).click();
}

test.describe('packets', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a ping between two bridge containers: the animation visits exactly the trace’s hops in both panes', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await twoBridges(page);
    const t = await topology(page);
    await packets(page).getByLabel('Packet speed').selectOption('4');
    await ping(page, 'bridge', 'bridge2 (172.17.0.3)');
    await expect
      .poll(() => terminalText(page))
      .toContain('root@docker-host:~# docker exec bridge ping -c 1 172.17.0.3');
    await expect(packets(page)).toHaveAttribute('data-packet-state', 'done', { timeout: 30_000 });

    // Derived by hand from Linux: the first contact starts with ARP (broadcast out of eth0,
    // across the veth pair, flooded by docker0, answered by bridge2's eth0 and forwarded back),
    // then the echo request goes eth0 → veth → docker0 → bridge2's eth0 and is delivered in its
    // namespace; the reply goes straight back (every MAC is known by then).
    const arp = [t.eth1, t.eth1, t.veth1, t.docker0, t.docker0, t.eth2, t.eth2, t.veth2, t.docker0, t.docker0, t.eth1];
    const request = [...arp, t.eth1, t.veth1, t.docker0, t.eth2, t.ns2];
    const reply = [t.eth2, t.eth2, t.veth2, t.docker0, t.eth1, t.ns1];
    const kernelKeys = [...request, ...reply];
    expect(await visited(page, 'kernel')).toEqual(kernelKeys);
    // The user view draws the host's veth ends as the switch's ports.
    const asPort = (k: string) => (k === t.veth1 || k === t.veth2 ? `port:${k}` : k);
    expect(await visited(page, 'user')).toEqual(kernelKeys.map(asPort));
    // The packet list: both echoes delivered.
    await expect(
      packets(page).getByRole('list', { name: 'Packets of the last command' }).getByRole('listitem'),
    ).toHaveText([
      /ICMP echo request 172\.17\.0\.2 > 172\.17\.0\.3, seq 1\s*delivered/,
      /ICMP echo reply 172\.17\.0\.3 > 172\.17\.0\.2, seq 1\s*delivered/,
    ]);
    expect(errors).toEqual([]);
  });

  test('to the outside world: MASQUERADE, the NIC and the outside in both panes; single steps back and forth', async ({
    page,
  }) => {
    await twoBridges(page);
    const t = await topology(page);
    await ping(page, 'bridge', '8.8.8.8 (outside)');
    await packets(page).getByRole('button', { name: 'Pause' }).click();
    // Walk the whole command hop by hop with the → button: each step adds exactly one key.
    const log = packets(page).locator('.hop-log');
    let steps = 0;
    for (;;) {
      const n = (await visited(page, 'kernel')).length;
      const cur = log.locator('[aria-current="step"]');
      const k = await cur.getAttribute('data-kernel-key');
      const u = await cur.getAttribute('data-user-key');
      expect((await visited(page, 'kernel')).at(-1)).toBe(k);
      expect((await visited(page, 'user')).at(-1)).toBe(u);
      const next = packets(page).getByRole('button', { name: 'Next hop' });
      if (await next.isDisabled()) break;
      await next.click();
      await expect.poll(() => visited(page, 'kernel').then((v) => v.length)).toBeGreaterThan(n);
      steps++;
    }
    const all = await visited(page, 'kernel');
    expect(all).toHaveLength(steps + 1);
    expect(all).toContain('outside');
    expect(await visited(page, 'user')).toContain('outside');
    // The reply comes back in through ens5 (conntrack undoes the NAT) and docker0 to bridge's eth0.
    await expect(log).toContainText('conntrack reverses MASQUERADE');
    expect(all.slice(-3)).toEqual([t.docker0, t.eth1, t.ns1]);
    // One step back forgets the last hop in both panes.
    await packets(page).getByRole('button', { name: 'Previous hop' }).click();
    await expect(pane(page, 'kernel')).toHaveAttribute('data-packet-at', t.eth1);
    expect((await visited(page, 'user')).at(-1)).toBe(t.eth1);
    expect(await visited(page, 'kernel')).toHaveLength(steps);
    // The request's hops show the MASQUERADE on the way out.
    await packets(page)
      .getByRole('button', { name: /^ICMP echo request/ })
      .click();
    await expect(log).toContainText('MASQUERADE: source 172.17.0.2 becomes');
  });

  test('with prefers-reduced-motion nothing plays by itself and the dot jumps, hop by hop', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await twoBridges(page);
    const t = await topology(page);
    await ping(page, 'bridge2', 'bridge (172.17.0.2)');
    await expect(packets(page)).toHaveAttribute('data-packet-state', 'paused');
    await expect(pane(page, 'kernel')).toHaveAttribute('data-packet-at', t.eth2);
    await expect(pane(page, 'kernel').locator(`[data-key="${t.eth2}"]`)).toHaveClass(/is-hop/);
    await expect(pane(page, 'user').locator(`[data-key="${t.eth2}"]`)).toHaveClass(/is-hop/);
    await packets(page).getByRole('button', { name: 'Next hop' }).click();
    await packets(page).getByRole('button', { name: 'Next hop' }).click();
    // Third hop: the ARP broadcast crosses the pair to bridge2's host end, at once (no transition).
    await expect(pane(page, 'kernel')).toHaveAttribute('data-packet-at', t.veth2);
    const box = await pane(page, 'kernel').locator(`[data-key="${t.veth2}"]`).getAttribute('transform');
    const dot = await pane(page, 'kernel').locator('.packet-dot').getAttribute('transform');
    const [bx, by] = box!.match(/[-\d.]+/g)!.map(Number);
    const [dx, dy] = dot!.match(/[-\d.]+/g)!.map(Number);
    expect(dx).toBeGreaterThan(bx);
    expect(dy).toBeGreaterThan(by);
    await expect(pane(page, 'user')).toHaveAttribute('data-packet-at', `port:${t.veth2}`);
  });

  test('fault: set a veth end down from the diagram, and the next ping is lost at the sender', async ({ page }) => {
    await twoBridges(page);
    const t = await topology(page);
    await pane(page, 'kernel').locator(`[data-key="${t.veth2}"]`).click({ button: 'right' });
    const item = page.getByRole('menu').getByRole('menuitem', { name: /^Set down/ });
    const line = (await item.locator('code').innerText()).trim();
    expect(line).toMatch(/^ip link set veth[0-9a-f]{7} down$/);
    await item.click();
    await expect.poll(() => terminalText(page)).toContain(`root@docker-host:~# ${line}`);
    await packets(page).getByLabel('Packet speed').selectOption('4');
    await ping(page, 'bridge', 'bridge2 (172.17.0.3)');
    await expect(packets(page)).toHaveAttribute('data-packet-state', 'done', { timeout: 30_000 });
    await expect.poll(() => terminalText(page)).toContain('From 172.17.0.2 icmp_seq=1 Destination Host Unreachable');
    // The broadcast reaches docker0, which cannot hand it to the port that is down: nobody answers.
    for (const name of ['kernel', 'user'] as const) {
      await expect(pane(page, name)).toHaveAttribute('data-packet-drop', 'true');
      await expect(pane(page, name)).toHaveAttribute('data-packet-at', t.eth1);
      await expect(pane(page, name).locator('.packet-caption')).toContainText(
        '✕ dropped: ARP: nobody answers for 172.17.0.3',
      );
      expect(await visited(page, name)).not.toContain(t.eth2);
    }
    await expect(packets(page).getByRole('listitem').first()).toContainText('no ARP answer');
  });

  test('fault: detach a port from the bridge in the user view; the drop shows where and why', async ({ page }) => {
    await twoBridges(page);
    const t = await topology(page);
    await pane(page, 'user').locator(`[data-key="port:${t.veth1}"]`).click({ button: 'right' });
    const item = page.getByRole('menu').getByRole('menuitem', { name: /^Detach veth[0-9a-f]{7} from docker0/ });
    const line = (await item.locator('code').innerText()).trim();
    expect(line).toMatch(/^ip link set veth[0-9a-f]{7} nomaster$/);
    await item.click();
    await expect.poll(() => terminalText(page)).toContain(`root@docker-host:~# ${line}`);
    await packets(page).getByLabel('Packet speed').selectOption('4');
    await ping(page, 'bridge', 'bridge2 (172.17.0.3)');
    await expect(packets(page)).toHaveAttribute('data-packet-state', 'done', { timeout: 30_000 });
    // The frame crosses the pair to the detached end, which hands it to no bridge: docker0 never sees it.
    for (const name of ['kernel', 'user'] as const) {
      const v = await visited(page, name);
      expect(v).not.toContain(t.docker0);
      expect(v.at(-1)).toBe(t.eth1);
      await expect(pane(page, name)).toHaveAttribute('data-packet-drop', 'true');
      await expect(pane(page, name).locator(`[data-key="${t.eth1}"]`)).toHaveClass(/is-hop-drop/);
    }
    // For the picture: no selection highlight, the pointer away, the caption's fade-in finished.
    await page.getByRole('button', { name: 'Close inspector' }).click();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.locator('.panes').screenshot({ path: `${SHOTS}6-packet-drop.png` });
  });

  test('fault: delete the default route from the inspector; the ping to the outside fails before sending', async ({
    page,
  }) => {
    await twoBridges(page);
    await pane(page, 'kernel')
      .getByRole('img', { name: /^container bridge \(/ })
      .click({ position: { x: 20, y: 12 } });
    await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Delete default route' }).click();
    await expect
      .poll(() => terminalText(page))
      .toContain('root@docker-host:~# docker exec --privileged bridge ip route del default');
    await ping(page, 'bridge', '8.8.8.8 (outside)');
    await expect.poll(() => terminalText(page)).toContain('ping: connect: Network is unreachable');
    // connect() fails in the sender's routing table, before any packet leaves: the one record
    // is a drop in bridge's own namespace, shown in both panes.
    await expect(packets(page).getByRole('listitem').first()).toContainText('no route');
    await expect(packets(page)).toHaveAttribute('data-packet-state', 'done', { timeout: 30_000 });
    for (const name of ['kernel', 'user'] as const) {
      await expect(pane(page, name)).toHaveAttribute('data-packet-drop', 'true');
    }
    // Its own subnet is still on-link: bridge2 answers.
    await ping(page, 'bridge', 'bridge2 (172.17.0.3)');
    await expect(packets(page).getByRole('listitem').first()).toContainText('delivered');
  });

  test('fault: flush the NAT rule from the host; the reply to the outside cannot come back', async ({ page }) => {
    await twoBridges(page);
    const host = pane(page, 'user').getByRole('img', { name: /^host docker-host/ });
    await host.click({ button: 'right', position: { x: 40, y: 10 } });
    await page
      .getByRole('menu')
      .getByRole('menuitem', { name: /^Flush the NAT rule/ })
      .click();
    await expect.poll(() => terminalText(page)).toContain('root@docker-host:~# iptables -t nat -F POSTROUTING');
    await packets(page).getByLabel('Packet speed').selectOption('4');
    await ping(page, 'bridge', '8.8.8.8 (outside)');
    await expect(packets(page)).toHaveAttribute('data-packet-state', 'done', { timeout: 30_000 });
    for (const name of ['kernel', 'user'] as const) {
      await expect(pane(page, name)).toHaveAttribute('data-packet-drop', 'true');
      await expect(pane(page, name)).toHaveAttribute('data-packet-at', 'outside');
      await expect(pane(page, name).locator('[data-decor="outside"]')).toHaveClass(/is-hop-drop/);
      await expect(pane(page, name).locator('.packet-caption')).toContainText('was not masqueraded');
    }
    await expect(packets(page).locator('.hop-log')).not.toContainText('MASQUERADE');
    await expect(packets(page).locator('.hop-log')).toContainText('was not masqueraded');
  });

  test('screenshot: an echo request on its way through docker0', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await twoBridges(page);
    // Second ping: ARP is cached, so the request goes eth0 → veth → docker0 → bridge2.
    await typeLine(page, 'docker exec bridge ping -c 1 172.17.0.3');
    await expect(packets(page).getByRole('listitem').first()).toContainText('delivered');
    await ping(page, 'bridge', 'bridge2 (172.17.0.3)');
    const log = packets(page).locator('.hop-log');
    await log.getByRole('button', { name: 'Show hop 4' }).click();
    await expect(log.locator('[aria-current="step"]')).toContainText('docker0 forwards to port');
    await page.mouse.move(0, 0);
    await page.locator('.panes').screenshot({ path: `${SHOTS}5-packet-on-its-way.png` });
  });
});
