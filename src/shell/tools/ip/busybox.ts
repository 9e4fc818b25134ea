// shell/tools/ip/busybox.ts — BusyBox 1.35's `ip` applet (alpine/busybox images): the older
// iproute-style listing without `state`/`group`/netnsid, peers resolved by index in the local
// namespace (hence `@ifN` plus M-DOWN for a peer elsewhere), and its own route format.
// Changes reuse the iproute2 implementation (same kernel requests); only the wording differs.
import type { Tool } from '../../types';
import type { Addr, Link } from '../../../kernel';
import { hasCarrier, ifFlags, linkByIndex, linkByName, linksOf, peerOf, qdiscOf, routesOf } from '../../../kernel';
import { orderedAddrs } from './addr';
import { ip } from './index';
import { dumpOrder } from './route';

const USAGE =
  'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\n' +
  'Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\n' +
  'OPTIONS := -f[amily] inet|inet6|link | -o[neline]\n\n' +
  'ip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]\n' +
  'ip route list|flush|add|del|change|append|replace|test ROUTE\n' +
  'ip link set IFACE [up|down] [arp on|off] [multicast on|off]\n' +
  '\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]\n' +
  '\t[master IFACE | nomaster] [netns PID]\n' +
  'ip tunnel add|change|del|show [NAME]\n' +
  '\t[mode ipip|gre|sit] [remote ADDR] [local ADDR] [ttl TTL]\n' +
  'ip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]\n' +
  'ip rule [list] | add|del SELECTOR ACTION\n';

const OBJECTS = ['address', 'route', 'link', 'tunnel', 'neigh', 'rule'];
const prefixOf = (arg: string, word: string) => arg.length > 0 && word.startsWith(arg);

/** BusyBox's link line: `N: NAME[@PEER]: <FLAGS> mtu M [qdisc Q] [master B] [qlen L]`. */
function linkText(k: Parameters<typeof hasCarrier>[0], l: Link, family: 0 | 4 | 6): string {
  let s = `${l.ifindex}: ${l.name}`;
  // The AF_INET6 link dump (-6) carries no IFLA_LINK, so BusyBox then prints no peer at all.
  const p = family === 6 ? undefined : peerOf(k, l);
  let mdown = false;
  if (p) {
    // ll_idx_n2a / ll_index_to_flags look the index up among this namespace's links only.
    const local = p.netns === l.netns ? p : linkByIndex(k, l.netns, p.ifindex);
    s += `@${local ? local.name : `if${p.ifindex}`}: `;
    mdown = !(local?.up ?? false);
  } else s += ': ';
  const f = ifFlags(k, l);
  if (l.up && !hasCarrier(k, l)) f.unshift('NO-CARRIER');
  if (mdown) f.push('M-DOWN');
  s += `<${f.join(',')}> mtu ${l.mtu} `;
  if (family !== 6) s += `qdisc ${qdiscOf(l)} `;
  const master = l.master ? k.links[l.master] : undefined;
  if (master && family !== 6) s += `master ${master.name} `;
  if (l.txqlen) s += `qlen ${l.txqlen}`;
  if (family === 0) {
    const brd = l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
    s += `\n    link/${l.kind === 'loopback' ? 'loopback' : 'ether'} ${l.mac} brd ${brd}`;
  }
  return s + '\n';
}

function addrText(k: Parameters<typeof hasCarrier>[0], l: Link, a: Addr): string {
  let s = `    ${a.family === 4 ? 'inet' : 'inet6'} ${a.local}/${a.prefixlen} `;
  if (a.broadcast) s += `brd ${a.broadcast} `;
  s += `scope ${a.scope} `;
  if (a.secondary) s += 'secondary ';
  if (a.family === 6 && !a.kernel && !hasCarrier(k, l)) s += 'tentative ';
  if (a.family === 4) s += a.label ?? l.name;
  return s + '\n       valid_lft forever preferred_lft forever\n';
}

/** BusyBox's route line: `scope link ` then ` src A `, ` metric N `. */
function routeText(k: Parameters<typeof hasCarrier>[0], r: ReturnType<typeof routesOf>[number]): string {
  let s = `${r.dst} `;
  if (r.gateway) s += `via ${r.gateway} `;
  s += `dev ${k.links[r.dev]?.name ?? '?'} `;
  if (r.scope !== 'global') s += `scope ${r.scope} `;
  if (r.prefsrc) s += ` src ${r.prefsrc} `;
  if (r.metric) s += ` metric ${r.metric} `;
  return s + '\n';
}

const EXTACK_ERRNO: [RegExp, string][] = [
  [/already assigned/, 'File exists'],
  [/not found/, 'Cannot assign requested address'],
  [/invalid gateway/, 'Network is unreachable'],
  [/nexthop is not up/, 'Network is down'],
  [/enslave a bridge/, 'Too many levels of symbolic links'],
  [/Unknown device type/, 'Operation not supported'],
];

/** BusyBox's wording for the errors the shared implementation prints. */
function busyboxError(stderr: string): { text: string; status?: number } {
  const dev = /^Cannot find device "(.*)"\n$/.exec(stderr);
  if (dev) return { text: `ip: can't find device '${dev[1]}'\n`, status: 1 };
  if (stderr.startsWith('RTNETLINK answers: ')) return { text: `ip: ${stderr}` };
  // BusyBox ignores the kernel's extended ack and prints the errno text behind it.
  if (stderr.startsWith('Error: ')) {
    const errno = EXTACK_ERRNO.find(([re]) => re.test(stderr))?.[1] ?? 'Invalid argument';
    return { text: `ip: RTNETLINK answers: ${errno}\n`, status: 2 };
  }
  return { text: stderr.startsWith('ip: ') ? stderr : `ip: ${stderr}` };
}

export const busyboxIp: Tool = (world, argv, io, ctx) => {
  const out = (stdout: string, stderr = '', status = 0) => ({ stdout, stderr, status, world });
  let family: 0 | 4 | 6 = 0;
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const o = argv[i]!;
    if (o === '-4') family = 4;
    else if (o === '-6') family = 6;
    else if (o === '-o' || o === '-oneline') continue;
    else if (prefixOf(o, '-family')) {
      const v = argv[++i];
      family = v === 'inet' ? 4 : v === 'inet6' ? 6 : 0;
    } else return out('', USAGE, 1);
  }
  const obj = argv[i];
  const found = obj === undefined ? undefined : OBJECTS.find((o) => prefixOf(obj, o));
  if (!found) return out('', USAGE, 1);
  const args = argv.slice(i + 1);
  const cmd = args[0] ?? 'show';
  const k = world.kernel;
  const isShow = ['show', 'list', 'lst'].some((w) => prefixOf(cmd, w));
  if (isShow && (found === 'address' || found === 'link')) {
    const devArgs = args.slice(1).filter((w) => w !== 'dev');
    let links = linksOf(k, ctx.netns);
    if (devArgs[0] !== undefined) {
      const l = linkByName(k, ctx.netns, devArgs[0]);
      if (!l) return out('', `ip: can't find device '${devArgs[0]}'\n`, 1);
      links = [l];
    }
    let text = '';
    for (const l of links) {
      if (found === 'link') {
        text += linkText(k, l, 0);
        continue;
      }
      const addrs = orderedAddrs(l, family);
      if (family !== 0 && addrs.length === 0) continue;
      text += linkText(k, l, family);
      for (const a of addrs) text += addrText(k, l, a);
    }
    return out(text);
  }
  if (isShow && found === 'route') {
    return out(
      dumpOrder(routesOf(k, ctx.netns, 4))
        .map((r) => routeText(k, r))
        .join(''),
    );
  }
  if (isShow && (found === 'neigh' || found === 'rule' || found === 'tunnel')) {
    if (found === 'rule')
      return out('0:\tfrom all lookup local \n32766:\tfrom all lookup main \n32767:\tfrom all lookup default \n');
    return out('');
  }
  // add / del / set / flush: the same kernel requests as iproute2's, in BusyBox's words.
  const r = ip(world, argv, io, { ...ctx, toolset: 'host' });
  if (r.status === 0) return r;
  const e = busyboxError(r.stderr);
  return { ...r, stderr: e.text, status: e.status ?? r.status };
};
