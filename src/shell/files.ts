// shell/files.ts — the files people read to see a namespace from inside: /etc/{hostname,hosts,
// resolv.conf} as dockerd writes them (facts §8), /sys/class/net, /proc/net/{dev,route},
// /proc/sys/net keys the kernel model keeps, and the namespace links /proc/PID/ns/net.
// Pure: computed from the World on every read, never stored; undefined means "no such file".
import { findContainer } from '../docker/engine';
import { endpointsOf, usesEmbeddedDns } from '../docker/dns';
import type { Container } from '../docker/types';
import type { World } from '../docker/world';
import { INIT_NET, linkByName, linksOf, operState, parseIPv4, routesOf, type Link, type NetnsId } from '../kernel';
import type { ExecContext } from './types';

/**
 * The host's upstream DNS, as systemd-resolved learnt it from DHCP on an EC2 instance: the
 * VPC resolver (the VPC base + 2, 172.31.0.2 in the default VPC) and the region's search domain.
 */
const HOST_DNS = { servers: ['172.31.0.2'], search: ['ap-northeast-1.compute.internal'] };

/** Debian's /etc/hosts for the simulated host (netcfg writes the 127.0.1.1 line). */
function hostEtcHosts(hostname: string): string {
  return (
    `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n\n` +
    '# The following lines are desirable for IPv6 capable hosts\n' +
    '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n'
  );
}

/** The `--link` lines of a container's hosts file: `IP\talias hostname [name]` (facts §8). */
function linkHostLines(w: World, c: Container): string {
  let out = '';
  for (const l of c.config.links) {
    const { target, alias } = parseLink(l);
    const child = findContainer(w.docker, target);
    // moby container_operations.go buildSandboxOptions: only children on the default bridge.
    const ep = child ? endpointsOf(child).find((e) => w.docker.networks[e.networkId]?.name === 'bridge') : undefined;
    if (!child || !ep) continue;
    // "only add the name if alias isn't equal to the name"
    out += `${ep.ip}\t${alias} ${child.hostname}${alias === child.name ? '' : ` ${child.name}`}\n`;
  }
  return out;
}

/** `--link NAME[:ALIAS]` split as the CLI's ParseLink does (the alias defaults to the name). */
export function parseLink(spec: string): { target: string; alias: string } {
  const i = spec.indexOf(':');
  const target = (i < 0 ? spec : spec.slice(0, i)).replace(/^\//, '');
  return { target, alias: i < 0 ? target : spec.slice(i + 1) };
}

/** dockerd's /etc/hosts for a container with its own namespace (moby etchosts.go, facts §8). */
function containerEtcHosts(w: World, c: Container): string {
  let out = '127.0.0.1\tlocalhost\n';
  const lo = c.netns ? linkByName(w.kernel, c.netns, 'lo') : undefined;
  // Up to v25 (the classic profile's containers) the IPv6 lines were always written, even
  // without ::1; since v26 only when lo has ::1 (moby commit a8f7c5ee48; facts §8).
  if (w.docker.profile === 'classic' || lo?.addrs.some((a) => a.local === '::1'))
    out +=
      '::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n' +
      'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';
  // --add-host entries come with the sandbox, then the legacy links (buildSandboxOptions adds
  // them in that order); the container's own line is added when its first endpoint joins.
  for (const h of c.config.addHost) {
    const i = h.indexOf(':');
    if (i > 0) out += `${h.slice(i + 1)}\t${h.slice(0, i)}\n`;
  }
  out += linkHostLines(w, c);
  const ep = endpointsOf(c)[0];
  if (ep) out += `${ep.ip}\t${c.hostname}\n`;
  return out;
}

/** /etc/resolv.conf of the host: systemd-resolved's stub file (systemd 245 on Ubuntu 20.04, 255 on 24.04). */
function hostResolvConf(w: World): string {
  const tail = `nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch ${HOST_DNS.search.join(' ')}\n`;
  if (w.docker.profile === 'classic')
    return (
      '# This file is managed by man:systemd-resolved(8). Do not edit.\n#\n' +
      '# This is a dynamic resolv.conf file for connecting local clients to the\n' +
      '# internal DNS stub resolver of systemd-resolved. This file lists all\n# configured search domains.\n#\n' +
      '# Run "resolvectl status" to see details about the uplink DNS servers\n# currently in use.\n#\n' +
      '# Third party programs must not access this file directly, but only through the\n' +
      '# symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a different way,\n' +
      '# replace this symlink by a static file or a different symlink.\n#\n' +
      '# See man:systemd-resolved.service(8) for details about the supported modes of\n' +
      '# operation for /etc/resolv.conf.\n\n' +
      tail
    );
  return (
    '# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n# Do not edit.\n#\n' +
    "# This file might be symlinked as /etc/resolv.conf. If you're looking at\n" +
    '# /etc/resolv.conf and seeing this text, you have followed the symlink.\n#\n' +
    '# This is a dynamic resolv.conf file for connecting local clients to the\n' +
    '# internal DNS stub resolver of systemd-resolved. This file lists all\n# configured search domains.\n#\n' +
    '# Run "resolvectl status" to see details about the uplink DNS servers\n# currently in use.\n#\n' +
    '# Third party programs should typically not access this file directly, but only\n' +
    '# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a\n' +
    '# different way, replace this symlink by a static file or a different symlink.\n#\n' +
    '# See man:systemd-resolved.service(8) for details about the supported modes of\n' +
    '# operation for /etc/resolv.conf.\n\n' +
    tail
  );
}

/** /run/systemd/resolve/resolv.conf: systemd-resolved's list of the uplink servers. */
function uplinkResolvConf(w: World): string {
  const tail = HOST_DNS.servers.map((s) => `nameserver ${s}\n`).join('') + `search ${HOST_DNS.search.join(' ')}\n`;
  if (w.docker.profile === 'classic')
    return (
      '# This file is managed by man:systemd-resolved(8). Do not edit.\n#\n' +
      '# This is a dynamic resolv.conf file for connecting local clients directly to\n' +
      '# all known uplink DNS servers. This file lists all configured search domains.\n#\n' +
      '# Third party programs must not access this file directly, but only through the\n' +
      '# symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a different way,\n' +
      '# replace this symlink by a static file or a different symlink.\n#\n' +
      '# See man:systemd-resolved.service(8) for details about the supported modes of\n' +
      '# operation for /etc/resolv.conf.\n\n' +
      tail
    );
  return (
    '# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).\n# Do not edit.\n#\n' +
    "# This file might be symlinked as /etc/resolv.conf. If you're looking at\n" +
    '# /etc/resolv.conf and seeing this text, you have followed the symlink.\n#\n' +
    '# This is a dynamic resolv.conf file for connecting local clients directly to\n' +
    '# all known uplink DNS servers. This file lists all configured search domains.\n#\n' +
    '# Third party programs should typically not access this file directly, but only\n' +
    '# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a\n' +
    '# different way, replace this symlink by a static file or a different symlink.\n#\n' +
    '# See man:systemd-resolved.service(8) for details about the supported modes of\n' +
    '# operation for /etc/resolv.conf.\n\n' +
    tail
  );
}

/**
 * A container's /etc/resolv.conf. dockerd reads /run/systemd/resolve/resolv.conf when the host's
 * file names only 127.0.0.53 (resolvconf.Path()). Engine 24 copies it (default bridge) or writes
 * search/nameserver 127.0.0.11/options (libnetwork resolvconf.Build); Engine 25+ generates it
 * from a template with a header and trailing comments (internal/resolvconf Generate).
 */
function containerResolvConf(w: World, c: Container): string {
  const internal = usesEmbeddedDns(w, c);
  const search = `search ${HOST_DNS.search.join(' ')}\n`;
  if (w.docker.profile === 'classic') {
    if (!internal) return uplinkResolvConf(w);
    // --dns servers would replace the host's; 127.0.0.11 is what processes see either way.
    return `${search}nameserver 127.0.0.11\noptions ndots:0\n`;
  }
  const header =
    '# Generated by Docker Engine.\n' +
    '# This file can be edited; Docker Engine will not make further changes once it\n' +
    '# has been modified.\n\n';
  const source = "# Based on host file: '/run/systemd/resolve/resolv.conf'";
  if (!internal)
    return `${header}${HOST_DNS.servers.map((s) => `nameserver ${s}\n`).join('')}${search}\n${source} (legacy)\n# Overrides: []\n`;
  // TransformForIntNS: the host's servers become ExtServers, reached from the host's namespace.
  const ext = HOST_DNS.servers.map((s) => `host(${s})`).join(' ');
  return (
    `${header}nameserver 127.0.0.11\n${search}options ndots:0\n\n${source} (internal resolver)\n` +
    `# ExtServers: [${ext}]\n# Overrides: []\n# Option ndots from: internal\n`
  );
}

/** The container whose files a line sees: the one it runs in, or the target it shares a namespace with. */
function filesOwner(w: World, ref: string): Container | undefined {
  const c = findContainer(w.docker, ref);
  const mode = c?.config.networkMode ?? '';
  // container:<id> mode: the joiner is given the target's hosts and resolv.conf (facts §6.3, §8).
  if (c && mode.startsWith('container:')) return findContainer(w.docker, mode.slice('container:'.length)) ?? c;
  return c;
}

/** /proc/net/dev (net/core/net-procfs.c dev_seq_printf_stats): links in ifindex order. */
function procNetDev(w: World, ns: NetnsId): string {
  let out =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  const links = [...linksOf(w.kernel, ns)].sort((a, b) => a.ifindex - b.ifindex);
  for (const l of links) {
    const s = l.stats;
    const n = (v: number, width: number) => String(v).padStart(width);
    out +=
      `${l.name.padStart(6)}:${n(s.rxBytes, 8)} ${n(s.rxPackets, 7)} ${n(0, 4)} ${n(s.rxDropped, 4)} ${n(0, 4)} ` +
      `${n(0, 5)} ${n(0, 10)} ${n(0, 9)} ${n(s.txBytes, 8)} ${n(s.txPackets, 7)} ${n(0, 4)} ${n(s.txDropped, 4)} ` +
      `${n(0, 4)} ${n(0, 5)} ${n(0, 7)} ${n(0, 10)}\n`;
  }
  return out;
}

/** An IPv4 address as /proc/net/route prints it: the __be32 read as a little-endian word, %08X. */
function hexLe(ip: number): string {
  const swapped = ((ip & 0xff) << 24) | (((ip >>> 8) & 0xff) << 16) | (((ip >>> 16) & 0xff) << 8) | (ip >>> 24);
  return (swapped >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** /proc/net/route (net/ipv4/fib_trie.c fib_route_seq_show): the main table, each line padded to 127. */
function procNetRoute(w: World, ns: NetnsId): string {
  const pad = (s: string) => s.padEnd(127) + '\n';
  let out = pad('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT');
  for (const r of routesOf(w.kernel, ns, 4)) {
    const dev = w.kernel.links[r.dev];
    if (!dev) continue;
    const [dst, len] = r.dst === 'default' ? ['0.0.0.0', 0] : [r.dst.split('/')[0]!, Number(r.dst.split('/')[1])];
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    // RTF_UP always; RTF_GATEWAY with a gateway; RTF_HOST for a /32 (fib_flag_trans).
    const flags = 0x1 | (r.gateway ? 0x2 : 0) | (len === 32 ? 0x4 : 0);
    const gw = r.gateway ? parseIPv4(r.gateway)! : 0;
    out += pad(
      `${dev.name}\t${hexLe(parseIPv4(dst)!)}\t${hexLe(gw)}\t${flags.toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t` +
        `${r.metric ?? 0}\t${hexLe(mask)}\t0\t0\t0`,
    );
  }
  return out;
}

/** /sys/class/net/IF/ATTR, from the link the sysfs of this namespace shows. */
function sysClassNet(w: World, l: Link, attr: string): string | undefined {
  switch (attr) {
    case 'address':
      return `${l.mac}\n`;
    case 'ifindex':
      return `${l.ifindex}\n`;
    case 'iflink': {
      // The peer's ifindex for a veth (in whichever namespace it lives), else its own.
      const peer = l.peer !== undefined ? w.kernel.links[l.peer] : undefined;
      return `${peer ? peer.ifindex : l.ifindex}\n`;
    }
    case 'mtu':
      return `${l.mtu}\n`;
    case 'tx_queue_len':
      return `${l.txqlen}\n`;
    case 'operstate':
      return `${operState(w.kernel, l).toLowerCase()}\n`;
    case 'type':
      // ARPHRD_LOOPBACK (772) for lo, ARPHRD_ETHER (1) for the rest.
      return l.kind === 'loopback' ? '772\n' : '1\n';
    default:
      return undefined;
  }
}

/** The inode text of a namespace's file, `net:[N]`, as readlink(2) on /proc/PID/ns/net returns it. */
export function netnsLinkText(w: World, ns: NetnsId): string | undefined {
  const n = w.kernel.netns[ns];
  return n ? `net:[${n.inode}]` : undefined;
}

/** The namespace of /proc/self (the line's own) or /proc/PID (PID 1 and containers' main processes). */
function procNs(w: World, ctx: ExecContext, who: string): NetnsId | undefined {
  if (who === 'self' || who === 'thread-self') return ctx.netns;
  if (who === '1') return INIT_NET;
  const c = Object.values(w.docker.containers).find((x) => x.status === 'running' && String(x.pid) === who);
  return c?.netns;
}

/** Where a symlink points (readlink(2)), or undefined when `path` is not a symlink. */
export function readLink(w: World, ctx: ExecContext, path: string): string | undefined {
  const ns = /^\/proc\/([^/]+)\/ns\/net$/.exec(path);
  if (ns) {
    const id = procNs(w, ctx, ns[1]!);
    return id !== undefined ? netnsLinkText(w, id) : undefined;
  }
  if (/^\/sys\/class\/net\/[^/]+$/.test(path)) {
    const name = path.slice('/sys/class/net/'.length);
    const l = linkByName(w.kernel, ctx.netns, name);
    if (!l) return undefined;
    // Every modelled device is virtual except the host's NIC, a PCI device: systemd names it
    // ens5 after its hot-plug slot 5, the ENA adapter at 0000:00:05.0 on an EC2 instance.
    return l.kind === 'ether' && l.cable !== undefined
      ? `../../devices/pci0000:00/0000:00:05.0/net/${name}`
      : `../../devices/virtual/net/${name}`;
  }
  const s = symlinkAt(w, ctx, path);
  return s?.target;
}

/** /var/run is a symlink to /run on Debian and Ubuntu: both spellings name one file. */
export function canonicalRun(path: string): string {
  return path.replace(/^\/var\/run(?=\/|$)/, '/run').replace(/\/+$/, '') || '/';
}

/** `path` with /var/run spelt /run and any directory on the way that is a symlink followed. */
export function resolveDirs(w: World, path: string): string {
  const parts = canonicalRun(path)
    .split('/')
    .filter((x) => x !== '');
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    out += `/${parts[i]}`;
    const link = i < parts.length - 1 ? w.symlinks?.[out] : undefined;
    if (link)
      out = canonicalRun(
        link.target.startsWith('/') ? link.target : `${out.slice(0, out.lastIndexOf('/'))}/${link.target}`,
      );
  }
  return out || '/';
}

/** A symlink made with `ln -s` (host only: containers have their own root file system). */
export function symlinkAt(w: World, ctx: ExecContext, path: string): { target: string; created: number } | undefined {
  if (ctx.container !== undefined) return undefined;
  return w.symlinks?.[resolveDirs(w, path)];
}

/** Docker's namespace files under /run/docker/netns: running sandboxes' keys, and `default` once host mode is used. */
export function dockerNetnsKeys(w: World): string[] {
  const keys: string[] = [];
  for (const c of Object.values(w.docker.containers))
    if (c.status === 'running' && c.sandbox && !keys.includes(c.sandbox.key)) keys.push(c.sandbox.key);
  return keys;
}

/**
 * What iproute2 finds in /run/netns, in readdir order (tmpfs: newest first): the namespaces
 * `ip netns add` named, or, once /run/netns is a symlink to Docker's directory (the third
 * companion lab), Docker's sandbox files named by the sandbox id's first 12 hex.
 */
export function runNetnsEntries(w: World): { name: string; ns: NetnsId }[] {
  const order = (ns: NetnsId) => Number(ns.split(':')[1]);
  const link = w.symlinks?.['/run/netns'];
  if (link && canonicalRun(link.target) === '/run/docker/netns') {
    const seen = new Map<string, NetnsId>();
    for (const c of Object.values(w.docker.containers))
      if (c.status === 'running' && c.sandbox) seen.set(c.sandbox.key, c.sandbox.netns);
    return [...seen.entries()].map(([name, ns]) => ({ name, ns })).sort((a, b) => order(b.ns) - order(a.ns));
  }
  return Object.values(w.kernel.netns)
    .filter((n) => n.name !== undefined)
    .sort((a, b) => order(b.id) - order(a.id))
    .map((n) => ({ name: n.name!, ns: n.id }));
}

/** The entries of a directory, in `ls` order (sorted), or undefined when there is no such directory. */
export function listDir(w: World, ctx: ExecContext, path: string): string[] | undefined {
  const p = canonicalRun(path);
  if (p === '/sys/class/net')
    return linksOf(w.kernel, ctx.netns)
      .map((l) => l.name)
      .sort();
  if (ctx.container !== undefined) return undefined;
  const link = w.symlinks?.[p];
  if (link) return listDir(w, ctx, link.target);
  if (p === '/run/docker/netns') {
    const inside = Object.keys(w.symlinks ?? {})
      .filter((k) => k.startsWith('/run/docker/netns/'))
      .map((k) => k.slice(18));
    return [...dockerNetnsKeys(w), ...inside].sort();
  }
  if (p === '/run/netns') {
    const names = runNetnsEntries(w).map((e) => e.name);
    const inside = Object.keys(w.symlinks ?? {})
      .filter((k) => k.startsWith('/run/netns/'))
      .map((k) => k.slice(11));
    // iproute2 makes /run/netns at the first `ip netns add` and never removes it.
    return names.length || inside.length ? [...names, ...inside].sort() : undefined;
  }
  return undefined;
}

/** The content of `path` as a process of this line reads it, or undefined when there is no such file. */
export function readFile(w: World, ctx: ExecContext, path: string): string | undefined {
  const c = ctx.container !== undefined ? findContainer(w.docker, ctx.container) : undefined;
  const sys = /^\/sys\/class\/net\/([^/]+)\/([a-z_]+)$/.exec(path);
  if (sys) {
    const l = linkByName(w.kernel, ctx.netns, sys[1]!);
    return l ? sysClassNet(w, l, sys[2]!) : undefined;
  }
  const proc =
    /^\/proc\/(self|thread-self|\d+)\/net\/(dev|route)$/.exec(path) ?? /^\/proc\/net\/(dev|route)$/.exec(path);
  if (proc) {
    const ns = proc.length === 3 ? procNs(w, ctx, proc[1]!) : ctx.netns;
    const file = proc[proc.length - 1];
    if (ns === undefined) return undefined;
    return file === 'dev' ? procNetDev(w, ns) : procNetRoute(w, ns);
  }
  const sysctl =
    /^\/proc\/sys\/net\/(ipv4\/ip_forward|ipv4\/conf\/all\/forwarding|ipv6\/conf\/([^/]+)\/disable_ipv6)$/.exec(path);
  if (sysctl) {
    const n = w.kernel.netns[ctx.netns];
    if (!n) return undefined;
    if (sysctl[2] === undefined) return n.ipForward ? '1\n' : '0\n';
    if (sysctl[2] === 'all') return n.ipv6Disabled ? '1\n' : '0\n';
    const l = linkByName(w.kernel, ctx.netns, sysctl[2]);
    return l ? (l.ipv6Disabled ? '1\n' : '0\n') : undefined;
  }
  switch (path) {
    case '/etc/hostname':
      return `${c ? c.hostname : w.hostname}\n`;
    case '/etc/hosts': {
      if (!c || c.config.networkMode === 'host') return hostEtcHosts(w.hostname);
      return containerEtcHosts(w, filesOwner(w, c.id) ?? c);
    }
    case '/etc/resolv.conf': {
      if (!c) return hostResolvConf(w);
      // Host mode: dockerd copies the file resolvconf.Path() names (the uplink list).
      if (c.config.networkMode === 'host') return uplinkResolvConf(w);
      return containerResolvConf(w, filesOwner(w, c.id) ?? c);
    }
    case '/run/systemd/resolve/resolv.conf':
    case '/var/run/systemd/resolve/resolv.conf':
      return c ? undefined : uplinkResolvConf(w);
    default:
      return undefined;
  }
}
