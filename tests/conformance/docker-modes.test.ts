// Docker modes against the real kernel: `docker run` lines run in the simulator; the kernel
// operations the engine planned (world.lastOps, after docker0's own boot operations) become ip
// commands through src/shell/equivalent.ts and are replayed on real namespaces by the conformance
// harness; the two `ip -j` dumps must agree. Needs root; skipped loudly elsewhere, never in CI.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { daemonBridgeOps } from '../../src/docker/daemon';
import { createWorld, commitOps, type DockerProfile, type World } from '../../src/docker/world';
import type { KernelOp } from '../../src/kernel';
import { runLine } from '../../src/shell';
import { equivalentCommand } from '../../src/shell/equivalent';
import type { ExecContext } from '../../src/shell/types';
import { compareRuns, formatMismatches } from './compare';
import { realUnavailableReason, runReal, sweepLeftovers } from './real';
import { DUMP_KINDS, dumpCommand, type DumpRecord, type RunRecord, type Script } from './script';

const HOST: ExecContext = { netns: 'netns:0', toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

interface Case {
  name: string;
  profile: DockerProfile;
  lines: string[];
}

const CASES: Case[] = (['classic', 'current'] as const).flatMap((profile) => [
  { name: `docker-${profile}-none`, profile, lines: ['docker run --network=none -d --name none hwchiu/netutils'] },
  {
    name: `docker-${profile}-bridge`,
    profile,
    lines: ['docker run --network=bridge -d --name b1 hwchiu/netutils', 'docker run -d --name b2 hwchiu/netutils'],
  },
  {
    name: `docker-${profile}-container`,
    profile,
    lines: [
      'docker run -d --name bridge hwchiu/netutils',
      'docker run --network=container:bridge -d --name co hwchiu/netutils',
      'docker run --network=host -d --name host hwchiu/netutils',
    ],
  },
]);

/** Runs a case in the simulator; returns the world and the ops Docker planned, in order. */
function simulate(c: Case): { world: World; ops: KernelOp[] } {
  let world = createWorld({ profile: c.profile, seed: 3 });
  const ops: KernelOp[] = [...daemonBridgeOps(world)];
  for (const line of c.lines) {
    world = { ...world, lastOps: [] };
    const r = runLine(world, line, HOST);
    if (r.status !== 0) throw new Error(`${line}: ${r.output.map((o) => o.text).join('')}`);
    world = r.world;
    ops.push(...world.lastOps);
  }
  return { world, ops };
}

/**
 * The real-side script: the host's boot (lo up; a bridge standing in for the NIC ens5 so that
 * ifindex numbering matches), then each planned op as an ip command.
 */
function toScript(c: Case, ops: KernelOp[]): { script: Script; names: Map<string, string> } {
  const names = new Map<string, string>();
  for (const op of ops) if (op.op === 'addNetns' && op.netns) names.set(op.netns, `ctr${names.size + 1}`);
  const label = (ns: string): string => names.get(ns) ?? ns;
  const lines = [
    'ip link set lo up',
    'ip link add ens5 type bridge',
    ...ops.map((op) => equivalentCommand(op, label)).filter((x): x is string => x !== undefined),
  ];
  return {
    names,
    script: {
      name: c.name,
      about: c.lines.join(' ; '),
      netns: [...names.values()],
      lines: lines.map((text, i) => ({ text, lineNo: i + 1, compareStdout: false, unordered: false })),
    },
  };
}

/** The simulator's record: the lines all succeeded (the engine committed them); dumps through the shell's ip. */
function simRecord(world0: World, script: Script, names: Map<string, string>): RunRecord {
  let world = world0;
  for (const [ns, name] of names) {
    if (!world.kernel.netns[ns]) continue;
    const r = commitOps(world, [{ op: 'setNetnsName', netns: ns, name }]);
    if (r.ok) world = r.world;
  }
  const dumps: DumpRecord[] = [];
  for (const where of ['host', ...script.netns]) {
    for (const what of DUMP_KINDS) {
      const cmd = dumpCommand(where, what);
      const r = runLine(world, cmd, HOST);
      let stdout = r.output
        .filter((o) => o.fd === 1)
        .map((o) => o.text)
        .join('');
      const stderr = r.output
        .filter((o) => o.fd === 2)
        .map((o) => o.text)
        .join('');
      stdout = withoutNic(where, r.status, stdout);
      dumps.push({ where, what, cmd, status: r.status, stdout, stderr });
    }
  }
  return {
    script: script.name,
    lines: script.lines.map((l) => ({ line: l.text, status: 0, stdout: '', stderr: '' })),
    dumps,
  };
}

/** ens5 is the simulated host's physical NIC; the real side has a bridge of that name holding its ifindex: both are left out. */
function withoutNic(where: string, status: number, stdout: string): string {
  if (where !== 'host' || status !== 0 || !stdout.trim().startsWith('[')) return stdout;
  const rows = JSON.parse(stdout) as Record<string, unknown>[];
  return JSON.stringify(rows.filter((x) => x.ifname !== 'ens5' && x.dev !== 'ens5')) + '\n';
}

const unavailable = await realUnavailableReason();
const skip = unavailable !== undefined && !process.env.CI;
if (skip)
  console.warn(
    `\n!! DOCKER-MODES CONFORMANCE SKIPPED: ${unavailable}. The engine's plans are NOT checked against the real kernel.\n`,
  );

describe.skipIf(skip)('conformance: Docker modes replayed on the real kernel', () => {
  beforeAll(async () => {
    if (unavailable !== undefined) throw new Error(`cannot run although CI is set: ${unavailable}`);
    await sweepLeftovers(false);
  });
  afterAll(async () => {
    await sweepLeftovers(true);
  });
  CASES.forEach((c, i) => {
    it(`${c.name}: ${c.lines.join(' ; ')}`, async () => {
      const { world, ops } = simulate(c);
      const { script, names } = toScript(c, ops);
      const raw = await runReal(script, 900 + i);
      const real = { ...raw, dumps: raw.dumps.map((d) => ({ ...d, stdout: withoutNic(d.where, d.status, d.stdout) })) };
      const failed = raw.lines.filter((l) => l.status !== 0);
      expect(failed, 'every planned op must be a valid command on the real kernel').toEqual([]);
      const cmp = compareRuns(script, real, simRecord(world, script, names));
      expect(cmp.mismatches.length, formatMismatches(cmp)).toBe(0);
    }, 60_000);
  });
});
