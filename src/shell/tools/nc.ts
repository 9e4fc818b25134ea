// shell/tools/nc.ts — `nc` as netcat-openbsd 1.219 (Debian 12) prints it: port probes with -z
// over the packet walk, and listeners with -l. A shell line here cannot leave a process running in
// the foreground, so `nc -l PORT` binds its socket and returns at once, as `nc -lk PORT &` would:
// the socket stays bound (ss shows it, clients connect) until the namespace goes away.
import type { World } from '../../docker/world';
import { commitOps } from '../../docker/world';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';
import { connect, resolveHost, serviceName } from './tcp';

const USAGE =
  'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n' +
  '\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n' +
  '\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n' +
  '\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n' +
  '\t  [destination] [port]\n';

/** Short options of netcat-openbsd that take a value. */
const WITH_VALUE = new Set(['I', 'i', 'M', 'm', 'O', 'P', 'p', 'q', 's', 'T', 'V', 'W', 'w', 'X', 'x']);

/** Host PIDs for processes started from the shell come after the containers' ones. */
function nextPid(w: World): [number, World] {
  const pid = w.docker.nextPid ?? 2345;
  return [pid, { ...w, docker: { ...w.docker, nextPid: pid + 1 } }];
}

function nc(world: World, argv: string[], _io: unknown, ctx: ExecContext): ToolResult {
  const done = (stdout: string, stderr: string, status: number, w = world): ToolResult => ({
    stdout,
    stderr,
    status,
    world: w,
  });
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (WITH_VALUE.has(f)) {
          const v = a.slice(j + 1) || argv[++i];
          if (v === undefined) return done('', `nc: option requires an argument -- '${f}'\n${USAGE}`, 1);
          values[f] = v;
          break;
        }
        if (!'46CDdFhklNnrStUuvZz'.includes(f)) return done('', `nc: invalid option -- '${f}'\n${USAGE}`, 1);
        flags.add(f);
      }
    } else operands.push(a);
  }
  const proto = flags.has('u') ? 'udp' : 'tcp';
  if (flags.has('l')) {
    // nc -l [addr] port; -p PORT is accepted too (Debian's netcat-openbsd allows it with -l).
    const portText = values.p ?? operands[operands.length - 1];
    const addr = values.p !== undefined ? operands[0] : operands.length > 1 ? operands[0] : undefined;
    if (portText === undefined) return done('', USAGE, 1);
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
      return done('', `nc: port number invalid: ${portText}\n`, 1);
    const [pid, w0] = nextPid(world);
    const r = commitOps(w0, [
      // Without an address nc binds getaddrinfo's first passive answer: 0.0.0.0, or :: with -6.
      {
        op: 'bindSocket',
        netns: ctx.netns,
        proto,
        addr: addr ?? (flags.has('6') ? '::' : '0.0.0.0'),
        port,
        process: 'nc',
        pid,
      },
    ]);
    if (!r.ok) {
      const msg =
        r.error.errno === 'EADDRINUSE'
          ? 'Address already in use'
          : r.error.errno === 'EADDRNOTAVAIL'
            ? 'Cannot assign requested address'
            : 'Invalid argument';
      return done('', `nc: ${msg}\n`, 1);
    }
    return done('', '', 0, r.world);
  }
  if (operands.length === 0) return done('', USAGE, 1);
  if (operands.length === 1) return done('', 'nc: missing port number\n', 1);
  const host = operands[0];
  const target = resolveHost(host, world, ctx);
  const verbose = flags.has('v');
  if (!target)
    return done('', `nc: getaddrinfo for host "${host}" port ${operands[1]}: Name or service not known\n`, 1);
  // Ports: single numbers or ranges (79-81), each probed in turn; success if any connects.
  const ports: number[] = [];
  for (const p of operands.slice(1)) {
    // netcat.c build_ports: each end goes through strtonum(n, 1, 65535), whose error names the end.
    const ends = /^[^-]+-/.test(p) ? [p.slice(0, p.indexOf('-')), p.slice(p.indexOf('-') + 1)] : [p];
    for (const e of ends) {
      if (!/^[+-]?\d+$/.test(e)) return done('', `nc: port number invalid: ${e}\n`, 1);
      if (Number(e) < 1) return done('', `nc: port number too small: ${e}\n`, 1);
      if (Number(e) > 65535) return done('', `nc: port number too large: ${e}\n`, 1);
    }
    const lo = Number(ends[0]);
    const hi = ends.length > 1 ? Number(ends[1]) : lo;
    for (let q = Math.min(lo, hi); q <= Math.max(lo, hi); q++) ports.push(q);
  }
  const timeout = values.w !== undefined ? Number(values.w) : undefined;
  let w = world;
  const out = '';
  let err = '';
  let any = false;
  const shown = target.name ? `${target.name} (${target.ip})` : target.ip;
  for (const port of ports) {
    const c = connect(w, ctx.netns, target.ip, port, proto);
    w = c.traffic.world;
    const r = c.result;
    const failed = (why: string, verb = 'failed') => {
      if (verbose) err += `nc: connect to ${shown} port ${port} (${proto}) ${verb}: ${why}\n`;
    };
    switch (r.kind) {
      case 'connected': {
        any = true;
        const svc = serviceName(proto, port) ?? '*';
        // -v reports success on stderr, naming the host as `name (address)` when one was typed.
        if (verbose) err += `Connection to ${shown} ${port} port [${proto}/${svc}] succeeded!\n`;
        break;
      }
      case 'refused':
        // UDP learns of a closed port only from an ICMP error: nc -zu then fails silently.
        if (proto === 'tcp') failed('Connection refused');
        break;
      case 'no-route':
        failed('Network is unreachable');
        break;
      case 'host-unreachable':
        failed('No route to host');
        w = { ...w, clock: w.clock + 3068 };
        break;
      case 'timeout':
        // Without -w, connect() waits for the kernel's SYN retries (127 s).
        if (timeout !== undefined) failed('Operation now in progress', 'timed out');
        else failed('Connection timed out');
        w = { ...w, clock: w.clock + (timeout !== undefined ? timeout * 1000 : 127000) };
        break;
    }
  }
  return done(out, err, any ? 0 : 1, w);
}

registerTool('nc', nc as Tool, ['host', 'netutils']);
