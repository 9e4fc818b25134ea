// shell/hostSession.ts — what a terminal on the host does around each line: advance the
// simulated clock, empty the record of kernel operations, remember the line in the history,
// run it as root in the host's namespace. Shared by the browser store and the headless CLI,
// so both print the same thing. Pure: it returns the next session, never mutates one.
// It does not load the tools: the CLI and tests import tools/index.ts, the browser loads it later.
import { INIT_NET } from '../kernel';
import type { World } from '../docker/world';
import { runLine } from './interpret';
import { settleJobs } from './jobs';
import type { ExecContext, OutputChunk, TerminalEffect } from './types';

/** Simulated seconds that pass between two typed lines. */
export const SECONDS_PER_LINE = 1;

export interface HostSession {
  world: World;
  /** Lines typed so far, oldest first, as `history` lists them. */
  history: readonly string[];
  /** The status the last line ended with, for `$?`. */
  lastStatus?: number;
}

export interface SessionEntry {
  line: string;
  output: OutputChunk[];
  status: number;
  effects: TerminalEffect[];
  /** The world after the line: `world.lastOps` holds what the kernel did. */
  world: World;
  /** A command of the line stopped at Ctrl+C (the session's interruptAt). */
  interrupted?: boolean;
}

/** The context of a root shell on the host. */
export function hostContext(world: World, history: readonly string[]): ExecContext {
  return {
    netns: INIT_NET,
    toolset: 'host',
    hostname: world.hostname,
    env: { HOME: '/root', USER: 'root', PWD: '/root' },
    history,
  };
}

/** The prompt bash shows on the host. */
export function hostPrompt(world: World): string {
  return `root@${world.hostname}:~# `;
}

/**
 * A line that was stopped with Ctrl+C is recorded with a bash comment saying when:
 * `ping 172.17.0.2 # ^C after 5000 ms`. bash ignores the comment; this session reads it back,
 * so replaying the recorded lines (a saved lab, a link, a script) gives the same world.
 */
const INTERRUPT_MARK = /\s+# \^C after (\d+) ms$/;

export function interruptedLine(line: string, at: number): string {
  return `${line.replace(INTERRUPT_MARK, '')} # ^C after ${Math.max(0, Math.round(at))} ms`;
}

/** When Ctrl+C arrives for a recorded line (its comment), or undefined. */
export function interruptOf(line: string): number | undefined {
  const m = INTERRUPT_MARK.exec(line);
  return m ? Number(m[1]) : undefined;
}

/**
 * Runs one typed line; a blank line changes nothing but the prompt. `interruptAt`: when Ctrl+C
 * arrives (simulated ms after the line starts); by default the line's own mark, if it has one.
 */
export function runHostLine(
  s: HostSession,
  line: string,
  opts: { interruptAt?: number } = {},
): { session: HostSession; entry: SessionEntry } {
  if (line.trim() === '') {
    // Enter on an empty line still shows bash's reports of jobs that ended.
    const settled = s.world.jobs?.some((j) => j.ended) ? settleJobs(s.world, s.world.clock, []) : undefined;
    const world = settled?.world ?? s.world;
    return {
      session: settled ? { ...s, world } : s,
      entry: { line, output: settled?.output ?? [], status: 0, effects: [], world },
    };
  }
  const history = [...s.history, line];
  const before: World = { ...s.world, clock: s.world.clock + SECONDS_PER_LINE * 1000, lastOps: [], lastPackets: [] };
  // runLine adds the line itself to what `history` lists, as bash does.
  const ctx: ExecContext = { ...hostContext(before, s.history), lastStatus: s.lastStatus ?? 0 };
  const interruptAt = opts.interruptAt ?? interruptOf(line);
  if (interruptAt !== undefined) ctx.interruptAt = interruptAt;
  const ran = runLine(before, line, ctx);
  // Background jobs print what they captured of the line's traffic, and bash its job reports.
  const jobs = settleJobs(ran.world, before.clock, ran.output);
  const r = { ...ran, world: jobs.world, output: jobs.output };
  return {
    session: { world: r.world, history, lastStatus: r.status },
    entry: {
      line,
      output: r.output,
      status: r.status,
      effects: r.effects,
      world: r.world,
      ...(r.interrupted ? { interrupted: true } : {}),
    },
  };
}
