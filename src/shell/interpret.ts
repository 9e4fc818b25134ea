// shell/interpret.ts — runs one parsed command line against the World, the way an interactive
// bash would: expansions and word splitting at run time, pipes, `;`/`&&`/`||`, `&` jobs, `$?`, redirections.
// Keeps no state between lines (variables set on a line live until its end) and never throws:
// a tool that throws becomes "internal error", status 1, with the World it was given.
import type { World } from '../docker/world';
import {
  parse,
  type AndOr,
  type Command,
  type CommandList,
  type Pipeline,
  type Redirect,
  type SimpleCommand,
  type Word,
} from './parse';
import { findTool } from './registry';
import { captureHooks, endJob, startJob } from './jobs';
import type { ExecContext, LineResult, OutputChunk, TerminalEffect } from './types';

/** Writes text; `at` is when, in ms after the current command started (for pacing). */
type Writer = (text: string, at?: number) => void;

interface Sink {
  out: Writer;
  err: Writer;
}

/** Standard input of a subshell: the first command that runs takes it all. */
interface Stdin {
  text: string;
}

interface RunState {
  world: World;
  ctx: ExecContext;
  vars: Record<string, string>;
  /** `$?`: the status of the last command that finished. */
  status: number;
  effects: TerminalEffect[];
  /** Set by an expansion error such as a bad substitution: bash abandons the rest of the line. */
  aborted: boolean;
  /** Simulated ms the line has run so far (commands that take time, such as ping, add to it). */
  elapsed: number;
  /** Ctrl+C has arrived and a command took it; later commands run as if nobody pressed it. */
  interrupted: boolean;
}

class Abort {}

const DISCARD: Writer = () => undefined;
const PATH_DIRS = ['/bin/', '/sbin/', '/usr/bin/', '/usr/sbin/', '/usr/local/bin/', '/usr/local/sbin/'];

/** Runs one command line typed at the prompt; the prompt itself is never printed here. */
export function runLine(world: World, line: string, ctx: ExecContext): LineResult {
  const output: OutputChunk[] = [];
  const parsed = parse(line);
  if (!parsed.ok) {
    return { world, output: [{ fd: 2, text: parsed.message }], status: 2, effects: [] };
  }
  // A chunk carries `at` only when it was written after the line's start, so untimed lines
  // produce exactly the chunks they always did.
  const chunk = (fd: 1 | 2, text: string, at?: number): OutputChunk => {
    const when = st.elapsed + (at ?? 0);
    return when > 0 ? { fd, text, at: when } : { fd, text };
  };
  const sink: Sink = {
    out: (text, at) => {
      if (text !== '') output.push(chunk(1, text, at));
    },
    err: (text, at) => {
      if (text !== '') output.push(chunk(2, text, at));
    },
  };
  // bash's history already holds the line being run when that line runs `history`.
  const lineCtx: ExecContext = { ...ctx, history: [...ctx.history, line] };
  // `$?` at the start of a line is the status the previous line ended with.
  const st: RunState = {
    world,
    ctx: lineCtx,
    vars: { ...ctx.env },
    status: ctx.lastStatus ?? 0,
    effects: [],
    aborted: false,
    elapsed: 0,
    interrupted: false,
  };
  execList(parsed.list, st, sink, { text: '' });
  const r: LineResult = { world: st.world, output, status: st.status, effects: st.effects };
  if (st.interrupted) r.interrupted = true;
  return r;
}

function execList(list: CommandList, st: RunState, sink: Sink, stdin: Stdin): void {
  for (const item of list.items) {
    if (st.aborted) return;
    if (item.background) {
      execBackground(item, st, sink, stdin);
      continue;
    }
    st.status = execPipeline(item.first, st, sink, stdin);
    for (const { op, pipeline } of item.rest) {
      if (st.aborted) return;
      if ((op === '&&') === (st.status === 0)) st.status = execPipeline(pipeline, st, sink, stdin);
    }
  }
}

/**
 * `… &`: bash starts a job and prints `[N] PID`. A tcpdump stays in the job table and captures
 * the traffic of later lines (jobs.ts); anything else runs to its end here, as a quick command
 * does, and bash reports it (`[N]+  Done …`) before the prompt after the next line. `$?` is 0.
 */
function execBackground(item: AndOr, st: RunState, sink: Sink, stdin: Stdin): void {
  const text = item.text ?? '';
  const only = item.rest.length === 0 && !item.first.negated && item.first.commands.length === 1;
  const cmd = only ? item.first.commands[0] : undefined;
  const first = cmd?.type === 'simple' ? cmd.words[0]?.raw : undefined;
  if (
    cmd?.type === 'simple' &&
    cmd.redirects.length === 0 &&
    first !== undefined &&
    resolveName(first) === 'tcpdump' &&
    findTool('tcpdump', st.ctx.toolset) &&
    captureHooks()
  ) {
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...expandWord(w, st, sink));
    const a = captureHooks()!.parse(st.world, argv, st.ctx);
    const capture =
      'error' in a
        ? undefined
        : {
            netns: st.ctx.netns,
            dev: a.dev,
            numeric: a.numeric,
            ...(a.limit !== undefined ? { limit: a.limit } : {}),
            captured: 0,
            received: 0,
            skip: st.world.lastPackets.length,
          };
    const started = startJob(st.world, text, capture);
    st.world = started.world;
    sink.err(`[${started.job.n}] ${started.job.pid}\n`);
    if ('error' in a) {
      sink.err(a.error);
      st.world = endJob(st.world, started.job.n, `Exit ${a.status}`, false);
    } else sink.err(a.banner);
    st.status = 0;
    return;
  }
  const started = startJob(st.world, text);
  st.world = started.world;
  sink.err(`[${started.job.n}] ${started.job.pid}\n`);
  execList({ items: [{ first: item.first, rest: item.rest }] }, st, sink, stdin);
  const status = st.status;
  st.aborted = false;
  st.world = endJob(st.world, started.job.n, status === 0 ? 'Done' : `Exit ${status}`, false);
  st.status = 0;
}

/** Members run left to right; each one's stdout is the next one's stdin. */
function execPipeline(p: Pipeline, st: RunState, sink: Sink, stdin: Stdin): number {
  if (p.commands.length === 0) return p.negated ? 1 : 0;
  let input = stdin;
  let status = 0;
  for (let i = 0; i < p.commands.length; i++) {
    if (st.aborted) return 1;
    const last = i === p.commands.length - 1;
    let piped = '';
    const toPipe: Writer = (t) => {
      piped += t;
    };
    const member: Sink = last ? sink : { out: toPipe, err: p.stderrToPipe[i] ? toPipe : sink.err };
    status = execCommand(p.commands[i]!, st, member, input);
    input = { text: piped };
  }
  if (st.aborted) return 1;
  return p.negated ? (status === 0 ? 1 : 0) : status;
}

function execCommand(cmd: Command, st: RunState, sink: Sink, stdin: Stdin): number {
  try {
    return cmd.type === 'simple' ? execSimple(cmd, st, sink, stdin) : execSubshell(cmd, st, sink, stdin);
  } catch (e) {
    if (e instanceof Abort) {
      st.aborted = true;
      return 1;
    }
    throw e;
  }
}

function execSubshell(cmd: Extract<Command, { type: 'subshell' }>, st: RunState, sink: Sink, stdin: Stdin): number {
  const io = applyRedirects(cmd.redirects, st, sink, stdin);
  if (typeof io === 'number') return io;
  // A subshell's variables die with it.
  const saved = st.vars;
  st.vars = { ...saved };
  execList(cmd.body, st, io.sink, io.stdin);
  st.vars = saved;
  st.aborted = false;
  return st.status;
}

function execSimple(cmd: SimpleCommand, st: RunState, sink: Sink, stdin: Stdin): number {
  const substStatus = { value: undefined as number | undefined };
  const argv: string[] = [];
  for (const w of cmd.words) argv.push(...expandWord(w, st, sink, substStatus));
  const io = applyRedirects(cmd.redirects, st, sink, stdin, substStatus);
  if (typeof io === 'number') return io;
  const assigned: Record<string, string> = {};
  for (const a of cmd.assigns) assigned[a.name] = expandWord(a.value, st, io.sink, substStatus).join(' ');

  if (argv.length === 0) {
    Object.assign(st.vars, assigned);
    return substStatus.value ?? 0;
  }

  const name = argv[0]!;
  const tool = findTool(resolveName(name), st.ctx.toolset);
  if (!tool) {
    io.sink.err(
      name.includes('/') ? `bash: ${name}: No such file or directory\n` : `bash: ${name}: command not found\n`,
    );
    return 127;
  }
  const env: Record<string, string> = { ...st.ctx.env };
  for (const k of Object.keys(env)) env[k] = st.vars[k] ?? env[k]!;
  Object.assign(env, assigned);
  const input = io.stdin.text;
  io.stdin.text = '';
  // Ctrl+C reaches the first command still running when it arrives; the ones after never see it.
  const { interruptAt, ...rest } = st.ctx;
  const toolCtx: ExecContext = { ...rest, env };
  if (interruptAt !== undefined && !st.interrupted) toolCtx.interruptAt = Math.max(0, interruptAt - st.elapsed);
  const sent = st.world.lastPackets;
  const offset = st.elapsed * 1000;
  try {
    const r = tool(st.world, argv, { stdin: input }, toolCtx);
    if (r.timed) for (const piece of r.timed) (piece.fd === 2 ? io.sink.err : io.sink.out)(piece.text, piece.at);
    else io.sink.out(r.stdout);
    if (!r.timed?.some((piece) => piece.fd === 2))
      io.sink.err(r.stderr, r.timed?.length ? r.timed[r.timed.length - 1]!.at : undefined);
    if (r.timed?.length) st.elapsed += r.timed[r.timed.length - 1]!.at;
    if (r.interrupted) st.interrupted = true;
    // The packets' times are the tool's; a capture wants them from the line's start.
    st.world = offset > 0 ? shiftWire(r.world, sent, offset) : r.world;
    if (r.effects) st.effects.push(...r.effects);
    return r.status;
  } catch {
    io.sink.err(`bash: ${name}: internal error\n`);
    return 1;
  }
}

function shiftWire(w: World, before: World['lastPackets'], micros: number): World {
  if (w.lastPackets === before) return w;
  const from = before.length;
  const lastPackets = w.lastPackets.map((p, i) =>
    i >= from && p.wire ? { ...p, wire: { ...p.wire, at: p.wire.at + micros } } : p,
  );
  return { ...w, lastPackets };
}

/** `/usr/sbin/ip` runs `ip`; any other path names a file this machine does not have. */
function resolveName(name: string): string {
  for (const dir of PATH_DIRS) {
    if (name.startsWith(dir) && !name.slice(dir.length).includes('/')) return name.slice(dir.length);
  }
  return name;
}

/**
 * Applies redirections left to right to a copy of the command's descriptors. Returns the
 * redirected sink and stdin, or the status when one fails (bash then skips the command).
 */
function applyRedirects(
  redirects: Redirect[],
  st: RunState,
  sink: Sink,
  stdin: Stdin,
  substStatus?: { value: number | undefined },
): { sink: Sink; stdin: Stdin } | number {
  if (redirects.length === 0) return { sink, stdin };
  const fds = new Map<number, Writer>([
    [1, sink.out],
    [2, sink.err],
  ]);
  let input = stdin;
  for (const r of redirects) {
    if (r.op === '<<') {
      const wanted = expandWord(r.target, st, sink, substStatus).join(' ');
      sink.err(`bash: warning: here-document at line 1 delimited by end-of-file (wanted \`${wanted}')\n`);
      input = { text: '' };
      continue;
    }
    const fields = expandWord(r.target, st, sink, substStatus);
    if (r.op === '<<<') {
      input = { text: fields.join(' ') + '\n' };
      continue;
    }
    if (fields.length !== 1) {
      sink.err(`bash: ${r.target.raw}: ambiguous redirect\n`);
      return 1;
    }
    const target = fields[0]!;
    if ((r.op === '>&' || r.op === '<&') && /^[0-9]+-?$|^-$/.test(target)) {
      if (target === '-') {
        fds.set(r.fd, DISCARD);
        continue;
      }
      const from = Number(target.replace(/-$/, ''));
      const w = from === 0 ? DISCARD : fds.get(from);
      if (!w) {
        sink.err(`bash: ${from}: Bad file descriptor\n`);
        return 1;
      }
      fds.set(r.fd, w);
      continue;
    }
    if (r.op === '<' || r.op === '<>' || r.op === '<&') {
      if (target !== '/dev/null') {
        sink.err(`bash: ${target}: No such file or directory\n`);
        return 1;
      }
      if (r.fd === 0) input = { text: '' };
      continue;
    }
    // Output to a file: only the special files exist; netns-lab has no file system to write to.
    const writer = specialFile(target, fds);
    if (!writer) {
      sink.err(`bash: ${target}: Read-only file system\n`);
      return 1;
    }
    if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
      fds.set(1, writer);
      fds.set(2, writer);
    } else {
      fds.set(r.fd, writer);
    }
  }
  return { sink: { out: fds.get(1) ?? DISCARD, err: fds.get(2) ?? DISCARD }, stdin: input };
}

function specialFile(path: string, fds: Map<number, Writer>): Writer | undefined {
  if (path === '/dev/null') return DISCARD;
  if (path === '/dev/stdout') return fds.get(1) ?? DISCARD;
  if (path === '/dev/stderr') return fds.get(2) ?? DISCARD;
  return undefined;
}

/**
 * Expands one word into fields: parameters and command substitutions, then bash's field
 * splitting of unquoted results on blanks and newlines. Quoted parts are never split.
 */
function expandWord(word: Word, st: RunState, sink: Sink, substStatus?: { value: number | undefined }): string[] {
  const fields: string[] = [];
  let cur = '';
  let exists = false;
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    let value: string;
    switch (part.type) {
      case 'text':
        value = part.value;
        if (i === 0 && !part.quoted) value = expandTilde(value, parts.length === 1, st);
        if (part.quoted) {
          cur += value;
          exists = true;
          continue;
        }
        break;
      case 'param':
        value = paramValue(part.name, part.op, part.arg, st);
        break;
      case 'badsubst':
        sink.err(`bash: ${part.raw}: bad substitution\n`);
        throw new Abort();
      case 'cmdsub':
        value = runSubstitution(part.body, st, sink);
        if (substStatus) substStatus.value = st.status;
        break;
      case 'cmdsubError':
        sink.err(part.message);
        value = '';
        break;
    }
    if (part.quoted || part.type === 'text') {
      cur += value;
      exists = exists || part.quoted || value !== '';
      continue;
    }
    // Unquoted expansion result: split on blanks and newlines (the default IFS).
    if (value === '') continue;
    const tokens = value.split(/[ \t\n]+/);
    for (let t = 0; t < tokens.length; t++) {
      if (t > 0 && exists) {
        fields.push(cur);
        cur = '';
        exists = false;
      }
      if (tokens[t] !== '') {
        cur += tokens[t];
        exists = true;
      }
    }
  }
  if (exists) fields.push(cur);
  return fields;
}

function expandTilde(text: string, whole: boolean, st: RunState): string {
  if (!text.startsWith('~')) return text;
  const home = st.vars.HOME;
  if (home === undefined) return text;
  if ((text === '~' && whole) || text.startsWith('~/')) return home + text.slice(1);
  return text;
}

function paramValue(name: string, op: string | undefined, arg: string | undefined, st: RunState): string {
  let value: string | undefined;
  if (name === '?') value = String(st.status);
  else if (name === '#') value = '0';
  else if (name === '0') value = 'bash';
  else if (/^[1-9@*]$/.test(name)) value = undefined;
  else value = st.vars[name];
  switch (op) {
    case 'length':
      return String([...(value ?? '')].length);
    case ':-':
      return value ? value : (arg ?? '');
    case '-':
      return value !== undefined ? value : (arg ?? '');
    case ':+':
      return value ? (arg ?? '') : '';
    case '+':
      return value !== undefined ? (arg ?? '') : '';
    case ':=':
    case '=':
      if (op === ':=' ? !value : value === undefined) {
        st.vars[name] = arg ?? '';
        return arg ?? '';
      }
      return value ?? '';
    default:
      return value ?? '';
  }
}

/** `$(…)`: runs like a subshell; its stdout (minus trailing newlines) is the value. */
function runSubstitution(body: CommandList, st: RunState, sink: Sink): string {
  let captured = '';
  const saved = st.vars;
  st.vars = { ...saved };
  execList(body, st, { out: (t) => (captured += t), err: sink.err }, { text: '' });
  st.vars = saved;
  if (st.aborted) {
    st.aborted = false;
    throw new Abort();
  }
  return captured.replace(/\n+$/, '');
}
