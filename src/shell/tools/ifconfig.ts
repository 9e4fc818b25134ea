// shell/tools/ifconfig.ts — `ifconfig` in the three shapes a learner meets: net-tools 2.10 on the
// host (`eth0: flags=4163<…>  mtu 1500`), the Ubuntu net-tools 1.60 snapshot of the article's
// hwchiu/netutils image (`eth0      Link encap:Ethernet  HWaddr …`, SI `KB`), and BusyBox 1.35.
// Display reads the kernel model; every change is a kernel op committed through commitOps, in the
// order net-tools issues its ioctls. Never formats anything the real tools would not print.
import type { World } from '../../docker/world';
import { commitAs } from '../caps';
import { formatIPv4, maskOf, normalizeMac, parseIPv4 } from '../../kernel/addr';
import { linksOf, linkByName, operState } from '../../kernel/query';
import type { KernelOp } from '../../kernel/ops';
import type { Addr, Errno, KernelState, Link, NetnsId } from '../../kernel/types';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult, Toolset } from '../types';

import { strerror } from '../strerror';

// ------------------------------------------------------------------------------ interface flags

const IFF_UP = 0x1;
const IFF_BROADCAST = 0x2;
const IFF_LOOPBACK = 0x8;
const IFF_RUNNING = 0x40;
const IFF_MULTICAST = 0x1000;

/** The flag names in the order net-tools and BusyBox test them (IFF_* bit order, MULTICAST last). */
const FLAG_NAMES: [number, string][] = [
  [IFF_UP, 'UP'],
  [IFF_BROADCAST, 'BROADCAST'],
  [IFF_LOOPBACK, 'LOOPBACK'],
  [IFF_RUNNING, 'RUNNING'],
  [IFF_MULTICAST, 'MULTICAST'],
];

/** dev_get_flags(): IFF_RUNNING is reported while the link is up and its operstate is UP or UNKNOWN. */
export function ifreqFlags(k: KernelState, l: Link): number {
  let f = l.kind === 'loopback' ? IFF_LOOPBACK : IFF_BROADCAST | IFF_MULTICAST;
  if (l.up) {
    f |= IFF_UP;
    const op = operState(k, l);
    if (op === 'UP' || op === 'UNKNOWN') f |= IFF_RUNNING;
  }
  return f;
}

/** SIOCGIFADDR answers with the first IPv4 address whose label is the device's own (no `:alias`). */
function primaryV4(l: Link): Addr | undefined {
  return l.addrs.find((a) => a.family === 4 && !(a.label ?? l.name).includes(':'));
}

// ------------------------------------------------------------------------------ ordering

/**
 * net-tools keeps its interface list sorted with nstrcmp(): plain strcmp, except that where the
 * names first differ inside a run of digits the runs compare as numbers (eth2 before eth10).
 */
export function nstrcmp(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 0;
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  if (digit(a[i]) && digit(b[i])) {
    let s = i;
    while (s > 0 && digit(a[s - 1])) s--;
    const na = Number(/^\d+/.exec(a.slice(s))![0]);
    const nb = Number(/^\d+/.exec(b.slice(s))![0]);
    if (na !== nb) return na < nb ? -1 : 1;
  }
  const ca = i < a.length ? a.charCodeAt(i) : 0;
  const cb = i < b.length ? b.charCodeAt(i) : 0;
  return ca - cb;
}

function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------------------ display

type Style = 'nettools2' | 'nettools160' | 'busybox';

function styleOf(toolset: Toolset): Style {
  if (toolset === 'busybox') return 'busybox';
  if (toolset === 'netutils') return 'nettools160';
  return 'nettools2';
}

/** net-tools 2.10: binary units, switching only above 1024 (`1024 B` stays bytes). */
function scaleNettools2(n: number): string {
  const units: [number, string][] = [
    [2 ** 60, 'EiB'],
    [2 ** 50, 'PiB'],
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (n > size) {
      const tenths = Math.floor((n * 10) / size);
      return `${Math.floor(tenths / 10)}.${tenths % 10} ${unit}`;
    }
  }
  return `${n}.0 B`;
}

/**
 * Ubuntu's net-tools 1.60 build: SI units of 1000 named KB/MB/GB (the article shows
 * `RX bytes:1366 (1.3 KB)`; Ubuntu hosts of that era print `821363 (821.3 KB)`, which is 1000-based).
 * The tiers above GB follow the same pattern; they are not attested in a capture.
 */
function scaleNettools160(n: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (n > size) {
      const tenths = Math.floor((n * 10) / size);
      return `${Math.floor(tenths / 10)}.${tenths % 10} ${unit}`;
    }
  }
  return `${n}.0 B`;
}

/** BusyBox print_bytes_scaled(): divides by 1024 while the value is at least 1024 (up to TiB). */
function scaleBusybox(n: number): string {
  const exts = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let intPart = n;
  let frac = 0;
  let e = 0;
  for (let i = 0; i < 4; i++) {
    if (intPart >= 1024) {
      frac = Math.floor(((intPart % 1024) * 10) / 1024);
      intPart = Math.floor(intPart / 1024);
      e++;
    }
  }
  return `${intPart}.${frac} ${exts[e]}B`;
}

function v6Scope(a: Addr): { id: number; word: string; old: string } {
  if (a.scope === 'host') return { id: 0x10, word: 'host', old: 'Host' };
  if (a.scope === 'link') return { id: 0x20, word: 'link', old: 'Link' };
  return { id: 0, word: 'global', old: 'Global' };
}

/** net-tools 2.10 ife_print_long(). */
function printNettools2(k: KernelState, l: Link): string {
  const flags = ifreqFlags(k, l);
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  let out = `${l.name}: flags=${flags}<${names.join(',')}>  mtu ${l.mtu}\n`;
  const v4 = primaryV4(l);
  if (v4) {
    out += `        inet ${v4.local}  netmask ${formatIPv4(maskOf(v4.prefixlen))}`;
    // IFF_BROADCAST devices always print a broadcast, 0.0.0.0 when the address has none.
    if (flags & IFF_BROADCAST) out += `  broadcast ${v4.broadcast ?? '0.0.0.0'}`;
    out += '\n';
  }
  for (const a of l.addrs) {
    if (a.family !== 6) continue;
    const s = v6Scope(a);
    out += `        inet6 ${a.local}  prefixlen ${a.prefixlen}  scopeid 0x${s.id.toString(16)}<${s.word}>\n`;
  }
  if (l.kind === 'loopback') out += `        loop  txqueuelen ${l.txqlen}  (Local Loopback)\n`;
  else out += `        ether ${l.mac}  txqueuelen ${l.txqlen}  (Ethernet)\n`;
  const st = l.stats;
  out += `        RX packets ${st.rxPackets}  bytes ${st.rxBytes} (${scaleNettools2(st.rxBytes)})\n`;
  out += `        RX errors 0  dropped ${st.rxDropped}  overruns 0  frame 0\n`;
  out += `        TX packets ${st.txPackets}  bytes ${st.txBytes} (${scaleNettools2(st.txBytes)})\n`;
  out += `        TX errors 0  dropped ${st.txDropped} overruns 0  carrier 0  collisions 0\n`;
  return out + '\n';
}

/** The old layout shared by net-tools 1.60 and BusyBox (which was cut from net-tools 1.59). */
function printOldStyle(k: KernelState, l: Link, busybox: boolean): string {
  const flags = ifreqFlags(k, l);
  // 1.60 prints `%-9.9s ` (long names cut to nine characters); BusyBox `%-9s ` (full name).
  const name = busybox ? l.name.padEnd(9) : l.name.slice(0, 9).padEnd(9);
  let out = `${name} Link encap:${l.kind === 'loopback' ? 'Local Loopback' : 'Ethernet'}  `;
  if (l.kind !== 'loopback') out += `HWaddr ${busybox ? l.mac.toUpperCase() : l.mac}  `;
  out += '\n';
  const v4 = primaryV4(l);
  if (v4) {
    out += `          inet addr:${v4.local} `;
    if (flags & IFF_BROADCAST) out += ` Bcast:${v4.broadcast ?? '0.0.0.0'} `;
    out += ` Mask:${formatIPv4(maskOf(v4.prefixlen))}\n`;
  }
  for (const a of l.addrs) {
    if (a.family !== 6) continue;
    out += `          inet6 addr: ${a.local}/${a.prefixlen} Scope:${v6Scope(a).old}\n`;
  }
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => `${n} `);
  out += `          ${names.join('')} MTU:${l.mtu}  Metric:1\n`;
  const st = l.stats;
  out += `          RX packets:${st.rxPackets} errors:0 dropped:${st.rxDropped} overruns:0 frame:0\n`;
  out += `          TX packets:${st.txPackets} errors:0 dropped:${st.txDropped} overruns:0 carrier:0\n`;
  out += `          collisions:0 txqueuelen:${l.txqlen} \n`;
  const scale = busybox ? scaleBusybox : scaleNettools160;
  out += `          RX bytes:${st.rxBytes} (${scale(st.rxBytes)})  TX bytes:${st.txBytes} (${scale(st.txBytes)})\n`;
  return out + '\n';
}

/** net-tools 2.10 `ifconfig -s`: the netstat -i table (its header does not line up with its rows). */
function printShort(k: KernelState, l: Link): string {
  const flags = ifreqFlags(k, l);
  let f = '';
  if (flags & IFF_BROADCAST) f += 'B';
  if (flags & IFF_LOOPBACK) f += 'L';
  if (flags & IFF_MULTICAST) f += 'M';
  if (flags & IFF_RUNNING) f += 'R';
  if (flags & IFF_UP) f += 'U';
  const st = l.stats;
  return (
    `${l.name.padEnd(15)} ${String(l.mtu).padStart(5)} ${String(st.rxPackets).padStart(8)} ${'0'.padStart(6)} ` +
    `${String(st.rxDropped).padStart(6)} ${'0'.padEnd(6)} ${String(st.txPackets).padStart(8)} ${'0'.padStart(6)} ` +
    `${String(st.txDropped).padStart(6)} ${'0'.padStart(6)} ${f}\n`
  );
}

const SHORT_HEADER = 'Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';

function printOne(k: KernelState, l: Link, style: Style, short: boolean): string {
  if (short && style === 'nettools2') return printShort(k, l);
  if (style === 'nettools2') return printNettools2(k, l);
  return printOldStyle(k, l, style === 'busybox');
}

/** The interfaces `ifconfig [-a]` lists: every device (or only the up ones), in the tool's order. */
function listed(k: KernelState, ns: NetnsId, all: boolean, style: Style): Link[] {
  const cmp = style === 'busybox' ? strcmp : nstrcmp;
  return linksOf(k, ns)
    .filter((l) => all || l.up)
    .sort((a, b) => cmp(a.name, b.name));
}

// ------------------------------------------------------------------------------ argument parsing

/** inet_aton(3): one to four parts, each decimal, octal (leading 0) or hex (0x); the last fills the rest. */
export function inetAton(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = parseInt(p, 10);
    else return undefined;
    nums.push(v);
  }
  const last = nums[nums.length - 1]!;
  const head = nums.slice(0, -1);
  if (head.some((v) => v > 255)) return undefined;
  const restBits = 8 * (4 - head.length);
  if (last >= 2 ** restBits) return undefined;
  let v = 0;
  for (const h of head) v = v * 256 + h;
  return (v * 2 ** restBits + last) >>> 0;
}

/** inet_abc_len(): the classful prefix the kernel gives an address set with SIOCSIFADDR. */
function classfulLen(v: number): number {
  const first = v >>> 24;
  if (first === 0 || v === 0xffffffff) return 0;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  if (first >= 240) return 32;
  return -1;
}

const USAGE =
  'Usage:\n' +
  '  ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]\n' +
  '  [add <address>[/<prefixlen>]]\n' +
  '  [del <address>[/<prefixlen>]]\n' +
  '  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]\n' +
  '  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]\n' +
  '  [outfill <NN>] [keepalive <NN>]\n' +
  '  [hw <HW> <address>]  [mtu <NN>]\n' +
  '  [[-]trailers]  [[-]arp]  [[-]allmulti]\n' +
  '  [multicast]  [[-]promisc]\n' +
  '  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]\n' +
  '  [txqueuelen <NN>]\n' +
  '  [name <newname>]\n' +
  '  [[-]dynamic]\n' +
  '  [up|down] ...\n' +
  '\n' +
  '  <HW>=Hardware Type.\n' +
  '  List of possible hardware types:\n' +
  '    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) \n' +
  '    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) \n' +
  '    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) \n' +
  '    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) \n' +
  '    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) \n' +
  '    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n' +
  '    irda (IrLAP) ec (Econet) x25 (generic X.25) \n' +
  '    eui64 (Generic EUI-64) \n' +
  '  <AF>=Address family. Default: inet\n' +
  '  List of possible address families:\n' +
  '    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) \n' +
  '    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) \n' +
  '    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) \n' +
  '    ash (Ash) x25 (CCITT X.25) \n';

/** C atoi(): leading blanks, an optional sign, digits; anything else stops it (so `abc` is 0). */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

// ------------------------------------------------------------------------------ the ioctls

/** One ifconfig run: the world so far, what went to stderr, and the ioctls' effects as kernel ops. */
class Ioctls {
  err = '';
  constructor(
    public world: World,
    readonly ns: NetnsId,
    /** BusyBox prefixes its messages with `ifconfig: `. */
    readonly prefix: string,
    readonly ctx: ExecContext,
  ) {}

  link(name: string): Link | undefined {
    return linkByName(this.world.kernel, this.ns, name);
  }

  /** Commits one op; returns the errno on failure. */
  commit(op: KernelOp): Errno | undefined {
    const r = commitAs(this.ctx, this.world, [op]);
    this.world = r.world;
    return r.ok ? undefined : r.error.errno;
  }

  fail(ioctl: string, e: Errno): void {
    this.err += `${this.prefix}${ioctl}: ${strerror(e)}\n`;
  }

  /** Replaces address `old` (already on the link) by `next`: inet_del_ifa then inet_insert_ifa. */
  replace(
    l: Link,
    old: Addr | undefined,
    next: { local: string; prefixlen: number; broadcast?: string } | undefined,
  ): Errno | undefined {
    if (old) {
      const e = this.commit({
        op: 'delAddr',
        netns: this.ns,
        dev: l.name,
        family: 4,
        local: old.local,
        prefixlen: old.prefixlen,
      });
      if (e) return e;
    }
    if (!next) return undefined;
    return this.commit({
      op: 'addAddr',
      netns: this.ns,
      dev: l.name,
      family: 4,
      local: next.local,
      prefixlen: next.prefixlen,
      ...(next.broadcast !== undefined ? { broadcast: next.broadcast } : {}),
    });
  }

  /** SIOCSIFADDR: replaces the device's own address with `v`, classful prefix and broadcast; 0.0.0.0 deletes it. */
  setAddr(name: string, v: number): Errno | undefined {
    const l = this.link(name);
    if (!l) return 'ENODEV';
    const len = classfulLen(v);
    if (len < 0) return 'EINVAL';
    const old = primaryV4(l);
    const local = formatIPv4(v);
    if (old && old.local === local) return undefined;
    if (v === 0) return this.replace(l, old, undefined);
    // devinet_ioctl(): broadcast devices get address|~mask while the prefix is shorter than /31.
    const broadcast = l.kind !== 'loopback' && len < 31 ? formatIPv4((v | ~maskOf(len)) >>> 0) : undefined;
    return this.replace(l, old, { local, prefixlen: len, broadcast });
  }

  /** SIOCSIFNETMASK: a contiguous mask; the broadcast follows only if it was the default one. */
  setNetmask(name: string, mask: number): Errno | undefined {
    const l = this.link(name);
    if (!l) return 'ENODEV';
    const old = primaryV4(l);
    if (!old) return 'EADDRNOTAVAIL';
    let len = 0;
    while (len < 32 && mask & (0x80000000 >>> len)) len++;
    if (maskOf(len) !== mask) return 'EINVAL';
    if (len === old.prefixlen) return undefined;
    const localV = parseIPv4(old.local)!;
    let broadcast = old.broadcast;
    const defaultBrd = formatIPv4((localV | ~maskOf(old.prefixlen)) >>> 0);
    if (l.kind !== 'loopback' && len < 31 && old.broadcast === defaultBrd)
      broadcast = formatIPv4((localV | ~mask) >>> 0);
    return this.replace(l, old, { local: old.local, prefixlen: len, broadcast });
  }

  /** SIOCSIFBRDADDR on the device's own address. */
  setBroadcast(name: string, v: number): Errno | undefined {
    const l = this.link(name);
    if (!l) return 'ENODEV';
    const old = primaryV4(l);
    if (!old) return 'EADDRNOTAVAIL';
    const broadcast = formatIPv4(v);
    if (old.broadcast === broadcast) return undefined;
    return this.replace(l, old, { local: old.local, prefixlen: old.prefixlen, broadcast });
  }

  setUp(name: string, up: boolean): Errno | undefined {
    const l = this.link(name);
    if (!l) return 'ENODEV';
    if (l.up === up) return undefined;
    return this.commit({ op: 'setLink', netns: this.ns, name, up });
  }
}

// ------------------------------------------------------------------------------ the tools

function result(world: World, stdout: string, stderr: string, status: number): ToolResult {
  return { stdout, stderr, status, world };
}

/** net-tools (2.10 on the host, 1.60 in the netutils image): display, or configure one interface. */
const netTools: Tool = (world, argv, _io, ctx) => {
  const style = styleOf(ctx.toolset);
  const k = world.kernel;
  let all = false;
  let short = false;
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const o = argv[i]!;
    if (o === '-a') all = true;
    else if (o === '-s') short = true;
    else if (o === '-v') continue;
    else {
      return result(
        world,
        '',
        `ifconfig: option \`${o}' not recognised.\nifconfig: \`--help' gives usage information.\n`,
        1,
      );
    }
  }
  const args = argv.slice(i);
  if (args.length === 0) {
    let out = short && style === 'nettools2' ? SHORT_HEADER : '';
    for (const l of listed(k, ctx.netns, all, style)) out += printOne(k, l, style, short);
    return result(world, out, '', 0);
  }
  let name = args[0]!;
  if (args.length === 1) {
    const l = linkByName(k, ctx.netns, name);
    if (!l) return result(world, '', `${name}: error fetching interface information: Device not found\n`, 1);
    const head = short && style === 'nettools2' ? SHORT_HEADER : '';
    return result(world, head + printOne(k, l, style, short), '', 0);
  }

  const io = new Ioctls(world, ctx.netns, '', ctx);
  let goterr = 0;
  let didNetmask = false;
  const usage = () => result(io.world, '', USAGE, 3);
  const setFlag = (up: boolean) => {
    const e = io.setUp(name, up);
    if (e === 'ENODEV') {
      io.err += `${name}: ERROR while getting interface flags: ${strerror(e)}\n`;
      goterr = -1;
    } else if (e) {
      io.fail('SIOCSIFFLAGS', e);
      goterr = -1;
    }
  };
  const netmask = (mask: number) => {
    const e = io.setNetmask(name, mask);
    if (e) {
      io.fail('SIOCSIFNETMASK', e);
      goterr ||= 1;
    }
  };
  let j = 1;
  if (args[j] === 'inet') j++;
  for (; j < args.length; j++) {
    const a = args[j]!;
    if (a === 'up') {
      setFlag(true);
    } else if (a === 'down') {
      setFlag(false);
    } else if (a === 'mtu' || a === 'txqueuelen') {
      const v = args[++j];
      if (v === undefined) return usage();
      const ioctl = a === 'mtu' ? 'SIOCSIFMTU' : 'SIOCSIFTXQLEN';
      const l = io.link(name);
      const n = atoi(v);
      let e: Errno | undefined;
      if (!l) e = 'ENODEV';
      else if (a === 'txqueuelen' && n < 0) e = 'EINVAL';
      else e = io.commit({ op: 'setLink', netns: ctx.netns, name, ...(a === 'mtu' ? { mtu: n } : { txqlen: n }) });
      if (e) {
        io.fail(ioctl, e);
        goterr ||= 1;
      }
    } else if (a === 'netmask') {
      const v = args[++j];
      if (v === undefined || didNetmask) return usage();
      const mask = inetAton(v);
      if (mask === undefined) {
        io.err += `${v}: Unknown host\n`;
        goterr ||= 1;
        continue;
      }
      didNetmask = true;
      netmask(mask);
    } else if (a === 'broadcast') {
      const v = args[j + 1];
      if (v !== undefined) {
        j++;
        const b = inetAton(v);
        if (b === undefined) {
          io.err += `${v}: Unknown host\n`;
          goterr ||= 1;
          continue;
        }
        const e = io.setBroadcast(name, b);
        if (e) {
          io.fail('SIOCSIFBRDADDR', e);
          goterr ||= 1;
        }
      }
      // set_flag(IFF_BROADCAST): changes nothing the model shows, but still needs the device.
      if (!io.link(name)) {
        io.err += `${name}: ERROR while getting interface flags: No such device\n`;
        goterr = -1;
      }
    } else if (a === 'hw') {
      const type = args[++j];
      if (type !== 'ether') return usage();
      const v = args[++j];
      if (v === undefined) return usage();
      const mac = normalizeMac(v);
      if (!mac) {
        io.err += `${v}: invalid ether address.\n`;
        goterr ||= 1;
        continue;
      }
      const l = io.link(name);
      // A loopback device has no Ethernet address to set: the hardware type does not match.
      const e: Errno | undefined = !l
        ? 'ENODEV'
        : l.kind === 'loopback'
          ? 'EINVAL'
          : io.commit({ op: 'setLink', netns: ctx.netns, name, mac });
      if (e) {
        io.fail('SIOCSIFHWADDR', e);
        goterr ||= 1;
      }
    } else if (a === 'name') {
      const v = args[++j];
      if (v === undefined) return usage();
      const e = io.link(name) ? io.commit({ op: 'setLink', netns: ctx.netns, name, rename: v }) : 'ENODEV';
      if (e) {
        io.fail('SIOCSIFNAME', e);
        goterr ||= 1;
      } else {
        name = v;
      }
    } else {
      // Anything else is an address: `A.B.C.D[/LEN]`, set with SIOCSIFADDR, then the link goes up.
      const [host, lenText] = a.split('/');
      let len: number | undefined;
      if (lenText !== undefined) {
        if (!/^\d+$/.test(lenText) || Number(lenText) > 32) return usage();
        if (didNetmask) return usage();
        len = Number(lenText);
        didNetmask = true;
      }
      const v = inetAton(host!);
      if (v === undefined) {
        return result(
          io.world,
          '',
          io.err + `${host}: Unknown host\nifconfig: \`--help' gives usage information.\n`,
          1,
        );
      }
      const e = io.setAddr(name, v);
      if (e) {
        io.fail('SIOCSIFADDR', e);
        goterr ||= 1;
      }
      if (len !== undefined) netmask(maskOf(len));
      setFlag(true);
    }
  }
  return result(io.world, '', io.err, goterr < 0 ? 255 : goterr);
};

/** BusyBox ifconfig: the same display in its own words; the first failing ioctl ends the run. */
const busybox: Tool = (world, argv, _io, ctx) => {
  const k = world.kernel;
  let all = false;
  let i = 1;
  for (; i < argv.length && argv[i] === '-a'; i++) all = true;
  const args = argv.slice(i);
  if (args.length === 0) {
    let out = '';
    for (const l of listed(k, ctx.netns, all, 'busybox')) out += printOldStyle(k, l, true);
    return result(world, out, '', 0);
  }
  const name = args[0]!;
  if (args.length === 1) {
    const l = linkByName(k, ctx.netns, name);
    if (!l) return result(world, '', `ifconfig: ${name}: error fetching interface information: Device not found\n`, 1);
    return result(world, printOldStyle(k, l, true), '', 0);
  }
  const io = new Ioctls(world, ctx.netns, 'ifconfig: ', ctx);
  const die = (ioctl: string, e: Errno) => {
    io.fail(ioctl, e);
    return result(io.world, '', io.err, 1);
  };
  // BusyBox collects the flag changes and applies them with one SIOCSIFFLAGS at the end.
  let wantUp: boolean | undefined;
  for (let j = 1; j < args.length; j++) {
    const a = args[j]!;
    if (a === 'up') wantUp = true;
    else if (a === 'down') wantUp = false;
    else if (a === 'inet' && j === 1) continue;
    else if (a === 'netmask' || a === 'broadcast' || a === 'mtu' || a === 'txqueuelen') {
      const v = args[++j];
      if (v === undefined) return result(io.world, '', "ifconfig: bad address ''\n", 1);
      if (a === 'mtu' || a === 'txqueuelen') {
        const e = io.link(name)
          ? io.commit({
              op: 'setLink',
              netns: ctx.netns,
              name,
              ...(a === 'mtu' ? { mtu: atoi(v) } : { txqlen: atoi(v) }),
            })
          : 'ENODEV';
        if (e) return die(a === 'mtu' ? 'SIOCSIFMTU' : 'SIOCSIFTXQLEN', e);
        continue;
      }
      const n = inetAton(v);
      if (n === undefined) return result(io.world, '', io.err + `ifconfig: bad address '${v}'\n`, 1);
      const e = a === 'netmask' ? io.setNetmask(name, n) : io.setBroadcast(name, n);
      if (e) return die(a === 'netmask' ? 'SIOCSIFNETMASK' : 'SIOCSIFBRDADDR', e);
    } else if (a === 'hw') {
      const type = args[++j];
      const v = args[++j];
      const mac = v === undefined ? undefined : normalizeMac(v);
      if (type !== 'ether' || !mac) return result(io.world, '', `ifconfig: invalid hw-addr ${v ?? ''}\n`, 1);
      const l = io.link(name);
      const e = !l
        ? 'ENODEV'
        : l.kind === 'loopback'
          ? 'EINVAL'
          : io.commit({ op: 'setLink', netns: ctx.netns, name, mac });
      if (e) return die('SIOCSIFHWADDR', e);
    } else {
      const [host, lenText] = a.split('/');
      const v = inetAton(host!);
      if (v === undefined || (lenText !== undefined && !/^\d+$/.test(lenText))) {
        return result(io.world, '', io.err + `ifconfig: bad address '${a}'\n`, 1);
      }
      const e = io.setAddr(name, v);
      if (e) return die('SIOCSIFADDR', e);
      if (lenText !== undefined) {
        const e2 = io.setNetmask(name, maskOf(Math.min(32, Number(lenText))));
        if (e2) return die('SIOCSIFNETMASK', e2);
      }
      wantUp ??= true;
    }
  }
  if (wantUp !== undefined) {
    const e = io.setUp(name, wantUp);
    if (e) return die('SIOCGIFFLAGS', e);
  }
  return result(io.world, '', io.err, 0);
};

registerTool(
  'ifconfig',
  (world, argv, io, ctx) => (ctx.toolset === 'busybox' ? busybox : netTools)(world, argv, io, ctx),
  ['host', 'netutils', 'busybox'],
);
