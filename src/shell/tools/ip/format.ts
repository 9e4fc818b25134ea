// shell/tools/ip/format.ts — how iproute2 6.1 prints one link (print_linkinfo): the header line,
// `link/ether …`, `-d` details, `-s` counters, and the `-br` form. Shared by `ip link` and
// `ip addr`. Reads the kernel model only; never changes it.
import type { KernelState, Link } from '../../../kernel';
import { hasCarrier, ifFlags, linkByIndex, nsidOf, operState, peerOf, portsOf, qdiscOf } from '../../../kernel';
import type { IpRun } from './common';
import type { Printer } from './print';

/** Which dump the link came from: a full RTM_GETLINK, or the reduced AF_INET6 one (`ip -6 addr`). */
export interface LinkView {
  /** `ip link` (prints `mode DEFAULT`, addrgenmode, counters) rather than `ip addr`. */
  doLink: boolean;
  /** `ip -4|-6 addr`: the `link/ether` line is left out. */
  familyFilter: boolean;
  /** The AF_INET6 link dump: no qdisc, group, master, link/ether, nor netnsid. */
  inet6Dump: boolean;
}

interface PeerRef {
  /** Text after `@`. */
  text?: string;
  jsonKey?: 'link' | 'link_index';
  jsonValue?: string | number;
  mdown: boolean;
  netnsid?: number;
}

/**
 * IFLA_LINK as print_name_and_link reads it. A peer in another namespace comes with a netnsid
 * and prints as `@ifN`; without one (same namespace, or the AF_INET6 dump, which omits it) the
 * index is looked up among this namespace's links, and M-DOWN follows that link's IFF_UP.
 */
function peerRef(k: KernelState, l: Link, inet6Dump: boolean): PeerRef | undefined {
  const p = peerOf(k, l);
  if (!p) return undefined;
  const nsid = p.netns !== l.netns ? nsidOf(k, l.netns, p.netns) : undefined;
  if (nsid !== undefined && !inet6Dump) {
    return { text: `if${p.ifindex}`, jsonKey: 'link_index', jsonValue: p.ifindex, mdown: false, netnsid: nsid };
  }
  const local = p.netns === l.netns ? p : linkByIndex(k, l.netns, p.ifindex);
  const name = local ? local.name : `if${p.ifindex}`;
  // An index unknown here prints as ifN without M-DOWN (the real tool, checked with ip -6 addr).
  return { text: name, jsonKey: 'link', jsonValue: name, mdown: local ? !local.up : false };
}

/** The flag words between < and >, NO-CARRIER first, M-DOWN last. */
export function flagWords(k: KernelState, l: Link, mdown: boolean): string[] {
  const f = ifFlags(k, l);
  if (l.up && !hasCarrier(k, l)) f.unshift('NO-CARRIER');
  if (mdown) f.push('M-DOWN');
  return f;
}

function printFlags(p: Printer, words: string[]): void {
  p.openArray('flags', '<');
  words.forEach((w, i) => p.any(null, w, i < words.length - 1 ? `${w},` : w));
  p.closeArray('> ');
}

/** The name of the namespace a netnsid points to, when it is registered under /run/netns. */
function netnsNameOfNsid(k: KernelState, from: string, nsid: number): string | undefined {
  for (const [to, id] of Object.entries(k.netns[from]?.nsids ?? {})) if (id === nsid) return k.netns[to]?.name;
  return undefined;
}

function linkType(l: Link): string {
  return l.kind === 'loopback' ? 'loopback' : 'ether';
}

function broadcastOf(l: Link): string {
  return l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
}

/** Bridge ids print each MAC byte with %x: 8000.2:42:5e:8c:3a:1f. */
function bridgeId(mac: string): string {
  return (
    '8000.' +
    mac
      .split(':')
      .map((b) => parseInt(b, 16).toString(16))
      .join(':')
  );
}

/** The kernel's min/max MTU per device type (veth and bridge: ETH_MIN_MTU..ETH_MAX_MTU). */
function mtuRange(l: Link): [number, number] {
  if (l.kind === 'loopback') return [0, 0];
  if (l.kind === 'ether') return [128, 9216];
  return [68, 65535];
}

function numQueues(l: Link): number {
  // veth allocates one queue per possible CPU; the captures show 2. Bridges and lo have one.
  return l.kind === 'veth' || l.kind === 'ether' ? 2 : 1;
}

/** A bridge port's STP state with STP off: forwarding while it and its bridge run with carrier. */
function portState(k: KernelState, port: Link, br: Link): string {
  return port.up && br.up && hasCarrier(k, port) ? 'forwarding' : 'disabled';
}

function printDetails(run: IpRun, p: Printer, k: KernelState, l: Link, view: LinkView): void {
  const master = l.master ? k.links[l.master] : undefined;
  const [minMtu, maxMtu] = mtuRange(l);
  const promisc = master ? 1 : 0;
  p.any('promiscuity', promisc, ` promiscuity ${promisc} `);
  p.any('allmulti', promisc, ` allmulti ${promisc} `);
  p.any('min_mtu', minMtu, `minmtu ${minMtu} `);
  p.any('max_mtu', maxMtu, `maxmtu ${maxMtu} `);
  if (l.kind === 'veth' || l.kind === 'bridge' || master) {
    p.open('linkinfo');
    if (l.kind === 'veth' || l.kind === 'bridge') {
      p.nl();
      p.any('info_kind', l.kind, `    ${l.kind} `);
      if (l.kind === 'bridge') p.fp(bridgeDetails(k, l));
    }
    if (master) {
      p.nl();
      p.any('info_slave_kind', 'bridge', '    bridge_slave ');
      p.fp(bridgeSlaveDetails(k, l, master));
    }
    p.close();
  }
  if (view.doLink) p.any('inet6_addr_gen_mode', 'eui64', 'addrgenmode eui64 ');
  const q = numQueues(l);
  p.any('num_tx_queues', q, `numtxqueues ${q} `);
  p.any('num_rx_queues', q, `numrxqueues ${q} `);
  const tso = l.kind === 'ether' ? 65536 : 524280;
  p.any('gso_max_size', 65536, 'gso_max_size 65536 ');
  p.any('gso_max_segs', 65535, 'gso_max_segs 65535 ');
  p.any('tso_max_size', tso, `tso_max_size ${tso} `);
  p.any('tso_max_segs', 65535, 'tso_max_segs 65535 ');
  p.any('gro_max_size', 65536, 'gro_max_size 65536 ');
  if (l.kind === 'ether') {
    // The article's host is an EC2 instance: its NIC is an ENA device on the PCI bus.
    p.any('parentbus', 'pci', 'parentbus pci ');
    p.any('parentdev', '0000:00:05.0', 'parentdev 0000:00:05.0 ');
  }
  void run;
}

function bridgeDetails(k: KernelState, br: Link): string {
  const id = bridgeId(br.mac);
  const stp = br.bridge?.stp ? 1 : 0;
  return (
    `forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state ${stp} priority 32768 vlan_filtering 0 ` +
    `bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 ` +
    'hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 ' +
    'group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 ' +
    'mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 ' +
    'mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 ' +
    'mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 ' +
    'mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 '
  );
  void k;
}

function bridgeSlaveDetails(k: KernelState, port: Link, br: Link): string {
  const no = br.bridge?.portNo[port.id] ?? 1;
  const id = bridgeId(br.mac);
  return (
    `state ${portState(k, port, br)} priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on ` +
    `port_id 0x${(0x8000 + no).toString(16)} port_no 0x${no.toString(16)} designated_port ${0x8000 + no} designated_cost 0 ` +
    `designated_bridge ${id} designated_root ${id} hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 ` +
    'topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on ' +
    'bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off '
  );
}

/** `-s`: the RX/TX counters block (print_stats64), columns widened to fit the numbers. */
function printStats(run: IpRun, p: Printer, l: Link): void {
  const s = l.stats;
  const twice = run.opts.stats > 1;
  if (p.isJson) {
    p.open('stats64');
    p.open('rx');
    p.js('bytes', s.rxBytes);
    p.js('packets', s.rxPackets);
    p.js('errors', 0);
    p.js('dropped', s.rxDropped);
    p.js('over_errors', 0);
    p.js('multicast', 0);
    if (twice)
      for (const key of ['length_errors', 'crc_errors', 'frame_errors', 'fifo_errors', 'missed_errors']) p.js(key, 0);
    p.close();
    p.open('tx');
    p.js('bytes', s.txBytes);
    p.js('packets', s.txPackets);
    p.js('errors', 0);
    p.js('dropped', s.txDropped);
    p.js('carrier_errors', 0);
    p.js('collisions', 0);
    if (twice) for (const key of ['aborted_errors', 'fifo_errors', 'window_errors', 'heartbeat_errors']) p.js(key, 0);
    p.close();
    p.close();
    return;
  }
  // Column widths start at the header words' lengths and widen to fit the numbers.
  const cols = ['*X errors:'.length, 7, 6, 7, 7, 7, 'compressed'.length];
  const widen = (vals: number[]) => vals.forEach((v, i) => (cols[i] = Math.max(cols[i]!, String(v).length)));
  widen([s.rxBytes, s.rxPackets, 0, s.rxDropped, 0, 0]);
  widen([s.txBytes, s.txPackets, 0, s.txDropped, 0, 0]);
  const num = (w: number, v: number) => String(v).padStart(w) + ' ';
  const row = (vals: number[]) => '    ' + vals.map((v, i) => num(cols[i]!, v)).join('');
  const head = (words: string[]) =>
    `${words[0]!.padStart(cols[0]! - 4)} ` +
    words
      .slice(1)
      .map((w, i) => `${w.padStart(cols[i + 1]!)} `)
      .join('') +
    ''.padStart(cols[6]!);
  const sl = p.sl;
  let out = '';
  out += '    RX: ' + head(['bytes', 'packets', 'errors', 'dropped', 'missed', 'mcast']) + sl;
  out += row([s.rxBytes, s.rxPackets, 0, s.rxDropped, 0, 0]);
  if (twice) {
    out +=
      sl +
      `    RX errors:${''.padStart(cols[0]! - 10)} ${'length'.padStart(cols[1]!)} ${'crc'.padStart(cols[2]!)} ${'frame'.padStart(cols[3]!)} ${'fifo'.padStart(cols[4]!)} ${'overrun'.padStart(cols[5]!)}` +
      sl;
    out += ' '.repeat(cols[0]! + 5) + [1, 2, 3, 4, 5].map((i) => num(cols[i]!, 0)).join('');
  }
  out += sl;
  out += '    TX: ' + head(['bytes', 'packets', 'errors', 'dropped', 'carrier', 'collsns']) + sl;
  out += row([s.txBytes, s.txPackets, 0, s.txDropped, 0, 0]);
  if (twice) {
    out +=
      sl +
      `    TX errors:${''.padStart(cols[0]! - 10)} ${'aborted'.padStart(cols[1]!)} ${'fifo'.padStart(cols[2]!)} ${'window'.padStart(cols[3]!)} ${'heartbt'.padStart(cols[4]!)} ${'transns'.padStart(cols[5]!)}` +
      sl;
    out += ' '.repeat(cols[0]! + 5) + [1, 2, 3, 4].map((i) => num(cols[i]!, 0)).join('') + num(cols[5]!, 0);
  }
  p.fp(out);
}

/**
 * One link as print_linkinfo prints it, without the final newline (ip addr appends its
 * addresses first). In JSON mode the caller opens and closes the link's object.
 */
export function printLinkBody(run: IpRun, p: Printer, l: Link, view: LinkView): void {
  const k = run.world.kernel;
  const peer = peerRef(k, l, view.inet6Dump);
  p.any('ifindex', l.ifindex, `${l.ifindex}: `);
  if (peer?.jsonKey) p.js(peer.jsonKey, peer.jsonValue ?? null);
  p.any('ifname', l.name, peer?.text !== undefined ? `${l.name}@${peer.text}: ` : `${l.name}: `);
  printFlags(p, flagWords(k, l, peer?.mdown ?? false));
  p.any('mtu', l.mtu, `mtu ${l.mtu} `);
  if (!view.inet6Dump) p.any('qdisc', qdiscOf(l), `qdisc ${qdiscOf(l)} `);
  const master = l.master ? k.links[l.master] : undefined;
  if (master && !view.inet6Dump) p.any('master', master.name, `master ${master.name} `);
  const state = operState(k, l);
  p.any('operstate', state, `state ${state} `);
  if (view.doLink) p.any('linkmode', 'DEFAULT', 'mode DEFAULT ');
  if (!view.inet6Dump) p.any('group', 'default', 'group default ');
  if (l.txqlen) p.any('txqlen', l.txqlen, `qlen ${l.txqlen}`);
  const details = run.opts.details > 0;
  if (!view.familyFilter || details) {
    p.nl();
    p.any('link_type', linkType(l), `    link/${linkType(l)} `);
    p.any('address', l.mac, l.mac);
    p.fp(' brd ');
    p.any('broadcast', broadcastOf(l), broadcastOf(l));
  }
  if (peer?.netnsid !== undefined) {
    if (p.isJson) p.js('link_netnsid', peer.netnsid);
    else {
      const name = netnsNameOfNsid(k, l.netns, peer.netnsid);
      p.fp(name !== undefined ? ` link-netns ${name}` : ` link-netnsid ${peer.netnsid}`);
    }
  }
  if (details) printDetails(run, p, k, l, view);
  if (view.doLink && run.opts.stats > 0) {
    p.nl();
    printStats(run, p, l);
  }
}

/** The counters block `ip -s addr` prints after the addresses. */
export function printLinkStats(run: IpRun, p: Printer, l: Link): void {
  printStats(run, p, l);
}

/** `-br`: `%-16s ` name, `%-14s ` state, then (link) the MAC and flags. */
export function printLinkBrief(run: IpRun, p: Printer, l: Link, withLinkFields: boolean, inet6Dump = false): void {
  const k = run.world.kernel;
  const peer = peerRef(k, l, inet6Dump);
  if (peer?.jsonKey) p.js(peer.jsonKey, peer.jsonValue ?? null);
  const name = peer?.text !== undefined ? `${l.name}@${peer.text}` : l.name;
  p.any('ifname', l.name, `${name.padEnd(16)} `);
  const state = operState(k, l);
  p.any('operstate', state, `${state.padEnd(14)} `);
  if (withLinkFields) {
    p.any('address', l.mac, `${l.mac} `);
    printFlags(p, flagWords(k, l, peer?.mdown ?? false));
    p.fp('\n');
  }
}

/** Bridge ports, for `ip link show master BR`. */
export function isPortOf(k: KernelState, l: Link, br: Link): boolean {
  return portsOf(k, br).some((x) => x.id === l.id);
}
