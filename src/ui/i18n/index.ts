// ui/i18n/index.ts — the typed message catalogues, `t()` to fill a message, the `useT()` hook that
// follows the store's language, and the language's sources outside the store (`?lang=`, the
// remembered choice in localStorage). Storage may be missing or refuse: every access is guarded.
import { useEffect, useSyncExternalStore } from 'react';
import type { Lang } from '../../store';
import { useApp } from '../../store/react';
import { en, type MessageKey } from './en';

export type { MessageKey } from './en';

/**
 * The catalogues loaded so far. English is built in; the others load on first use, so the
 * first paint does not carry a language it may not show. Until one arrives, English stands in.
 */
const loaded: Partial<Record<Lang, Record<MessageKey, string>>> = { en };
let version = 0;
const listeners = new Set<() => void>();

/** Loads a language's catalogue (once); resolves when `t` can use it. */
export function loadLang(lang: Lang): Promise<void> {
  if (loaded[lang]) return Promise.resolve();
  return import('./zhTW').then((m) => {
    loaded['zh-TW'] = m.zhTW;
    version++;
    for (const f of listeners) f();
  });
}

function subscribe(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** The name of each language in itself, for the language menu (not translated on purpose). */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-TW': '正體中文' };

const STORAGE_KEY = 'netns-lab.lang';

/** The message `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const msg = (loaded[lang] ?? en)[key] ?? en[key];
  return msg.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** True when `key` names a message of the catalogues. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A `t` bound to the store's language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useApp((s) => s.lang);
  // Re-render once a catalogue arrives.
  useSyncExternalStore(subscribe, () => version);
  useEffect(() => {
    void loadLang(lang);
  }, [lang]);
  return (key, vars) => t(lang, key, vars);
}

/** Reads a language tag; anything else is null (so a hostile `?lang=` is ignored). */
export function parseLang(v: string | null | undefined): Lang | null {
  if (!v) return null;
  const low = v.toLowerCase();
  if (low === 'en' || low.startsWith('en-')) return 'en';
  if (low === 'zh-tw' || low === 'zh-hant' || low.startsWith('zh-hant-')) return 'zh-TW';
  return null;
}

/** The language to start in: `?lang=`, else the remembered one, else English. */
export function initialLang(search: string): Lang {
  const fromUrl = parseLang(new URLSearchParams(search).get('lang'));
  if (fromUrl) return fromUrl;
  try {
    return parseLang(globalThis.localStorage?.getItem(STORAGE_KEY)) ?? 'en';
  } catch {
    return 'en';
  }
}

/** Remembers the language for the next visit; does nothing where storage is refused. */
export function rememberLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private windows and blocked storage: the choice lasts for this page only.
  }
}
