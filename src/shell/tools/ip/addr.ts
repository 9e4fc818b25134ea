// shell/tools/ip/addr.ts — `ip address`: show/list/lst (normal, -br, -j, -4/-6, -o), add, del and
// flush, after iproute2 6.1's ipaddress.c. Changes the kernel only through commit().
import type { Addr, Link } from '../../../kernel';
import { hasCarrier, normalizeIPv6, parseIPv4 } from '../../../kernel';
import { commit, die, duparg, duparg2, findDev, invarg, type IpRun, kernel, matches, rtnlMessage } from './common';
import { printLinkBody, printLinkBrief, printLinkStats } from './format';
import { ADDR_USAGE } from './help';
import { parseListArgs, selectLinks } from './link';
import { Printer } from './print';

function usage(run: IpRun): never {
  return die(run, ADDR_USAGE, 255);
}

function familyWord(fam: 0 | 4 | 6): string {
  return fam === 4 ? 'inet' : fam === 6 ? 'inet6' : 'any valid';
}

export interface Prefix {
  family: 4 | 6;
  addr: string;
  /** Undefined when the text gave no `/LEN`. */
  len?: number;
}

/** get_prefix_1(): `A.B.C.D[/LEN]` or an IPv6 address with an optional length. */
export function parsePrefix(s: string, family: 0 | 4 | 6): Prefix | undefined {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const lenText = slash < 0 ? undefined : s.slice(slash + 1);
  let fam: 4 | 6;
  let text: string;
  if (family !== 6 && parseIPv4(addr) !== undefined) {
    fam = 4;
    text = addr;
  } else if (family !== 4 && addr.includes(':') && normalizeIPv6(addr) !== undefined) {
    fam = 6;
    text = normalizeIPv6(addr)!;
  } else return undefined;
  if (lenText === undefined) return { family: fam, addr: text };
  if (!/^[0-9]+$/.test(lenText)) return undefined;
  const len = Number(lenText);
  if (len > (fam === 4 ? 32 : 128)) return undefined;
  return { family: fam, addr: text, len };
}

/** Exits like get_prefix(): `Error: any valid prefix is expected rather than "X".` */
export function getPrefix(run: IpRun, s: string, family: 0 | 4 | 6): Prefix {
  const p = parsePrefix(s, family);
  if (!p) die(run, `Error: ${familyWord(family)} prefix is expected rather than "${s}".\n`, 1);
  return p;
}

const SCOPES: Record<string, Addr['scope']> = { host: 'host', link: 'link', global: 'global', universe: 'global' };

/** IPv6 addresses as the kernel lists them: by scope (global, host, link), newest first in a scope. */
export function orderedAddrs(l: Link, fam: 0 | 4 | 6): Addr[] {
  const v4 = l.addrs.filter((a) => a.family === 4);
  const rank = (a: Addr) => (a.scope === 'global' ? 0 : a.scope === 'host' ? 1 : 2);
  const v6 = l.addrs
    .map((a, i) => ({ a, i }))
    .filter((x) => x.a.family === 6)
    .sort((x, y) => rank(x.a) - rank(y.a) || y.i - x.i)
    .map((x) => x.a);
  if (fam === 4) return v4;
  if (fam === 6) return v6;
  return [...v4, ...v6];
}

// ------------------------------------------------------------------------------------ modify

function addrModify(run: IpRun, args: string[], del: boolean): void {
  let local: Prefix | undefined;
  let localArg = '';
  let dev: string | undefined;
  let label: string | undefined;
  let brd: string | undefined;
  let scope: Addr['scope'] | undefined;
  let family = run.opts.family;
  let i = 0;
  const next = (): string => {
    i++;
    if (i >= args.length) die(run, 'Command line is not complete. Try option "help"\n', 255);
    return args[i]!;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (matches(a, 'broadcast') || a === 'brd') {
      const v = next();
      if (brd !== undefined) duparg(run, 'broadcast', v);
      if (v === '+' || v === '-') brd = v;
      else {
        const p = parsePrefix(v, family);
        if (!p || p.len !== undefined)
          die(run, `Error: ${familyWord(family)} address is expected rather than "${v}".\n`, 1);
        brd = p.addr;
      }
    } else if (a === 'scope') {
      const v = next();
      const s = SCOPES[v];
      if (!s) invarg(run, 'invalid scope value.', v);
      scope = s;
    } else if (a === 'dev') dev = next();
    else if (a === 'label') label = next();
    else if (a === 'valid_lft' || a === 'preferred_lft') next();
    else if (a === 'noprefixroute' || a === 'home' || a === 'nodad' || a === 'autojoin') continue;
    else {
      let v = a;
      if (a === 'local') v = next();
      if (matches(v, 'help')) usage(run);
      if (local) duparg2(run, 'local', v);
      localArg = v;
      local = getPrefix(run, v, family);
      family = local.family;
    }
  }
  if (dev === undefined) die(run, 'Not enough information: "dev" argument is required.\n', 1);
  if (!local) {
    findDev(run, dev);
    die(run, 'RTNETLINK answers: Operation not supported\n', 2);
  }
  if (del && local.family === 4 && local.len === undefined) {
    run.stderr +=
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
      `         Explicitly specify the prefix length (${localArg}/32) to avoid this warning.\n` +
      '         This special behaviour is likely to disappear in further releases,\n' +
      '         fix your scripts!\n';
  }
  if (brd !== undefined && !del && local.family !== 4) die(run, 'Broadcast can be set only for IPv4 addresses\n', 1);
  const l = findDev(run, dev);
  const fam = local.family;
  const len = local.len ?? (fam === 4 ? 32 : 128);
  const v = fam === 4 ? 'ipv4' : 'ipv6';
  if (del) {
    commit(
      run,
      [
        {
          op: 'delAddr',
          netns: run.ns,
          dev: l.name,
          family: fam,
          local: local.addr,
          ...(fam === 6 || local.len !== undefined ? { prefixlen: len } : {}),
        },
      ],
      (e) =>
        e.errno === 'EADDRNOTAVAIL' ? { extack: `${v}: ${fam === 4 ? 'Address' : 'address'} not found` } : undefined,
    );
    return;
  }
  // addrconf.c ipv6_add_addr: ::1 belongs to loopback devices only (EADDRNOTAVAIL with this extack).
  if (fam === 6 && normalizeIPv6(local.addr) === '::1' && l.kind !== 'loopback')
    die(run, rtnlMessage({ extack: 'ipv6: Cannot assign loopback address on this device' }), 2);
  // `brd +` / `brd -` only apply up to /30: a /31 or /32 has no broadcast address.
  const broadcast = brd === '-' ? undefined : brd === '+' ? (len <= 30 ? '+' : undefined) : brd;
  commit(
    run,
    [
      {
        op: 'addAddr',
        netns: run.ns,
        dev: l.name,
        family: fam,
        local: local.addr,
        prefixlen: len,
        ...(broadcast !== undefined ? { broadcast } : {}),
        ...(scope !== undefined ? { scope } : {}),
        ...(label !== undefined ? { label } : {}),
      },
    ],
    (e) =>
      e.errno === 'EEXIST'
        ? { extack: `${v}: ${fam === 4 ? 'Address already assigned' : 'address already assigned'}` }
        : undefined,
  );
}

function addrFlush(run: IpRun, args: string[]): void {
  if (args.length === 0) die(run, 'Flush requires arguments.\n', 1);
  const f = parseListArgs(run, args, (w, next) =>
    w === 'scope' || w === 'label' || w === 'to' ? (next(), true) : false,
  );
  for (const l of selectLinks(run, f)) {
    const fam = run.opts.family;
    if (!l.addrs.some((a) => fam === 0 || a.family === fam)) continue;
    commit(run, [{ op: 'flushAddr', netns: run.ns, dev: l.name, ...(fam !== 0 ? { family: fam } : {}) }]);
  }
}

// ------------------------------------------------------------------------------------ show

function scopeWord(a: Addr): string {
  return a.scope;
}

/** print_addrinfo(): one `inet`/`inet6` record with its lifetimes line. */
function printAddr(run: IpRun, p: Printer, l: Link, a: Addr): void {
  p.open();
  if (run.opts.oneline && !p.isJson) p.fp(`${l.ifindex}: ${l.name}`);
  const fam = a.family === 4 ? 'inet' : 'inet6';
  p.any('family', fam, `    ${fam} `);
  p.any('local', a.local, a.local);
  p.any('prefixlen', a.prefixlen, `/${a.prefixlen} `);
  if (a.broadcast !== undefined) {
    p.fp('brd ');
    p.any('broadcast', a.broadcast, `${a.broadcast} `);
  }
  p.any('scope', scopeWord(a), `scope ${scopeWord(a)} `);
  if (a.secondary) p.any('secondary', true, 'secondary ');
  // A user's IPv6 address stays tentative (DAD cannot run) while the link has no carrier.
  if (a.family === 6 && !a.kernel && !hasCarrier(kernel(run), l)) p.any('tentative', true, 'tentative ');
  if (a.family === 4) p.any('label', a.label ?? l.name, a.label ?? l.name);
  p.nl();
  p.fp('       valid_lft ');
  p.js('valid_life_time', 4294967295);
  p.fp('forever');
  p.fp(' preferred_lft ');
  p.js('preferred_life_time', 4294967295);
  p.fp('forever');
  p.fp('\n');
  p.close();
}

function addrShow(run: IpRun, args: string[]): void {
  let scopeFilter: Addr['scope'] | undefined;
  const f = parseListArgs(run, args, (w, next) => {
    if (w === 'scope') {
      const v = next();
      const s = SCOPES[v];
      if (!s) invarg(run, 'invalid "scope"\n', v);
      scopeFilter = s;
      return true;
    }
    if (w === 'label' || w === 'to') {
      next();
      return true;
    }
    if (w !== 'dev' && matches(w, 'help')) usage(run);
    return false;
  });
  const links = selectLinks(run, f);
  const fam = run.opts.family;
  const p = new Printer(run.opts.json, run.opts.pretty, run.opts.oneline);
  // `ip -6 addr` asks the AF_INET6 link dump, which omits qdisc, group, master and the netnsid.
  const view = { doLink: false, familyFilter: fam !== 0, inet6Dump: fam === 6 };
  for (const l of links) {
    const addrs = orderedAddrs(l, fam).filter((a) => !scopeFilter || a.scope === scopeFilter);
    if (fam !== 0 && addrs.length === 0) continue;
    if (run.opts.brief) {
      p.open();
      printLinkBrief(run, p, l, false, view.inet6Dump);
      p.openArray('addr_info');
      for (const a of addrs) {
        p.open();
        p.any('local', a.local, a.local);
        p.any('prefixlen', a.prefixlen, `/${a.prefixlen} `);
        p.close();
      }
      p.closeArray();
      p.fp('\n');
      p.close();
      continue;
    }
    if (run.opts.oneline && !p.isJson) {
      for (const a of addrs) printAddr(run, p, l, a);
      continue;
    }
    p.open();
    printLinkBody(run, p, l, view);
    p.fp('\n');
    p.openArray('addr_info');
    for (const a of addrs) printAddr(run, p, l, a);
    p.closeArray();
    if (run.opts.stats > 0) printLinkStats(run, p, l);
    if (run.opts.stats > 0) p.fp('\n');
    p.close();
  }
  run.stdout += p.finish();
}

/** `ip address …` */
export function doAddr(run: IpRun, args: string[]): void {
  const [cmd, ...rest] = args;
  if (cmd === undefined) return addrShow(run, []);
  if (matches(cmd, 'add')) return addrModify(run, rest, false);
  if (matches(cmd, 'delete')) return addrModify(run, rest, true);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return addrShow(run, rest);
  if (matches(cmd, 'flush')) return addrFlush(run, rest);
  if (matches(cmd, 'help')) usage(run);
  die(run, `Command "${cmd}" is unknown, try "ip address help".\n`, 255);
}
