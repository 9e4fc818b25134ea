// shell/tools/ip/neigh.ts — `ip neigh show [dev X]` from the namespace's neighbour table, in
// iproute2 6.1's format (`DST dev X lladdr MAC STATE `). Read-only.
import { die, findDev, type IpRun, kernel, matches } from './common';
import { NEIGH_USAGE } from './help';
import { Printer } from './print';

function neighShow(run: IpRun, args: string[]): void {
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'dev') {
      dev = args[++i];
      if (dev === undefined) die(run, 'Command line is not complete. Try option "help"\n', 255);
    } else if (matches(a, 'help')) die(run, NEIGH_USAGE, 255);
  }
  const k = kernel(run);
  const devLink = dev !== undefined ? findDev(run, dev) : undefined;
  const p = new Printer(run.opts.json, run.opts.pretty);
  for (const n of k.netns[run.ns]?.neigh ?? []) {
    if (devLink && n.dev !== devLink.id) continue;
    if (run.opts.family === 6 && !n.dst.includes(':')) continue;
    if (run.opts.family === 4 && n.dst.includes(':')) continue;
    const l = k.links[n.dev];
    p.open();
    p.any('dst', n.dst, `${n.dst} `);
    if (!devLink) p.any('dev', l?.name ?? '', `dev ${l?.name ?? ''} `);
    if (n.lladdr) p.any('lladdr', n.lladdr, `lladdr ${n.lladdr} `);
    p.openArray('state');
    p.any(null, n.state, `${n.state} `);
    p.closeArray();
    p.fp('\n');
    p.close();
  }
  run.stdout += p.finish();
}

/** `ip neigh …` (neighbour, neighbor). */
export function doNeigh(run: IpRun, args: string[]): void {
  const [cmd, ...rest] = args;
  if (cmd === undefined) return neighShow(run, []);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return neighShow(run, rest);
  if (matches(cmd, 'help')) die(run, NEIGH_USAGE, 255);
  die(run, `Command "${cmd}" is unknown, try "ip neigh help".\n`, 255);
}
