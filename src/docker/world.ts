// docker/world.ts — the whole simulated machine as one immutable, JSON-serialisable value:
// the kernel, the Docker daemon's records, the host's name and the simulated clock.
// createWorld boots it through kernel operations, exactly as later commands change it.
// Must never mutate a World; every change returns a new one.
import {
  applyAll,
  createKernel,
  INIT_NET,
  seedFrom,
  nextU32,
  type Hop,
  type KernelError,
  type KernelOp,
  type KernelState,
  type WalkOutcome,
} from '../kernel';
import { bootDaemonOps } from './daemon';
import type { Container, Network } from './types';

export type DockerProfile = 'classic' | 'current';

/** The daemon's records (containers, networks, IPAM); filled in by the Docker engine. */
export interface DockerState {
  profile: DockerProfile;
  /** False for a bare Linux host without Docker (used by the conformance suite). */
  installed: boolean;
  rng: number;
  /** Containers by full id. */
  containers: Record<string, Container>;
  /** Networks by full id (bridge, host and none from the daemon's boot). */
  networks: Record<string, Network>;
  /** Creation counter: orders containers created within the same clock tick. */
  seq: number;
  /** The host PID the next container process gets (absent: the first one, 2345). */
  nextPid?: number;
}

export interface World {
  kernel: KernelState;
  docker: DockerState;
  /** The host's hostname (its UTS namespace). */
  hostname: string;
  /** Simulated wall clock, milliseconds since the epoch; advanced by each command line. */
  clock: number;
  /**
   * The kernel operations performed by the command line being run, in order (the caller
   * empties it before each line). The step player replays them; export prints them.
   */
  lastOps: KernelOp[];
  /**
   * The packets the command line being run sent, each with its hop-by-hop trace, in order
   * (emptied by the caller before each line, like lastOps). The app animates them.
   */
  lastPackets: PacketRecord[];
  /**
   * Symbolic links made on the host with `ln -s`, by absolute path (with /var/run spelt /run):
   * where each points and when it was made. Absent until the first one.
   */
  symlinks?: Record<string, { target: string; created: number }>;
}

/** One packet a tool sent, as the kernel's walk followed it. */
export interface PacketRecord {
  /** What it was, as tcpdump would summarise it ("ICMP echo request 172.17.0.2 > 172.17.0.3"). */
  label: string;
  trace: Hop[];
  outcome: WalkOutcome['kind'];
}

/** Appends walks to `lastPackets`. */
export function recordPackets(w: World, packets: readonly PacketRecord[]): World {
  return packets.length ? { ...w, lastPackets: [...w.lastPackets, ...packets] } : w;
}

/**
 * Applies kernel operations to the world and records them in `lastOps`. Every tool that
 * changes the kernel goes through here, so that the step player sees every change.
 */
export function commitOps(
  w: World,
  ops: readonly KernelOp[],
): { ok: true; world: World } | { ok: false; error: KernelError; step: number; world: World } {
  const r = applyAll(w.kernel, ops);
  if (!r.ok) {
    const done = ops.slice(0, r.step);
    return {
      ok: false,
      error: r.error,
      step: r.step,
      world: { ...w, kernel: r.state, lastOps: [...w.lastOps, ...done] },
    };
  }
  return { ok: true, world: { ...w, kernel: r.state, lastOps: [...w.lastOps, ...ops] } };
}

export interface HostConfig {
  /** The NIC's name, MTU and qdisc: the article's host is an EC2 instance (`ens5`, MTU 9001, `mq`). */
  nic: string;
  mtu: number;
  qdisc: string;
  address: string;
  prefixlen: number;
  gateway: string;
}

export const DEFAULT_HOST: HostConfig = {
  nic: 'ens5',
  mtu: 9001,
  qdisc: 'mq',
  address: '172.31.23.142',
  prefixlen: 20,
  gateway: '172.31.16.1',
};

export interface WorldOptions {
  seed?: number;
  profile?: DockerProfile;
  /** false: a bare kernel with only `lo`, down (a fresh network namespace), and no Docker. */
  docker?: boolean;
  host?: Partial<HostConfig>;
  hostname?: string;
  /** Start of the simulated clock (ms since the epoch). */
  clock?: number;
}

/** The boot of a Linux host: loopback up, the NIC up with its address and default route. */
export function hostBootOps(h: HostConfig, nicMac: string): KernelOp[] {
  return [
    { op: 'setLink', netns: INIT_NET, name: 'lo', up: true },
    {
      op: 'addLink',
      netns: INIT_NET,
      name: h.nic,
      kind: 'ether',
      mtu: h.mtu,
      rootQdisc: h.qdisc,
      mac: nicMac,
      cable: true,
    },
    { op: 'addAddr', netns: INIT_NET, dev: h.nic, family: 4, local: h.address, prefixlen: h.prefixlen, broadcast: '+' },
    { op: 'setLink', netns: INIT_NET, name: h.nic, up: true },
    { op: 'addRoute', netns: INIT_NET, dst: 'default', gateway: h.gateway, dev: h.nic },
    { op: 'setSysctl', netns: INIT_NET, key: 'ip_forward', value: true },
  ];
}

function macFromRng(state: number): [string, number] {
  const [a, s1] = nextU32(state);
  const [b, s2] = nextU32(s1);
  const bytes = [(a & 0xfe) | 0x02, (a >>> 8) & 255, (a >>> 16) & 255, (a >>> 24) & 255, b & 255, (b >>> 8) & 255];
  return [bytes.map((x) => x.toString(16).padStart(2, '0')).join(':'), s2];
}

/** 2020-10-26 00:14 UTC, the article's date: a fixed start keeps transcripts reproducible. */
export const DEFAULT_CLOCK = Date.UTC(2020, 9, 26, 0, 14, 22);

/** A new machine: a bare kernel, or a booted Docker host (the default). */
export function createWorld(opts: WorldOptions = {}): World {
  const seed = seedFrom(opts.seed ?? 1);
  const profile = opts.profile ?? 'classic';
  let kernel = createKernel(seed);
  const docker: DockerState = {
    profile,
    installed: opts.docker !== false,
    rng: seedFrom(seed ^ 0x5bd1e995),
    containers: {},
    networks: {},
    seq: 0,
  };
  const world: World = {
    kernel,
    docker,
    hostname: opts.hostname ?? 'docker-host',
    clock: opts.clock ?? DEFAULT_CLOCK,
    lastOps: [],
    lastPackets: [],
  };
  if (opts.docker === false) return world;
  const [nicMac, rng] = macFromRng(kernel.rng);
  kernel = { ...kernel, rng };
  const booted = applyAll(kernel, hostBootOps({ ...DEFAULT_HOST, ...opts.host }, nicMac));
  if (!booted.ok) throw new Error(`host boot failed at step ${booted.step}: ${booted.error.errno}`);
  return bootDaemonOps({ ...world, kernel: booted.state });
}
