// shell/jobs.ts — bash's job table for lines ended by `&`, kept in the World (so undo, replay and
// share links give it back), and what happens to it after each line: background tcpdumps print
// the frames of the line's packets that crossed their interface, ended jobs are reported.
// Loads no tool: tcpdump plugs its parser and printer in (setCaptureHooks) when the tools load.
import type { World } from '../docker/world';
import { linkByName, type KernelState, type Link, type NetnsId } from '../kernel';
import type { ExecContext, OutputChunk } from './types';
import type { PacketInfo } from './tools/tcp';
import type { TcpdumpArgs, WirePacket } from './tools/tcpdump';

/** A packet as the wire saw it, for a capture: recorded by the tools that send (ping, connect). */
export interface Wire {
  src: string;
  dst: string;
  info: PacketInfo;
  /** Microseconds after the line started. */
  at: number;
}

// The shell's session state rides in the World as optional fields, so the docker layer need not
// know about it: absent means no jobs (and no wire details) at all.
declare module '../docker/world' {
  interface World {
    jobs?: Job[];
  }
  interface PacketRecord {
    wire?: Wire;
  }
}

/** A background tcpdump's capture. */
export interface Capture {
  netns: NetnsId;
  dev: string;
  numeric: boolean;
  limit?: number;
  captured: number;
  received: number;
  /** Packets of the starting line recorded before it started (not its to see). */
  skip?: number;
}

export interface Job {
  n: number;
  pid: number;
  /** The command as `jobs` shows it, without the `&`. */
  text: string;
  capture?: Capture;
  /** Set when the process has ended: bash's word for it ("Done", "Exit 1", "Killed"). */
  ended?: string;
  /**
   * An ended job is reported before a prompt: `due` at the end of this line. A job that ends
   * right after a prompt was drawn (kill, a quick `cmd &`) is reported after the next line,
   * as bash's SIGCHLD arrives late.
   */
  due?: boolean;
}

/** What a background capture needs from tcpdump.ts, which registers it as the tools load. */
export interface CaptureHooks {
  parse(world: World, argv: string[], ctx: ExecContext): TcpdumpArgs | { error: string; status: number };
  frames(k: KernelState, p: WirePacket, at: number, link: Link, numeric: boolean, clock: number): string[];
}

let hooks: CaptureHooks | undefined;

export function setCaptureHooks(h: CaptureHooks): void {
  hooks = h;
}

export function captureHooks(): CaptureHooks | undefined {
  return hooks;
}

/** tcpdump's statistics as it exits: after Ctrl+C or SIGTERM it first ends the line ("\n"). */
export function statistics(captured: number, received: number, signalled: boolean): string {
  return (
    (signalled ? '\n' : '') +
    `${captured} packets captured\n${received} packets received by filter\n0 packets dropped by kernel\n`
  );
}

const FIRST_PID = 2345;

/** Starts a job: its number (bash: one more than the highest in the table) and a host PID. */
export function startJob(w: World, text: string, capture?: Capture): { world: World; job: Job } {
  const jobs = w.jobs ?? [];
  // Host processes share one PID space with the containers' (the daemon's counter). A bare
  // world without Docker (a test's) counts from the same first PID.
  const docker = w.docker as World['docker'] | undefined;
  const pid = docker?.nextPid ?? Math.max(FIRST_PID - 1, ...jobs.map((j) => j.pid)) + 1;
  const job: Job = { n: Math.max(0, ...jobs.map((j) => j.n)) + 1, pid, text, ...(capture ? { capture } : {}) };
  const world: World = { ...w, jobs: [...jobs, job] };
  if (docker) world.docker = { ...docker, nextPid: pid + 1 };
  return { world, job };
}

/** Marks a job ended. */
export function endJob(w: World, n: number, how: string, due: boolean): World {
  const jobs = (w.jobs ?? []).map((j) => (j.n === n ? { ...j, ended: how, due } : j));
  return { ...w, jobs };
}

/** `+` for the current job (the newest), `-` for the previous one. */
function mark(jobs: readonly Job[], j: Job): string {
  const i = jobs.indexOf(j);
  return i === jobs.length - 1 ? '+' : i === jobs.length - 2 ? '-' : ' ';
}

/** bash's line for a job: `[1]+  Running                 tcpdump -i docker0 -n &`. */
export function jobLine(jobs: readonly Job[], j: Job): string {
  const state = j.ended ?? 'Running';
  return `[${j.n}]${mark(jobs, j)}  ${state.padEnd(24)}${j.text}${j.ended ? '' : ' &'}\n`;
}

export function withoutEnded(w: World, ended: readonly Job[]): World {
  const jobs = (w.jobs ?? []).filter((j) => !ended.includes(j));
  return { ...w, jobs };
}

/**
 * After a line: running captures print the frames of the line's packets that crossed their
 * interface, placed in time among the line's own output; a capture with -c stops at its count
 * with its statistics; ended jobs are reported before the next prompt.
 */
export function settleJobs(w: World, clock: number, output: OutputChunk[]): { world: World; output: OutputChunk[] } {
  const before = w.jobs;
  if (!before?.length) return { world: w, output };
  let out = output;
  let jobs = before;
  const lastAt = () => out.reduce((m, c) => Math.max(m, c.at ?? 0), 0);
  for (const j of before) {
    const cap = j.capture;
    if (!cap || j.ended) continue;
    const link = cap.dev === 'any' ? undefined : linkByName(w.kernel, cap.netns, cap.dev);
    let { captured, received } = cap;
    let stoppedAt: number | undefined;
    let nextFree = 0;
    const lines: OutputChunk[] = [];
    for (const p of w.lastPackets.slice(cap.skip ?? 0)) {
      // Once it has its count it exits: later packets reach no filter of its.
      if (!link || !p.wire || !hooks || stoppedAt !== undefined) continue;
      const walk = { trace: p.trace };
      // tcpdump's stamps only go forward: a reply is not stamped before the frames that led to it.
      const from = Math.max(p.wire.at, nextFree);
      const got = hooks.frames(w.kernel, { ...p.wire, walk }, from, link, cap.numeric, clock);
      nextFree = from + got.length * 17;
      // On lo the kernel's filter sees each packet twice (out and in); tcpdump shows it once.
      received += got.length * (link.kind === 'loopback' ? 2 : 1);
      for (const text of got) {
        if (stoppedAt !== undefined) break;
        const at = Math.round(p.wire.at / 1000);
        lines.push(at > 0 ? { fd: 1, text: `${text}\n`, at } : { fd: 1, text: `${text}\n` });
        captured += 1;
        if (cap.limit !== undefined && captured >= cap.limit) stoppedAt = at;
      }
    }
    if (stoppedAt !== undefined) {
      lines.push({ fd: 2, text: statistics(captured, received, false), ...(stoppedAt > 0 ? { at: stoppedAt } : {}) });
    }
    out = merge(out, lines);
    // Nothing seen and nothing to forget: the job stays as it was (the line changed no state).
    if (captured === cap.captured && received === cap.received && cap.skip === undefined) continue;
    const next: Job = { ...j, capture: { netns: cap.netns, dev: cap.dev, numeric: cap.numeric, captured, received } };
    if (cap.limit !== undefined) next.capture!.limit = cap.limit;
    if (stoppedAt !== undefined) Object.assign(next, { ended: 'Done', due: true });
    jobs = jobs.map((x) => (x === j ? next : x));
  }
  // Reports before the prompt; a late one waits for the next line.
  const due = jobs.filter((j) => j.ended && j.due);
  if (due.length) {
    const at = lastAt();
    const text = due.map((j) => jobLine(jobs, j)).join('');
    out = [...out, at > 0 ? { fd: 2, text, at } : { fd: 2, text }];
  }
  const late = jobs.some((j) => j.ended && !j.due);
  jobs = jobs.filter((j) => !due.includes(j)).map((j) => (j.ended && !j.due ? { ...j, due: true } : j));
  if (jobs.length === before.length && !late && jobs.every((j, i) => j === before[i])) return { world: w, output: out };
  return { world: { ...w, jobs }, output: out };
}

/** Inserts timed chunks among others, each after those written at the same time or before. */
function merge(a: OutputChunk[], b: OutputChunk[]): OutputChunk[] {
  if (b.length === 0) return a;
  const out = [...a];
  for (const c of b) {
    let i = out.length;
    while (i > 0 && (out[i - 1]!.at ?? 0) > (c.at ?? 0)) i--;
    out.splice(i, 0, c);
  }
  return out;
}
