// kernel/types.ts — the Linux network stack as plain, JSON-serialisable data.
// Nothing here has behaviour; operations live in ops/*.ts and never mutate their input.
// Names follow Linux: netns, link, ifindex, peer, master, init_net.

/** Stable model id of a network namespace ("netns:0" is init_net, the host's). */
export type NetnsId = string;
/** Stable model id of a link ("link:7"); never reused, unlike ifindex. */
export type LinkId = string;

export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge';

export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  rxDropped: number;
  txPackets: number;
  txBytes: number;
  txDropped: number;
}

export type AddrScope = 'host' | 'link' | 'global';

export interface Addr {
  family: 4 | 6;
  /** Dotted quad or compressed IPv6 text. */
  local: string;
  prefixlen: number;
  /** IPv4 broadcast, when one was given (`brd`) or derived with `brd +`. */
  broadcast?: string;
  scope: AddrScope;
  /** IPv4 label (defaults to the link name at the time the address was added). */
  label?: string;
  /** IPv6 addresses the kernel made itself (link-local, ::1) rather than a user. */
  kernel?: boolean;
  /** IPv4: another address of the same subnet came first (IFA_F_SECONDARY). */
  secondary?: boolean;
}

export interface FdbEntry {
  mac: string;
  /** Port the MAC was learnt on. */
  port: LinkId;
  /** A bridge's own port MACs are local ("permanent"). */
  local: boolean;
}

export interface BridgeInfo {
  /** Once the bridge has had a port, or its MAC was set, its carrier follows its ports (br_port_carrier_check). */
  carrierTracked: boolean;
  /** True when the MAC was set explicitly: it then no longer follows the lowest port MAC. */
  macSet: boolean;
  fdb: FdbEntry[];
  stp: boolean;
  /** Bridge port numbers handed out so far (port_no), per port link id. */
  portNo: Record<LinkId, number>;
  /** The MTU was set by hand: it no longer follows the smallest port MTU (br_mtu_auto_adjust). */
  mtuSet?: boolean;
}

export interface Link {
  id: LinkId;
  netns: NetnsId;
  ifindex: number;
  name: string;
  kind: LinkKind;
  mtu: number;
  txqlen: number;
  mac: string;
  /** The qdisc an up physical device gets (`mq`, `fq_codel`); virtual devices are `noqueue`. */
  rootQdisc?: string;
  /** IFF_UP: administratively up. */
  up: boolean;
  /** A root qdisc was attached at the first up; until then (and after a move) it is `noop`. */
  qdiscAttached?: boolean;
  /** veth: the other end. */
  peer?: LinkId;
  /** Bridge port: the bridge it is enslaved to. */
  master?: LinkId;
  addrs: Addr[];
  stats: LinkStats;
  bridge?: BridgeInfo;
  /** The physical NIC's carrier (cable plugged); virtual links compute theirs. */
  cable?: boolean;
  /** Per-interface disable_ipv6 (net.ipv6.conf.IF.disable_ipv6). */
  ipv6Disabled?: boolean;
}

export type RouteProto = 'kernel' | 'boot' | 'static' | 'dhcp';
export type RouteScope = 'host' | 'link' | 'global';

export interface Route {
  family: 4 | 6;
  /** `default` or a network in CIDR form, already masked ("172.17.0.0/16", "fe80::/64"). */
  dst: string;
  gateway?: string;
  dev: LinkId;
  protocol: RouteProto;
  scope: RouteScope;
  prefsrc?: string;
  metric?: number;
}

export type NeighState = 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'INCOMPLETE' | 'PERMANENT';

export interface Neigh {
  dst: string;
  dev: LinkId;
  lladdr?: string;
  state: NeighState;
}

export interface Socket {
  proto: 'tcp' | 'udp';
  addr: string;
  port: number;
  /** Process name and pid, as `ss -p` shows them. */
  process: string;
  pid: number;
  /**
   * An IPv6 socket (addr has a colon) that takes no IPv4 traffic: IPV6_V6ONLY set, or bound to
   * a specific IPv6 address (inet6_bind sets it then). Unset on `::` with bindv6only=0.
   */
  v6only?: boolean;
}

export interface Netns {
  id: NetnsId;
  /** Name under /run/netns (`ip netns add NAME`); absent for anonymous namespaces (Docker's). */
  name?: string;
  /** Inode number, as `readlink /proc/PID/ns/net` shows it (`net:[4026531840]`). */
  inode: number;
  /** Next ifindex to try (the kernel allocates cyclically per namespace). */
  nextIfindex: number;
  /** The namespace's links by ifindex (dev_get_by_index); kept by ops, never set by hand. */
  byIndex: Record<number, LinkId>;
  /** The namespace's links by name (dev_get_by_name); kept by ops, never set by hand. */
  byName: Record<string, LinkId>;
  /** netnsid this namespace assigned to others (peernet2id). */
  nsids: Record<NetnsId, number>;
  routes: Route[];
  neigh: Neigh[];
  sockets: Socket[];
  /** net.ipv6.conf.all.disable_ipv6 */
  ipv6Disabled: boolean;
  /** net.ipv4.ip_forward */
  ipForward: boolean;
  /** `-t nat -A POSTROUTING -s SOURCE ! -o NOTOUT -j MASQUERADE` rules, in order. */
  nat?: MasqueradeRule[];
  /** filter-table rules of the FORWARD path (Docker's isolation chains), in order within each chain. */
  filter?: FilterRule[];
  /** nat-table rules besides the MASQUERADE list above (Docker's DOCKER chain, DNAT, hairpin). */
  natRules?: FilterRule[];
  /** raw-table rules (v28+ Docker drops direct access to published containers in PREROUTING). */
  rawRules?: FilterRule[];
  /** User-defined chains per table (`iptables -N`), in creation order; a chain may be empty. */
  chains?: Partial<Record<IptTable, string[]>>;
  /** Built-in chain policies that are not ACCEPT, keyed `table:CHAIN` (`filter:FORWARD`). */
  policies?: Record<string, 'ACCEPT' | 'DROP'>;
}

/** The iptables tables the model holds. */
export type IptTable = 'filter' | 'nat' | 'raw';

export interface MasqueradeRule {
  /** Source network in CIDR form. */
  source: string;
  /** The rule does not apply to packets leaving through this device (the bridge itself). */
  notOut: string;
}

/** One match of a filter rule: a device or a network, possibly negated (`! -o docker0`). */
export interface RuleMatch {
  value: string;
  not?: boolean;
}

/**
 * A filter-table rule as `iptables -S` holds it: `-A CHAIN [-s] [-d] [-i] [-o] [ctstate] -j TARGET`.
 * TARGET is ACCEPT, DROP, RETURN or the name of another chain (a jump).
 */
export interface FilterRule {
  chain: string;
  src?: RuleMatch;
  dst?: RuleMatch;
  in?: RuleMatch;
  out?: RuleMatch;
  /** `-m conntrack --ctstate RELATED,ESTABLISHED`: only packets of a connection already seen. */
  established?: boolean;
  /** `-m conntrack --ctstate LIST` for any other list (`NEW`, `INVALID`, `ESTABLISHED`). */
  ctstate?: RuleMatch;
  /** `-p tcp|udp|icmp`. */
  proto?: RuleMatch;
  /** `-m tcp --sport N` / `--dport N` (the match module named after the protocol). */
  sport?: RuleMatch;
  dport?: RuleMatch;
  /** `-m addrtype --src-type TYPE` / `--dst-type TYPE` (only LOCAL is modelled). */
  srcType?: RuleMatch;
  dstType?: RuleMatch;
  /** `-m conntrack` was given before the protocol's port match: iptables prints it first. */
  conntrackFirst?: boolean;
  /** DNAT's `--to-destination IP[:PORT]`. */
  toDestination?: string;
  /**
   * ACCEPT, DROP, REJECT, RETURN, DNAT, MASQUERADE or the name of another chain (a jump).
   */
  target: string;
}

export interface KernelState {
  netns: Record<NetnsId, Netns>;
  links: Record<LinkId, Link>;
  /** Counters for model ids and inodes; never decrease. */
  seq: { link: number; netns: number; inode: number };
  /** Seeded PRNG state (see rng.ts); the only source of randomness. */
  rng: number;
}

/** Errno-like codes; the shell turns them into each tool's own words. */
export type Errno =
  | 'EEXIST'
  | 'ENOENT'
  | 'ENODEV'
  | 'EINVAL'
  | 'EBUSY'
  | 'EADDRNOTAVAIL'
  | 'ENETUNREACH'
  | 'ESRCH'
  | 'EOPNOTSUPP'
  | 'ELOOP'
  | 'ERANGE'
  | 'EPERM'
  | 'EADDRINUSE'
  | 'ENOTEMPTY'
  | 'EXFULL'
  | 'EACCES'
  | 'ENETDOWN';

export interface KernelError {
  errno: Errno;
  /** Which argument or extended-ack reason, for tools that print one ("Nexthop has invalid gateway"). */
  detail?: string;
}

/** rtnetlink-style notifications; the UI and the step player read them. */
export type KernelEvent =
  | { type: 'newnetns'; netns: NetnsId }
  | { type: 'delnetns'; netns: NetnsId }
  | { type: 'newlink'; link: LinkId; netns: NetnsId }
  | { type: 'dellink'; link: LinkId; netns: NetnsId; name: string }
  | { type: 'setlink'; link: LinkId }
  | { type: 'newaddr'; link: LinkId; addr: string }
  | { type: 'deladdr'; link: LinkId; addr: string }
  | { type: 'newroute'; netns: NetnsId; dst: string }
  | { type: 'delroute'; netns: NetnsId; dst: string };

export type KernelResult = { ok: true; state: KernelState; events: KernelEvent[] } | { ok: false; error: KernelError };
