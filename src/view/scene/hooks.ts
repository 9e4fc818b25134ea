// view/scene/hooks.ts — the "NAT & filter" overlay: where the host namespace's netfilter rules sit
// (nat PREROUTING and OUTPUT for DNAT, filter FORWARD with the chains it jumps to, nat
// POSTROUTING for MASQUERADE), counted from the kernel's rule lists. Pure; the rule lists are
// read defensively (plain arrays of {chain, target}), so a richer rule model still counts.
import type { World } from '../../docker/world';
import { INIT_NET } from '../../kernel/query';
import { fitLabel, labelWidth, metricsOf, placeRow, type Metrics } from './layout';
import type { SceneBox } from './types';

/** A built-in chain of one table, and what it does for Docker. */
export interface HookView {
  /** Scene key: `hook:<table>:<chain>`. */
  key: string;
  table: 'nat' | 'filter';
  chain: 'PREROUTING' | 'OUTPUT' | 'FORWARD' | 'POSTROUTING';
  /** What the rules of this hook are for: DNAT, filter or MASQUERADE. */
  role: 'DNAT' | 'filter' | 'MASQUERADE';
  /** Rules in the built-in chain itself. */
  rules: number;
  /** The user-defined chains it reaches by jumps, with their own rule counts, in order met. */
  chains: { name: string; rules: number }[];
}

interface RuleLike {
  chain: string;
  target: string;
}

function rulesIn(raw: unknown): RuleLike[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (r): r is RuleLike =>
      !!r &&
      typeof r === 'object' &&
      typeof (r as RuleLike).chain === 'string' &&
      typeof (r as RuleLike).target === 'string',
  );
}

const HOOKS: readonly Pick<HookView, 'table' | 'chain' | 'role'>[] = [
  { table: 'nat', chain: 'PREROUTING', role: 'DNAT' },
  { table: 'nat', chain: 'OUTPUT', role: 'DNAT' },
  { table: 'filter', chain: 'FORWARD', role: 'filter' },
  { table: 'nat', chain: 'POSTROUTING', role: 'MASQUERADE' },
];

/** The four hooks of the host namespace with their rule counts. */
export function netfilterHooks(w: World): HookView[] {
  const ns = w.kernel.netns[INIT_NET] as unknown as Record<string, unknown> | undefined;
  const filter = rulesIn(ns?.filter);
  const nat = rulesIn(ns?.natRules);
  // The older MASQUERADE list holds POSTROUTING rules of its own shape (source, notOut).
  const masq = Array.isArray(ns?.nat) ? ns.nat.length : 0;
  return HOOKS.map((h) => {
    const table = h.table === 'nat' ? nat : filter;
    const count = (chain: string) => table.filter((r) => r.chain === chain).length;
    const chains: { name: string; rules: number }[] = [];
    const seen = new Set<string>([h.chain as string]);
    // Follow jumps breadth-first: FORWARD → DOCKER-USER, DOCKER-ISOLATION-STAGE-1 → STAGE-2 …
    const queue: string[] = [h.chain];
    while (queue.length) {
      const from = queue.shift()!;
      for (const r of table) {
        if (r.chain !== from || seen.has(r.target) || !/^[A-Z0-9][A-Z0-9_-]*$/.test(r.target)) continue;
        if (!table.some((x) => x.chain === r.target) && !/^DOCKER/.test(r.target)) continue;
        seen.add(r.target);
        chains.push({ name: r.target, rules: count(r.target) });
        queue.push(r.target);
      }
    }
    const own = count(h.chain) + (h.chain === 'POSTROUTING' ? masq : 0);
    return { key: `hook:${h.table}:${h.chain}`, ...h, rules: own, chains };
  });
}

function rulesWord(n: number): string {
  return `${n} rule${n === 1 ? '' : 's'}`;
}

/** The words of a hook for the text twin and the accessible name. */
export function hookWords(h: HookView): string {
  const jumps = h.chains.map((c) => `${c.name} (${rulesWord(c.rules)})`).join(', ');
  return `${h.table} ${h.chain} (${h.role}): ${rulesWord(h.rules)}${jumps ? `, jumps to ${jumps}` : ''}`;
}

/**
 * The overlay's markers, placed in rows from (x, y) within `width`; returns the boxes and the
 * height they take. Each marker is related to the host namespace, so hovering one lights it.
 */
export function hookMarkers(
  w: World,
  x: number,
  y: number,
  width: number,
  m: Metrics = metricsOf(),
): { boxes: SceneBox[]; height: number } {
  const hooks = netfilterHooks(w);
  const s = m.s;
  const labels = hooks.map((h) => {
    const what = h.role === 'filter' ? 'filter' : `${h.table} ${h.role}`;
    const jumps = h.chains.length ? `, +${h.chains.length} chain${h.chains.length === 1 ? '' : 's'}` : '';
    return [h.chain, `${what} · ${rulesWord(h.rules)}${jumps}`];
  });
  // One width for all four, as wide as the longest label needs (compact type), so they line up.
  const bw = Math.ceil(Math.max(...labels.map((l) => labelWidth(l, m, true))));
  const rowH = m.nicH + 12 * s;
  const perRow = Math.max(1, Math.min(hooks.length, Math.floor(width / (bw + 8 * s))));
  const at = placeRow(
    hooks.map(() => bw),
    x,
    y,
    perRow,
    width,
    rowH,
  );
  const boxes = hooks.map((h, i): SceneBox => ({
    key: h.key,
    kind: 'hook',
    shape: 'nic',
    x: at[i].x,
    y: at[i].y,
    w: bw,
    h: m.nicH,
    label: fitLabel(labels[i], bw, true, m),
    tone: 0,
    name: `netfilter hook ${hookWords(h)}`,
    related: [INIT_NET],
    compact: true,
    z: 2,
  }));
  const rows = Math.ceil(hooks.length / perRow);
  return { boxes, height: rows * rowH };
}
