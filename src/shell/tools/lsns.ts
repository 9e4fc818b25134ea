// shell/tools/lsns.ts — util-linux 2.38 `lsns -t net` on the host: one row per network namespace
// that has processes (the host's, and each running container's), with the lowest PID's command,
// the netnsid the host assigned and the nsfs bind mount (Docker's /run/docker/netns/KEY or
// /run/netns/NAME). Reads the world only. Namespaces without processes are not listed (2.38).
import { imageOf } from '../../docker/engine';
import type { Container } from '../../docker/types';
import type { World } from '../../docker/world';
import { INIT_NET, type NetnsId } from '../../kernel';
import { registerTool } from '../registry';
import type { Tool } from '../types';

/**
 * Processes of the idle host outside containers (init, kernel threads, sshd, the daemons …): the
 * model runs none of them, so this is a fixed figure for an idle Ubuntu server; PID 1 is init.
 */
const HOST_PROCESSES = 112;

/** How many processes a container's image runs, and the command line of the first (its main process). */
function containerProcs(c: Container): { n: number; cmd: string } {
  const img = imageOf(c);
  // netutils' entrypoint.bash loops over `sleep 1`, so bash has a child most of the time;
  // nginx runs a master and (with `worker_processes auto`) one worker per CPU, two here.
  if (img.repository === 'nginx' && c.config.cmd.join(' ') === '/docker-entrypoint.sh nginx -g daemon off;')
    return { n: 3, cmd: 'nginx: master process nginx -g daemon off;' };
  if (img.repository === 'hwchiu/netutils' && c.config.cmd.join(' ') === '/bin/bash ./entrypoint.bash')
    return { n: 2, cmd: '/bin/bash ./entrypoint.bash' };
  return { n: 1, cmd: c.config.cmd.join(' ') };
}

interface Row {
  ns: NetnsId;
  inode: number;
  nprocs: number;
  pid: number;
  command: string;
}

/** The namespaces that have processes, with their count and lowest-PID process. */
function rows(w: World): Row[] {
  const byNs = new Map<NetnsId, Row>();
  const add = (ns: NetnsId, n: number, pid: number, command: string) => {
    const inode = w.kernel.netns[ns]?.inode;
    if (inode === undefined) return;
    const r = byNs.get(ns);
    if (!r) byNs.set(ns, { ns, inode, nprocs: n, pid, command });
    else {
      r.nprocs += n;
      if (pid < r.pid) Object.assign(r, { pid, command });
    }
  };
  add(INIT_NET, HOST_PROCESSES, 1, '/sbin/init');
  for (const c of Object.values(w.docker.containers)) {
    if (c.status !== 'running' || c.netns === undefined || c.pid === undefined) continue;
    const p = containerProcs(c);
    add(c.netns, p.n, c.pid, p.cmd);
  }
  return [...byNs.values()].sort((a, b) => a.inode - b.inode);
}

/** The nsfs mount point of a namespace, if one is bind-mounted. */
function nsfsOf(w: World, ns: NetnsId): string {
  const named = w.kernel.netns[ns]?.name;
  if (named !== undefined) return `/run/netns/${named}`;
  const c = Object.values(w.docker.containers).find((x) => x.status === 'running' && x.sandbox?.netns === ns);
  return c && c.sandbox && c.sandbox.key !== 'default' ? `/run/docker/netns/${c.sandbox.key}` : '';
}

const lsns: Tool = (world, argv) => {
  let type: string | undefined;
  let noHeadings = false;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--type') type = args[++i];
    else if (a.startsWith('--type=')) type = a.slice(7);
    else if (a.startsWith('-t') && a.length > 2) type = a.slice(2);
    else if (a === '-n' || a === '--noheadings') noHeadings = true;
  }
  const known = ['mnt', 'net', 'ipc', 'user', 'pid', 'uts', 'cgroup', 'time'];
  if (type !== undefined && !known.includes(type))
    return { stdout: '', stderr: `lsns: unknown namespace type: ${type}\n`, status: 1, world };
  const table = rows(world).map((r) => {
    const nsid = world.kernel.netns[INIT_NET]?.nsids[r.ns];
    return [
      String(r.inode),
      'net',
      String(r.nprocs),
      String(r.pid),
      'root',
      nsid === undefined ? 'unassigned' : String(nsid),
      nsfsOf(world, r.ns),
      r.command,
    ];
  });
  const header = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'NETNSID', 'NSFS', 'COMMAND'];
  // libsmartcols: one space between columns; numbers right-aligned; the last column unpadded.
  const right = [true, false, true, true, false, true, false, false];
  const all = noHeadings ? table : [header, ...table];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join(' ') + '\n';
  return { stdout: all.map(line).join(''), stderr: '', status: 0, world };
};

registerTool('lsns', lsns, ['host']);
