// shell/tools/route.ts — `route [-n]`, the IPv4 main table as net-tools (2.10 on the host, 1.60 in
// the netutils image) and BusyBox print it from /proc/net/route. Read-only: adding or deleting
// routes: `route add|del [-net|-host] TARGET[/LEN] [netmask M] [gw G] [metric N] [[dev] IF]` become
// addRoute/delRoute kernel ops committed through commitOps; nothing else changes the World.
import { commitAs } from '../caps';
import { formatIPv4, maskOf, parseIPv4, prefixFromMask } from '../../kernel/addr';
import type { KernelOp } from '../../kernel/ops';
import type { KernelState, NetnsId, Route } from '../../kernel/types';
import { strerror } from '../strerror';
import { registerTool } from '../registry';
import type { ExecContext, Tool } from '../types';

interface Row {
  dst: number;
  len: number;
  route: Route;
}

/**
 * /proc/net/route walks the FIB trie: ascending by destination; for one destination the longer
 * prefix first; then by metric. Only routes of the main table appear (not the local table).
 */
function rowsOf(k: KernelState, ns: NetnsId): Row[] {
  const n = k.netns[ns];
  if (!n) return [];
  return n.routes
    .filter((r) => r.family === 4)
    .map((route) => {
      if (route.dst === 'default') return { dst: 0, len: 0, route };
      const [ip, len] = route.dst.split('/');
      return { dst: parseIPv4(ip!)!, len: Number(len ?? 32), route };
    })
    .sort((a, b) => a.dst - b.dst || b.len - a.len || (a.route.metric ?? 0) - (b.route.metric ?? 0));
}

const HEADER =
  'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';

/** The rows, `%-15s %-15s %-15s %-5s %-6d %-2d %7d %s` as both net-tools and BusyBox lay them out. */
function table(k: KernelState, ns: NetnsId, numeric: boolean, zeroGateway: string): string {
  let out = HEADER;
  for (const { dst, len, route } of rowsOf(k, ns)) {
    const flags = 'U' + (route.gateway ? 'G' : '') + (len === 32 ? 'H' : '');
    const dest = !numeric && len === 0 && dst === 0 ? 'default' : formatIPv4(dst);
    const gw = route.gateway ?? (numeric ? '0.0.0.0' : zeroGateway);
    const dev = k.links[route.dev]?.name ?? '';
    out +=
      `${dest.padEnd(15)} ${gw.padEnd(15)} ${formatIPv4(maskOf(len)).padEnd(15)} ${flags.padEnd(5)} ` +
      `${String(route.metric ?? 0).padEnd(6)} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${dev}\n`;
  }
  return out;
}

const INET_USAGE =
  'Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n' +
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n' +
  '                              [netmask N] [mss Mss] [window W] [irtt I]\n' +
  '                              [mod] [dyn] [reinstate] [[dev] If]\n' +
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n' +
  '       inet_route [-FC] flush      NOT supported\n';

const ROUTE_USAGE =
  'Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n' +
  '       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n' +
  '\n' +
  '       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n' +
  '       route {-V|--version}                  Display version/author and exit.\n' +
  '\n' +
  '        -v, --verbose            be verbose\n' +
  "        -n, --numeric            don't resolve names\n" +
  '        -e, --extend             display other/more information\n' +
  '        -F, --fib                display Forwarding Information Base (default)\n' +
  '        -C, --cache              display routing cache instead of FIB\n' +
  '\n' +
  "  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n" +
  '  List of possible address families (which support routing):\n' +
  '    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n' +
  '    ddp (Appletalk DDP) x25 (CCITT X.25) \n';

/** `route add|del …` (net-tools inet_setroute): SIOCADDRT/SIOCDELRT as addRoute/delRoute; errors exit 7. */
function modify(world: import('../../docker/world').World, ctx: ExecContext, verb: 'add' | 'del', args: string[]) {
  const ns = ctx.netns;
  // net-tools prints the inet_route usage on stdout and exits 0 when the arguments run out.
  const usage = { stdout: INET_USAGE, stderr: '', status: 0, world };
  let i = 0;
  let host = false;
  if (args[i] === '-net' || args[i] === '-host') host = args[i++] === '-host';
  const target = args[i++];
  if (target === undefined) return usage;
  let len: number | undefined;
  let ip: number | undefined;
  if (target === 'default') {
    ip = 0;
    len = 0;
  } else {
    const [t, l] = target.split('/');
    ip = parseIPv4(t!);
    if (l !== undefined) len = Number(l);
    else if (host) len = 32;
  }
  if (ip === undefined) return { stdout: '', stderr: `${target}: Unknown host\n`, status: 3, world };
  let gateway: string | undefined;
  let metric: number | undefined;
  let dev: string | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    if ((a === 'netmask' || a === 'gw' || a === 'metric' || a === 'dev') && v === undefined) return usage;
    if (a === 'netmask') {
      const m = prefixFromMask(v!);
      if (m === undefined) return { stdout: '', stderr: `route: bogus netmask ${v}\n` + INET_USAGE, status: 3, world };
      len = m;
      i++;
    } else if (a === 'gw') {
      gateway = v;
      i++;
    } else if (a === 'metric') {
      metric = Number(v);
      i++;
    } else if (a === 'dev') {
      dev = v;
      i++;
    } else if (i === args.length - 1) {
      dev = a;
    } else {
      return usage;
    }
  }
  // Without a prefix or netmask, a -net target takes its classful length and a bare address is a host.
  len ??= 32;
  const dst = len === 0 ? 'default' : `${formatIPv4((ip & maskOf(len)) >>> 0)}/${len}`;
  const op: KernelOp =
    verb === 'add'
      ? {
          op: 'addRoute',
          netns: ns,
          dst,
          ...(gateway ? { gateway } : {}),
          ...(dev ? { dev } : {}),
          ...(metric !== undefined ? { metric } : {}),
        }
      : {
          op: 'delRoute',
          netns: ns,
          dst,
          ...(gateway ? { gateway } : {}),
          ...(dev ? { dev } : {}),
          ...(metric !== undefined ? { metric } : {}),
        };
  const r = commitAs(ctx, world, [op]);
  if (r.ok) return { stdout: '', stderr: '', status: 0, world: r.world };
  const ioctl = verb === 'add' ? 'SIOCADDRT' : 'SIOCDELRT';
  return { stdout: '', stderr: `${ioctl}: ${strerror(r.error.errno)}\n`, status: 7, world: r.world };
}

function makeRoute(style: 'nettools2' | 'nettools160' | 'busybox'): Tool {
  return (world, argv, _io, ctx) => {
    let numeric = false;
    for (const a of argv.slice(1)) {
      if (a === '-n' || a === '--numeric') {
        numeric = true;
        continue;
      }
      if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
        const bad = [...a.slice(1)].find((c) => c !== 'n');
        if (bad === undefined) {
          numeric = true;
          continue;
        }
        // net-tools follows the complaint with its usage on stdout and exits 0; BusyBox exits 1.
        const err = `route: invalid option -- '${bad}'\n`;
        if (style === 'busybox') return { stdout: '', stderr: err, status: 1, world };
        // (the list of address families is written to stderr, the rest of the usage to stdout)
        const cut = ROUTE_USAGE.indexOf('    inet (DARPA');
        return { stdout: ROUTE_USAGE.slice(0, cut), stderr: err + ROUTE_USAGE.slice(cut), status: 0, world };
      }
      if (a === 'add' || a === 'del') return modify(world, ctx, a, argv.slice(argv.indexOf(a) + 1));
      return { stdout: '', stderr: ROUTE_USAGE, status: 3, world };
    }
    // Without -n, net-tools 2.10 shows an unset gateway as 0.0.0.0; 1.60 and BusyBox print `*`.
    const zero = style === 'nettools2' ? '0.0.0.0' : '*';
    return { stdout: table(world.kernel, ctx.netns, numeric, zero), stderr: '', status: 0, world };
  };
}

const hostRoute = makeRoute('nettools2');
const netutilsRoute = makeRoute('nettools160');
const busyboxRoute = makeRoute('busybox');

registerTool(
  'route',
  (world, argv, io, ctx) =>
    (ctx.toolset === 'busybox' ? busyboxRoute : ctx.toolset === 'netutils' ? netutilsRoute : hostRoute)(
      world,
      argv,
      io,
      ctx,
    ),
  ['host', 'netutils', 'busybox'],
);
