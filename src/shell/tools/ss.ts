// shell/tools/ss.ts — `ss` (iproute2 6.1) and `netstat` (net-tools 2.10) over the namespace's
// sockets (Netns.sockets). ss measures its columns from what it prints (render_calc_width in
// misc/ss.c, quirks included); netstat uses fixed printf widths. Only listening sockets exist in
// the model, so connected-socket views print their headers alone. IPv6 listeners print as the
// real tools print them (checked here with Python sockets in a throwaway namespace): ss shows a
// dual-stack `::` as `*`, an IPv6-only one as `[::]`; netstat calls them tcp6 `:::80`. Pure.
import type { World } from '../../docker/world';
import type { Socket } from '../../kernel';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolIO, ToolResult } from '../types';
import { serviceName } from './tcp';

/** listen() backlogs of the programs the model runs: ss shows it as Send-Q of a listener. */
const BACKLOG: Record<string, number> = { nginx: 511, python3: 5, nc: 1 };
/** The descriptor the listening socket gets in each program (nginx opens its logs first). */
const FD: Record<string, number> = { nginx: 6 };

// ---------------------------------------------------------------- ss's column renderer

type Align = 'left' | 'right';
interface Column {
  header: string;
  align: Align;
  ldelim: string;
  disabled: boolean;
}

/**
 * misc/ss.c's buffered output: every field is a token; widths come from the longest token per
 * column, except the last token of all, which ss never "flushes" (so the final row's Process text
 * does not widen its column). On a terminal the spare width is spread over the columns of each
 * line; elsewhere (a pipe, a file) the output stays compact.
 */
export function renderColumns(columns: Column[], tokens: string[], screenWidth?: number): string {
  const n = columns.length;
  const maxLen = new Array<number>(n).fill(0);
  // Assign tokens to columns as render() does: skip disabled columns, wrap after the last one.
  const cols: number[] = [];
  let f = columns.findIndex((c) => !c.disabled);
  for (let t = 0; t < tokens.length; t++) {
    cols.push(f);
    if (t < tokens.length - 1) maxLen[f] = Math.max(maxLen[f], tokens[t].length);
    do f = f === n - 1 ? 0 : f + 1;
    while (columns[f].disabled);
  }
  const width = new Array<number>(n).fill(0);
  let first = true;
  for (let i = 0; i < n; i++) {
    if (columns[i].disabled) continue;
    width[i] = !first && maxLen[i] ? maxLen[i] + columns[i].ldelim.length : maxLen[i];
    if (screenWidth !== undefined) width[i] = Math.min(width[i], screenWidth);
    if (width[i]) first = false;
  }
  if (screenWidth !== undefined) {
    let len = 0;
    let linecols = 0;
    let eol = -1;
    for (let c = 0; c < n; c++) {
      if (!width[c]) continue;
      linecols++;
      len += width[c];
      let last = true;
      for (let t = c + 1; t < n; t++)
        if (width[t]) {
          last = false;
          break;
        }
      if (!last && len < screenWidth) continue;
      if (len !== screenWidth) {
        if (len > screenWidth) {
          len -= width[c];
          c--;
          linecols--;
        }
        const pad = screenWidth - len;
        const spacing = Math.floor(pad / linecols);
        let rem = pad % linecols;
        for (let t = c; t > eol; t--) {
          if (!width[t]) continue;
          width[t] += spacing;
          if (rem) {
            width[t]++;
            rem--;
          }
        }
      }
      eol = c;
      len = 0;
      linecols = 0;
    }
  }
  let out = '';
  let lineStarted = false;
  for (let t = 0; t < tokens.length; t++) {
    const c = cols[t];
    const col = columns[c];
    let printed = 0;
    if (lineStarted) {
      out += col.ldelim;
      printed = col.ldelim.length;
    }
    lineStarted = true;
    const tok = tokens[t];
    if (width[c] && col.align === 'right') {
      const s = width[c] - tok.length - printed;
      if (s > 0) {
        out += ' '.repeat(s);
        printed += s;
      }
    }
    out += tok;
    printed += tok.length;
    if (width[c] && col.align === 'left') {
      const s = width[c] - printed;
      if (s > 0) out += ' '.repeat(s);
    }
    if (c === n - 1) {
      out += '\n';
      lineStarted = false;
    }
  }
  if (lineStarted) out += '\n';
  return out;
}

// ---------------------------------------------------------------- ss

/** Netlink sockets every network namespace has (the kernel's own), as `ss -a` lists them. */
const NETLINK: [string, string, number][] = [
  ['rtnl', '0', 0],
  ['tcpdiag', '4', -1],
  ['tcpdiag', '4', 0],
  ['xfrm', '6', 0],
  ['audit', '9', 0],
  ['fiblookup', '10', 0],
  ['nft', '12', 0],
  ['uevent', '15', 0],
  ['genl', '16', 0],
];

const isV6 = (s: Socket) => s.addr.includes(':');

/** The IPv4 sockets of a table first, then the IPv6 ones (ss and netstat read them in that order). */
function byFamily(list: Socket[]): Socket[] {
  return [...list.filter((s) => !isV6(s)), ...list.filter(isV6)];
}

function ssUsers(s: Socket): string {
  // nginx opens its IPv6 listener right after the IPv4 one.
  const fd = (FD[s.process] ?? 3) + (s.process === 'nginx' && isV6(s) ? 1 : 0);
  return ` users:(("${s.process}",pid=${s.pid},fd=${fd}))`;
}

/** ss's inet_addr_print: `*` for a dual-stack any address, brackets around other IPv6 text. */
function ssLocal(s: Socket): string {
  if (!isV6(s)) return `${s.addr}:`;
  return s.addr === '::' && !s.v6only ? '*:' : `[${s.addr}]:`;
}

function ssPeer(s: Socket): string {
  if (!isV6(s)) return '0.0.0.0:';
  return s.v6only ? '[::]:' : '*:';
}

function ss(world: World, argv: string[], io: ToolIO, ctx: ExecContext): ToolResult {
  const f = new Set<string>();
  for (const a of argv.slice(1)) {
    const long: Record<string, string> = {
      '--tcp': 't',
      '--udp': 'u',
      '--listening': 'l',
      '--all': 'a',
      '--numeric': 'n',
      '--processes': 'p',
      '--no-header': 'H',
      '--ipv4': '4',
      '--ipv6': '6',
    };
    if (a in long) f.add(long[a]);
    else if (/^-[tulanpH46]+$/.test(a)) for (const ch of a.slice(1)) f.add(ch);
    else if (a.startsWith('-'))
      return {
        stdout: '',
        stderr: `ss: invalid option -- '${a.replace(/^-+/, '').replace(/[tulanpH46]/g, '')[0] ?? a}'\n`,
        status: 1,
        world,
      };
    else return { stdout: '', stderr: `ss: bad filter expression near "${a}"\n`, status: 1, world };
  }
  const tcp = f.has('t');
  const udp = f.has('u');
  const anyProto = !tcp && !udp;
  const listening = f.has('l');
  const all = f.has('a');
  const numeric = f.has('n');
  // ss hides Netid when exactly one socket table is asked for (-t or -u alone).
  const columns: Column[] = [
    { header: 'Netid', align: 'left', ldelim: '', disabled: !anyProto && !(tcp && udp) },
    { header: 'State', align: 'left', ldelim: ' ', disabled: false },
    { header: 'Recv-Q', align: 'left', ldelim: ' ', disabled: false },
    { header: 'Send-Q', align: 'left', ldelim: ' ', disabled: false },
    { header: 'Local Address:', align: 'right', ldelim: ' ', disabled: false },
    { header: 'Port', align: 'left', ldelim: '', disabled: false },
    { header: 'Peer Address:', align: 'right', ldelim: ' ', disabled: false },
    { header: 'Port', align: 'left', ldelim: '', disabled: false },
    { header: 'Process', align: 'left', ldelim: '', disabled: false },
    { header: '', align: 'left', ldelim: '', disabled: false },
  ];
  const tokens: string[] = [];
  if (!f.has('H')) for (const c of columns.slice(0, -1)) if (!c.disabled) tokens.push(c.header);
  // Each row starts by flushing the previous row's Process and end-of-line fields.
  const row = (
    netid: string,
    state: string,
    rq: number,
    wq: number,
    la: string,
    lp: string,
    pa: string,
    pp: string,
    proc: string,
  ) => {
    if (tokens.length) tokens.push('');
    if (!columns[0].disabled) tokens.push(netid);
    tokens.push(state, String(rq).padEnd(6), String(wq).padEnd(6), la, lp, pa, pp, proc);
  };
  // -4 / -6 keep one family (both given: the last wins, as ss's filter does).
  const family = (s: Socket) => (f.has('4') && !f.has('6') ? !isV6(s) : f.has('6') && !f.has('4') ? isV6(s) : true);
  const sockets = byFamily((world.kernel.netns[ctx.netns]?.sockets ?? []).filter(family));
  const showListeners = listening || all;
  const port = (proto: 'tcp' | 'udp', p: number) => (numeric ? String(p) : (serviceName(proto, p) ?? String(p)));
  if (anyProto && showListeners) {
    const pid = world.docker.nextPid ?? 2345;
    for (const [name, num, id] of NETLINK) {
      const who = id < 0 ? (numeric ? String(pid) : `ss/${pid}`) : numeric ? '0' : 'kernel';
      // The diag socket ss itself is reading from holds the reply it has not read yet.
      const rq = name === 'tcpdiag' ? (id < 0 ? 4352 : 832) : 0;
      row('nl', 'UNCONN', rq, 0, `${numeric ? num : name}:`, who, '*', '', '');
    }
  }
  for (const proto of ['udp', 'tcp'] as const) {
    if (!anyProto && !(proto === 'tcp' ? tcp : udp)) continue;
    if (!showListeners) continue;
    for (const s of sockets.filter((x) => x.proto === proto))
      row(
        proto,
        proto === 'tcp' ? 'LISTEN' : 'UNCONN',
        0,
        proto === 'tcp' ? (BACKLOG[s.process] ?? 4096) : 0,
        ssLocal(s),
        port(proto, s.port),
        ssPeer(s),
        '*',
        f.has('p') ? ssUsers(s) : '',
      );
  }
  const tty = (io as ToolIO & { stdoutIsTty?: boolean }).stdoutIsTty === true;
  const cols = tty ? Number(ctx.env.COLUMNS) || 80 : undefined;
  return { stdout: renderColumns(columns, tokens, cols), stderr: '', status: 0, world };
}

// ---------------------------------------------------------------- netstat

function netstat(world: World, argv: string[], _io: ToolIO, ctx: ExecContext): ToolResult {
  const f = new Set<string>();
  for (const a of argv.slice(1)) {
    if (/^-[tulanpe4]+$/.test(a)) for (const ch of a.slice(1)) f.add(ch);
    else
      return {
        stdout: '',
        stderr: `netstat: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\n`,
        status: 1,
        world,
      };
  }
  const tcp = f.has('t');
  const udp = f.has('u');
  const anyProto = !tcp && !udp;
  const listening = f.has('l');
  const all = f.has('a');
  const numeric = f.has('n');
  const procs = f.has('p');
  const scope = all ? 'servers and established' : listening ? 'only servers' : 'w/o servers';
  const pad = (s: string, n: number) => s.padEnd(n);
  let out = `Active Internet connections (${scope})\n`;
  out += `Proto Recv-Q Send-Q ${pad('Local Address', 23)} ${pad('Foreign Address', 23)} ${pad('State', 11)}`;
  out += procs ? ` ${pad('PID/Program name', 20)}\n` : '\n';
  const host = (a: string) => (numeric ? a : a === '127.0.0.1' ? 'localhost' : a);
  const sockets = byFamily(world.kernel.netns[ctx.netns]?.sockets ?? []);
  // net-tools prints an IPv4-mapped address as IPv4, and the any address as `[::]` unless -n.
  const host6 = (a: string) =>
    /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a === '::' && !numeric ? '[::]' : a;
  if (listening || all)
    for (const proto of ['tcp', 'udp'] as const) {
      if (!anyProto && !(proto === 'tcp' ? tcp : udp)) continue;
      for (const s of sockets.filter((x) => x.proto === proto)) {
        const port = numeric ? String(s.port) : (serviceName(proto, s.port) ?? String(s.port));
        const state = proto === 'tcp' ? 'LISTEN' : '';
        const v6 = isV6(s);
        const local = v6 ? `${host6(s.addr)}:${port}` : `${host(s.addr)}:${port}`;
        const foreign = v6 ? (numeric ? ':::*' : '[::]:*') : '0.0.0.0:*';
        out += `${pad(v6 ? `${proto}6` : proto, 5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${pad(local, 23)} ${pad(foreign, 23)} ${pad(state, 11)}`;
        out += procs ? ` ${pad(`${s.pid}/${s.process}`.slice(0, 20), 20)}\n` : '\n';
      }
    }
  if (anyProto) {
    out += `Active UNIX domain sockets (${scope})\n`;
    out += `Proto RefCnt Flags       Type       State         I-Node   ${procs ? 'PID/Program name     ' : ''}Path\n`;
  }
  return { stdout: out, stderr: '', status: 0, world };
}

registerTool('ss', ss as Tool, ['host', 'netutils']);
registerTool('netstat', netstat as Tool, ['host', 'netutils']);
