// shell/types.ts — the contract between the interpreter and the tools.
// A tool is a pure function of the world and its argv; it returns text and the next world.
// Nothing here keeps state between calls: history and the prompt belong to the caller (store or CLI).
import type { NetnsId } from '../kernel/types';
import type { World } from '../docker/world';

/** The set of programs an environment has (the host, or a container image). */
export type Toolset = 'host' | 'netutils' | 'busybox' | 'nginx' | 'pause';

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
  /**
   * When Ctrl+C arrives, in simulated ms after the line started. Unset: nobody presses it, and
   * a tool that runs until interrupted (ping without -c) stops as the headless runner does.
   */
  interruptAt?: number;
  /** The working directory of the process (`docker exec -w`); unset: $PWD, else `/`. */
  cwd?: string;
  /** The environment a `docker exec` process starts with, in order (what `env` prints there). */
  processEnv?: string[];
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
  /**
   * When each piece of stdout was written, in simulated ms after the tool started; the texts
   * join to `stdout`. Absent: everything at once. A terminal uses it to pace the output.
   */
  timed?: TimedText[];
  /** The tool stopped because Ctrl+C arrived (ctx.interruptAt), not on its own. */
  interrupted?: boolean;
}

export interface TimedText {
  at: number;
  text: string;
  /** 2: a piece of stderr (then every piece of stderr is in `timed`); else stdout. */
  fd?: 1 | 2;
}

export type TerminalEffect = { type: 'clear' };

export type Tool = (world: World, argv: string[], io: ToolIO, ctx: ExecContext) => ToolResult;

/** One piece of a line's output, in the order it was written. */
export interface OutputChunk {
  fd: 1 | 2;
  text: string;
  /** Simulated ms after the line started at which it was written (absent: at the start). */
  at?: number;
}

export interface LineResult {
  world: World;
  output: OutputChunk[];
  status: number;
  effects: TerminalEffect[];
  /** A command of the line stopped at Ctrl+C (ctx.interruptAt). */
  interrupted?: boolean;
}
