// shell/tools/session.ts — commands about the terminal session itself: clear, history, help, pwd.
// They read the context (history, toolset) and return effects; the caller owns the real state
// (the screen, the history list), so nothing here changes it or the World.
import type { Tool, ToolResult } from '../types';
import type { World } from '../../docker/world';
import { registerTool, toolNames } from '../registry';

function result(world: World, stdout: string, stderr = '', status = 0): ToolResult {
  return { stdout, stderr, status, world };
}

/** `clear`: no text, a request to the terminal to wipe the screen. */
export const clear: Tool = (world) => ({ ...result(world, ''), effects: [{ type: 'clear' }] });

/** bash's `history [n]`: numbered from 1 as `%5d  %s`; the line being run is the last entry. */
export const history: Tool = (world, argv, _io, ctx) => {
  const args = argv.slice(1);
  if (args.length > 1) return result(world, '', 'bash: history: too many arguments\n', 1);
  let lines = ctx.history.map((line, i) => ({ n: i + 1, line }));
  const arg = args[0];
  if (arg !== undefined) {
    if (arg.startsWith('-') && arg !== '-') {
      const usage =
        'history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n';
      return result(world, '', `bash: history: ${arg}: invalid option\n${usage}`, 2);
    }
    if (!/^[0-9]+$/.test(arg)) return result(world, '', `bash: history: ${arg}: numeric argument required\n`, 1);
    const n = Number(arg);
    lines = n === 0 ? [] : lines.slice(-n);
  }
  return result(world, lines.map(({ n, line }) => `${String(n).padStart(5)}  ${line}\n`).join(''));
};

/** netns-lab's own `help`: the commands this environment has (bash's builtin help is not modelled). */
export const help: Tool = (world, _argv, _io, ctx) => {
  const names = toolNames(ctx.toolset);
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 6)
    rows.push(
      '  ' +
        names
          .slice(i, i + 6)
          .map((n) => n.padEnd(10))
          .join('')
          .trimEnd(),
    );
  const text =
    'netns-lab: a simulated Linux host with Docker. Commands available here:\n' +
    rows.join('\n') +
    '\nPipes (|), ;, && and ||, quotes and $(...) work as in bash. Each line starts afresh: no variables persist.\n' +
    "A line ended by & runs as a job (jobs, fg, kill %N): tcpdump -i IF -n & shows the next lines' packets.\n";
  return result(world, text);
};

/** `pwd`: the working directory (bash's builtin on the host, coreutils/BusyBox in images). */
export const pwd: Tool = (world, _argv, _io, ctx) => result(world, `${ctx.cwd ?? ctx.env.PWD ?? '/'}\n`);

registerTool('pwd', pwd, ['host', 'netutils', 'busybox', 'nginx']);
registerTool('clear', clear, ['host']);
registerTool('history', history, ['host']);
registerTool('help', help, ['host']);
