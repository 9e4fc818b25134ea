// tests/shell/trafficWorld.ts — the topology the traffic tools' tests share, built by kernel ops:
// a booted Docker host (docker0 172.17.0.1/16, ens5 to the outside), two bridge containers
// (netns:1 = 172.17.0.2, netns:2 = 172.17.0.3) and a none-mode namespace (netns:3, lo only).
// It mirrors the throwaway namespaces the expected texts were captured in on a real host.
import { commitOps, createWorld, type World } from '../../src/docker/world';
import { INIT_NET, type KernelOp } from '../../src/kernel';
import { runLine } from '../../src/shell';
import type { Toolset } from '../../src/shell/types';

export function trafficWorld(extra: KernelOp[] = []): World {
  const H = INIT_NET;
  const ops: KernelOp[] = [];
  for (const [n, ip] of [
    [1, '172.17.0.2'],
    [2, '172.17.0.3'],
  ] as const) {
    const ns = `netns:${n}`;
    ops.push(
      { op: 'addNetns', netns: ns },
      { op: 'setLink', netns: ns, name: 'lo', up: true },
      { op: 'addVethPair', netns: H, name: `veth${n}`, peer: 'tmp' },
      { op: 'setLink', netns: H, name: 'tmp', toNetns: ns, rename: 'eth0' },
      { op: 'addAddr', netns: ns, dev: 'eth0', family: 4, local: ip, prefixlen: 16 },
      { op: 'setLink', netns: ns, name: 'eth0', up: true },
      { op: 'addRoute', netns: ns, dst: 'default', gateway: '172.17.0.1' },
      { op: 'setLink', netns: H, name: `veth${n}`, master: 'docker0', up: true },
    );
  }
  ops.push({ op: 'addNetns', netns: 'netns:3' }, { op: 'setLink', netns: 'netns:3', name: 'lo', up: true }, ...extra);
  const r = commitOps(createWorld({ seed: 4 }), ops);
  if (!r.ok) throw new Error(`setup failed at step ${r.step}: ${r.error.errno}`);
  return { ...r.world, lastOps: [] };
}

/** Runs one line in a namespace and splits what it wrote. */
export function run(world: World, line: string, netns = 'netns:1', toolset: Toolset = 'netutils') {
  const r = runLine(world, line, { netns, toolset, hostname: 'c', env: {}, history: [] });
  const pick = (fd: 1 | 2) =>
    r.output
      .filter((c) => c.fd === fd)
      .map((c) => c.text)
      .join('');
  return { out: pick(1), err: pick(2), status: r.status, world: r.world };
}
