// shell/hostSession.ts — what a terminal on the host does around each line: advance the
// simulated clock, empty the record of kernel operations, remember the line in the history,
// run it as root in the host's namespace. Shared by the browser store and the headless CLI,
// so both print the same thing. Pure: it returns the next session, never mutates one.
import { INIT_NET } from '../kernel';
import type { World } from '../docker/world';
import { runLine } from './interpret';
import './tools/index';
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

/** Runs one typed line; a blank line changes nothing but the prompt. */
export function runHostLine(s: HostSession, line: string): { session: HostSession; entry: SessionEntry } {
  if (line.trim() === '') {
    return { session: s, entry: { line, output: [], status: 0, effects: [], world: s.world } };
  }
  const history = [...s.history, line];
  const before: World = { ...s.world, clock: s.world.clock + SECONDS_PER_LINE * 1000, lastOps: [], lastPackets: [] };
  // runLine adds the line itself to what `history` lists, as bash does.
  const r = runLine(before, line, { ...hostContext(before, s.history), lastStatus: s.lastStatus ?? 0 });
  return {
    session: { world: r.world, history, lastStatus: r.status },
    entry: { line, output: r.output, status: r.status, effects: r.effects, world: r.world },
  };
}
