// Golden test for ifconfig (net-tools 2.10 and BusyBox), route, brctl, bridge link and sysctl:
// golden/nettools/capture.sh built one namespace on a real kernel and recorded each tool's output
// in golden/nettools/nettools.golden. Here the same setup is made with kernel ops, the same
// command lines go through the simulator's shell, and every recorded section must match byte for byte.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitOps, createWorld, type World } from '../../../src/docker/world';
import { INIT_NET, type KernelOp } from '../../../src/kernel';
import { runLine, type ExecContext, type Toolset } from '../../../src/shell';

const GOLDEN = fileURLToPath(new URL('../golden/nettools/nettools.golden', import.meta.url));

interface Section {
  line: string;
  output: string;
  status: number;
}

/** Splits the capture into `$ line` / output / `[status N]` sections. */
function sections(text: string): Section[] {
  const out: Section[] = [];
  const re = /^\$ (.*)\n([\s\S]*?)\[status (\d+)\]\n/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ line: m[1]!, output: m[2]!, status: Number(m[3]) });
  return out;
}

const ns = INIT_NET;
const ctx = (toolset: Toolset): ExecContext => ({ netns: ns, toolset, hostname: 'h', env: {}, history: [] });

function must(w: World, ops: KernelOp[]): World {
  const r = commitOps(w, ops);
  if (!r.ok) throw new Error(`setup failed: ${r.error.errno}`);
  return r.world;
}

// capture.sh's `q` lines, as kernel ops, keyed by the recorded line they come just before.
const setupBefore: Record<string, KernelOp[]> = {
  'ifconfig -a': [
    { op: 'addVethPair', netns: ns, name: 'veth0', peer: 'veth1' },
    { op: 'addLink', netns: ns, name: 'br0', kind: 'bridge' },
    { op: 'addLink', netns: ns, name: 'brx', kind: 'bridge' },
    ...['veth0', 'veth1', 'br0', 'brx'].map((dev): KernelOp => ({
      op: 'setSysctl',
      netns: ns,
      key: 'disable_ipv6',
      value: true,
      dev,
    })),
    { op: 'setLink', netns: ns, name: 'veth0', mac: '02:00:00:00:00:0a' },
    { op: 'setLink', netns: ns, name: 'veth1', mac: '02:00:00:00:00:0b' },
    { op: 'setLink', netns: ns, name: 'br0', mac: '02:00:00:00:00:b0' },
    { op: 'setLink', netns: ns, name: 'brx', mac: '02:00:00:00:00:c0' },
  ],
  'ifconfig -a#2': [
    { op: 'addAddr', netns: ns, dev: 'br0', family: 4, local: '192.168.9.1', prefixlen: 24 },
    { op: 'setLink', netns: ns, name: 'br0', up: true },
  ],
  'route -n': [
    { op: 'addRoute', netns: ns, dst: 'default', gateway: '10.55.66.1' },
    { op: 'addRoute', netns: ns, dst: '10.99.0.0/16', dev: 'veth1', metric: 100 },
    { op: 'addRoute', netns: ns, dst: '172.16.5.5/32', gateway: '10.55.66.1' },
  ],
};

describe('net-tools, BusyBox, bridge-utils, bridge and sysctl against a real capture', () => {
  const recorded = sections(readFileSync(GOLDEN, 'utf8'));
  let world = createWorld({ seed: 7, docker: false });
  const seen = new Map<string, number>();
  const cases: { line: string; toolset: Toolset; expected: Section; actual?: Section }[] = [];
  for (const s of recorded) {
    const n = (seen.get(s.line) ?? 0) + 1;
    seen.set(s.line, n);
    const key = n === 1 ? s.line : `${s.line}#${n}`;
    if (setupBefore[key]) world = must(world, setupBefore[key]!);
    // `ip …` belongs to the iproute2 tool, tested elsewhere; it only shows the state here.
    if (s.line.startsWith('ip ')) continue;
    const busybox = s.line.startsWith('busybox ');
    const line = busybox ? s.line.slice('busybox '.length) : s.line;
    const r = runLine(world, line, ctx(busybox ? 'busybox' : 'host'));
    world = r.world;
    cases.push({
      line: key,
      toolset: busybox ? 'busybox' : 'host',
      expected: s,
      actual: { line: s.line, output: r.output.map((c) => c.text).join(''), status: r.status },
    });
  }

  it('replays the whole capture', () => {
    expect(recorded.length).toBeGreaterThan(50);
  });
  for (const c of cases) {
    it(`${c.toolset === 'busybox' ? 'busybox ' : ''}${c.line.replace(/^busybox /, '')}`, () => {
      expect(c.actual!.output).toBe(c.expected.output);
      expect(c.actual!.status).toBe(c.expected.status);
    });
  }
});
