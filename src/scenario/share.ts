// scenario/share.ts — a lab state as a link: the command lines plus the settings, as JSON with a
// format version, compressed with lz-string into the URL fragment (`#lab=1.<data>`). Decoding
// never trusts its input: sizes are capped before and after decompression, every field is
// checked, and a failure is a message, never an exception. Nothing decoded is ever run as code.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** The format written now; links of another version are refused with a message. */
export const SHARE_VERSION = 1;
/** The fragment key: `#lab=<version>.<data>`. */
export const SHARE_KEY = 'lab';
/**
 * Caps. lz-string can expand a code to a long string, so the compressed text is capped first
 * (what a browser keeps in a URL comfortably), then the JSON it inflates to.
 */
export const MAX_ENCODED = 12_000;
export const MAX_JSON = 400_000;
export const MAX_LINES = 500;
export const MAX_LINE = 4_000;

export type ShareProfile = 'classic' | 'current';
export type ShareTheme = 'system' | 'light' | 'dark';
/** Which diagrams an embed shows (an embed option, not part of a link). */
export type SharePanes = 'both' | 'kernel' | 'user';

/** The one guided tour's id (scenario/tour.ts); a link names it with the open step. */
export const TOUR_ID = 'network-modes';

/**
 * How the lab is shown (not what it holds): presenter mode, its zoom, the packet player's speed,
 * the NAT & filter overlay.
 */
export interface ShareView {
  presenter?: boolean;
  /** The NAT & filter overlay on the kernel view. */
  nat?: boolean;
  /** Presenter zoom, 0.6–2.5. */
  zoom?: number;
  /** Packet playback speed, 0.25–4. */
  speed?: number;
}

/** What a link holds. Optional fields may be added within a version; readers ignore unknown ones. */
export interface SharedLab {
  /** The command lines that made the world, in order. */
  lines: string[];
  profile: ShareProfile;
  theme: ShareTheme;
  /** The world's seed (Docker ids, MACs); 1 when absent. */
  seed: number;
  /** The open step of a tour. */
  tour?: { id: string; step: number };
  /** Interface language, a BCP 47 tag. */
  lang?: string;
  /** View options; absent fields keep the app's defaults. */
  view?: ShareView;
}

export type DecodeResult = { ok: true; lab: SharedLab } | { ok: false; error: string };

/** The fragment (with `#`) for a lab. */
export function encodeShare(lab: SharedLab): string {
  const body: Record<string, unknown> = { v: SHARE_VERSION, lines: lab.lines, profile: lab.profile, theme: lab.theme };
  if (lab.seed !== 1) body.seed = lab.seed;
  if (lab.tour) body.tour = lab.tour;
  if (lab.lang) body.lang = lab.lang;
  if (lab.view && Object.keys(lab.view).length > 0) body.view = lab.view;
  return `#${SHARE_KEY}=${SHARE_VERSION}.${compressToEncodedURIComponent(JSON.stringify(body))}`;
}

/** True when a fragment carries a lab (so the app knows to decode it rather than autosave). */
export function hasShare(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(`${SHARE_KEY}=`);
}

const fail = (error: string): DecodeResult => ({ ok: false, error });

// Control characters other than tab would let a line smuggle terminal escapes or a second line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Checks a parsed value field by field; unknown fields are dropped. */
export function validateLab(raw: unknown): DecodeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('the link holds no lab state');
  const o = raw as Record<string, unknown>;
  if (o.v !== SHARE_VERSION)
    return fail(
      typeof o.v === 'number' && o.v > SHARE_VERSION
        ? `the link was made by a newer netns-lab (format ${o.v}); this one reads format ${SHARE_VERSION}`
        : 'the link has an unknown format version',
    );
  if (!Array.isArray(o.lines)) return fail('the link has no command lines');
  if (o.lines.length > MAX_LINES) return fail(`the link has more than ${MAX_LINES} command lines`);
  const lines: string[] = [];
  for (const l of o.lines as unknown[]) {
    if (typeof l !== 'string') return fail('a command line in the link is not text');
    if (l.length > MAX_LINE) return fail(`a command line in the link is longer than ${MAX_LINE} characters`);
    if (CONTROL.test(l)) return fail('a command line in the link holds control characters');
    lines.push(l);
  }
  const profile = o.profile ?? 'classic';
  if (profile !== 'classic' && profile !== 'current') return fail('the link names an unknown Docker profile');
  const theme = o.theme ?? 'system';
  if (theme !== 'system' && theme !== 'light' && theme !== 'dark') return fail('the link names an unknown theme');
  const seed = o.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return fail('the link has an invalid seed');
  const lab: SharedLab = { lines, profile, theme, seed };
  if (o.tour !== undefined) {
    const t = o.tour as Record<string, unknown> | null;
    if (
      typeof t !== 'object' ||
      t === null ||
      typeof t.id !== 'string' ||
      !/^[a-z0-9-]{1,64}$/.test(t.id) ||
      typeof t.step !== 'number' ||
      !Number.isInteger(t.step) ||
      t.step < 0 ||
      t.step > 10_000
    )
      return fail('the link names an invalid tour step');
    lab.tour = { id: t.id, step: t.step };
  }
  if (o.lang !== undefined) {
    if (typeof o.lang !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(o.lang))
      return fail('the link names an invalid language');
    lab.lang = o.lang;
  }
  if (o.view !== undefined) {
    const view = validateView(o.view);
    if (!view) return fail('the link has invalid view options');
    lab.view = view;
  }
  return { ok: true, lab };
}

const inRange = (x: unknown, lo: number, hi: number): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;

/** Checks view options field by field (unknown fields dropped); null when one is invalid. */
function validateView(raw: unknown): ShareView | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const view: ShareView = {};
  if (o.presenter !== undefined) {
    if (typeof o.presenter !== 'boolean') return null;
    view.presenter = o.presenter;
  }
  if (o.nat !== undefined) {
    if (typeof o.nat !== 'boolean') return null;
    view.nat = o.nat;
  }
  if (o.zoom !== undefined) {
    if (!inRange(o.zoom, 0.6, 2.5)) return null;
    view.zoom = o.zoom;
  }
  if (o.speed !== undefined) {
    if (!inRange(o.speed, 0.25, 4)) return null;
    view.speed = o.speed;
  }
  return view;
}

/** Reads a fragment (`#lab=1.…`, with or without `#`). */
export function decodeShare(hash: string): DecodeResult {
  if (typeof hash !== 'string') return fail('the link is not text');
  const frag = hash.replace(/^#/, '');
  if (!frag.startsWith(`${SHARE_KEY}=`)) return fail('the link holds no lab state');
  const rest = frag.slice(SHARE_KEY.length + 1);
  if (rest.length > MAX_ENCODED) return fail(`the link is too long (over ${MAX_ENCODED} characters)`);
  const dot = rest.indexOf('.');
  const version = dot < 0 ? '' : rest.slice(0, dot);
  if (!/^\d{1,6}$/.test(version)) return fail('the link has no format version');
  if (Number(version) !== SHARE_VERSION)
    return fail(
      Number(version) > SHARE_VERSION
        ? `the link was made by a newer netns-lab (format ${version}); this one reads format ${SHARE_VERSION}`
        : `the link has an unknown format version (${version})`,
    );
  const data = rest.slice(dot + 1);
  if (!/^[A-Za-z0-9+\-$]*$/.test(data)) return fail('the link is damaged (characters that cannot be in it)');
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(data);
  } catch {
    json = null;
  }
  if (!json) return fail('the link is damaged or cut short (it does not decompress)');
  if (json.length > MAX_JSON) return fail('the link unpacks to too much data');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('the link is damaged or cut short (its content is not valid)');
  }
  return validateLab(raw);
}
