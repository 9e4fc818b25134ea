// ui/embed/options.ts — the options of an embedded lab (`?embed=1&panes=…` on an iframe, or the
// attributes of <netns-lab>), read and checked here without touching the DOM. A bad value never
// stops the lab: it falls back to the default and adds a notice (a catalogue key and its values,
// worded in the embed's language when shown) that the embed shows on the page.
import type { Lang, ThemePref } from '../../store';
import type { SharePanes } from '../../scenario/share';
import type { MessageKey } from '../i18n/en';

/** A refused option, as a message of the catalogues (en.ts/zhTW.ts) and the values it names. */
export interface EmbedNotice {
  key: MessageKey;
  vars: Record<string, string>;
}

export interface EmbedOptions {
  /** True when the page is embedded (`embed=1`): no app chrome, the lab fills its frame. */
  embed: boolean;
  panes: SharePanes;
  terminal: boolean;
  /** A tour step to open (`tour=ID&step=N`), or null. */
  tour: { id: string; step: number } | null;
  /** No typing, no mode buttons, no commands from menus: looking, clicking and step playback only. */
  readonly: boolean;
  /** null: the link's (or the system's) theme. */
  theme: ThemePref | null;
  /** null: the link's language, else English. */
  lang: Lang | null;
  /** One notice per value that was refused (shown on the page, never thrown). */
  notices: EmbedNotice[];
}

export const EMBED_DEFAULTS: Readonly<EmbedOptions> = {
  embed: false,
  panes: 'both',
  terminal: true,
  tour: null,
  readonly: false,
  theme: null,
  lang: null,
  notices: [],
};

/** Option names and the values each takes (for messages and for the snippets' documentation). */
export const EMBED_VALUES = {
  panes: ['both', 'kernel', 'user'],
  terminal: ['0', '1'],
  readonly: ['0', '1'],
  theme: ['system', 'light', 'dark'],
  lang: ['en', 'zh-TW'],
} as const;

/** Longest value echoed back in a notice (a hostile value is cut, and always shown as text). */
const ECHO_MAX = 40;

export function quote(v: string): string {
  const cut = v.length > ECHO_MAX ? `${v.slice(0, ECHO_MAX)}…` : v;
  return JSON.stringify(cut);
}

/** Reads options from any name → value lookup (URL parameters or element attributes). */
export function readEmbedOptions(get: (name: string) => string | null, embed: boolean): EmbedOptions {
  const o: EmbedOptions = { ...EMBED_DEFAULTS, embed, notices: [] };
  const bad = (name: string, v: string, want: readonly string[]) =>
    o.notices.push({ key: 'embed.badValue', vars: { name, value: quote(v), allowed: want.join(', ') } });

  const panes = get('panes');
  if (panes !== null) {
    if (panes === 'both' || panes === 'kernel' || panes === 'user') o.panes = panes;
    else bad('panes', panes, EMBED_VALUES.panes);
  }
  const flag = (name: 'terminal' | 'readonly', dflt: boolean): boolean => {
    const v = get(name);
    if (v === null) return dflt;
    if (v === '1' || v === 'true') return true;
    if (v === '0' || v === 'false') return false;
    bad(name, v, EMBED_VALUES[name]);
    return dflt;
  };
  o.terminal = flag('terminal', true);
  o.readonly = flag('readonly', false);

  const theme = get('theme');
  if (theme !== null) {
    if (theme === 'system' || theme === 'light' || theme === 'dark') o.theme = theme;
    else bad('theme', theme, EMBED_VALUES.theme);
  }
  const lang = get('lang');
  if (lang !== null) {
    const low = lang.toLowerCase();
    if (low === 'en') o.lang = 'en';
    else if (low === 'zh-tw' || low === 'zh-hant') o.lang = 'zh-TW';
    else bad('lang', lang, EMBED_VALUES.lang);
  }

  const tour = get('tour');
  const step = get('step');
  if (tour !== null) {
    if (!/^[a-z0-9-]{1,64}$/.test(tour)) {
      o.notices.push({ key: 'embed.badTour', vars: { value: quote(tour) } });
    } else if (step !== null && !/^\d{1,4}$/.test(step)) {
      o.notices.push({ key: 'embed.badStep', vars: { value: quote(step) } });
      o.tour = { id: tour, step: 0 };
    } else {
      o.tour = { id: tour, step: step === null ? 0 : Number(step) };
    }
  } else if (step !== null) {
    o.notices.push({ key: 'embed.stepAlone', vars: {} });
  }
  return o;
}

/** Options from a query string (`?embed=1&panes=kernel…`, with or without `?`). */
export function parseEmbedQuery(search: string): EmbedOptions {
  const q = new URLSearchParams(search.replace(/^\?/, ''));
  return readEmbedOptions((n) => q.get(n), q.get('embed') === '1' || q.get('embed') === 'true');
}

/** A query string (with `?`) for the given options; defaults are left out. */
export function embedQuery(o: Partial<EmbedOptions>): string {
  const q = new URLSearchParams({ embed: '1' });
  if (o.panes && o.panes !== 'both') q.set('panes', o.panes);
  if (o.terminal === false) q.set('terminal', '0');
  if (o.tour) {
    q.set('tour', o.tour.id);
    q.set('step', String(o.tour.step));
  }
  if (o.readonly) q.set('readonly', '1');
  if (o.theme && o.theme !== 'system') q.set('theme', o.theme);
  if (o.lang) q.set('lang', o.lang);
  return `?${q.toString()}`;
}

/**
 * Command lines from a <netns-lab scenario="…"> attribute that is not a share link: one per line
 * or separated by `;` (a `;` inside quotes stays in its line, as the shell reads it).
 */
export function splitScenario(text: string): string[] {
  const lines: string[] = [];
  let cur = '';
  let q: '"' | "'" | null = null;
  for (const ch of text) {
    if (q) {
      if (ch === q) q = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === ';' || ch === '\n' || ch === '\r') {
      if (cur.trim()) lines.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) lines.push(cur.trim());
  return lines;
}
