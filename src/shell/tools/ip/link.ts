// shell/tools/ip/link.ts — `ip link`: show/list/lst, add, set/change, delete, following
// iproute2 6.1's iplink_parse and ipaddr_list_link (keyword order decides abbreviations).
// Changes the kernel only through commit(); never throws for bad input.
import type { KernelError, KernelOp, Link, NetnsId } from '../../../kernel';
import { INIT_NET, linkByName, linksOf } from '../../../kernel';
import {
  commit,
  die,
  duparg,
  duparg2,
  findDev,
  invarg,
  type IpRun,
  kernel,
  matches,
  netnsNamed,
  validIfname,
} from './common';
import { isPortOf, printLinkBody, printLinkBrief } from './format';
import { BRIDGE_USAGE, LINK_USAGE } from './help';
import { Printer } from './print';

/** ll_addr_a2n(): colon-separated hex bytes; returns the bytes, or undefined when invalid. */
export function parseLladdr(s: string): number[] | undefined {
  const parts = s.split(':');
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9a-fA-F]{1,8}$/.test(p)) return undefined;
    const v = parseInt(p, 16);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

function macText(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** get_integer(): decimal, 0x hex or 0 octal, as strtol reads it. */
export function parseInteger(s: string): number | undefined {
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(s)) return parseInt(s, 16);
  if (/^[-+]?0[0-7]*$/.test(s)) return parseInt(s, 8);
  if (/^[-+]?[1-9][0-9]*$/.test(s)) return parseInt(s, 10);
  return undefined;
}

function usage(run: IpRun): never {
  return die(run, LINK_USAGE, 255);
}

/** What iplink_parse gathered from the words before `type`. */
interface LinkReq {
  up?: boolean;
  name?: string;
  dev?: string;
  link?: string;
  address?: number[];
  mtu?: number;
  txqlen?: number;
  /** The target namespace, or a marker for a PID that does not exist. */
  netns?: NetnsId | { pid: number };
  master?: string | null;
  type?: string;
  /** Words left after `type TYPE`. */
  rest: string[];
}

/** Bridge options (iplink_bridge.c) that take one value; accepted, not modelled. */
const BRIDGE_OPTS = new Set([
  'forward_delay',
  'hello_time',
  'max_age',
  'ageing_time',
  'stp_state',
  'priority',
  'group_fwd_mask',
  'group_address',
  'no_linklocal_learn',
  'vlan_filtering',
  'vlan_protocol',
  'vlan_default_pvid',
  'vlan_stats_enabled',
  'vlan_stats_per_port',
  'mcast_snooping',
  'mcast_vlan_snooping',
  'mcast_router',
  'mcast_query_use_ifaddr',
  'mcast_querier',
  'mcast_hash_elasticity',
  'mcast_hash_max',
  'mcast_last_member_count',
  'mcast_startup_query_count',
  'mcast_last_member_interval',
  'mcast_membership_interval',
  'mcast_querier_interval',
  'mcast_query_interval',
  'mcast_query_response_interval',
  'mcast_startup_query_interval',
  'mcast_stats_enabled',
  'mcast_igmp_version',
  'mcast_mld_version',
  'nf_call_iptables',
  'nf_call_ip6tables',
  'nf_call_arptables',
]);

/** iplink_parse(): the generic link attributes, in iproute2's keyword order. */
function parseLinkArgs(run: IpRun, args: string[], create: boolean): LinkReq {
  const req: LinkReq = { rest: [] };
  let i = 0;
  const next = (): string => {
    i++;
    if (i >= args.length) die(run, 'Command line is not complete. Try option "help"\n', 255);
    return args[i]!;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'up') req.up = true;
    else if (a === 'down') req.up = false;
    else if (a === 'name') {
      const v = next();
      if (req.name !== undefined) duparg(run, 'name', v);
      if (!validIfname(v)) invarg(run, '"name" not a valid ifname', v);
      req.name = v;
    } else if (matches(a, 'link')) {
      req.link = next();
    } else if (matches(a, 'address')) {
      const v = next();
      const bytes = parseLladdr(v);
      if (!bytes) die(run, `"${v}" is invalid lladdr.\n`, 1);
      req.address = bytes;
    } else if (matches(a, 'txqueuelen') || a === 'qlen' || matches(a, 'txqlen')) {
      const v = next();
      if (req.txqlen !== undefined) duparg(run, 'txqueuelen', v);
      const n = parseInteger(v);
      if (n === undefined) invarg(run, 'Invalid "txqueuelen" value\n', v);
      req.txqlen = n;
    } else if (a === 'mtu') {
      const v = next();
      if (req.mtu !== undefined) duparg(run, 'mtu', v);
      const n = parseInteger(v);
      if (n === undefined) invarg(run, 'Invalid "mtu" value\n', v);
      req.mtu = n;
    } else if (a === 'netns') {
      const v = next();
      if (req.netns !== undefined) duparg(run, 'netns', v);
      const ns = netnsNamed(run, v);
      if (ns !== undefined) req.netns = ns;
      else {
        // A number is a PID: PID 1 lives in the host's namespace; no other process is modelled.
        const pid = parseInteger(v);
        if (pid === undefined) invarg(run, 'Invalid "netns" value\n', v);
        req.netns = pid === 1 ? INIT_NET : { pid };
      }
    } else if (matches(a, 'master')) {
      const v = next();
      if (!linkByName(kernel(run), run.ns, v)) invarg(run, 'Device does not exist\n', v);
      req.master = v;
    } else if (matches(a, 'nomaster')) {
      req.master = null;
    } else if (matches(a, 'type')) {
      req.type = next();
      req.rest = args.slice(i + 1);
      break;
    } else {
      if (matches(a, 'help')) usage(run);
      let v = a;
      if (a === 'dev') v = next();
      if (req.dev !== req.name) duparg2(run, 'dev', v);
      if (!validIfnameLoose(v)) invarg(run, '"dev" not a valid ifname', v);
      req.dev = v;
    }
  }
  if (create && req.name !== undefined && req.dev !== undefined && req.name !== req.dev) {
    die(run, 'both "name" and "dev" cannot be used when creating devices.\n', 255);
  }
  return req;
}

/** check_altifname(): any length, but no '/' or blanks. */
function validIfnameLoose(name: string): boolean {
  return name.length > 0 && !/[/\s]/.test(name);
}

function nameOf(req: LinkReq): string | undefined {
  return req.name ?? req.dev;
}

// ------------------------------------------------------------------------------------ add

/** `ip link add …`: the generic attributes, then `type veth [peer …]` or `type bridge`. */
function linkAdd(run: IpRun, args: string[]): void {
  const req = parseLinkArgs(run, args, true);
  if (req.type === undefined) die(run, 'Not enough information: "type" argument is required\n', 1);
  if (req.link !== undefined) findDev(run, req.link);
  const name = nameOf(req);
  if (name !== undefined && !validIfname(name)) invarg(run, '"name" not a valid ifname', name);
  const type = req.type;
  if (type === 'veth') return addVeth(run, req, name);
  if (type === 'bridge') {
    for (let i = 0; i < req.rest.length; i++) {
      const w = req.rest[i]!;
      if (w === 'help') die(run, BRIDGE_USAGE, 255);
      if (!BRIDGE_OPTS.has(w)) die(run, `bridge: unknown command "${w}"?\n${BRIDGE_USAGE}`, 1);
      i++;
      if (i >= req.rest.length) die(run, 'Command line is not complete. Try option "help"\n', 255);
    }
    return addBridge(run, req, name);
  }
  if (req.rest.length > 0) die(run, `Garbage instead of arguments "${req.rest[0]} ...". Try "ip link help".\n`, 1);
  // Only veth and bridge exist in this kernel; any other kind is refused as the kernel does for
  // a type whose module is missing.
  die(run, 'Error: Unknown device type.\n', 2);
}

function targetNs(run: IpRun, req: LinkReq): NetnsId {
  if (req.netns === undefined) return run.ns;
  if (typeof req.netns === 'object') die(run, 'RTNETLINK answers: No such process\n', 2);
  return req.netns;
}

function checkMtu(run: IpRun, mtu: number | undefined): void {
  // A new veth or bridge with an MTU outside 68..65535 is refused without an extack message.
  if (mtu !== undefined && (mtu < 68 || mtu > 65535)) die(run, 'RTNETLINK answers: Invalid argument\n', 2);
}

function checkMac(run: IpRun, bytes: number[] | undefined): string | undefined {
  if (!bytes) return undefined;
  if (bytes.length !== 6) die(run, 'RTNETLINK answers: Invalid argument\n', 2);
  return macText(bytes);
}

function addBridge(run: IpRun, req: LinkReq, name: string | undefined): void {
  const ns = targetNs(run, req);
  checkMtu(run, req.mtu);
  const mac = checkMac(run, req.address);
  const k = kernel(run);
  // No name: the kernel picks bridge%d.
  let brName = name;
  for (let i = 0; brName === undefined; i++) if (!linkByName(k, ns, `bridge${i}`)) brName = `bridge${i}`;
  const ops: KernelOp[] = [
    {
      op: 'addLink',
      netns: ns,
      name: brName,
      kind: 'bridge',
      ...(mac !== undefined ? { mac } : {}),
      ...(req.mtu !== undefined ? { mtu: req.mtu } : {}),
      ...(req.txqlen !== undefined ? { txqlen: req.txqlen } : {}),
    },
  ];
  if (req.up) ops.push({ op: 'setLink', netns: ns, name: brName, up: true });
  commit(run, ops, addExplain);
}

function addExplain(e: KernelError): { errno: string } {
  return { errno: e.errno };
}

function addVeth(run: IpRun, req: LinkReq, name: string | undefined): void {
  let peer: LinkReq = { rest: [] };
  if (req.rest.length > 0) {
    if (req.rest[0] !== 'peer') {
      run.stdout += "Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'\n";
      die(run, '', 1);
    }
    peer = parseLinkArgs(run, req.rest.slice(1), true);
    if (peer.type !== undefined) duparg(run, 'type', peer.type);
  }
  const ns = targetNs(run, req);
  const peerNs = peer.netns === undefined ? ns : targetNs(run, peer);
  checkMtu(run, req.mtu);
  checkMtu(run, peer.mtu);
  const mac = checkMac(run, req.address);
  const peerMac = checkMac(run, peer.address);
  const peerName = nameOf(peer);
  if (peerName !== undefined && !validIfname(peerName)) invarg(run, '"name" not a valid ifname', peerName);
  const op: KernelOp = {
    op: 'addVethPair',
    netns: ns,
    ...(name !== undefined ? { name } : {}),
    ...(peerName !== undefined ? { peer: peerName } : {}),
    ...(peerNs !== ns ? { peerNetns: peerNs } : {}),
    ...(mac !== undefined ? { mac } : {}),
    ...(peerMac !== undefined ? { peerMac } : {}),
    ...(req.txqlen !== undefined ? { txqlen: req.txqlen } : {}),
    ...(peer.txqlen !== undefined ? { peerTxqlen: peer.txqlen } : {}),
    ...(req.mtu !== undefined ? { mtu: req.mtu } : {}),
  };
  const before = new Set(linksOf(kernel(run), ns).map((l) => l.id));
  commit(run, [op], addExplain);
  const made = linksOf(kernel(run), ns).find(
    (l) => !before.has(l.id) && l.kind === 'veth' && l.peer !== undefined && (l.name === name || name === undefined),
  );
  const ops: KernelOp[] = [];
  if (made && peer.mtu !== undefined)
    ops.push({ op: 'setLink', netns: peerNs, name: kernel(run).links[made.peer!]!.name, mtu: peer.mtu });
  if (made && req.up) ops.push({ op: 'setLink', netns: ns, name: made.name, up: true });
  if (made && peer.up) ops.push({ op: 'setLink', netns: peerNs, name: kernel(run).links[made.peer!]!.name, up: true });
  if (made && req.master) ops.push({ op: 'setLink', netns: ns, name: made.name, master: req.master });
  if (ops.length) commit(run, ops);
}

// ------------------------------------------------------------------------------------ set / del

function devOf(run: IpRun, req: LinkReq): Link {
  if (req.dev === undefined) die(run, 'Not enough information: "dev" argument is required.\n', 255);
  return findDev(run, req.dev);
}

/** `ip link set DEV …`: one request; the kernel applies it in do_setlink's order. */
function linkSet(run: IpRun, args: string[]): void {
  const req = parseLinkArgs(run, args, false);
  const l = devOf(run, req);
  if (req.address && req.address.length !== 6 && l.kind !== 'loopback') {
    die(run, `Invalid address length ${req.address.length} - must be 6 bytes\n`, 1);
  }
  if (req.type !== undefined && req.rest.length > 0 && req.type !== 'bridge' && req.type !== 'veth') {
    die(run, `Garbage instead of arguments "${req.rest[0]} ...". Try "ip link help".\n`, 1);
  }
  const rename = req.name !== undefined && req.name !== req.dev ? req.name : undefined;
  let toNetns: NetnsId | undefined;
  if (req.netns !== undefined) toNetns = targetNs(run, req);
  const op: KernelOp = {
    op: 'setLink',
    netns: run.ns,
    name: l.name,
    ...(req.up !== undefined ? { up: req.up } : {}),
    ...(req.mtu !== undefined ? { mtu: req.mtu } : {}),
    ...(req.address ? { mac: macText(req.address) } : {}),
    ...(rename !== undefined ? { rename } : {}),
    ...(req.master !== undefined ? { master: req.master } : {}),
    ...(req.txqlen !== undefined ? { txqlen: req.txqlen } : {}),
    ...(toNetns !== undefined ? { toNetns } : {}),
  };
  if (
    op.up === undefined &&
    op.mtu === undefined &&
    op.mac === undefined &&
    rename === undefined &&
    op.master === undefined &&
    op.txqlen === undefined &&
    toNetns === undefined
  )
    return;
  commit(run, [op], (e) => {
    // dev_change_net_namespace(): lo and bridges carry NETIF_F_NETNS_LOCAL.
    if (toNetns !== undefined && e.errno === 'EINVAL' && (l.kind === 'loopback' || l.kind === 'bridge')) {
      return { extack: 'The interface netns is immutable' };
    }
    return undefined;
  });
}

function linkDel(run: IpRun, args: string[]): void {
  const req = parseLinkArgs(run, args, false);
  const l = devOf(run, req);
  commit(run, [{ op: 'delLink', netns: run.ns, name: l.name }]);
}

// ------------------------------------------------------------------------------------ show

interface LinkFilter {
  dev?: string;
  up: boolean;
  master?: string | -1;
  kind?: string;
  slaveKind?: string;
}

/** The link-list arguments shared by `ip link show` and `ip addr show`. */
export function parseListArgs(
  run: IpRun,
  args: string[],
  onExtra?: (word: string, next: () => string) => boolean,
): LinkFilter {
  const f: LinkFilter = { up: false };
  let i = 0;
  const next = (): string => {
    i++;
    if (i >= args.length) die(run, 'Command line is not complete. Try option "help"\n', 255);
    return args[i]!;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (onExtra?.(a, next)) continue;
    if (a === 'up') f.up = true;
    else if (a === 'master') {
      const v = next();
      if (!linkByName(kernel(run), run.ns, v)) invarg(run, 'Device does not exist\n', v);
      f.master = v;
    } else if (a === 'nomaster') f.master = -1;
    else if (a === 'type') {
      const v = next();
      if (v.endsWith('_slave')) f.slaveKind = v.slice(0, -'_slave'.length);
      else f.kind = v;
    } else {
      let v = a;
      if (a === 'dev') v = next();
      else if (matches(a, 'help')) return die(run, onExtra ? '' : LINK_USAGE, 255);
      if (f.dev !== undefined) duparg2(run, 'dev', v);
      f.dev = v;
    }
  }
  return f;
}

/** The links a listing shows, after its filters; undefined (and the message) for a missing dev. */
export function selectLinks(run: IpRun, f: LinkFilter): Link[] {
  const k = kernel(run);
  let links = linksOf(k, run.ns);
  if (f.dev !== undefined) {
    const l = linkByName(k, run.ns, f.dev);
    if (!l) die(run, `Device "${f.dev}" does not exist.\n`, 1);
    links = [l];
  }
  if (f.up) links = links.filter((l) => l.up);
  if (f.master === -1) links = links.filter((l) => !l.master);
  else if (f.master !== undefined) {
    const br = linkByName(k, run.ns, f.master)!;
    links = links.filter((l) => l.master === br.id || (br.kind === 'bridge' && isPortOf(k, l, br)));
  }
  if (f.kind !== undefined) links = links.filter((l) => l.kind === f.kind);
  if (f.slaveKind !== undefined) links = links.filter((l) => f.slaveKind === 'bridge' && l.master !== undefined);
  return links;
}

function linkShow(run: IpRun, args: string[]): void {
  const f = parseListArgs(run, args);
  const links = selectLinks(run, f);
  const p = new Printer(run.opts.json, run.opts.pretty, run.opts.oneline);
  for (const l of links) {
    p.open();
    if (run.opts.brief) printLinkBrief(run, p, l, true);
    else {
      printLinkBody(run, p, l, { doLink: true, familyFilter: false, inet6Dump: false });
      p.fp('\n');
    }
    p.close();
  }
  run.stdout += p.finish();
}

/** `ip link …` */
export function doLink(run: IpRun, args: string[]): void {
  const [cmd, ...rest] = args;
  if (cmd === undefined) return linkShow(run, []);
  if (matches(cmd, 'add')) return linkAdd(run, rest);
  if (matches(cmd, 'set') || matches(cmd, 'change')) return linkSet(run, rest);
  if (matches(cmd, 'delete')) return linkDel(run, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return linkShow(run, rest);
  if (matches(cmd, 'help')) usage(run);
  die(run, `Command "${cmd}" is unknown, try "ip link help".\n`, 255);
}
