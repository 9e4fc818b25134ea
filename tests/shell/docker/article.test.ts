// The source article's commands, in order, run headless on a classic (Docker 24) host: the
// transcript must be the article's (golden/article.txt, copied from the article), except for
// what is random or host-specific, which normalise() masks on both sides alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/docker/world';
import { commitOps } from '../../../src/docker/world';
import { INIT_NET } from '../../../src/kernel';
import { runLine } from '../../../src/shell';
import type { ExecContext } from '../../../src/shell/types';

const HOST: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

/** The article's blocks: each `$ command` with the lines it printed. */
function blocks(text: string): { cmd: string; out: string }[] {
  const out: { cmd: string; out: string }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) continue;
    if (line.startsWith('$ ')) out.push({ cmd: line.slice(2), out: '' });
    else if (out.length) out[out.length - 1]!.out += line + '\n';
  }
  return out;
}

/** Masks what differs between hosts and runs; the article's markdown also lost tabs and trailing blanks. */
function normalise(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^[0-9a-f]{64}$/.test(l)) // `docker run -d` prints the new id (the article omits it)
    .map((l) =>
      l
        .replace(/\r$/, '')
        .replace(/[^\t]*\t/g, (cell) => cell.slice(0, -1).padEnd(Math.ceil(cell.length / 8) * 8, ' ')) // tabs to 8-column stops
        .replace(/8000\.[0-9a-f]{12}/g, '8000.<mac>')
        .replace(/veth[0-9a-f]{7}/g, 'veth<hex>')
        .replace(/(link\/ether) (?!02:42:ac)[0-9a-f:]{17}/g, '$1 <mac>')
        .replace(/(RX|TX) packets:\d+/g, '$1 packets:N')
        .replace(/(RX|TX) bytes:\d+ \([^)]*\)/g, '$1 bytes:N')
        .replace(/\s+$/, ''),
    )
    .join('\n')
    .replace(/\n+$/, '');
}

/**
 * The article's host had made and destroyed many interfaces before (its veth pair got ifindex
 * 182/183); replaying that history (89 veth pairs made and deleted) reproduces the numbers.
 */
function busyHost(): World {
  let w = createWorld({ profile: 'classic' });
  for (let i = 0; i < 89; i++) {
    const r = commitOps(w, [
      { op: 'addVethPair', netns: INIT_NET, name: 'old-a', peer: 'old-b' },
      { op: 'delLink', netns: INIT_NET, name: 'old-a' },
    ]);
    if (!r.ok) throw new Error('history replay failed');
    w = r.world;
  }
  return { ...w, lastOps: [] };
}

describe('the article, replayed', () => {
  const golden = blocks(readFileSync(new URL('./golden/article.txt', import.meta.url), 'utf8'));
  let world = busyHost();
  const results: { cmd: string; got: string; want: string }[] = [];
  for (const b of golden) {
    let line = b.cmd;
    // The host veth's name is random: grep for the one this run made.
    if (line.startsWith('brctl show | grep veth')) {
      const c = Object.values(world.docker.containers).find((x) => x.name === 'bridge');
      line = `brctl show | grep ${c?.endpoint?.hostVeth ?? 'veth?'}`;
    }
    world = { ...world, clock: world.clock + 5000, lastOps: [] };
    const r = runLine(world, line, { ...HOST });
    world = r.world;
    results.push({ cmd: b.cmd, got: r.output.map((o) => o.text).join(''), want: b.out });
  }
  for (const r of results) {
    it(`prints what the article prints for: ${r.cmd}`, () => {
      expect(normalise(r.got)).toBe(normalise(r.want));
    });
  }
});
