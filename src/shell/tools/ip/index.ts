// shell/tools/ip/index.ts — the `ip` program: iproute2 6.1's global options and object dispatch
// (first keyword in iproute2's own table order wins an abbreviation), for the host and netutils
// toolsets; BusyBox images get busybox.ts's applet instead. The tool never throws: every
// mistake ends as the real tool's message and exit status.
import type { Tool } from '../../types';
import { registerTool } from '../../registry';
import { doAddr } from './addr';
import { busyboxIp } from './busybox';
import { die, IpExit, type IpRun, matches } from './common';
import { IP_USAGE } from './help';
import { doLink } from './link';
import { doNeigh } from './neigh';
import { doNetns, openNetns } from './netns';
import { doRoute } from './route';

/** iproute2's object table, in its order: `ip a` is address, `ip r` route, `ip n` neighbor. */
const OBJECTS = [
  'address',
  'addrlabel',
  'maddress',
  'route',
  'rule',
  'neighbor',
  'neighbour',
  'ntable',
  'ntbl',
  'link',
  'l2tp',
  'fou',
  'ila',
  'macsec',
  'tunnel',
  'tunl',
  'tuntap',
  'tap',
  'token',
  'tcpmetrics',
  'tcp_metrics',
  'monitor',
  'xfrm',
  'mroute',
  'mrule',
  'netns',
  'netconf',
  'vrf',
  'sr',
  'nexthop',
  'mptcp',
  'ioam',
  'help',
  'stats',
];

const FAMILIES: Record<string, 0 | 4 | 6> = { inet: 4, inet6: 6, link: 0 };

function usage(run: IpRun): never {
  return die(run, IP_USAGE, 255);
}

/** The main-table rules every namespace starts with. */
function doRule(run: IpRun, args: string[]): void {
  const cmd = args[0];
  if (cmd !== undefined && !(matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst'))) {
    die(run, `Command "${cmd}" is unknown, try "ip rule help".\n`, 255);
  }
  if (run.opts.family === 6) run.stdout += '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n';
  else run.stdout += '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n';
}

function main(run: IpRun, argv: string[], stdin: string): number {
  let args = argv.slice(1);
  while (args.length > 0) {
    let opt = args[0]!;
    if (opt === '--') {
      args = args.slice(1);
      break;
    }
    if (!opt.startsWith('-')) break;
    if (opt[1] === '-') opt = opt.slice(1);
    const value = (): string => {
      if (args.length < 2) usage(run);
      args = args.slice(1);
      return args[0]!;
    };
    if (matches(opt, '-loops')) value();
    else if (matches(opt, '-family')) {
      const v = value();
      if (v === 'help') usage(run);
      const fam = FAMILIES[v];
      if (fam === undefined) die(run, `Error: argument "${v}" is wrong: invalid protocol family\n`, 255);
      run.opts.family = fam;
    } else if (opt === '-4') run.opts.family = 4;
    else if (opt === '-6') run.opts.family = 6;
    else if (opt === '-0' || opt === '-M' || opt === '-B') run.opts.family = 0;
    else if (matches(opt, '-human') || matches(opt, '-human-readable') || matches(opt, '-iec')) continueOpt();
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) run.opts.stats++;
    else if (matches(opt, '-details')) run.opts.details++;
    else if (matches(opt, '-resolve')) continueOpt();
    else if (matches(opt, '-oneline')) run.opts.oneline = true;
    else if (matches(opt, '-timestamp') || matches(opt, '-tshort')) continueOpt();
    else if (matches(opt, '-Version')) {
      run.stdout += 'ip utility, iproute2-6.1.0, libbpf 1.1.2\n';
      return 0;
    } else if (matches(opt, '-force')) continueOpt();
    else if (matches(opt, '-batch'))
      die(run, `Cannot open file "${value()}" for batch mode: No such file or directory\n`, 255);
    else if (matches(opt, '-brief')) run.opts.brief = true;
    else if (matches(opt, '-json')) run.opts.json = true;
    else if (matches(opt, '-pretty')) run.opts.pretty = true;
    else if (matches(opt, '-rcvbuf')) value();
    else if (isColor(opt)) continueOpt();
    else if (matches(opt, '-help')) usage(run);
    else if (matches(opt, '-netns')) {
      if (args.length < 2) die(run, 'Command line is not complete. Try option "help"\n', 255);
      run.ns = openNetns(run, value());
    } else if (matches(opt, '-Numeric') || matches(opt, '-all') || opt === '-echo') continueOpt();
    else die(run, `Option "${opt}" is unknown, try "ip -help".\n`, 255);
    args = args.slice(1);
  }
  const obj = args[0];
  if (obj === undefined) usage(run);
  const found = OBJECTS.find((o) => matches(obj, o));
  const rest = args.slice(1);
  switch (found) {
    case 'address':
      doAddr(run, rest);
      return 0;
    case 'route':
      doRoute(run, rest);
      return 0;
    case 'rule':
      doRule(run, rest);
      return 0;
    case 'neighbor':
    case 'neighbour':
      doNeigh(run, rest);
      return 0;
    case 'link':
      doLink(run, rest);
      return 0;
    case 'netns':
      return doNetns(run, rest, stdin);
    case 'help':
      return usage(run);
    default:
      // Objects this kernel model has nothing for (tunnels, xfrm, mptcp …) are reported as
      // unknown rather than printing made-up state.
      return die(run, `Object "${obj}" is unknown, try "ip help".\n`, 1);
  }
}

function continueOpt(): void {}

/** matches_color(): `-c`, `-color`, `-color=always|auto|never`. */
function isColor(opt: string): boolean {
  const [name, val] = opt.split('=', 2) as [string, string | undefined];
  return (
    matches(name, '-color') &&
    (val === undefined || val === '' || val === 'always' || val === 'auto' || val === 'never')
  );
}

/** `ip` as iproute2 6.1 (host, netutils images). */
export const ip: Tool = (world, argv, io, ctx) => {
  const run: IpRun = {
    world: { ...world },
    ns: ctx.netns,
    ctx,
    opts: { json: false, pretty: false, brief: false, details: 0, stats: 0, family: 0, oneline: false },
    stdout: '',
    stderr: '',
  };
  let status: number;
  try {
    status = main(run, argv, io.stdin);
  } catch (e) {
    if (!(e instanceof IpExit)) throw e;
    status = e.status;
  }
  return { stdout: run.stdout, stderr: run.stderr, status, world: run.world };
};

/** One `ip` name for every image that has one: BusyBox images run BusyBox's applet. */
const ipAnyImage: Tool = (world, argv, io, ctx) =>
  ctx.toolset === 'busybox' ? busyboxIp(world, argv, io, ctx) : ip(world, argv, io, ctx);

registerTool('ip', ipAnyImage, ['host', 'netutils', 'busybox']);
