// shell/types.ts — the contract between the interpreter and the tools.
// A tool is a pure function of the world and its argv; it returns text and the next world.
// Nothing here keeps state between calls: history and the prompt belong to the caller (store or CLI).
import type { NetnsId } from '../kernel/types';
import type { World } from '../docker/world';

/** The set of programs an environment has (the host, or a container image). */
export type Toolset = 'host' | 'netutils' | 'busybox' | 'nginx';

/** Where a command line runs: which network namespace, which programs exist there. */
export interface ExecContext {
  netns: NetnsId;
  toolset: Toolset;
  hostname: string;
  /** Environment variables visible to the line (`$HOME`, …). */
  env: Record<string, string>;
  /** Lines typed before this one, oldest first; runLine adds the current line, as bash's `history` lists it. */
  history: readonly string[];
  /** Set by `docker exec`: the container the line runs in. */
  container?: string;
  /** The exit status of the line before this one (what `$?` starts as). */
  lastStatus?: number;
  /** false: the process lacks CAP_NET_ADMIN (a container that is not privileged). */
  capNetAdmin?: boolean;
}

export interface ToolIO {
  stdin: string;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  status: number;
  world: World;
  /** A request to the terminal, not text: `clear` asks it to wipe the screen. */
  effects?: TerminalEffect[];
}

export type TerminalEffect = { type: 'clear' };

export type Tool = (world: World, argv: string[], io: ToolIO, ctx: ExecContext) => ToolResult;

/** One piece of a line's output, in the order it was written. */
export interface OutputChunk {
  fd: 1 | 2;
  text: string;
}

export interface LineResult {
  world: World;
  output: OutputChunk[];
  status: number;
  effects: TerminalEffect[];
}
