// shell/tools/ip/netns.ts — `ip netns` (list, add, delete, exec, identify, list-id) and the
// lookup behind `ip -n NAME`, after iproute2 6.1's ipnetns.c. Names are what /run/netns holds:
// the kernel model's Netns.name, or Docker's sandbox keys once /var/run/netns is a symlink to
// /var/run/docker/netns (shell/files.ts runNetnsEntries). Changes go through commit().
import type { NetnsId } from '../../../kernel';
import { runNetnsEntries } from '../../files';
import { pidNetnsPath, resolveNetnsPath } from '../../netnsPath';
import { findTool } from '../../registry';
import { commit, die, type IpRun, kernel, matches, netnsNamed } from './common';
import { NETNS_USAGE } from './help';
import { Printer } from './print';

/** netns_switch(): the namespace `-n NAME` or `exec NAME` enters, or exit 255. */
export function openNetns(run: IpRun, name: string): NetnsId {
  const id = netnsNamed(run, name);
  if (id === undefined) die(run, `Cannot open network namespace "${name}": No such file or directory\n`, 255);
  return id;
}

/** Named namespaces as readdir(/run/netns) returns them on tmpfs: newest first. */
function namedNetns(run: IpRun): { id: NetnsId; name: string }[] {
  return runNetnsEntries(run.world).map((e) => ({ id: e.ns, name: e.name }));
}

function netnsList(run: IpRun): void {
  const p = new Printer(run.opts.json, run.opts.pretty);
  const nsids = kernel(run).netns[run.ns]?.nsids ?? {};
  for (const n of namedNetns(run)) {
    p.open();
    p.any('name', n.name, n.name);
    const id = nsids[n.id];
    if (id !== undefined) p.any('id', id, ` (id: ${id})`);
    p.fp('\n');
    p.close();
  }
  run.stdout += p.finish();
}

function netnsListId(run: IpRun): void {
  const p = new Printer(run.opts.json, run.opts.pretty);
  const nsids = Object.entries(kernel(run).netns[run.ns]?.nsids ?? {}).sort((a, b) => a[1] - b[1]);
  for (const [ns, id] of nsids) {
    p.open();
    p.any('nsid', id, `nsid ${id} `);
    const name = kernel(run).netns[ns]?.name;
    if (name !== undefined) p.any('name', name, `(iproute2 netns name: ${name})`);
    p.fp('\n');
    p.close();
  }
  run.stdout += p.finish();
}

function netnsAdd(run: IpRun, args: string[]): void {
  const name = args[0];
  if (name === undefined) die(run, 'No netns name specified\n', 1);
  if (netnsNamed(run, name) !== undefined)
    die(run, `Cannot create namespace file "/run/netns/${name}": File exists\n`, 1);
  commit(run, [{ op: 'addNetns', name }]);
}

function netnsDel(run: IpRun, args: string[]): void {
  const name = args[0];
  if (name === undefined) die(run, 'No netns name specified\n', 1);
  const id = netnsNamed(run, name);
  if (id === undefined) die(run, `Cannot remove namespace file "/run/netns/${name}": No such file or directory\n`, 1);
  // A Docker sandbox seen through the /var/run/netns symlink: ip only unmounts Docker's file; the
  // container's process keeps the namespace alive, so the kernel model keeps it (and the file,
  // which the model does not track apart from the sandbox).
  if (kernel(run).netns[id]?.name !== name) return;
  commit(run, [{ op: 'delNetns', netns: id }]);
}

/** `ip netns exec NAME CMD …`: CMD runs with the namespace as its network namespace. */
function netnsExec(run: IpRun, args: string[], stdin: string): number {
  const [name, prog, ...rest] = args;
  if (name === undefined) die(run, 'No netns name specified\n', 1);
  if (prog === undefined) die(run, 'No command specified\n', 1);
  const ns = openNetns(run, name);
  const tool = findTool(prog, run.ctx.toolset);
  if (!tool) die(run, `exec of "${prog}" failed: No such file or directory\n`, 1);
  const r = tool(run.world, [prog, ...rest], { stdin }, { ...run.ctx, netns: ns });
  run.world = r.world;
  run.stdout += r.stdout;
  run.stderr += r.stderr;
  return r.status;
}

/**
 * `ip netns identify [PID]`: the first /run/netns name (readdir order) whose namespace is the
 * process's, or an empty line when none is (netns_identify_pid). Without PID, ip's own process.
 */
function netnsIdentify(run: IpRun, args: string[]): void {
  const pid = args[0];
  let ns: NetnsId | undefined = run.ns;
  if (pid !== undefined) {
    if (!/^\d+$/.test(pid)) die(run, `Specified string '${pid}' is not a pid\n`, 1);
    ns = resolveNetnsPath(run.world, pidNetnsPath(Number(pid)));
    if (ns === undefined) die(run, 'Cannot open network namespace: No such file or directory\n', 1);
  }
  run.stdout += `${namedNetns(run).find((n) => n.id === ns)?.name ?? ''}\n`;
}

/** `ip netns …`; returns the exit status (exec passes its command's status through). */
export function doNetns(run: IpRun, args: string[], stdin: string): number {
  const [cmd, ...rest] = args;
  if (cmd === undefined) {
    netnsList(run);
    return 0;
  }
  const name = args[1];
  if (name !== undefined && (name.includes('/') || name === '.' || name === '..'))
    die(run, `Invalid netns name "${name}"\n`, 255);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) netnsList(run);
  else if (matches(cmd, 'list-id')) netnsListId(run);
  else if (matches(cmd, 'help')) die(run, NETNS_USAGE, 255);
  else if (matches(cmd, 'add')) netnsAdd(run, rest);
  else if (matches(cmd, 'delete')) netnsDel(run, rest);
  else if (matches(cmd, 'identify')) netnsIdentify(run, rest);
  else if (matches(cmd, 'exec')) return netnsExec(run, rest, stdin);
  else die(run, `Command "${cmd}" is unknown, try "ip netns help".\n`, 255);
  return 0;
}
