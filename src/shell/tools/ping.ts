// shell/tools/ping.ts — `ping` as iputils 20221126 and BusyBox 1.35 print it, driven by the
// kernel's packet walk (kernel/packet.ts): echo request, echo reply, ARP, NAT, counters.
// Without -c it stops after 4 echoes as if Ctrl+C were pressed (the terminal shows ^C), unless
// the context says when Ctrl+C arrives (ctx.interruptAt): then it sends one echo per interval until
// then. Each line is stamped with when it was written, so a live terminal can pace it.
// Keeps no state; the world it returns carries the moved counters, neighbours and FDB.
import { resolveInContainer } from '../../docker/dns';
import { recordPackets, type PacketRecord, type World } from '../../docker/world';
import {
  OUTSIDE_HOSTS,
  parseIPv4,
  sourceFor,
  walkPacket,
  linkByName,
  type KernelState,
  type WalkResult,
} from '../../kernel';
import { registerTool } from '../registry';
import type { ExecContext, TimedText, Tool, ToolResult } from '../types';

/** Names the simulated resolver knows, and the reverse names of their addresses. */
export const KNOWN_NAMES: Record<string, string> = {
  'dns.google': '8.8.8.8',
  'one.one.one.one': '1.1.1.1',
  'example.com': '93.184.215.14',
  'github.com': '140.82.112.3',
};

function reverseName(ip: string): string | undefined {
  return OUTSIDE_HOSTS.find((h) => h.ip === ip)?.name;
}

/** iputils' rtt text: three decimals under 1 ms, two under 10 ms, one under 100 ms. */
export function formatRtt(micros: number): string {
  const t = Math.round(micros);
  if (t >= 100000 - 50) return `${Math.floor((t + 500) / 1000)}`;
  if (t >= 10000 - 5) return `${Math.floor((t + 50) / 1000)}.${Math.floor(((t + 50) % 1000) / 100)}`;
  if (t >= 1000) return `${Math.floor((t + 5) / 1000)}.${String(Math.floor(((t + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `0.${String(t).padStart(3, '0')}`;
}

function ms3(micros: number): string {
  return (micros / 1000).toFixed(3);
}

interface PingOpts {
  count?: number;
  interval: number;
  size: number;
  quiet: boolean;
  iface?: string;
  target: string;
}

function usage(busybox: boolean): string {
  return busybox
    ? 'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n'
    : '\nUsage\n  ping [options] <destination>\n';
}

function parseOpts(argv: string[], busybox: boolean): PingOpts | { error: string; status: number } {
  const o: PingOpts = { interval: 1, size: 56, quiet: false, target: '' };
  const targets: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const takes = (flag: string) => {
      const v = a.length > 2 ? a.slice(2) : argv[++i];
      if (v === undefined)
        throw new Error(
          busybox
            ? `ping: option requires an argument -- '${flag}'\n${usage(true)}`
            : `ping: option requires an argument -- '${flag}'\n${usage(false)}`,
        );
      return v;
    };
    try {
      if (/^-c/.test(a)) {
        const v = takes('c');
        if (!/^\d+$/.test(v) || Number(v) < 1)
          return {
            error: `ping: invalid argument: '${v}': out of range: 1 <= value <= 9223372036854775807\n`,
            status: 1,
          };
        o.count = Number(v);
      } else if (/^-i/.test(a)) {
        const v = takes('i');
        if (!/^\d*\.?\d+$/.test(v))
          return {
            error: `ping: option argument contains garbage: ${v}\nping: this will become fatal error in the future\n`,
            status: 1,
          };
        o.interval = Number(v);
      } else if (/^-W/.test(a) || /^-w/.test(a) || /^-t/.test(a)) takes(a[1]);
      else if (/^-s/.test(a)) {
        const v = takes('s');
        o.size = Number(v) || 0;
      } else if (/^-I/.test(a)) o.iface = takes('I');
      else if (a === '-q') o.quiet = true;
      else if (a === '-n' || a === '-4') continue;
      else if (a.startsWith('-') && a !== '-')
        return { error: `ping: invalid option -- '${a.slice(1, 2)}'\n${usage(busybox)}`, status: busybox ? 1 : 2 };
      else targets.push(a);
    } catch (e) {
      return { error: (e as Error).message, status: busybox ? 1 : 2 };
    }
  }
  if (targets.length === 0)
    return {
      error: busybox ? usage(true) : `ping: usage error: Destination address required\n`,
      status: busybox ? 1 : 1,
    };
  o.target = targets[targets.length - 1];
  return o;
}

interface Echo {
  seq: number;
  ok: boolean;
  ttl?: number;
  micros?: number;
  unreachableFrom?: string;
}

/** One echo request and, when it arrives, its reply; returns the kernel after both walks. */
function echoOnce(
  k: KernelState,
  ns: string,
  dst: string,
  size: number,
  viaSrc?: string,
): { k: KernelState; echo: Omit<Echo, 'seq'>; trace: WalkResult[] } {
  const req = walkPacket(k, ns, { dst, ttl: 64, payload: size, ...(viaSrc ? { src: viaSrc } : {}) });
  if (req.outcome.kind === 'host-unreachable')
    return { k: req.state, echo: { ok: false, unreachableFrom: req.outcome.from }, trace: [req] };
  if (req.outcome.kind !== 'delivered') return { k: req.state, echo: { ok: false }, trace: [req] };
  const src = req.src!;
  if (req.outcome.netns === 'outside') {
    const host = req.outcome.outside!;
    const nic = Object.values(req.state.links).find((l) => l.kind === 'ether' && l.netns === 'netns:0' && l.up);
    const back = walkPacket(
      req.state,
      'netns:0',
      { src: host.ip, dst: src, ttl: host.replyTtl, payload: size },
      nic ? { arrivedOn: nic.id } : {},
    );
    if (back.outcome.kind !== 'delivered') return { k: back.state, echo: { ok: false }, trace: [req, back] };
    return {
      k: back.state,
      echo: { ok: true, ttl: back.outcome.ttl, micros: req.micros + back.micros + host.rttMicros / 2 },
      trace: [req, back],
    };
  }
  const rep = walkPacket(req.state, req.outcome.netns, { src: dst, dst: src, ttl: 64, payload: size });
  if (rep.outcome.kind !== 'delivered') return { k: rep.state, echo: { ok: false }, trace: [req, rep] };
  return {
    k: rep.state,
    echo: { ok: true, ttl: rep.outcome.ttl, micros: req.micros + rep.micros + 20 },
    trace: [req, rep],
  };
}

function resolveTarget(t: string, w: World, ctx: ExecContext): { ip: string; name?: string } | undefined {
  if (parseIPv4(t) !== undefined) return { ip: t };
  // Inside a container: /etc/hosts, then Docker's embedded DNS on user-defined networks.
  const inside = ctx.container !== undefined ? resolveInContainer(w, ctx.container, t) : undefined;
  if (inside) return { ip: inside, name: t };
  if (t === 'localhost') return { ip: '127.0.0.1', name: 'localhost' };
  const ip = KNOWN_NAMES[t];
  return ip ? { ip, name: t } : undefined;
}

function ping(busybox: boolean): Tool {
  return (world: World, argv: string[], _io, ctx: ExecContext): ToolResult => {
    const done = (stdout: string, stderr: string, status: number, w = world): ToolResult => ({
      stdout,
      stderr,
      status,
      world: w,
    });
    const o = parseOpts(argv, busybox);
    if ('error' in o) return done('', o.error, o.status);
    const target = resolveTarget(o.target, world, ctx);
    if (!target)
      return done(
        '',
        busybox ? `ping: bad address '${o.target}'\n` : `ping: ${o.target}: Name or service not known\n`,
        busybox ? 1 : 2,
      );
    let k = world.kernel;
    let viaSrc: string | undefined;
    if (o.iface !== undefined) {
      const l = linkByName(k, ctx.netns, o.iface);
      if (!l) return done('', `ping: SO_BINDTODEVICE ${o.iface}: No such device\n`, 2);
      viaSrc = l.addrs.find((a) => a.family === 4)?.local;
    }
    if (!sourceFor(k, ctx.netns, target.ip)) {
      // Nothing leaves, but the app shows where it stopped: the sender's route lookup.
      const walk = walkPacket(k, ctx.netns, { dst: target.ip, ttl: 64, payload: o.size });
      const w = recordPackets(world, [
        { label: `ICMP echo request to ${target.ip}`, trace: walk.trace, outcome: walk.outcome.kind },
      ]);
      return done(
        '',
        busybox ? 'ping: sendto: Network is unreachable\n' : 'ping: connect: Network is unreachable\n',
        busybox ? 1 : 2,
        w,
      );
    }
    const intervalMs = o.interval * 1000;
    let interrupted: boolean;
    let count: number;
    if (ctx.interruptAt !== undefined) {
      // Echoes go out at 0, 1, 2 … intervals; those sent before Ctrl+C count.
      const sent = intervalMs > 0 ? Math.floor(ctx.interruptAt / intervalMs) + 1 : 1;
      interrupted = o.count === undefined || sent < o.count;
      count = interrupted ? sent : o.count!;
    } else {
      interrupted = o.count === undefined;
      count = o.count ?? 4;
    }
    const dataBytes = o.size;
    const shown = target.name ? `${target.name} (${target.ip})` : `${target.ip} (${target.ip})`;
    const timed: TimedText[] = [];
    let out = busybox
      ? `PING ${target.name ?? target.ip} (${target.ip}): ${dataBytes} data bytes\n`
      : `PING ${shown} ${dataBytes}(${dataBytes + 28}) bytes of data.\n`;
    timed.push({ at: 0, text: out });
    const echoes: Echo[] = [];
    const packets: PacketRecord[] = [];
    // The echo identifier: the kernel's choice for ping's socket, which looks random.
    const echoId = 1 + ((k.rng >>> 0) % 65535);
    for (let seq = 1; seq <= count; seq++) {
      const before = out.length;
      const r = echoOnce(k, ctx.netns, target.ip, o.size, viaSrc);
      k = r.k;
      echoes.push({ seq, ...r.echo });
      const sentAt = Math.round((seq - 1) * intervalMs * 1000);
      r.trace.forEach((walk, i) => {
        const from = i === 0 ? (walk.src ?? '?') : target.ip;
        const to = i === 0 ? target.ip : (r.trace[0].src ?? '?');
        const type = i === 0 ? 'echo request' : 'echo reply';
        packets.push({
          label: `ICMP ${type} ${from} > ${to}, seq ${seq}`,
          trace: walk.trace,
          outcome: walk.outcome.kind,
          // For a background tcpdump: the reply leaves when the request has arrived.
          wire: {
            src: from,
            dst: to,
            info: { proto: 'icmp', type, id: echoId, seq, length: o.size + 8 },
            at: i === 0 ? sentAt : sentAt + r.trace[0].micros,
          },
        });
      });
      if (o.quiet) continue;
      if (r.echo.ok) {
        const from = target.name && !busybox ? `${reverseName(target.ip) ?? target.name} (${target.ip})` : target.ip;
        out += busybox
          ? `${dataBytes + 8} bytes from ${target.ip}: seq=${seq - 1} ttl=${r.echo.ttl} time=${ms3(r.echo.micros!)} ms\n`
          : `${dataBytes + 8} bytes from ${from}: icmp_seq=${seq} ttl=${r.echo.ttl} time=${formatRtt(r.echo.micros!)} ms\n`;
      } else if (r.echo.unreachableFrom && !busybox) {
        out += `From ${r.echo.unreachableFrom} icmp_seq=${seq} Destination Host Unreachable\n`;
      }
      if (out.length > before) timed.push({ at: Math.round((seq - 1) * intervalMs), text: out.slice(before) });
    }
    const tail = out.length;
    const ok = echoes.filter((e) => e.ok);
    const errors = echoes.filter((e) => e.unreachableFrom).length;
    const loss = Math.round(((count - ok.length) * 100) / count);
    // iputils measures from the first send to the last reply: about one interval per echo after the first.
    const elapsed = Math.round((count - 1) * (o.interval * 1000 + (errors ? 25 : 1)));
    out += interrupted ? '^C\n' : '\n';
    out += `--- ${target.name ?? target.ip} ping statistics ---\n`;
    if (busybox) {
      out += `${count} packets transmitted, ${ok.length} packets received, ${loss}% packet loss\n`;
      if (ok.length) {
        const t = ok.map((e) => e.micros!);
        out += `round-trip min/avg/max = ${ms3(Math.min(...t))}/${ms3(t.reduce((a, b) => a + b, 0) / t.length)}/${ms3(Math.max(...t))} ms\n`;
      }
    } else {
      out += `${count} packets transmitted, ${ok.length} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${elapsed}ms\n`;
      if (ok.length) {
        const t = ok.map((e) => e.micros! / 1000);
        const avg = t.reduce((a, b) => a + b, 0) / t.length;
        const mdev = Math.sqrt(Math.max(0, t.reduce((a, b) => a + b * b, 0) / t.length - avg * avg));
        out += `rtt min/avg/max/mdev = ${Math.min(...t).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...t).toFixed(3)}/${mdev.toFixed(3)} ms\n`;
      } else {
        // With nothing received the rtt line is empty: iputils still ends it (" pipe N" only when N > 1).
        out += errors > 1 ? `pipe ${Math.min(errors, 4)}\n` : '\n';
      }
    }
    // The statistics come when Ctrl+C arrives, or right after the last reply.
    const end =
      interrupted && ctx.interruptAt !== undefined ? Math.round(ctx.interruptAt) : Math.round((count - 1) * intervalMs);
    timed.push({ at: end, text: out.slice(tail) });
    const status = ok.length > 0 ? 0 : 1;
    const w: World = recordPackets(
      { ...world, kernel: k, clock: world.clock + Math.round((count - 1) * o.interval * 1000) },
      packets,
    );
    return {
      ...done(out, '', status, w),
      timed,
      ...(interrupted && ctx.interruptAt !== undefined ? { interrupted } : {}),
    };
  };
}

registerTool('ping', ping(false), ['host', 'netutils']);
registerTool('ping', ping(true), ['busybox']);
