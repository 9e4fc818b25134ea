// shell/tools/traceroute.ts — `traceroute` 2.1.2 (Debian 12) over the packet walk. The hops are
// the namespaces that forwarded the probe (the host for a container: its bridge address), then the
// LAN's gateway; the routers of the simulated Internet are not modelled and stay silent (* * *),
// as many do on real paths; the destination answers last. Keeps no state.
import type { World } from '../../docker/world';
import { INIT_NET, OUTSIDE_HOSTS, routesOf, walkPacket, type KernelState, type Hop } from '../../kernel';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';
import { resolveHost, outsideName } from './tcp';

/** The address a forwarding namespace answers from: its address on the link the probe came in by. */
function hopAddress(k: KernelState, h: Hop): string | undefined {
  if (!h.link) return undefined;
  const l = k.links[h.link];
  if (!l) return undefined;
  // A bridge port has no address of its own: the bridge (docker0) answers.
  const dev = l.master ? k.links[l.master] : l;
  return dev.addrs.find((a) => a.family === 4 && !a.secondary)?.local;
}

/** iputils-style times: three decimals. */
function ms(micros: number): string {
  return `${(micros / 1000).toFixed(3)} ms`;
}

function traceroute(world: World, argv: string[], _io: unknown, ctx: ExecContext): ToolResult {
  const done = (stdout: string, stderr: string, status: number, w = world): ToolResult => ({
    stdout,
    stderr,
    status,
    world: w,
  });
  let numeric = false;
  let maxHops = 30;
  let queries = 3;
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n') numeric = true;
    else if (a === '-4' || a === '-I') continue;
    else if (a === '-m') maxHops = Number(argv[++i]) || 30;
    else if (a === '-q') queries = Number(argv[++i]) || 3;
    else if (a.startsWith('-') && a.length > 1) {
      return done('', `Bad option \`${a}' (argc ${i})\n`, 2);
    } else operands.push(a);
  }
  if (operands.length === 0)
    return done(
      '',
      'Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]\n',
      2,
    );
  const host = operands[0];
  const target = resolveHost(host, world, ctx);
  if (!target)
    return done(
      '',
      `${host}: Name or service not known\nCannot handle "host" cmdline arg \`${host}' on position 1 (argc ${argv.indexOf(host)})\n`,
      2,
    );
  const header = `traceroute to ${host} (${target.ip}), ${maxHops} hops max, 60 byte packets`;
  const k0 = world.kernel;
  // One probe walk with a large TTL shows the whole path; the hops are where it was forwarded.
  const probe = walkPacket(k0, ctx.netns, { dst: target.ip, ttl: 64, payload: 32 });
  if (probe.outcome.kind === 'no-route')
    // traceroute prints its header before connect() fails, without ending the line.
    return done(header, 'connect: Network is unreachable\n', 1);
  const k = probe.state;
  const name = (ip: string) => (numeric ? ip : `${outsideName(ip) ?? ip} (${ip})`);
  const lines: string[] = [];
  let micros = 0;
  const line = (addr: string | undefined, at: number) => {
    const n = lines.length + 1;
    const pre = `${String(n).padStart(2)}  `;
    if (!addr) lines.push(`${pre}${Array(queries).fill('*').join(' ')}`);
    else {
      const times = Array.from({ length: queries }, (_, i) => ms(at + (i === 0 ? 150 : 8 + i)));
      lines.push(`${pre}${name(addr)}  ${times.join('  ')}`);
    }
  };
  for (const h of probe.trace) {
    if (lines.length >= maxHops) break;
    if (h.kind === 'forward') {
      micros += 40;
      line(hopAddress(k, h), micros);
    }
  }
  const o = probe.outcome;
  const toOutside = probe.trace.some((h) => h.kind === 'outside');
  if (toOutside && lines.length < maxHops) {
    // The LAN's gateway (the host's default route) is the first router outside the host.
    const gw = routesOf(k, INIT_NET).find((r) => r.dst === 'default')?.gateway;
    micros += 300;
    line(gw, micros);
    const dest = o.kind === 'delivered' ? o.outside : undefined;
    // The reply's TTL says how many routers lie between the host and the server.
    const routers = dest ? 64 - dest.replyTtl + (dest.replyTtl > 64 ? 64 : 0) : maxHops;
    const silent = dest ? Math.max(0, Math.min(routers - 1, 20)) : maxHops;
    for (let i = 0; i < silent && lines.length < maxHops; i++) line(undefined, 0);
    if (dest && lines.length < maxHops)
      line(dest.ip, (OUTSIDE_HOSTS.find((x) => x.ip === dest.ip)?.rttMicros ?? 1000) + micros);
  } else if (o.kind === 'delivered') {
    if (lines.length < maxHops) line(target.ip, micros + 60);
  } else {
    while (lines.length < maxHops) line(undefined, 0);
  }
  return done(`${header}\n${lines.join('\n')}\n`, '', 0, { ...world, kernel: k });
}

registerTool('traceroute', traceroute as Tool, ['host', 'netutils']);
