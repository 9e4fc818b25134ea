// scenario/exportScript.ts — the kernel state of a world as a plain shell script (iproute2 and
// sysctl, no Docker) that rebuilds the same namespaces, links, addresses and routes on a Linux
// host. Built from the current state alone, never from history: what was undone or deleted is
// not in it. Pure; the conformance suite runs its output on real namespaces.
import type { World } from '../docker/world';
import { netnsLabel } from '../shell/equivalent';
import { INIT_NET } from '../kernel/query';
import type { Addr, Link, NetnsId, Route } from '../kernel/types';

export interface ExportScriptOptions {
  /** The name a namespace gets in the script (default: its /run/netns name or Docker sandbox key). */
  label?: (ns: NetnsId) => string;
  /** Include the MASQUERADE rules (iptables); default true. */
  nat?: boolean;
  /** Start with `#!/bin/sh` and `set -e` (default true); false gives bare command lines. */
  header?: boolean;
}

/** Default txqueuelen of the virtual links the script creates (veth, bridge, dummy). */
const DEFAULT_TXQLEN = 1000;

function num(id: string): number {
  return Number(id.slice(id.indexOf(':') + 1));
}

/** The host's own NIC: a real host already has it, so the script leaves it (and what uses it) alone. */
function isPhysical(l: Link): boolean {
  return l.kind === 'ether' && l.cable !== undefined;
}

function linkOptions(l: Link): string {
  const parts = [l.name, `index ${l.ifindex}`, `address ${l.mac}`];
  if (l.mtu !== 1500) parts.push(`mtu ${l.mtu}`);
  if (l.txqlen !== DEFAULT_TXQLEN) parts.push(`txqueuelen ${l.txqlen}`);
  return parts.join(' ');
}

function addrCommand(a: Addr, dev: string): string {
  const parts = [a.family === 6 ? 'ip -6 addr add' : 'ip addr add', `${a.local}/${a.prefixlen}`];
  if (a.broadcast !== undefined) parts.push(`brd ${a.broadcast}`);
  if (a.family === 4 && a.scope !== 'global') parts.push(`scope ${a.scope}`);
  if (a.family === 4 && a.label !== undefined && a.label !== dev) parts.push(`label ${a.label}`);
  parts.push(`dev ${dev}`);
  return parts.join(' ');
}

function routeCommand(r: Route, dev: string): string {
  const parts = [r.family === 6 ? 'ip -6 route add' : 'ip route add', r.dst];
  if (r.gateway !== undefined) parts.push(`via ${r.gateway}`);
  parts.push(`dev ${dev}`);
  if (r.protocol !== 'boot') parts.push(`proto ${r.protocol}`);
  // iproute2 gives a unicast route without a gateway scope link, any other scope global.
  const implied = r.gateway === undefined ? 'link' : 'global';
  if (r.scope !== implied) parts.push(`scope ${r.scope}`);
  if (r.prefsrc !== undefined) parts.push(`src ${r.prefsrc}`);
  if (r.metric !== undefined && r.metric !== 0) parts.push(`metric ${r.metric}`);
  return parts.join(' ');
}

/**
 * The script's lines. Links are created in their final namespace with their final ifindex and
 * MAC (`index`, `address`), so the numbering (`eth0@if7`) and the MACs match the simulator
 * whatever order the kernel would otherwise pick; pairs are made in model-id order, which is the
 * order they were created in, so netnsids are handed out in the same order too.
 */
export function exportKernelLines(world: World, opts: ExportScriptOptions = {}): string[] {
  const k = world.kernel;
  const label = opts.label ?? ((ns: NetnsId) => netnsLabel(world, ns));
  const at = (ns: NetnsId, cmd: string): string => (ns === INIT_NET ? cmd : `ip netns exec ${label(ns)} ${cmd}`);
  const ipIn = (ns: NetnsId, cmd: string): string => (ns === INIT_NET ? `ip ${cmd}` : `ip -n ${label(ns)} ${cmd}`);
  const nsIds = Object.keys(k.netns).sort((a, b) => num(a) - num(b));
  const links = Object.values(k.links).sort((a, b) => num(a.id) - num(b.id));
  const out: string[] = [];

  out.push('# namespaces');
  for (const ns of nsIds) if (ns !== INIT_NET) out.push(`ip netns add ${label(ns)}`);

  // netnsids the host handed out (`link-netnsid` of the veth ends), set before any link needs one,
  // so that ids left by deleted namespaces are kept rather than handed out again from 0.
  const nsids = Object.entries(k.netns[INIT_NET]?.nsids ?? {})
    .filter(([ns]) => ns !== INIT_NET && k.netns[ns])
    .sort((a, b) => a[1] - b[1]);
  for (const [ns, id] of nsids) out.push(`ip netns set ${label(ns)} ${id}`);

  out.push('# links');
  const done = new Set<string>();
  for (const l of links) {
    if (done.has(l.id) || l.kind === 'loopback' || isPhysical(l)) continue;
    done.add(l.id);
    if (l.kind === 'veth' && l.peer && k.links[l.peer]) {
      // Made from the host's end when one end is in the host: `netns 1` would mean the
      // namespace of pid 1, which need not be the one the script runs in.
      const [a, p] = k.links[l.peer].netns === INIT_NET ? [k.links[l.peer], l] : [l, k.links[l.peer]];
      done.add(a.id).add(p.id);
      const peerNs = p.netns === a.netns ? '' : ` netns ${label(p.netns)}`;
      out.push(ipIn(a.netns, `link add ${linkOptions(a)} type veth peer name ${linkOptions(p)}${peerNs}`));
    } else if (l.kind === 'bridge') {
      const stp = l.bridge?.stp ? ' stp_state 1' : '';
      out.push(ipIn(l.netns, `link add ${linkOptions(l)} type bridge${stp}`));
    } else {
      out.push(ipIn(l.netns, `link add ${linkOptions(l)} type dummy`));
    }
  }

  // After the links: `all` reaches the links that exist, new links take `default` instead.
  const sysctl: string[] = [];
  for (const ns of nsIds) {
    const n = k.netns[ns];
    if (n.ipForward) sysctl.push(at(ns, 'sysctl -qw net.ipv4.ip_forward=1'));
    if (n.ipv6Disabled) sysctl.push(at(ns, 'sysctl -qw net.ipv6.conf.all.disable_ipv6=1'));
  }
  for (const l of links) {
    if (isPhysical(l) || !l.ipv6Disabled || k.netns[l.netns]?.ipv6Disabled) continue;
    sysctl.push(at(l.netns, `sysctl -qw net.ipv6.conf.${l.name}.disable_ipv6=1`));
  }
  if (sysctl.length) out.push('# sysctls', ...sysctl);

  const ports = links
    .filter((l) => l.master && k.links[l.master])
    .sort((a, b) => {
      const br = k.links[a.master!].bridge?.portNo ?? {};
      return (br[a.id] ?? 0) - (br[b.id] ?? 0);
    });
  if (ports.length) out.push('# bridge ports');
  for (const l of ports) out.push(ipIn(l.netns, `link set ${l.name} master ${k.links[l.master!].name}`));

  out.push('# addresses');
  for (const l of links) {
    if (isPhysical(l)) continue;
    for (const a of l.addrs) {
      if (a.kernel) continue;
      // Bringing lo up gives it 127.0.0.1/8 by itself.
      if (l.kind === 'loopback' && a.family === 4 && a.local === '127.0.0.1' && a.prefixlen === 8) continue;
      out.push(at(l.netns, addrCommand(a, l.name)));
    }
  }

  out.push('# up');
  for (const l of links) {
    if (!l.up || isPhysical(l)) continue;
    // The host's lo is up on any running machine.
    if (l.kind === 'loopback' && l.netns === INIT_NET) continue;
    out.push(ipIn(l.netns, `link set ${l.name} up`));
  }

  const routes: string[] = [];
  for (const ns of nsIds) {
    for (const r of k.netns[ns].routes) {
      if (r.protocol === 'kernel') continue;
      const dev = k.links[r.dev];
      if (!dev || isPhysical(dev)) continue;
      routes.push(at(ns, routeCommand(r, dev.name)));
    }
  }
  if (routes.length) out.push('# routes', ...routes);

  if (opts.nat !== false) {
    const nat: string[] = [];
    for (const ns of nsIds)
      for (const m of k.netns[ns].nat ?? [])
        nat.push(at(ns, `iptables -t nat -A POSTROUTING -s ${m.source} ! -o ${m.notOut} -j MASQUERADE`));
    if (nat.length) out.push('# NAT', ...nat);
  }
  return out;
}

/** The whole script as text: a shebang, `set -e`, a note, then the lines. */
export function exportKernelScript(world: World, opts: ExportScriptOptions = {}): string {
  const lines = exportKernelLines(world, opts);
  if (opts.header === false) return lines.join('\n') + '\n';
  return (
    [
      '#!/bin/sh',
      `# The network state of ${world.hostname} as netns-lab simulated it, rebuilt with iproute2 (run as root).`,
      "# The host's own NIC, its addresses and routes are left as they are.",
      'set -e',
      ...lines,
    ].join('\n') + '\n'
  );
}

/** A scenario as a shell script of its command lines, in order. */
export function scenarioScript(lines: readonly string[]): string {
  return ['#!/bin/sh', '# A netns-lab scenario: the command lines, in the order they ran.', ...lines].join('\n') + '\n';
}
