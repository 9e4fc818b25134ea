// Comparator: judges a simulator run against the real kernel's run of the same script.
// Only what the kernel makes random is normalised (MACs, and the EUI-64 link-local addresses
// made from them); every other field, key order, exit status and stderr text must match exactly.
import type { DumpRecord, LineRecord, RunRecord, Script } from './script';

export interface Mismatch {
  script: string;
  /** Where: `line 4 \`ip link add …\`` or `dump host \`ip -j link\``. */
  place: string;
  /** Field path inside that place, e.g. `[ifname=veth0].flags`, `status`, `stderr`. */
  field: string;
  real: string;
  sim: string;
}

export interface Comparison {
  script: string;
  linesRun: number;
  fieldsCompared: number;
  mismatches: Mismatch[];
}

const KEEP_MACS = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);
const MAC_RE = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
const BRIDGE_ID_RE = /\b(8000\.)([0-9a-f]{12})\b/g;
const LINK_LOCAL_RE = /\bfe80::[0-9a-f:]*[0-9a-f]\b/gi;

/** Expands an IPv6 address to 8 groups of 4 hex digits, or undefined if it is not one. */
function expandV6(addr: string): string[] | undefined {
  const halves = addr.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(Math.max(fill, 0)).fill('0'), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0'));
}

/** The MAC an EUI-64 link-local address was made from (fe80::/64, ff:fe in the middle). */
export function macFromLinkLocal(addr: string): string | undefined {
  const g = expandV6(addr);
  if (!g || g[0] !== 'fe80' || g[1] !== '0000' || g[2] !== '0000' || g[3] !== '0000') return undefined;
  const iid = g.slice(4).join('');
  if (iid.slice(6, 10) !== 'fffe') return undefined;
  const bytes = [
    iid.slice(0, 2),
    iid.slice(2, 4),
    iid.slice(4, 6),
    iid.slice(10, 12),
    iid.slice(12, 14),
    iid.slice(14, 16),
  ];
  bytes[0] = (parseInt(bytes[0] ?? '0', 16) ^ 0x02).toString(16).padStart(2, '0');
  return bytes.join(':');
}

/**
 * Gives each distinct MAC a token in order of first appearance (`MAC#1`, `MAC#2`, …), so that
 * equalities between MACs survive normalisation while their random values do not matter.
 */
export class MacTokens {
  private readonly map = new Map<string, string>();
  token(mac: string): string {
    const key = mac.toLowerCase();
    if (KEEP_MACS.has(key)) return key;
    let t = this.map.get(key);
    if (t === undefined) {
      t = `MAC#${this.map.size + 1}`;
      this.map.set(key, t);
    }
    return t;
  }
  /** Rewrites MACs, bridge ids (8000.<mac>) and EUI-64 link-local addresses in free text. */
  text(s: string): string {
    return s
      .replace(LINK_LOCAL_RE, (a) => {
        const mac = macFromLinkLocal(a);
        return mac ? `fe80::eui64(${this.token(mac)})` : a;
      })
      .replace(MAC_RE, (m) => this.token(m))
      .replace(BRIDGE_ID_RE, (_, p: string, hex: string) => p + this.token(hex.match(/../g)?.join(':') ?? hex));
  }
  /** Normalises a parsed `ip -j` value, visiting keys in their own order. */
  json(v: unknown, key?: string): unknown {
    if (Array.isArray(v)) return v.map((x) => this.json(x));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.json(x, k);
      return out;
    }
    if (typeof v === 'string') {
      if (
        (key === 'address' || key === 'broadcast' || key === 'permaddr') &&
        /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(v)
      ) {
        return this.token(v);
      }
      if (key === 'local' || key === 'address' || key === 'gateway' || key === 'prefsrc' || key === 'dst') {
        const mac = macFromLinkLocal(v);
        if (mac) return `fe80::eui64(${this.token(mac)})`;
      }
    }
    return v;
  }
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

/** The identity of an element of an `ip -j` array, to pair real and simulated elements. */
function identity(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.ifname === 'string') return `ifname=${o.ifname}`;
  if (typeof o.family === 'string' && typeof o.local === 'string')
    return `${o.family} ${o.local}/${String(o.prefixlen)}`;
  if (typeof o.dst === 'string') {
    const extra = ['gateway', 'dev', 'metric', 'table']
      .filter((k) => o[k] !== undefined)
      .map((k) => `${k}=${String(o[k])}`);
    return ['dst=' + o.dst, ...extra].join(' ');
  }
  return undefined;
}

class Differ {
  fields = 0;
  readonly out: Array<{ field: string; real: string; sim: string }> = [];
  private add(field: string, real: unknown, sim: unknown): void {
    this.out.push({ field, real: show(real), sim: show(sim) });
  }

  value(path: string, real: unknown, sim: unknown): void {
    if (Array.isArray(real) && Array.isArray(sim)) return this.array(path, real, sim);
    if (isObject(real) && isObject(sim)) return this.object(path, real, sim);
    this.fields++;
    if (JSON.stringify(real) !== JSON.stringify(sim)) this.add(path || '(value)', real, sim);
  }

  private object(path: string, real: Record<string, unknown>, sim: Record<string, unknown>): void {
    const rk = Object.keys(real);
    const sk = Object.keys(sim);
    for (const k of rk) this.value(join(path, k), real[k], sim[k]);
    for (const k of sk) if (!(k in real)) this.value(join(path, k), undefined, sim[k]);
    // iproute2's key order is part of its JSON format; check it where the key sets agree.
    const common = rk.filter((k) => k in sim);
    const simCommon = sk.filter((k) => k in real);
    this.fields++;
    if (common.join(',') !== simCommon.join(',')) this.add(join(path, '(key order)'), common, simCommon);
  }

  private array(path: string, real: unknown[], sim: unknown[]): void {
    const ids = real.map(identity);
    const simIds = sim.map(identity);
    const keyed = ids.every((x) => x !== undefined) && simIds.every((x) => x !== undefined);
    if (!keyed) {
      // Lists of plain values (flags): compared as a whole, order included.
      if (real.every((x) => !isObject(x) && !Array.isArray(x)) && sim.every((x) => !isObject(x) && !Array.isArray(x))) {
        this.fields++;
        if (JSON.stringify(real) !== JSON.stringify(sim)) this.add(path || '(value)', real, sim);
        return;
      }
      this.fields++;
      if (real.length !== sim.length) this.add(join(path, '(length)'), real.length, sim.length);
      real.forEach((x, i) => this.value(`${path}[${i}]`, x, sim[i]));
      return;
    }
    const uniq = (list: (string | undefined)[]): string[] => {
      const seen = new Map<string, number>();
      return list.map((id) => {
        const n = (seen.get(id ?? '') ?? 0) + 1;
        seen.set(id ?? '', n);
        return n > 1 ? `${id} #${n}` : (id ?? '');
      });
    };
    const rid = uniq(ids);
    const sid = uniq(simIds);
    rid.forEach((id, i) => {
      const j = sid.indexOf(id);
      if (j < 0) {
        this.fields++;
        this.add(`${path}[${id}]`, real[i], undefined);
      } else {
        this.value(`${path}[${id}]`, real[i], sim[j]);
      }
    });
    sid.forEach((id, j) => {
      if (!rid.includes(id)) {
        this.fields++;
        this.add(`${path}[${id}]`, undefined, sim[j]);
      }
    });
    const both = rid.filter((id) => sid.includes(id));
    const simBoth = sid.filter((id) => rid.includes(id));
    this.fields++;
    if (both.join('|') !== simBoth.join('|')) this.add(join(path, '(order)'), both, simBoth);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Compares one simulator run with the real run of the same script. */
export function compareRuns(script: Script, real: RunRecord, sim: RunRecord): Comparison {
  const mismatches: Mismatch[] = [];
  let fields = 0;
  const realTokens = new MacTokens();
  const simTokens = new MacTokens();
  const push = (place: string, field: string, r: string, s: string): void => {
    mismatches.push({ script: script.name, place, field, real: r, sim: s });
  };

  // Dumps first: their MACs get the first tokens, in the same order on both sides.
  const dumpCount = Math.max(real.dumps.length, sim.dumps.length);
  for (let i = 0; i < dumpCount; i++) {
    const r: DumpRecord | undefined = real.dumps[i];
    const s: DumpRecord | undefined = sim.dumps[i];
    const place = `dump ${r?.where ?? s?.where ?? '?'} \`${r?.cmd ?? s?.cmd ?? '?'}\``;
    if (!r || !s || r.cmd !== s.cmd) {
      fields++;
      push(place, '(dump)', r?.cmd ?? '(none)', s?.cmd ?? '(none)');
      continue;
    }
    fields += 2;
    if (r.status !== s.status) push(place, 'status', String(r.status), String(s.status));
    if (r.stderr !== s.stderr) push(place, 'stderr', JSON.stringify(r.stderr), JSON.stringify(s.stderr));
    if (r.status !== 0 || s.status !== 0) continue;
    const rj = parseJson(r.stdout);
    const sj = parseJson(s.stdout);
    fields++;
    if (!rj.ok) {
      push(place, '(json)', `real output is not JSON: ${rj.error}`, '');
      continue;
    }
    if (!sj.ok) {
      push(place, '(json)', 'valid JSON', `not JSON (${sj.error}): ${JSON.stringify(s.stdout.slice(0, 300))}`);
      continue;
    }
    const d = new Differ();
    d.value('', realTokens.json(rj.value), simTokens.json(sj.value));
    fields += d.fields;
    for (const m of d.out) push(place, m.field, m.real, m.sim);
    // iproute2 prints compact JSON on one line; a simulator that pretty-prints differs in text.
    fields++;
    const compact = (t: string): boolean => t.trimEnd() === JSON.stringify(JSON.parse(t));
    if (compact(r.stdout) !== compact(s.stdout))
      push(place, '(json layout)', 'compact, one line', JSON.stringify(s.stdout.slice(0, 120)));
  }

  script.lines.forEach((line, i) => {
    const r: LineRecord | undefined = real.lines[i];
    const s: LineRecord | undefined = sim.lines[i];
    const place = `line ${line.lineNo} \`${line.text}\``;
    if (!r || !s) {
      fields++;
      push(place, '(ran)', r ? 'ran' : 'did not run', s ? 'ran' : 'did not run');
      return;
    }
    fields += 2;
    if (r.status !== s.status) push(place, 'status', String(r.status), String(s.status));
    if (r.stderr !== s.stderr) push(place, 'stderr', JSON.stringify(r.stderr), JSON.stringify(s.stderr));
    if (line.compareStdout) {
      fields++;
      // Sorting is only asked for where the order is the filesystem's (e.g. `ip netns list`).
      const order = (t: string): string => (line.unordered ? t.split('\n').sort().join('\n') : t);
      const rj = parseJson(r.stdout);
      const sj = parseJson(s.stdout);
      if (rj.ok && sj.ok && !line.unordered) {
        // `ip -j …` output: compared like a dump, so the difference is named field by field.
        const d = new Differ();
        d.value('stdout', realTokens.json(rj.value), simTokens.json(sj.value));
        fields += d.fields;
        for (const m of d.out) push(place, m.field, m.real, m.sim);
        return;
      }
      const ro = order(realTokens.text(r.stdout));
      const so = order(simTokens.text(s.stdout));
      if (ro !== so) {
        // Name the first differing output line, then show both outputs whole.
        const rl = ro.split('\n');
        const sl = so.split('\n');
        const at = rl.findIndex((x, k) => x !== sl[k]);
        const n = at < 0 ? rl.length : at;
        push(
          place,
          `stdout line ${n + 1}`,
          JSON.stringify(rl[n] ?? '(end of output)'),
          JSON.stringify(sl[n] ?? '(end of output)'),
        );
        push(place, 'stdout (whole)', JSON.stringify(ro), JSON.stringify(so));
      }
    }
  });

  return { script: script.name, linesRun: script.lines.length, fieldsCompared: fields, mismatches };
}

/** A readable, line-oriented diff of a comparison's mismatches. */
export function formatMismatches(c: Comparison): string {
  if (c.mismatches.length === 0) return `${c.script}: no differences (${c.fieldsCompared} fields)`;
  const out = [`${c.script}: ${c.mismatches.length} difference(s) in ${c.fieldsCompared} fields compared`];
  let lastPlace = '';
  for (const m of c.mismatches) {
    if (m.place !== lastPlace) {
      out.push(`  ${m.place}`);
      lastPlace = m.place;
    }
    out.push(`    ${m.field}`);
    out.push(`      real: ${m.real}`);
    out.push(`      sim:  ${m.sim}`);
  }
  return out.join('\n');
}
