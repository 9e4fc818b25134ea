// shell/tools/tcpdump.ts — `tcpdump` 4.99 (Debian 12) in two forms. Typed at the prompt it can only
// listen: nothing else runs while it waits (no background jobs), so it prints its banner and, as if
// interrupted with Ctrl+C, "0 packets captured" (in the live terminal, when Ctrl+C comes). `captureOn` is the deterministic form the app uses:
// it runs some traffic and returns the lines tcpdump would print for the frames crossing one link.
import type { World } from '../../docker/world';
import { linkByName, linksOf, type KernelState, type Link, type LinkId } from '../../kernel';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';
import { outsideName, serviceName, type TracedPacket, type Traffic } from './tcp';

const SUPPRESSED = 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n';

function listening(dev: string, verbose: boolean): string {
  const type = dev === 'any' ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)';
  return `${verbose ? 'tcpdump: ' : ''}listening on ${dev}, link-type ${type}, snapshot length 262144 bytes\n`;
}

function tcpdump(world: World, argv: string[], _io: unknown, ctx: ExecContext): ToolResult {
  const done = (stdout: string, stderr: string, status: number): ToolResult => ({ stdout, stderr, status, world });
  let dev: string | undefined;
  let verbose = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-i') dev = argv[++i];
    else if (a.startsWith('-i') && a.length > 2) dev = a.slice(2);
    else if (a === '-c' || a === '-s' || a === '-w') i++;
    else if (/^-v+$/.test(a)) verbose = true;
    else if (/^-[nlqetA]+$/.test(a)) continue;
  }
  // Without -i, tcpdump takes the first up interface that is not loopback.
  const links = linksOf(world.kernel, ctx.netns);
  if (dev === undefined) dev = links.find((l) => l.up && l.kind !== 'loopback')?.name ?? 'lo';
  if (dev !== 'any' && !linkByName(world.kernel, ctx.netns, dev))
    return done('', `tcpdump: ${dev}: No such device exists\n(No such device exists)\n`, 1);
  let err = '';
  if (dev === 'any') err += 'tcpdump: data link type LINUX_SLL2\n';
  if (!verbose) err += SUPPRESSED;
  err += listening(dev, verbose);
  // Nothing else can run while it listens: the terminal's ^C ends it with nothing captured.
  const end = '^C\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n';
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

function ipText(p: TracedPacket, src: string, dst: string, numeric: boolean): string {
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

/** The frames of one packet's walk that crossed `link`, in order, each once. */
function framesOn(k: KernelState, p: TracedPacket, link: Link, numeric: boolean): Frame[] {
  const peer = link.peer;
  const out: Frame[] = [];
  let current: Frame | undefined;
  let seen: Frame | undefined;
  let src = p.src;
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
  for (const h of p.walk.trace) {
    switch (h.kind) {
      case 'arp': {
        const req = /who has (\S+)\? tell (\S+)/.exec(h.text);
        const rep = /ARP: (\S+) (?:\(the LAN's gateway\) )?is at (\S+)/.exec(h.text);
        const mac = (m: string) => (numeric ? m : `${m} (oui Unknown)`);
        if (req) current = { kind: 'arp-request', text: `ARP, Request who-has ${req[1]} tell ${req[2]}, length 28` };
        else if (rep) {
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
        const m = /becomes (\S+)/.exec(h.text);
        if (m) src = m[1];
        break;
      }
      case 'tx':
        current = ip(src, p.dst);
        if (h.link === link.id) emit(current);
        break;
      case 'loopback':
        current = ip(src, p.dst);
        if (h.link === link.id) emit(current);
        break;
      case 'rx':
        if (h.link === link.id || (peer && h.link === peer)) emit(current);
        // Broadcasts entering a bridge port go up to the bridge device too.
        else if (link.kind === 'bridge' && h.link && ports.has(h.link) && current?.kind === 'arp-request')
          emit(current);
        break;
      case 'forward':
        // A packet the host routes was delivered up to the device it came in on.
        if (h.link === link.id) emit(current);
        break;
      case 'outside':
        if (link.kind === 'ether' && /through (\S+)/.exec(h.text)?.[1] === link.name) emit(ip(src, p.dst));
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

registerTool('tcpdump', tcpdump as Tool, ['host', 'netutils']);
