// shell/tools/fs.ts — the few file-system tools the companion labs use: `ln -s` (a host symlink,
// the one piece of file-system state the world keeps), `rm` of such a link, `readlink` and `ls`
// over the simulated files of shell/files.ts, as GNU coreutils 9.1 prints them on a terminal.
// Changes only World.symlinks; everything else is read from the model.
import type { World } from '../../docker/world';
import { canonicalRun, listDir, readFile, readLink, resolveDirs, symlinkAt } from '../files';
import { ALL_TOOLSETS, registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';
import { getopt } from './getopt';

function result(world: World, stdout: string, stderr = '', status = 0): ToolResult {
  return { stdout, stderr, status, world };
}

/** ln and rm name files with quoteaf (shell-escape quoting): plain ASCII quotes in any locale. */
function quote(_ctx: ExecContext, s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** Directories that exist on the host, where `ln -s` may create a link. */
const HOST_DIRS = ['/', '/root', '/tmp', '/run', '/run/docker', '/run/docker/netns', '/etc', '/usr/local/bin'];

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function isDir(w: World, ctx: ExecContext, path: string): boolean {
  const p = canonicalRun(path);
  return HOST_DIRS.includes(p) || listDir(w, ctx, p) !== undefined;
}

/** `ln -s TARGET LINK`: only symbolic links (hard links need files the model does not have). */
const ln: Tool = (world, argv, _io, ctx) => {
  const parsed = getopt('ln', argv.slice(1), {
    short: 'sfnT',
    long: {
      symbolic: { key: 's', arg: 'none' },
      force: { key: 'f', arg: 'none' },
      'no-dereference': { key: 'n', arg: 'none' },
    },
  });
  const fail = (msg: string) => result(world, '', msg, 1);
  if (!parsed.ok) return fail(`${parsed.error}\nTry 'ln --help' for more information.\n`);
  const keys = new Set(parsed.opts.map((o) => o.key));
  const ops = parsed.operands;
  if (ops.length === 0) return fail("ln: missing file operand\nTry 'ln --help' for more information.\n");
  if (!keys.has('s')) return fail(`ln: failed to access ${quote(ctx, ops[0]!)}: No such file or directory\n`);
  const target = ops[0]!;
  let linkPath = ops.length > 1 ? ops[1]! : target.replace(/\/+$/, '').replace(/^.*\//, '');
  if (!linkPath.startsWith('/')) linkPath = `/root/${linkPath}`;
  const shown = ops.length > 1 ? ops[1]! : linkPath.slice('/root/'.length);
  // An existing directory (or a link to one, without -n) receives the link inside it.
  let path = linkPath;
  if (!keys.has('n') && isDir(world, ctx, linkPath))
    path = `${linkPath.replace(/\/+$/, '')}/${target.replace(/\/+$/, '').replace(/^.*\//, '')}`;
  const key = resolveDirs(world, path);
  const exists =
    symlinkAt(world, ctx, key) !== undefined || isDir(world, ctx, key) || readFile(world, ctx, key) !== undefined;
  const shownPath = path === linkPath ? shown : path;
  if (exists && !keys.has('f'))
    return fail(`ln: failed to create symbolic link ${quote(ctx, shownPath)}: File exists\n`);
  if (!isDir(world, ctx, parentOf(key)))
    return fail(`ln: failed to create symbolic link ${quote(ctx, shownPath)}: No such file or directory\n`);
  const symlinks = { ...(world.symlinks ?? {}), [key]: { target, created: world.clock } };
  return result({ ...world, symlinks }, '');
};

/** `rm [-f] PATH…` for the links `ln -s` made; the model keeps no other file that could be removed. */
const rm: Tool = (world, argv, _io, ctx) => {
  const args = argv.slice(1);
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  let w = world;
  let err = '';
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const key = resolveDirs(w, a.startsWith('/') ? a : `/root/${a}`);
    if (w.symlinks?.[key] && ctx.container === undefined) {
      const rest = { ...w.symlinks };
      delete rest[key];
      w = { ...w, symlinks: rest };
    } else if (isDir(w, ctx, key)) err += `rm: cannot remove ${quote(ctx, a)}: Is a directory\n`;
    else if (!force) err += `rm: cannot remove ${quote(ctx, a)}: No such file or directory\n`;
  }
  return result(w, '', err, err ? 1 : 0);
};

/** `readlink [-n] FILE…`: the target of each symlink; status 1 (silently) for anything else. */
const readlink: Tool = (world, argv, _io, ctx) => {
  const args = argv.slice(1);
  const noNewline = args.includes('-n');
  let out = '';
  let status = 0;
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const t = readLink(world, ctx, a);
    if (t === undefined) status = 1;
    else out += t + (noNewline ? '' : '\n');
  }
  return result(world, out, '', status);
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ls -l's time for a recent file: `Mon DD HH:MM` (UTC: the simulated host's zone). */
function lsTime(ms: number): string {
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hh}:${mm}`;
}

/**
 * Whether ls writes to a terminal: the host's shell does; a `docker exec` process only with -t
 * (which is also what gives it TERM=xterm), else its stdout is a pipe to the client.
 */
function onTerminal(ctx: ExecContext): boolean {
  return ctx.container === undefined || (ctx.processEnv?.includes('TERM=xterm') ?? false);
}

/** When Docker bind-mounted the namespace file KEY: its container's last start (else now). */
function mountedAt(w: World, key: string): number {
  const c = Object.values(w.docker.containers).find((x) => x.status === 'running' && x.sandbox?.key === key);
  return c?.runs.at(-1)?.startedAt ?? w.clock;
}

/** GNU ls quotes names with shell metacharacters on a terminal (quoting style shell-escape). */
function lsQuote(ctx: ExecContext, s: string): string {
  if (ctx.toolset !== 'host' || !onTerminal(ctx)) return s;
  return /[\s'"\\$`*?[\]{}()<>|&;!#~^=]/.test(s) ? `'${s.replace(/'/g, "'\\''")}'` : s;
}

/** ls -C on an 80-column terminal: as many columns as fit, filled top to bottom. */
function columns(names: string[], width = 80): string {
  if (names.length === 0) return '';
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (Math.ceil(names.length / rows) !== cols) continue;
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      widths.push(Math.max(...col.map((n) => n.length)) + (c < cols - 1 ? 2 : 0));
    }
    if (widths.reduce((a, b) => a + b, 0) > width && cols > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < cols; c++) {
        const n = names[c * rows + r];
        if (n === undefined) continue;
        const last = c === cols - 1 || names[(c + 1) * rows + r] === undefined;
        line += last ? n : n.padEnd(widths[c]!);
      }
      out += line + '\n';
    }
    return out;
  }
  return names.join('\n') + '\n';
}

/** `ls [-l] [-1] [-d] PATH…` over the directories and links the model knows. */
const ls: Tool = (world, argv, _io, ctx) => {
  const parsed = getopt('ls', argv.slice(1), { short: 'l1dLa', long: {} });
  if (!parsed.ok) return result(world, '', `${parsed.error}\nTry 'ls --help' for more information.\n`, 2);
  const keys = new Set(parsed.opts.map((o) => o.key));
  const long = keys.has('l');
  const paths = parsed.operands.length ? parsed.operands : ['.'];
  let err = '';
  let status = 0;
  const linkLine = (p: string, target: string, size: number, created: number) =>
    `lrwxrwxrwx 1 root root ${size} ${lsTime(created)} ${lsQuote(ctx, p)} -> ${lsQuote(ctx, target)}\n`;
  const sections: string[] = [];
  for (const p of paths) {
    const symlink = symlinkAt(world, ctx, p);
    const procLink = /^\/proc\/[^/]+\/ns\/net$/.test(p) ? readLink(world, ctx, p) : undefined;
    // -l (or -d) shows a link operand itself; without them ls follows it to the directory.
    if ((symlink || procLink !== undefined) && (long || keys.has('d') || procLink !== undefined)) {
      if (!long) sections.push(`${lsQuote(ctx, p)}\n`);
      else if (symlink) sections.push(linkLine(p, symlink.target, symlink.target.length, symlink.created));
      else sections.push(linkLine(p, procLink!, 0, world.clock));
      continue;
    }
    const entries = listDir(world, ctx, p);
    if (entries === undefined) {
      if (readFile(world, ctx, p) !== undefined) {
        sections.push(`${lsQuote(ctx, p)}\n`);
        continue;
      }
      err += `ls: cannot access ${ctx.toolset === 'host' ? `'${p}'` : `'${p}'`}: No such file or directory\n`;
      status = 2;
      continue;
    }
    const shown = entries.filter((e) => keys.has('a') || !e.startsWith('.'));
    let body: string;
    if (long) {
      body = `total 0\n`;
      for (const e of shown) {
        const full = `${p.replace(/\/+$/, '')}/${e}`;
        const t = readLink(world, ctx, full);
        // Docker's namespace files are bind mounts of nsfs inodes: a 0-byte regular file.
        body +=
          t !== undefined
            ? linkLine(e, t, 0, world.clock)
            : `-r--r--r-- 1 root root 0 ${lsTime(mountedAt(world, e))} ${lsQuote(ctx, e)}\n`;
      }
    } else
      body =
        keys.has('1') || !onTerminal(ctx)
          ? shown.map((e) => `${lsQuote(ctx, e)}\n`).join('')
          : columns(shown.map((e) => lsQuote(ctx, e)));
    sections.push(paths.length > 1 ? `${p}:\n${body}` : body);
  }
  const out = sections.join(paths.length > 1 ? '\n' : '');
  return result(world, out, err, status);
};

registerTool('ln', ln, ['host']);
registerTool('rm', rm, ['host']);
registerTool('readlink', readlink, ALL_TOOLSETS);
registerTool('ls', ls, ALL_TOOLSETS);
