// bench/kernel.ts — the same container plumbing (namespace, veth pair, move, rename, address, up,
// default route, bridge port, host end up: nine `ip` invocations per container) done by iproute2
// on real namespaces and by the simulator's shell, timed in the same run. Root only. Every real
// namespace carries a per-run prefix, lives inside a host stand-in namespace, and is deleted in
// `finally`; nothing touches the machine's own namespace and no packet is sent.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWorld } from '../src/docker/world';
import { runHostLine, type HostSession } from '../src/shell/hostSession';
import '../src/shell/tools/index';
import { figure, median, now, skipped, type Figure } from './stats';

export const KERNEL_CONTAINERS = 100;
const REAL_RUNS = 3;
const SIM_RUNS = 7;

const PREFIX = `nlb${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;

/** The 172.17.0.0/16 address of container i (docker0 holds .0.1). */
function addrOf(i: number): string {
  const host = i + 1;
  return `172.17.${host >> 8}.${host & 255}`;
}

/**
 * The plumbing of container i as argv lists. `hostNs` is the namespace standing in for the host
 * (undefined: the current one, as in the simulator); `ctr` is the container's namespace name.
 */
function plumbing(i: number, ctr: string, hostNs?: string): string[][] {
  const onHost = hostNs ? ['-n', hostNs] : [];
  const vh = `vh${i}`;
  const vc = `vc${i}`;
  return [
    ['netns', 'add', ctr],
    [...onHost, 'link', 'add', vh, 'type', 'veth', 'peer', 'name', vc],
    [...onHost, 'link', 'set', vc, 'netns', ctr],
    ['-n', ctr, 'link', 'set', vc, 'name', 'eth0'],
    ['-n', ctr, 'addr', 'add', `${addrOf(i)}/16`, 'dev', 'eth0'],
    ['-n', ctr, 'link', 'set', 'eth0', 'up'],
    ['-n', ctr, 'route', 'add', 'default', 'via', '172.17.0.1'],
    [...onHost, 'link', 'set', vh, 'master', 'docker0'],
    [...onHost, 'link', 'set', vh, 'up'],
  ];
}

const BRIDGE_SETUP: string[][] = [
  ['link', 'add', 'docker0', 'type', 'bridge'],
  ['addr', 'add', '172.17.0.1/16', 'dev', 'docker0'],
  ['link', 'set', 'docker0', 'up'],
];

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
}

function ownedNamespaces(): string[] {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n.startsWith(PREFIX));
}

/** Deletes every namespace this run created (containers first, then the host stand-in). */
export function cleanupReal(): void {
  for (const ns of ownedNamespaces().sort((a, b) => (a.endsWith('-h') ? 1 : 0) - (b.endsWith('-h') ? 1 : 0))) {
    try {
      ip(['netns', 'del', ns]);
    } catch {
      // Already gone, or busy for a moment; the next sweep retries.
    }
  }
}

/** One real run: returns the milliseconds the n containers' plumbing took (setup and cleanup excluded). */
function realRun(n: number, run: number): number {
  const host = `${PREFIX}r${run}-h`;
  try {
    ip(['netns', 'add', host]);
    for (const a of BRIDGE_SETUP) ip(['-n', host, ...a]);
    const t0 = now();
    for (let i = 1; i <= n; i++) for (const a of plumbing(i, `${PREFIX}r${run}-c${i}`, host)) ip(a);
    return now() - t0;
  } finally {
    cleanupReal();
  }
}

/** One simulated run: the same lines through runHostLine on a bare kernel (no Docker), timed alike. */
function simRun(n: number): number {
  let s: HostSession = { world: createWorld({ seed: 1, docker: false }), history: [] };
  const line = (a: string[]) => {
    const r = runHostLine(s, `ip ${a.join(' ')}`);
    if (r.entry.status !== 0)
      throw new Error(`simulator: ip ${a.join(' ')}: ${r.entry.output.map((o) => o.text).join('')}`);
    s = r.session;
  };
  for (const a of BRIDGE_SETUP) line(a);
  const t0 = now();
  for (let i = 1; i <= n; i++) for (const a of plumbing(i, `c${i}`)) line(a);
  return now() - t0;
}

/** Why the real side cannot run, or undefined. */
function unavailable(): string | undefined {
  if (process.platform !== 'linux') return `platform is ${process.platform}`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'not root (network namespaces need CAP_SYS_ADMIN)';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'iproute2 (ip) not found';
  }
  return undefined;
}

export function benchKernel(log: (s: string) => void = () => {}): Figure[] {
  const n = KERNEL_CONTAINERS;
  const why = unavailable();
  const sim: number[] = [];
  simRun(n); // warm-up
  if (why) {
    for (let r = 0; r < SIM_RUNS; r++) sim.push(simRun(n));
    return [
      skipped('kernel', `${n} containers' plumbing, iproute2 on real namespaces`, 'ms', undefined, why),
      figure('kernel', `${n} containers' plumbing, simulator`, sim, 'ms'),
      skipped('kernel', 'speed-up, simulator vs real kernel', 'x', { min: 100 }, why),
    ];
  }
  const onSignal = () => {
    cleanupReal();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const real: number[] = [];
  try {
    // Interleave the two sides so both see the same machine load.
    for (let r = 0; r < Math.max(REAL_RUNS, SIM_RUNS); r++) {
      if (r < REAL_RUNS) {
        real.push(realRun(n, r));
        log(`kernel: real run ${r + 1}/${REAL_RUNS}: ${real[real.length - 1].toFixed(0)} ms`);
      }
      if (r < SIM_RUNS) sim.push(simRun(n));
    }
  } finally {
    cleanupReal();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const calls = plumbing(1, 'x').length * n;
  return [
    figure('kernel', `${n} containers' plumbing, iproute2 on real namespaces (${calls} ip calls)`, real, 'ms'),
    figure('kernel', `${n} containers' plumbing, simulator (same lines, runHostLine)`, sim, 'ms'),
    figure('kernel', 'speed-up, simulator vs real kernel', [median(real) / median(sim)], 'x', { min: 100 }),
  ];
}
