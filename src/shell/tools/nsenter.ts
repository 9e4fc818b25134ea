// shell/tools/nsenter.ts — util-linux 2.38 `nsenter`, network namespace only: `--net=PATH`,
// `-n -t PID` / `--target PID --net`, then runs the program with ctx.netns switched.
// Paths and PIDs are resolved by shell/netnsPath.ts (which the Docker engine extends); this file
// never changes the World itself — only the program it runs may.
import { registerTool, findTool } from '../registry';
import { pidNetnsPath, resolveNetnsPath } from '../netnsPath';
import type { Tool } from '../types';

export const nsenter: Tool = (world, argv, io, ctx) => {
  const usageError = (msg: string) => ({
    stdout: '',
    stderr: `nsenter: ${msg}\nTry 'nsenter --help' for more information.\n`,
    status: 1,
    world,
  });
  let netOpt = false;
  let netPath: string | undefined;
  let pid: string | undefined;
  // getopt_long with a leading `+`: options end at the first operand, which starts the program.
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      if (name.length > 0 && 'net'.startsWith(name)) {
        // --net takes its file only as --net=FILE (an optional argument).
        netOpt = true;
        if (value !== undefined) netPath = value;
      } else if (name.length > 0 && 'target'.startsWith(name)) {
        if (value !== undefined) pid = value;
        else if (i + 1 < argv.length) pid = argv[++i];
        else return usageError("option '--target' requires an argument");
      } else {
        return usageError(`unrecognized option '${a}'`);
      }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'n') {
        netOpt = true;
        if (j + 1 < a.length) netPath = a.slice(j + 1);
        break;
      }
      if (c === 't') {
        if (j + 1 < a.length) pid = a.slice(j + 1);
        else if (i + 1 < argv.length) pid = argv[++i];
        else return usageError("option requires an argument -- 't'");
        break;
      }
      return usageError(`invalid option -- '${c}'`);
    }
  }
  const program = argv.slice(i);
  if (pid !== undefined && !/^\d+$/.test(pid)) {
    return { stdout: '', stderr: `nsenter: failed to parse pid: '${pid}'\n`, status: 1, world };
  }
  let netns = ctx.netns;
  if (netOpt) {
    const path = netPath ?? (pid !== undefined ? pidNetnsPath(Number(pid)) : undefined);
    if (path === undefined) {
      return { stdout: '', stderr: 'nsenter: neither filename nor target pid supplied for ns/net\n', status: 1, world };
    }
    const ns = resolveNetnsPath(world, path);
    if (ns === undefined)
      return { stdout: '', stderr: `nsenter: cannot open ${path}: No such file or directory\n`, status: 1, world };
    netns = ns;
  }
  // With no program nsenter runs ${SHELL}; a command line cannot open an interactive shell, so
  // this behaves as that shell does with no input: it exits at once, successfully.
  if (program.length === 0) return { stdout: '', stderr: '', status: 0, world };
  const name = program[0]!;
  const tool = findTool(name.replace(/^\/(usr\/)?s?bin\//, ''), ctx.toolset);
  if (!tool)
    return {
      stdout: '',
      stderr: `nsenter: failed to execute ${name}: No such file or directory\n`,
      status: 127,
      world,
    };
  return tool(world, program, io, { ...ctx, netns });
};

registerTool('nsenter', nsenter, ['host']);
