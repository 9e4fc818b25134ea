// User-defined networks, `docker network connect`, the pod preset and the CNI preset against the
// real kernel. Docker lines run in the simulator and the kernel operations the engine planned
// (world.lastOps) are replayed as ip commands (src/shell/equivalent.ts) on real namespaces; the
// CNI preset is ip lines already and is replayed as it is. The `ip -j` dumps of both sides must
// agree. Needs root; skipped loudly elsewhere, never in CI. Reuses the harness unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemonBridgeOps } from '../../src/docker/daemon';
import { commitOps, createWorld, type World } from '../../src/docker/world';
import type { KernelOp } from '../../src/kernel';
import { CNI_PRESET, POD_PRESET } from '../../src/scenario/presets';
import { runLine } from '../../src/shell';
import { equivalentCommand } from '../../src/shell/equivalent';
import type { ExecContext } from '../../src/shell/types';
import { compareRuns, formatMismatches } from './compare';
import { realUnavailableReason, runReal, sweepLeftovers } from './real';
import { DUMP_KINDS, dumpCommand, type DumpRecord, type RunRecord, type Script } from './script';
import { loadSimulator, runSim } from './sim';

const HOST: ExecContext = { netns: 'netns:0', toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

interface DockerCase {
  name: string;
  lines: readonly string[];
  /** Something the replayed script must hold, so the case checks what it is named after. */
  holds: RegExp;
}

const DOCKER_CASES: DockerCase[] = [
  {
    // Two containers on one user-defined network, a third on the default bridge that is then
    // connected to the user network too: its second interface is eth1.
    name: 'user-network-connect',
    lines: [
      'docker network create mynet',
      'docker run -d --network mynet --name a1 hwchiu/netutils',
      'docker run -d --network mynet --name a2 hwchiu/netutils',
      'docker run -d --name c1 hwchiu/netutils',
      'docker network connect mynet c1',
    ],
    holds: /ip netns exec ctr3 ip link set \S+ name eth1\b/,
  },
  // The pause container owns the only namespace; the two joined containers add no link.
  { name: 'pod-preset', lines: POD_PRESET.lines, holds: /^ip netns add ctr1\n(?![\s\S]*ip netns add)/m },
];

function text(r: { output: { fd: number; text: string }[] }, fd: number): string {
  return r.output
    .filter((o) => o.fd === fd)
    .map((o) => o.text)
    .join('');
}

/** Runs the lines in the simulator (classic profile, seed 3); the world and the ops Docker planned, in order. */
function simulate(lines: readonly string[]): { world: World; ops: KernelOp[] } {
  let world = createWorld({ profile: 'classic', seed: 3 });
  const ops: KernelOp[] = [...daemonBridgeOps(world)];
  for (const line of lines) {
    world = { ...world, lastOps: [] };
    const r = runLine(world, line, HOST);
    if (r.status !== 0) throw new Error(`${line}: ${text(r, 2)}`);
    world = r.world;
    ops.push(...world.lastOps);
  }
  return { world, ops };
}

/** The real-side script: lo up, a bridge standing in for ens5 (so ifindexes match), then each op as an ip command. */
function toScript(c: DockerCase, ops: KernelOp[]): { script: Script; names: Map<string, string> } {
  const names = new Map<string, string>();
  for (const op of ops) if (op.op === 'addNetns' && op.netns) names.set(op.netns, `ctr${names.size + 1}`);
  const label = (ns: string): string => names.get(ns) ?? ns;
  const lines = [
    'ip link set lo up',
    'ip link add ens5 type bridge',
    // Only the plumbing is compared (ip dumps): the firewall ops of a user network assume the
    // daemon's chains, which this stand-in host never made, so their iptables lines are left out.
    ...ops
      .map((op) => equivalentCommand(op, label))
      .filter((x): x is string => x !== undefined && !x.startsWith('iptables')),
  ];
  return {
    names,
    script: {
      name: c.name,
      about: c.lines.join(' ; '),
      netns: [...names.values()],
      lines: lines.map((t, i) => ({ text: t, lineNo: i + 1, compareStdout: false, unordered: false })),
    },
  };
}

/** ens5 is the simulated host's NIC; on the real side a stand-in bridge holds its ifindex. Both are left out. */
function withoutNic(where: string, status: number, stdout: string): string {
  if (where !== 'host' || status !== 0 || !stdout.trim().startsWith('[')) return stdout;
  const rows = JSON.parse(stdout) as Record<string, unknown>[];
  return JSON.stringify(rows.filter((x) => x.ifname !== 'ens5' && x.dev !== 'ens5')) + '\n';
}

/** The simulator's record of a Docker case: its namespaces named as on the real side, dumped through the shell's ip. */
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
      dumps.push({
        where,
        what,
        cmd,
        status: r.status,
        stdout: withoutNic(where, r.status, text(r, 1)),
        stderr: text(r, 2),
      });
    }
  }
  return {
    script: script.name,
    lines: script.lines.map((l) => ({ line: l.text, status: 0, stdout: '', stderr: '' })),
    dumps,
  };
}

/**
 * The CNI preset as a conformance script. cni0 is given no MAC of its own, so it copies its
 * lowest port's: with random MACs which port that is would be chance, so both veth ends get fixed
 * MACs here (the harness README asks for this). Everything else is the preset's lines as they are.
 */
function cniScript(): Script {
  let n = 0;
  const lines = CNI_PRESET.lines.map((l) => {
    const m = /^ip link add (\S+) type veth peer name (\S+) netns (\S+)$/.exec(l);
    if (!m) return l;
    n++;
    return `ip link add ${m[1]} address 02:00:00:00:01:0${n} type veth peer name ${m[2]} address 02:00:00:00:02:0${n} netns ${m[3]}`;
  });
  const netns = CNI_PRESET.lines.flatMap((l) => /^ip netns add (\S+)$/.exec(l)?.[1] ?? []);
  return {
    name: 'cni-preset',
    about: 'the CNI bridge plugin plumbing as ip lines',
    netns,
    lines: lines.map((t, i) => ({ text: t, lineNo: i + 1, compareStdout: false, unordered: false })),
  };
}

const unavailable = await realUnavailableReason();
const skip = unavailable !== undefined && !process.env.CI;
if (skip)
  console.warn(
    `\n!! NETWORKS CONFORMANCE SKIPPED: ${unavailable}. User networks, connect and the pod/CNI presets are NOT checked against the real kernel.\n`,
  );

describe.skipIf(skip)('conformance: user networks, connect and the presets on the real kernel', () => {
  beforeAll(async () => {
    if (unavailable !== undefined) throw new Error(`cannot run although CI is set: ${unavailable}`);
    await sweepLeftovers(false);
  });
  afterAll(async () => {
    await sweepLeftovers(true);
  });

  DOCKER_CASES.forEach((c, i) => {
    it(`${c.name}: ${c.lines.join(' ; ')}`, async () => {
      const { world, ops } = simulate(c.lines);
      const { script, names } = toScript(c, ops);
      expect(script.lines.map((l) => l.text).join('\n')).toMatch(c.holds);
      const raw = await runReal(script, 960 + i);
      const real = { ...raw, dumps: raw.dumps.map((d) => ({ ...d, stdout: withoutNic(d.where, d.status, d.stdout) })) };
      expect(
        raw.lines.filter((l) => l.status !== 0),
        'every planned op must be a valid command on the real kernel',
      ).toEqual([]);
      const cmp = compareRuns(script, real, simRecord(world, script, names));
      expect(cmp.mismatches.length, formatMismatches(cmp)).toBe(0);
    }, 60_000);
  });

  it('cni-preset: cni0 with two pod namespaces, replayed line by line on both sides', async () => {
    const script = cniScript();
    const real = await runReal(script, 980);
    const sim = runSim(await loadSimulator(), script);
    expect(real.lines.filter((l) => l.status !== 0)).toEqual([]);
    const cmp = compareRuns(script, real, sim);
    expect(cmp.mismatches.length, formatMismatches(cmp)).toBe(0);
  }, 60_000);
});
