// shell/tools/iptables.ts — a minimal `iptables` (1.8.9, nf_tables backend) for the nat table's
// POSTROUTING MASQUERADE rules the kernel model holds (`-s NET ! -o DEV -j MASQUERADE`): -S, -L,
// -A, -I, -D, -F. Docker's other nat rules (the DOCKER chain and its jumps) are printed as the
// daemon installs them; they are not modelled as data and cannot be changed here. Keeps no state.
import { commitOps, type World } from '../../docker/world';
import { formatIPv4, INIT_NET, parseIPv4, type KernelOp, type MasqueradeRule } from '../../kernel';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';

const V = 'iptables v1.8.9 (nf_tables)';
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";
const BUILTIN_NAT = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];
const UNSUPPORTED =
  'netns-lab: iptables: only the nat table\'s POSTROUTING "-s NET ! -o DEV -j MASQUERADE" rules are simulated (-S, -L, -A, -I, -D, -F)\n';

/** A rule as `iptables -S` prints it, with what -L shows of it. */
interface ShownRule {
  chain: string;
  spec: string;
  target: string;
  source: string;
  dest: string;
  extra: string;
}

function masqSpec(r: MasqueradeRule): ShownRule {
  return {
    chain: 'POSTROUTING',
    spec: `-s ${r.source} ! -o ${r.notOut} -j MASQUERADE`,
    target: 'MASQUERADE',
    source: r.source,
    dest: '0.0.0.0/0',
    extra: '',
  };
}

/**
 * The rules dockerd adds to the nat table besides MASQUERADE (setup_ip_tables_linux.go; CAPTURE
 * iptables-save-v27.txt and -v29.txt): the DOCKER chain, the jumps to it for local destinations,
 * and before v29 a RETURN for traffic from docker0.
 */
function dockerNat(w: World, ns: string): { chains: string[]; rules: ShownRule[] } {
  if (ns !== INIT_NET || !w.docker.installed) return { chains: [], rules: [] };
  const rules: ShownRule[] = [
    {
      chain: 'PREROUTING',
      spec: '-m addrtype --dst-type LOCAL -j DOCKER',
      target: 'DOCKER',
      source: '0.0.0.0/0',
      dest: '0.0.0.0/0',
      extra: ' ADDRTYPE match dst-type LOCAL',
    },
    {
      chain: 'OUTPUT',
      spec: '! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
      target: 'DOCKER',
      source: '0.0.0.0/0',
      dest: '!127.0.0.0/8',
      extra: ' ADDRTYPE match dst-type LOCAL',
    },
  ];
  if (w.docker.profile === 'classic')
    rules.push({
      chain: 'DOCKER',
      spec: '-i docker0 -j RETURN',
      target: 'RETURN',
      source: '0.0.0.0/0',
      dest: '0.0.0.0/0',
      extra: '',
    });
  return { chains: ['DOCKER'], rules };
}

function natRules(w: World, ns: string): { chains: string[]; rules: ShownRule[] } {
  const d = dockerNat(w, ns);
  const masq = (w.kernel.netns[ns]?.nat ?? []).map(masqSpec);
  const order = [...BUILTIN_NAT, ...d.chains];
  const rules = [...d.rules, ...masq].sort((a, b) => order.indexOf(a.chain) - order.indexOf(b.chain));
  return { chains: d.chains, rules };
}

/** `-S [CHAIN]`: policies, user chains, then the rules in chain order. */
function listRules(w: World, ns: string, chain?: string): string {
  const { chains, rules } = natRules(w, ns);
  let out = '';
  for (const c of BUILTIN_NAT) if (!chain || chain === c) out += `-P ${c} ACCEPT\n`;
  for (const c of chains) if (!chain || chain === c) out += `-N ${c}\n`;
  for (const r of rules) if (!chain || chain === r.chain) out += `-A ${r.chain} ${r.spec}\n`;
  return out;
}

// iptables' print_firewall: target "%-9s ", protocol " %-4s ", "-- ", then each address as
// its inversion mark (' ' or '!') and "%-19s ", then the matches.
function ruleLine(r: ShownRule, numeric: boolean): string {
  const addr = (a: string) => {
    const inv = a.startsWith('!') ? '!' : ' ';
    const bare = a.replace(/^!/, '');
    const shown = !numeric && bare === '0.0.0.0/0' ? 'anywhere' : bare;
    return `${inv}${shown.padEnd(19)} `;
  };
  return `${r.target.padEnd(9)}  ${(numeric ? '0' : 'all').padEnd(4)} -- ${addr(r.source)}${addr(r.dest)}${r.extra}\n`;
}

/** `-L [CHAIN]`: one block per chain, blank lines between them. */
function listChains(w: World, ns: string, numeric: boolean, chain?: string): string {
  const { chains, rules } = natRules(w, ns);
  const blocks: string[] = [];
  for (const c of [...BUILTIN_NAT, ...chains]) {
    if (chain && chain !== c) continue;
    const refs = rules.filter((r) => r.target === c).length;
    let b = BUILTIN_NAT.includes(c) ? `Chain ${c} (policy ACCEPT)\n` : `Chain ${c} (${refs} references)\n`;
    b += 'target     prot opt source               destination         \n';
    for (const r of rules) if (r.chain === c) b += ruleLine(r, numeric);
    blocks.push(b);
  }
  return blocks.join('\n');
}

/** `-s ADDR[/LEN]` as iptables stores it: masked, with its length (a host gets /32). */
function normaliseSource(text: string): string | undefined {
  const [ip, len] = text.split('/');
  const v = parseIPv4(ip ?? '');
  const n = len === undefined ? 32 : Number(len);
  if (v === undefined || !/^\d+$/.test(len ?? '32') || n > 32) return undefined;
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return `${formatIPv4((v & mask) >>> 0)}/${n}`;
}

type Command = { kind: 'S' | 'L' | 'F'; chain?: string } | { kind: 'A' | 'I' | 'D'; chain: string; num?: number };

const LONG: Record<string, string> = {
  '--table': '-t',
  '--list-rules': '-S',
  '--list': '-L',
  '--flush': '-F',
  '--append': '-A',
  '--insert': '-I',
  '--delete': '-D',
  '--numeric': '-n',
  '--verbose': '-v',
  '--source': '-s',
  '--src': '-s',
  '--out-interface': '-o',
  '--jump': '-j',
};

const iptables: Tool = (world: World, argv: string[], _io, ctx: ExecContext): ToolResult => {
  const done = (stdout: string, stderr: string, status: number, w = world): ToolResult => ({
    stdout,
    stderr,
    status,
    world: w,
  });
  let table = 'filter';
  let cmd: Command | undefined;
  let numeric = false;
  let source: string | undefined;
  let notOut: string | undefined;
  let target: string | undefined;
  let other = false;
  let negate = false;
  const args = argv.slice(1).map((a) => LONG[a] ?? a);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    const hasValue = next !== undefined && !next.startsWith('-') && next !== '!';
    switch (a) {
      case '!':
        negate = true;
        continue;
      case '-t':
        if (next === undefined) return done('', `${V}: option "-t" requires an argument\n${TRY}`, 2);
        table = args[++i]!;
        break;
      case '-S':
      case '-L':
      case '-F':
        if (cmd) return done('', `${V}: Can't use ${a} with ${'-' + cmd.kind}\n\n${TRY}`, 2);
        cmd = { kind: a[1] as 'S' | 'L' | 'F', ...(hasValue ? { chain: args[++i]! } : {}) };
        break;
      case '-A':
      case '-I':
      case '-D': {
        if (cmd) return done('', `${V}: Can't use ${a} with ${'-' + cmd.kind}\n\n${TRY}`, 2);
        if (next === undefined) return done('', `${V}: option "${a}" requires an argument\n${TRY}`, 2);
        const chain = args[++i]!;
        const after = args[i + 1];
        const num = after !== undefined && /^\d+$/.test(after) ? Number(args[++i]) : undefined;
        cmd = { kind: a[1] as 'A' | 'I' | 'D', chain, ...(num !== undefined ? { num } : {}) };
        break;
      }
      case '-n':
        numeric = true;
        break;
      case '-s':
        if (next === undefined) return done('', `${V}: option "-s" requires an argument\n${TRY}`, 2);
        if (negate) other = true;
        source = args[++i]!;
        break;
      case '-o':
        if (next === undefined) return done('', `${V}: option "-o" requires an argument\n${TRY}`, 2);
        if (negate) notOut = args[++i]!;
        else {
          other = true;
          i++;
        }
        break;
      case '-j':
        if (next === undefined) return done('', `${V}: option "-j" requires an argument\n${TRY}`, 2);
        target = args[++i]!;
        break;
      default:
        if (a.startsWith('--')) return done('', `${V}: unknown option "${a}"\n${TRY}`, 2);
        // Another option or argument of the real tool (-d, -p, -m, -v, …): not simulated.
        other = true;
        if (hasValue) i++;
    }
    negate = false;
  }
  if (!cmd) return done('', `${V}: no command specified\n${TRY}`, 2);
  if (!['filter', 'nat', 'mangle', 'raw', 'security'].includes(table))
    return done(
      '',
      `${V}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`,
      3,
    );
  if (table !== 'nat' || other) return done('', UNSUPPORTED, 2);
  const ns = ctx.netns;
  const { chains } = natRules(world, ns);
  const known = (c: string) => BUILTIN_NAT.includes(c) || chains.includes(c);

  if (cmd.kind === 'S' || cmd.kind === 'L') {
    if (cmd.chain !== undefined && !known(cmd.chain))
      return done('', `${V}: chain \`${cmd.chain}' in table \`nat' is incompatible, use 'nft' tool.\n`, 1);
    return done(cmd.kind === 'S' ? listRules(world, ns, cmd.chain) : listChains(world, ns, numeric, cmd.chain), '', 0);
  }
  const rules = world.kernel.netns[ns]?.nat ?? [];
  if (cmd.kind === 'F') {
    if (cmd.chain !== undefined && !known(cmd.chain))
      return done('', 'iptables: No chain/target/match by that name.\n', 1);
    // Docker's own nat rules are not data here: flushing the whole table is not simulated.
    if (cmd.chain === undefined && chains.length > 0) return done('', UNSUPPORTED, 2);
    if (cmd.chain !== undefined && cmd.chain !== 'POSTROUTING') return done('', UNSUPPORTED, 2);
    return commitRules(world, ns, rules, [], done);
  }
  const chain = cmd.chain ?? '';
  if (chain !== 'POSTROUTING')
    return known(chain) ? done('', UNSUPPORTED, 2) : done('', 'iptables: No chain/target/match by that name.\n', 1);
  const num = 'num' in cmd ? cmd.num : undefined;
  if (cmd.kind === 'D' && num !== undefined && source === undefined && target === undefined) {
    if (num < 1 || num > rules.length) return done('', 'iptables: Index of deletion too big.\n', 1);
    return commitRules(
      world,
      ns,
      rules,
      rules.filter((_, j) => j !== num - 1),
      done,
    );
  }
  if (target !== 'MASQUERADE' || source === undefined || notOut === undefined) return done('', UNSUPPORTED, 2);
  const src = normaliseSource(source);
  if (!src) return done('', `${V}: host/network \`${source}' not found\n${TRY}`, 2);
  const rule: MasqueradeRule = { source: src, notOut };
  if (cmd.kind === 'A') return commitRules(world, ns, rules, [...rules, rule], done);
  if (cmd.kind === 'I') {
    const at = Math.min(Math.max((num ?? 1) - 1, 0), rules.length);
    if ((num ?? 1) > rules.length + 1) return done('', 'iptables: Index of insertion too big.\n', 1);
    return commitRules(world, ns, rules, [...rules.slice(0, at), rule, ...rules.slice(at)], done);
  }
  const i = rules.findIndex((r) => r.source === rule.source && r.notOut === rule.notOut);
  if (i < 0) return done('', 'iptables: Bad rule (does a matching rule exist in that chain?).\n', 1);
  return commitRules(
    world,
    ns,
    rules,
    rules.filter((_, j) => j !== i),
    done,
  );
};

/**
 * Turns the rule list into `after` with the kernel's two NAT ops: the rules from the first
 * difference on are deleted, then the rest of `after` appended (so -I and -D N keep the order).
 */
function commitRules(
  world: World,
  ns: string,
  before: readonly MasqueradeRule[],
  after: readonly MasqueradeRule[],
  done: (o: string, e: string, s: number, w?: World) => ToolResult,
): ToolResult {
  let same = 0;
  while (
    same < before.length &&
    same < after.length &&
    before[same]!.source === after[same]!.source &&
    before[same]!.notOut === after[same]!.notOut
  )
    same++;
  const ops: KernelOp[] = [];
  // delMasquerade removes the first equal rule: delete from the end so the right copies go.
  for (let j = before.length - 1; j >= same; j--) ops.push({ op: 'delMasquerade', netns: ns, ...before[j]! });
  const ordered = ops.reverse();
  for (const r of after.slice(same))
    ordered.push({ op: 'addMasquerade', netns: ns, source: r.source, notOut: r.notOut });
  const r = commitOps(world, ordered);
  if (!r.ok) return done('', UNSUPPORTED, 2);
  return done('', '', 0, r.world);
}

registerTool('iptables', iptables, ['host']);
