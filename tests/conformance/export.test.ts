// The kernel-state export against the real kernel: a Docker mode runs in the simulator, its state
// is exported as a shell script (src/scenario/exportScript.ts), the conformance harness runs that
// script on real namespaces inside a host stand-in, and the `ip -j` dumps of both sides must agree
// (MACs normalised by the harness). Needs root; skipped loudly elsewhere, never in CI.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { commitOps, createWorld, type DockerProfile, type World } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel/query';
import { exportKernelLines } from '../../src/scenario/exportScript';
import { runLine } from '../../src/shell';
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
  { name: `export-${profile}-none`, profile, lines: ['docker run --network=none -d --name none hwchiu/netutils'] },
  { name: `export-${profile}-host`, profile, lines: ['docker run --network=host -d --name host hwchiu/netutils'] },
  {
    name: `export-${profile}-bridge`,
    profile,
    lines: ['docker run --network=bridge -d --name b1 hwchiu/netutils', 'docker run -d --name b2 hwchiu/netutils'],
  },
  {
    name: `export-${profile}-container`,
    profile,
    lines: [
      'docker run -d --name bridge hwchiu/netutils',
      'docker run --network=container:bridge -d --name co hwchiu/netutils',
    ],
  },
  {
    // State, not history: a removed container leaves nothing in the script.
    name: `export-${profile}-removed`,
    profile,
    lines: [
      'docker run -d --name kept hwchiu/netutils',
      'docker run -d --name gone hwchiu/netutils',
      'docker rm -f gone',
    ],
  },
  {
    // The first container's netnsid outlives it: the script sets the kept one's id explicitly.
    name: `export-${profile}-removed-first`,
    profile,
    lines: [
      'docker run --network=none -d --name gone hwchiu/netutils',
      'docker run -d --name kept hwchiu/netutils',
      'docker rm -f gone',
    ],
  },
]);

function simulate(c: Case): World {
  let world = createWorld({ profile: c.profile, seed: 5 });
  for (const line of c.lines) {
    const r = runLine(world, line, HOST);
    if (r.status !== 0) throw new Error(`${line}: ${r.output.map((o) => o.text).join('')}`);
    world = r.world;
  }
  return world;
}

/** The exported script, with every container namespace named ctrN (the harness prefixes them). */
function toScript(c: Case, world: World): { script: Script; names: Map<string, string> } {
  const names = new Map<string, string>();
  for (const ns of Object.keys(world.kernel.netns).sort((a, b) => Number(a.slice(6)) - Number(b.slice(6))))
    if (ns !== INIT_NET) names.set(ns, `ctr${names.size + 1}`);
  const label = (ns: string): string => names.get(ns) ?? ns;
  // The stand-in host: lo up, and a bridge named ens5 holding the NIC's ifindex (a NIC cannot be made).
  const lines = ['ip link set lo up', 'ip link add ens5 type bridge', ...exportKernelLines(world, { label })].filter(
    (l) => !l.startsWith('#') && !l.startsWith('iptables'),
  );
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

/** ens5 is the simulated NIC; the real side's stand-in bridge of that name: both are left out. */
function withoutNic(where: string, status: number, stdout: string): string {
  if (where !== 'host' || status !== 0 || !stdout.trim().startsWith('[')) return stdout;
  const rows = JSON.parse(stdout) as Record<string, unknown>[];
  return JSON.stringify(rows.filter((x) => x.ifname !== 'ens5' && x.dev !== 'ens5')) + '\n';
}

function simRecord(world0: World, script: Script, names: Map<string, string>): RunRecord {
  let world = world0;
  for (const [ns, name] of names) {
    const r = commitOps(world, [{ op: 'setNetnsName', netns: ns, name }]);
    if (r.ok) world = r.world;
  }
  const dumps: DumpRecord[] = [];
  for (const where of ['host', ...script.netns]) {
    for (const what of DUMP_KINDS) {
      const cmd = dumpCommand(where, what);
      const r = runLine(world, cmd, HOST);
      const text = (fd: number) =>
        r.output
          .filter((o) => o.fd === fd)
          .map((o) => o.text)
          .join('');
      dumps.push({ where, what, cmd, status: r.status, stdout: withoutNic(where, r.status, text(1)), stderr: text(2) });
    }
  }
  return {
    script: script.name,
    lines: script.lines.map((l) => ({ line: l.text, status: 0, stdout: '', stderr: '' })),
    dumps,
  };
}

const unavailable = await realUnavailableReason();
const skip = unavailable !== undefined && !process.env.CI;
if (skip)
  console.warn(
    `\n!! EXPORT CONFORMANCE SKIPPED: ${unavailable}. The exported kernel script is NOT checked against the real kernel.\n`,
  );

describe.skipIf(skip)('conformance: the exported kernel script on the real kernel', () => {
  beforeAll(async () => {
    if (unavailable !== undefined) throw new Error(`cannot run although CI is set: ${unavailable}`);
    await sweepLeftovers(false);
  });
  afterAll(async () => {
    await sweepLeftovers(true);
  });
  CASES.forEach((c, i) => {
    it(`${c.name}: ${c.lines.join(' ; ')}`, async () => {
      const world = simulate(c);
      const { script, names } = toScript(c, world);
      const raw = await runReal(script, 950 + i);
      const real = { ...raw, dumps: raw.dumps.map((d) => ({ ...d, stdout: withoutNic(d.where, d.status, d.stdout) })) };
      expect(
        raw.lines.filter((l) => l.status !== 0),
        'every exported line must run on the real kernel',
      ).toEqual([]);
      const cmp = compareRuns(script, real, simRecord(world, script, names));
      expect(cmp.mismatches.length, formatMismatches(cmp)).toBe(0);
    }, 60_000);
  });
});
