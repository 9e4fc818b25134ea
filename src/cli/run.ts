// cli/run.ts — the headless runner behind `netns-lab run`: reads a script of command lines,
// runs each exactly as the browser terminal does (shell/hostSession.ts), and prints the
// transcript (`$ LINE` then what it printed) or, with --json, the transcript and final state.
// Node-only: reads files and standard input; the layers below stay pure.
import { readFileSync } from 'node:fs';
import { createWorld, type DockerProfile, type World } from '../docker/world';
import { runHostLine, type HostSession, type SessionEntry } from '../shell/hostSession';
// Registers every tool up front (the browser loads them after its first paint instead).
import '../shell/tools/index';

export interface RunOptions {
  seed: number;
  json: boolean;
  profile: DockerProfile;
  docker: boolean;
  file: string;
}

export const USAGE = `Usage: netns-lab run [--seed N] [--json] [--profile classic|current] [--no-docker] FILE|-
Runs each line of FILE (or standard input, with -) as typed at the simulated host's prompt,
skipping blank lines and # comments, and prints a transcript.
`;

/** Parses `run`'s arguments; a string is an error message for the user. */
export function parseRunArgs(argv: string[]): RunOptions | string {
  const o: Partial<RunOptions> = { seed: 1, json: false, profile: 'classic', docker: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`option ${a} needs a value`);
      return v;
    };
    try {
      if (a === '--seed' || a.startsWith('--seed=')) {
        const v = a.includes('=') ? a.slice(7) : value();
        if (!/^\d+$/.test(v)) return `netns-lab: --seed takes a whole number, not "${v}"`;
        o.seed = Number(v);
      } else if (a === '--json') o.json = true;
      else if (a === '--no-docker') o.docker = false;
      else if (a === '--profile' || a.startsWith('--profile=')) {
        const v = a.includes('=') ? a.slice(10) : value();
        if (v !== 'classic' && v !== 'current') return `netns-lab: --profile is classic or current, not "${v}"`;
        o.profile = v;
      } else if (a === '-' || !a.startsWith('-')) {
        if (o.file !== undefined) return `netns-lab: one script at a time (got "${o.file}" and "${a}")`;
        o.file = a;
      } else return `netns-lab: unknown option "${a}"`;
    } catch (e) {
      return `netns-lab: ${(e as Error).message}`;
    }
  }
  if (o.file === undefined) return 'netns-lab: no script given (a file name, or - for standard input)';
  return o as RunOptions;
}

/** The lines a script runs: blank lines and `#` comments are skipped. */
export function scriptLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}

/** Runs the lines from a fresh world; returns every entry and the final session. */
export function runScript(
  lines: string[],
  opts: Pick<RunOptions, 'seed' | 'profile' | 'docker'>,
): { session: HostSession; entries: SessionEntry[] } {
  let session: HostSession = {
    world: createWorld({ seed: opts.seed, profile: opts.profile, docker: opts.docker }),
    history: [],
  };
  const entries: SessionEntry[] = [];
  for (const line of lines) {
    const r = runHostLine(session, line);
    session = r.session;
    entries.push(r.entry);
  }
  return { session, entries };
}

/** The transcript as text: `$ LINE`, then its output exactly as printed. */
export function formatTranscript(entries: SessionEntry[]): string {
  let out = '';
  for (const e of entries) {
    out += `$ ${e.line}\n`;
    const text = e.output.map((c) => c.text).join('');
    out += text;
    if (text !== '' && !text.endsWith('\n')) out += '\n';
  }
  return out;
}

function stateJson(entries: SessionEntry[], world: World): string {
  return (
    JSON.stringify(
      {
        transcript: entries.map((e) => ({
          line: e.line,
          status: e.status,
          stdout: e.output
            .filter((c) => c.fd === 1)
            .map((c) => c.text)
            .join(''),
          stderr: e.output
            .filter((c) => c.fd === 2)
            .map((c) => c.text)
            .join(''),
        })),
        state: { ...world, lastOps: undefined },
      },
      null,
      2,
    ) + '\n'
  );
}

/** The `netns-lab` command: returns the exit status; writes through the given functions. */
export function main(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void; stdin: () => string },
): number {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    (cmd === undefined ? io.err : io.out)(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd !== 'run') {
    io.err(`netns-lab: unknown command "${cmd}"\n${USAGE}`);
    return 2;
  }
  const opts = parseRunArgs(rest);
  if (typeof opts === 'string') {
    io.err(`${opts}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = opts.file === '-' ? io.stdin() : readFileSync(opts.file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'No such file or directory'
        : code === 'EISDIR'
          ? 'Is a directory'
          : code === 'EACCES'
            ? 'Permission denied'
            : (e as Error).message;
    io.err(`netns-lab: cannot read ${opts.file}: ${why}\n`);
    return 1;
  }
  const { session, entries } = runScript(scriptLines(text), opts);
  io.out(opts.json ? stateJson(entries, session.world) : formatTranscript(entries));
  return 0;
}
