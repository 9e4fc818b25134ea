// shell/tools/ip/route.ts — `ip route`: show/list (main table, in the kernel's dump order), the
// IPv6 routes the kernel derives from its addresses, add/del/replace/change, and get (a lookup).
// After iproute2 6.1's iproute.c. Changes the kernel only through commit().
import type { Link, Route, RouteProto, RouteScope } from '../../../kernel';
import { hasCarrier, inSubnet, linksOf, parseIPv4, routesOf } from '../../../kernel';
import { parsePrefix, type Prefix } from './addr';
import { commit, die, duparg2, findDev, invarg, type IpRun, kernel, matches } from './common';
import { ROUTE_USAGE } from './help';
import { parseInteger } from './link';
import { Printer } from './print';

function usage(run: IpRun): never {
  return die(run, ROUTE_USAGE, 255);
}

const PROTOS: Record<string, RouteProto> = { kernel: 'kernel', boot: 'boot', static: 'static', dhcp: 'dhcp' };
const SCOPES: Record<string, RouteScope> = { host: 'host', link: 'link', global: 'global', universe: 'global' };

/** get_prefix() with iproute2's spellings of 0/0. */
function routePrefix(run: IpRun, s: string, family: 0 | 4 | 6): Prefix {
  if (s === 'default' || s === 'any' || s === 'all')
    return { family: family === 6 ? 6 : 4, addr: family === 6 ? '::' : '0.0.0.0', len: 0 };
  const p = parsePrefix(s, family);
  if (!p)
    die(
      run,
      `Error: ${family === 4 ? 'inet' : family === 6 ? 'inet6' : 'any valid'} prefix is expected rather than "${s}".\n`,
      1,
    );
  return p;
}

function dstText(p: Prefix): string {
  const len = p.len ?? (p.family === 4 ? 32 : 128);
  return len === 0 ? 'default' : `${p.addr}/${len}`;
}

function v4Key(dst: string): [number, number] {
  if (dst === 'default') return [0, 0];
  const [a, l] = dst.split('/');
  return [parseIPv4(a!) ?? 0, Number(l)];
}

/**
 * The main table in the order the kernel's FIB trie dumps it: by network address, a longer
 * prefix before a shorter one with the same address, then by metric; ties keep insertion order.
 */
export function dumpOrder(routes: Route[]): Route[] {
  return routes
    .map((r, i) => ({ r, i, k: v4Key(r.dst) }))
    .sort((x, y) => x.k[0] - y.k[0] || y.k[1] - x.k[1] || (x.r.metric ?? 0) - (y.r.metric ?? 0) || x.i - y.i)
    .map((x) => x.r);
}

// ------------------------------------------------------------------------------------ modify

interface RouteReq {
  dst?: Prefix;
  via?: string;
  dev?: string;
  metric?: number;
  proto?: RouteProto;
  scope?: RouteScope;
  src?: string;
}

function parseRouteArgs(run: IpRun, args: string[]): RouteReq {
  const req: RouteReq = {};
  let family = run.opts.family;
  let i = 0;
  const next = (): string => {
    i++;
    if (i >= args.length) die(run, 'Command line is not complete. Try option "help"\n', 255);
    return args[i]!;
  };
  const addrArg = (v: string): string => {
    const p = parsePrefix(v, family);
    if (!p || p.len !== undefined)
      die(
        run,
        `Error: ${family === 4 ? 'inet' : family === 6 ? 'inet6' : 'any valid'} address is expected rather than "${v}".\n`,
        1,
      );
    return p.addr;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'src') req.src = addrArg(next());
    else if (a === 'via') {
      let v = next();
      if (v === 'inet' || v === 'inet6') v = next();
      req.via = addrArg(v);
    } else if (matches(a, 'metric') || matches(a, 'priority') || a === 'preference') {
      const v = next();
      const n = parseInteger(v);
      if (n === undefined || n < 0) invarg(run, '"metric" value is invalid\n', v);
      req.metric = n;
    } else if (a === 'scope') {
      const v = next();
      const s = SCOPES[v];
      if (!s) invarg(run, 'invalid "scope" value\n', v);
      req.scope = s;
    } else if (a === 'dev' || a === 'oif') req.dev = next();
    else if (matches(a, 'protocol')) {
      const v = next();
      const pr = PROTOS[v];
      if (!pr) invarg(run, '"protocol" value is invalid\n', v);
      req.proto = pr;
    } else if (matches(a, 'table')) {
      const v = next();
      if (v !== 'main' && v !== '254') invarg(run, '"table" value is invalid\n', v);
    } else if (a === 'onlink') continue;
    else {
      let v = a;
      if (a === 'to') v = next();
      if (v === 'unicast') v = next();
      if (matches(v, 'help')) usage(run);
      if (req.dst) duparg2(run, 'to', v);
      req.dst = routePrefix(run, v, family);
      family = req.dst.family;
    }
  }
  return req;
}

function routeModify(run: IpRun, args: string[], mode: 'add' | 'del' | 'replace' | 'change'): void {
  const req = parseRouteArgs(run, args);
  if (!req.dst) usage(run);
  const dst = req.dst;
  if (req.dev !== undefined) findDev(run, req.dev);
  if (dst.family === 6) die(run, 'RTNETLINK answers: Operation not supported\n', 2);
  const len = dst.len ?? 32;
  const dstText4 = dstText(dst);
  if (len > 0) {
    const [net] = v4Key(`${dst.addr}/${len}`);
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    if ((net & mask) >>> 0 !== net) die(run, 'Error: Invalid prefix for given prefix length.\n', 2);
  }
  if (mode === 'del') {
    commit(run, [
      {
        op: 'delRoute',
        netns: run.ns,
        dst: dstText4,
        ...(req.via !== undefined ? { gateway: req.via } : {}),
        ...(req.dev !== undefined ? { dev: req.dev } : {}),
        ...(req.metric !== undefined ? { metric: req.metric } : {}),
      },
    ]);
    return;
  }
  const add = {
    op: 'addRoute' as const,
    netns: run.ns,
    dst: dstText4,
    ...(req.via !== undefined ? { gateway: req.via } : {}),
    ...(req.dev !== undefined ? { dev: req.dev } : {}),
    ...(req.metric !== undefined ? { metric: req.metric } : {}),
    ...(req.proto !== undefined ? { protocol: req.proto } : {}),
    ...(req.scope !== undefined ? { scope: req.scope } : {}),
    ...(req.src !== undefined ? { prefsrc: req.src } : {}),
  };
  const metric = req.metric ?? 0;
  const existing = routesOf(kernel(run), run.ns, 4).find((r) => r.dst === dstText4 && (r.metric ?? 0) === metric);
  if (mode === 'change' && !existing) die(run, 'RTNETLINK answers: No such file or directory\n', 2);
  const explain = (e: { errno: string; detail?: string }) => {
    if (e.errno === 'ENETDOWN') return { extack: 'Device for nexthop is not up' };
    if (e.errno === 'ENETUNREACH') return { extack: 'Nexthop has invalid gateway' };
    return undefined;
  };
  if (existing && mode !== 'add') {
    // NLM_F_REPLACE: the route with the same prefix and metric is swapped for the new one.
    const old = existing;
    commit(
      run,
      [
        {
          op: 'delRoute',
          netns: run.ns,
          dst: dstText4,
          dev: kernel(run).links[old.dev]!.name,
          metric,
          ...(old.gateway ? { gateway: old.gateway } : {}),
        },
        add,
      ],
      (e, step) => (step === 1 ? explain(e) : undefined),
    );
    return;
  }
  commit(run, [add], explain);
}

// ------------------------------------------------------------------------------------ show

interface RouteFilter {
  dev?: Link;
  proto?: RouteProto;
  scope?: RouteScope;
  dst?: string;
  /** `table local` or another table the model does not hold: nothing to show. */
  empty: boolean;
}

function parseShowArgs(run: IpRun, args: string[]): RouteFilter {
  const f: RouteFilter = { empty: false };
  let i = 0;
  const next = (): string => {
    i++;
    if (i >= args.length) die(run, 'Command line is not complete. Try option "help"\n', 255);
    return args[i]!;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (matches(a, 'table')) {
      const v = next();
      if (v !== 'main' && v !== 'all' && v !== '254') f.empty = true;
    } else if (a === 'dev' || a === 'oif') {
      const v = next();
      f.dev = findDev(run, v);
    } else if (matches(a, 'protocol')) {
      const v = next();
      const pr = PROTOS[v];
      if (!pr) invarg(run, 'invalid "protocol"\n', v);
      f.proto = pr;
    } else if (a === 'scope') {
      const v = next();
      const s = SCOPES[v];
      if (!s) invarg(run, 'invalid "scope"\n', v);
      f.scope = s;
    } else {
      let v = a;
      if (a === 'to' || a === 'exact' || a === 'root' || a === 'match') v = next();
      if (matches(v, 'help')) usage(run);
      f.dst = dstText(routePrefix(run, v, run.opts.family));
    }
  }
  return f;
}

/** The IPv6 main table: the kernel model's routes, by prefix, then in the order they were added. */
function ipv6Routes(run: IpRun): { dst: string; dev: Link }[] {
  const k = kernel(run);
  return routesOf(k, run.ns, 6)
    .map((r, i) => ({
      dst: r.dst,
      dev: k.links[r.dev],
      key: expand6(r.dst.split('/')[0]),
      len: Number(r.dst.split('/')[1]),
      i,
    }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : y.len - x.len || x.i - y.i))
    .map(({ dst, dev }) => ({ dst, dev }));
}

function expand6(s: string): string {
  const [head, tail = ''] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = s.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

/** A route's destination as iproute2 prints it: a host route (/32, /128) shows the bare address. */
function shownDst(dst: string): string {
  return dst.replace(/\/(32|128)$/, (m, len: string) => (len === '32' && dst.includes(':') ? m : ''));
}

function routeShow(run: IpRun, args: string[]): void {
  const f = parseShowArgs(run, args);
  const k = kernel(run);
  const p = new Printer(run.opts.json, run.opts.pretty, run.opts.oneline);
  if (!f.empty && run.opts.family === 6) {
    for (const r of ipv6Routes(run)) {
      if (f.dev && r.dev.id !== f.dev.id) continue;
      if (f.proto && f.proto !== 'kernel') continue;
      if (f.dst && f.dst !== r.dst) continue;
      p.open();
      p.any('dst', shownDst(r.dst), `${shownDst(r.dst)} `);
      if (!f.dev) p.any('dev', r.dev.name, `dev ${r.dev.name} `);
      p.any('protocol', 'kernel', 'proto kernel ');
      p.any('metric', 256, 'metric 256 ');
      p.openArray('flags');
      if (!hasCarrier(k, r.dev)) p.any(null, 'linkdown', 'linkdown ');
      p.closeArray();
      p.any('pref', 'medium', 'pref medium');
      p.fp('\n');
      p.close();
    }
  } else if (!f.empty) {
    for (const r of dumpOrder(routesOf(k, run.ns, 4))) {
      const dev = k.links[r.dev];
      if (!dev) continue;
      if (f.dev && r.dev !== f.dev.id) continue;
      if (f.proto && r.protocol !== f.proto) continue;
      if (f.scope && r.scope !== f.scope) continue;
      if (f.dst && f.dst !== r.dst) continue;
      p.open();
      p.any('dst', shownDst(r.dst), `${shownDst(r.dst)} `);
      if (r.gateway) p.any('gateway', r.gateway, `via ${r.gateway} `);
      if (!f.dev) p.any('dev', dev.name, `dev ${dev.name} `);
      // rtnl_rtprot_n2a: `boot` is iproute2's default and is not printed.
      if (r.protocol !== 'boot') p.any('protocol', r.protocol, `proto ${r.protocol} `);
      if (r.scope !== 'global') p.any('scope', r.scope, `scope ${r.scope} `);
      if (r.prefsrc) p.any('prefsrc', r.prefsrc, `src ${r.prefsrc} `);
      if (r.metric) p.any('metric', r.metric, `metric ${r.metric} `);
      p.openArray('flags');
      // RTNH_F_LINKDOWN: the nexthop device is up but has no carrier.
      if (!hasCarrier(k, dev)) p.any(null, 'linkdown', 'linkdown ');
      p.closeArray();
      p.fp('\n');
      p.close();
    }
  }
  run.stdout += p.finish();
}

// ------------------------------------------------------------------------------------ get

/** inet_select_addr(): a primary address of the device, preferring one on the target's subnet. */
function sourceFor(run: IpRun, dev: Link, target: string): string | undefined {
  const v4 = dev.addrs.filter((a) => a.family === 4 && !a.secondary);
  const onSubnet = v4.find((a) => inSubnet(target, a.local, a.prefixlen));
  if (onSubnet) return onSubnet.local;
  const global = v4.find((a) => a.scope === 'global') ?? v4[0];
  if (global) return global.local;
  for (const l of linksOf(kernel(run), run.ns)) {
    const g = l.addrs.find((a) => a.family === 4 && a.scope === 'global' && !a.secondary);
    if (g && l.up) return g.local;
  }
  return undefined;
}

function routeGet(run: IpRun, args: string[]): void {
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'to') continue;
    if (a === 'from' || a === 'iif' || a === 'oif' || a === 'mark' || a === 'tos' || a === 'uid' || a === 'vrf') {
      i++;
      continue;
    }
    if (a === 'fibmatch' || a === 'connected') continue;
    if (matches(a, 'help')) usage(run);
    if (target !== undefined) duparg2(run, 'to', a);
    const p = parsePrefix(a, run.opts.family);
    if (!p)
      die(
        run,
        `Error: ${run.opts.family === 6 ? 'inet6' : run.opts.family === 4 ? 'inet' : 'any valid'} prefix is expected rather than "${a}".\n`,
        1,
      );
    if (p.family === 6) die(run, 'RTNETLINK answers: Network is unreachable\n', 2);
    target = p.addr;
  }
  if (target === undefined) usage(run);
  const k = kernel(run);
  const p = new Printer(run.opts.json, run.opts.pretty, run.opts.oneline);
  const links = linksOf(k, run.ns);
  const lo = links.find((l) => l.kind === 'loopback');
  // The local table: the host's own addresses, and all of 127/8 once lo holds 127.0.0.1/8.
  const own = links.flatMap((l) => (l.up ? l.addrs.filter((a) => a.family === 4).map((a) => ({ l, a })) : []));
  const local =
    own.find((x) => x.a.local === target) ??
    own.find((x) => x.l.kind === 'loopback' && inSubnet(target!, x.a.local, x.a.prefixlen));
  if (local && lo) {
    const src = local.a.local === target ? target : local.a.local;
    p.open();
    p.any('type', 'local', 'local ');
    p.any('dst', target, `${target} `);
    p.any('dev', lo.name, `dev ${lo.name} `);
    p.any('prefsrc', src, `src ${src} `);
    p.openArray('flags');
    p.closeArray();
    p.any('uid', 0, 'uid 0 ');
    p.nl();
    p.fp('    cache ');
    p.openArray('cache', '<');
    p.any(null, 'local', 'local');
    p.closeArray('> ');
    p.fp('\n');
    p.close();
    run.stdout += p.finish();
    return;
  }
  let best: Route | undefined;
  for (const r of dumpOrder(routesOf(k, run.ns, 4))) {
    const [net, len] = v4Key(r.dst);
    if (
      r.dst !== 'default' &&
      !inSubnet(target, `${(net >>> 24) & 255}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}`, len)
    )
      continue;
    const bestLen = best ? v4Key(best.dst)[1] : -1;
    if (!best || len > bestLen || (len === bestLen && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  if (!best) die(run, 'RTNETLINK answers: Network is unreachable\n', 2);
  const dev = k.links[best.dev]!;
  const src = best.prefsrc ?? sourceFor(run, dev, best.gateway ?? target);
  p.open();
  p.any('dst', target, `${target} `);
  if (best.gateway) p.any('gateway', best.gateway, `via ${best.gateway} `);
  p.any('dev', dev.name, `dev ${dev.name} `);
  if (src) p.any('prefsrc', src, `src ${src} `);
  p.openArray('flags');
  if (!hasCarrier(k, dev)) p.any(null, 'linkdown', 'linkdown ');
  p.closeArray();
  p.any('uid', 0, 'uid 0 ');
  p.nl();
  p.fp('    cache ');
  p.openArray('cache');
  p.closeArray();
  p.fp('\n');
  p.close();
  run.stdout += p.finish();
}

/** `ip route …` */
export function doRoute(run: IpRun, args: string[]): void {
  const [cmd, ...rest] = args;
  if (cmd === undefined) return routeShow(run, []);
  if (matches(cmd, 'add')) return routeModify(run, rest, 'add');
  if (matches(cmd, 'change') || cmd === 'chg') return routeModify(run, rest, 'change');
  if (matches(cmd, 'replace')) return routeModify(run, rest, 'replace');
  if (matches(cmd, 'delete')) return routeModify(run, rest, 'del');
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return routeShow(run, rest);
  if (matches(cmd, 'get')) return routeGet(run, rest);
  if (matches(cmd, 'help')) usage(run);
  die(run, `Command "${cmd}" is unknown, try "ip route help".\n`, 255);
}
