// shell/tools/tcpdump.ts — `tcpdump` 4.99 (Debian 12). In the foreground nothing else runs while it
// listens, so Ctrl+C ends it with "0 packets captured"; as a background job (`&`, jobs.ts) it prints the
// frames of later lines that cross its interface (frameLines). `captureOn` runs some traffic and
// returns the lines tcpdump would print for the frames crossing one link (the app's form).
import type { World } from '../../docker/world';
import { linkByName, linksOf, type KernelState, type Link, type LinkId, type WalkResult } from '../../kernel';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';
import { setCaptureHooks, statistics } from '../jobs';
import { outsideName, serviceName, type TracedPacket, type Traffic } from './tcp';

const SUPPRESSED = 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n';

function listening(dev: string, verbose: boolean): string {
  const type = dev === 'any' ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)';
  return `${verbose ? 'tcpdump: ' : ''}listening on ${dev}, link-type ${type}, snapshot length 262144 bytes\n`;
}

/** What a tcpdump command line asks for, or the error it stops with. */
export interface TcpdumpArgs {
  dev: string;
  numeric: boolean;
  /** -c N: stop after N packets. */
  limit?: number;
  /** What it writes to stderr as it starts (the banner). */
  banner: string;
}

export function parseTcpdump(
  world: World,
  argv: string[],
  ctx: ExecContext,
): TcpdumpArgs | { error: string; status: number } {
  let dev: string | undefined;
  let verbose = false;
  let numeric = false;
  let limit: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-i') dev = argv[++i];
    else if (a.startsWith('-i') && a.length > 2) dev = a.slice(2);
    else if (a === '-c' || (a.startsWith('-c') && a.length > 2)) {
      const v = a === '-c' ? argv[++i] : a.slice(2);
      // tcpdump's own check (parse_int of the argument, > 0).
      if (v === undefined || !/^[0-9]+$/.test(v) || Number(v) <= 0)
        return { error: `tcpdump: invalid packet count ${v ?? ''}\n`, status: 1 };
      limit = Number(v);
    } else if (a === '-s' || a === '-w') i++;
    else if (/^-v+$/.test(a)) verbose = true;
    else if (/^-[nlqetA]+$/.test(a)) numeric ||= a.includes('n');
  }
  // Without -i, tcpdump takes the first up interface that is not loopback.
  const links = linksOf(world.kernel, ctx.netns);
  if (dev === undefined) dev = links.find((l) => l.up && l.kind !== 'loopback')?.name ?? 'lo';
  if (dev !== 'any' && !linkByName(world.kernel, ctx.netns, dev))
    return { error: `tcpdump: ${dev}: No such device exists\n(No such device exists)\n`, status: 1 };
  let banner = '';
  if (dev === 'any') banner += 'tcpdump: data link type LINUX_SLL2\n';
  if (!verbose) banner += SUPPRESSED;
  banner += listening(dev, verbose);
  return { dev, numeric, ...(limit !== undefined ? { limit } : {}), banner };
}

function tcpdump(world: World, argv: string[], _io: unknown, ctx: ExecContext): ToolResult {
  const done = (stdout: string, stderr: string, status: number): ToolResult => ({ stdout, stderr, status, world });
  const a = parseTcpdump(world, argv, ctx);
  if ('error' in a) return done('', a.error, a.status);
  // In the foreground nothing else can run while it listens: Ctrl+C ends it with nothing
  // captured (the terminal echoes ^C; tcpdump ends the line). A background job (`&`) is jobs.ts.
  const err = a.banner;
  const end = '^C' + statistics(0, 0, true);
  if (ctx.interruptAt !== undefined)
    return {
      ...done('', err + end, 0),
      timed: [
        { at: 0, text: err, fd: 2 },
        { at: Math.round(ctx.interruptAt), text: end, fd: 2 },
      ],
      interrupted: true,
    };
  return done('', err + end, 0);
}

// ---------------------------------------------------------------- captureOn

/** tcpdump's timestamp: the time of day, microseconds. */
function stamp(ms: number, micros: number): string {
  const total = Math.floor(ms * 1000 + micros);
  const day = ((total % 86_400_000_000) + 86_400_000_000) % 86_400_000_000;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(day / 1e6);
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${p(day % 1e6, 6)}`;
}

interface Frame {
  kind: 'arp-request' | 'arp-reply' | 'ip';
  text: string;
}

function host(ip: string, numeric: boolean): string {
  return numeric ? ip : (outsideName(ip) ?? ip);
}

function ipText(p: WirePacket, src: string, dst: string, numeric: boolean): string {
  const i = p.info;
  const port = (proto: 'tcp' | 'udp', n: number) => (numeric ? String(n) : (serviceName(proto, n) ?? String(n)));
  switch (i.proto) {
    case 'icmp':
      return `IP ${host(src, numeric)} > ${host(dst, numeric)}: ICMP ${i.type}, id ${i.id}, seq ${i.seq}, length ${i.length}`;
    case 'udp':
      return `IP ${host(src, numeric)}.${port('udp', i.sport)} > ${host(dst, numeric)}.${port('udp', i.dport)}: UDP, length ${i.length}`;
    case 'tcp': {
      const a = `IP ${host(src, numeric)}.${port('tcp', i.sport)} > ${host(dst, numeric)}.${port('tcp', i.dport)}: Flags [${i.flags}]`;
      // Linux's SYN options: MSS for a 1500-byte MTU, SACK, timestamps, window scaling.
      if (i.flags === 'S')
        return `${a}, seq ${i.seq}, win ${i.win}, options [mss 1460,sackOK,TS val ${i.seq % 1000000007} ecr 0,nop,wscale 7], length 0`;
      if (i.flags === 'S.')
        return `${a}, seq ${i.seq}, ack ${i.ack}, win ${i.win}, options [mss 1460,sackOK,TS val ${i.seq % 1000000007} ecr ${(i.ack! - 1) % 1000000007},nop,wscale 7], length 0`;
      return `${a}, seq ${i.seq}, ack ${i.ack}, win ${i.win}, length 0`;
    }
  }
}

/** What framesOn reads of a packet: its addresses, what it was, and its walk's hops. */
export type WirePacket = Pick<TracedPacket, 'src' | 'dst' | 'info'> & { walk: { trace: WalkResult['trace'] } };

/** The frames of one packet's walk that crossed `link`, in order, each once. */
function framesOn(k: KernelState, p: WirePacket, link: Link, numeric: boolean): Frame[] {
  const peer = link.peer;
  const out: Frame[] = [];
  let current: Frame | undefined;
  let seen: Frame | undefined;
  let src = p.src;
  let dst = p.dst;
  // Who asked the last ARP question: a reply to the bridge's own address goes up to the bridge.
  let askedBy: string | undefined;
  const own = new Set(link.addrs.map((a) => a.local));
  const emit = (f: Frame | undefined) => {
    if (f && seen !== f) {
      out.push(f);
      seen = f;
    }
  };
  const ports = link.kind === 'bridge' ? new Set(Object.keys(link.bridge?.portNo ?? {})) : new Set<LinkId>();
  const nicAddr = link.addrs.find((a) => a.family === 4)?.local;
  const ip = (s: string, d: string): Frame => ({ kind: 'ip', text: ipText(p, s, d, numeric) });
  // A reply from the outside world arrives on the NIC addressed to the host (MASQUERADE undone later).
  if (link.kind === 'ether' && p.walk.trace[0]?.kind === 'rx' && p.walk.trace[0].link === link.id)
    emit(ip(p.src, nicAddr ?? p.dst));
  const trace = p.walk.trace;
  for (let idx = 0; idx < trace.length; idx++) {
    const h = trace[idx]!;
    switch (h.kind) {
      case 'arp': {
        const req = /who has (\S+)\? tell (\S+)/.exec(h.text);
        const rep = /ARP: (\S+) (?:\(the LAN's gateway\) )?is at (\S+)/.exec(h.text);
        const mac = (m: string) => (numeric ? m : `${m} (oui Unknown)`);
        if (req) {
          askedBy = req[2];
          current = { kind: 'arp-request', text: `ARP, Request who-has ${req[1]} tell ${req[2]}, length 28` };
        } else if (rep) {
          if (h.text.includes("the LAN's gateway") && h.link === link.id) {
            emit({ kind: 'arp-request', text: `ARP, Request who-has ${rep[1]} tell ${src}, length 28` });
            emit({ kind: 'arp-reply', text: `ARP, Reply ${rep[1]} is-at ${mac(rep[2])}, length 46` });
            break;
          }
          current = { kind: 'arp-reply', text: `ARP, Reply ${rep[1]} is-at ${mac(rep[2])}, length 28` };
        }
        // The host itself asks or answers through the bridge: the bridge device sees it.
        if (h.link === link.id || (link.kind === 'bridge' && h.link && ports.has(h.link))) emit(current);
        break;
      }
      case 'nat': {
        // MASQUERADE and conntrack's reverse DNAT change the source; the others the destination.
        const m = /(source|destination) \S+ becomes (\S+)/.exec(h.text);
        if (m) {
          const addr = m[2]!.replace(/:\d+$/, '');
          if (m[1] === 'source') src = addr;
          else dst = addr;
        }
        break;
      }
      case 'tx':
        current = ip(src, dst);
        if (h.link === link.id) emit(current);
        break;
      case 'loopback':
        current = ip(src, dst);
        if (h.link === link.id) emit(current);
        break;
      case 'rx':
        if (h.link === link.id || (peer && h.link === peer)) emit(current);
        else if (link.kind === 'bridge' && h.link && ports.has(h.link)) {
          // A frame entering a bridge port goes up to the bridge device when it is a broadcast,
          // an ARP answer to the bridge's own question, or a packet for the host itself.
          const next = trace[idx + 1];
          if (
            current?.kind === 'arp-request' ||
            (current?.kind === 'arp-reply' && askedBy !== undefined && own.has(askedBy)) ||
            (current?.kind === 'ip' && next?.kind === 'deliver' && next.netns === link.netns)
          )
            emit(current);
        }
        break;
      case 'forward':
        // A packet the host routes was delivered up to the device it came in on.
        if (h.link === link.id) emit(current);
        break;
      case 'outside':
        if (link.kind === 'ether' && /through (\S+)/.exec(h.text)?.[1] === link.name) emit(ip(src, dst));
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Runs `run` (traffic such as `pingTraffic` or a `connect`) and returns the lines `tcpdump -n -i
 * LINK` would have printed for it, stamped with the world's clock, plus the world after the traffic.
 */
export function captureOn(
  world: World,
  linkId: LinkId,
  run: (w: World) => Traffic,
  opts: { numeric?: boolean } = {},
): { world: World; lines: string[] } {
  const t = run(world);
  const link = world.kernel.links[linkId];
  if (!link) return { world: t.world, lines: [] };
  const lines: string[] = [];
  for (const p of t.packets) {
    framesOn(t.world.kernel, p, link, opts.numeric ?? true).forEach((f, i) => {
      lines.push(`${stamp(world.clock, p.at + i * 17)} ${f.text}`);
    });
  }
  return { world: t.world, lines };
}

/**
 * The lines tcpdump prints for one recorded packet crossing `link`: `clock` is the world's clock
 * when the line started, `at` the packet's time after that, in microseconds.
 */
export function frameLines(
  k: KernelState,
  p: WirePacket,
  at: number,
  link: Link,
  numeric: boolean,
  clock: number,
): string[] {
  return framesOn(k, p, link, numeric).map((f, i) => `${stamp(clock, at + i * 17)} ${f.text}`);
}

registerTool('tcpdump', tcpdump as Tool, ['host', 'netutils']);
// A line ended by `&` starts tcpdump as a job that prints later lines' frames (../jobs.ts).
setCaptureHooks({ parse: parseTcpdump, frames: frameLines });
