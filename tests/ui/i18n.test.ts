// The message catalogues: both languages hold exactly the same keys, none empty, with the same
// {placeholders}; every text key the tour names exists; `?lang=` and the remembered language
// are read safely (hostile values and refused storage fall back to English).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOUR } from '../../src/scenario/tour';
import { initialLang, loadLang, parseLang, rememberLang, t, type MessageKey } from '../../src/ui/i18n';
import { en } from '../../src/ui/i18n/en';
import { zhTW } from '../../src/ui/i18n/zhTW';

// Both catalogues as the app holds them once loaded (Chinese loads on first use).
const CATALOGUES = { en, 'zh-TW': zhTW } as const;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const langs = Object.keys(CATALOGUES) as (keyof typeof CATALOGUES)[];

  it('has English and Traditional Chinese', () => {
    expect(langs).toEqual(['en', 'zh-TW']);
  });

  for (const a of langs) {
    for (const b of langs) {
      if (a === b) continue;
      it(`has every ${a} key in ${b}, not empty, with the same placeholders`, () => {
        const missing = Object.keys(CATALOGUES[a]).filter((k) => !(k in CATALOGUES[b]));
        expect(missing).toEqual([]);
        for (const k of Object.keys(CATALOGUES[a]) as MessageKey[]) {
          expect(CATALOGUES[b][k].trim(), k).not.toBe('');
          expect(placeholders(CATALOGUES[b][k]), k).toEqual(placeholders(CATALOGUES[a][k]));
        }
      });
    }
  }

  it('translates the tour: the Chinese texts are not the English ones', () => {
    const same = (Object.keys(CATALOGUES.en) as MessageKey[]).filter(
      (k) => k.startsWith('tour.') && CATALOGUES.en[k] === CATALOGUES['zh-TW'][k],
    );
    expect(same).toEqual([]);
  });

  it('holds every text the tour steps and questions name', () => {
    const needed: string[] = [];
    for (const s of TOUR) {
      needed.push(`tour.${s.id}.title`, `tour.${s.id}.body`);
      if (s.uses) needed.push(`tour.${s.id}.uses`);
      const q = s.question;
      if (q) {
        needed.push(`q.${q.id}.prompt`, `q.${q.id}.explain`);
        if (!q.literal) needed.push(...q.choices.map((c) => `q.${q.id}.${c}`));
      }
    }
    for (const lang of langs)
      expect(
        needed.filter((k) => !(k in CATALOGUES[lang])),
        lang,
      ).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', async () => {
    await loadLang('zh-TW');
    expect(t('en', 'lesson.progress', { n: 2, total: 7 })).toBe('Step 2 of 7');
    expect(t('zh-TW', 'lesson.progress', { n: 2, total: 7 })).toBe('第 2 步，共 7 步');
    expect(t('en', 'lesson.progress', { n: 2 })).toBe('Step 2 of {total}');
  });
});

describe('choosing the language', () => {
  // An in-memory Storage (this project runs in Node, which may have no localStorage).
  let stored: Map<string, string>;
  beforeEach(() => {
    stored = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads language tags and ignores anything else', () => {
    expect(parseLang('zh-TW')).toBe('zh-TW');
    expect(parseLang('zh-tw')).toBe('zh-TW');
    expect(parseLang('zh-Hant')).toBe('zh-TW');
    expect(parseLang('en-GB')).toBe('en');
    expect(parseLang('<script>')).toBeNull();
    expect(parseLang('fr')).toBeNull();
    expect(parseLang(null)).toBeNull();
  });

  it('takes ?lang= first, then the remembered language, then English', () => {
    expect(initialLang('')).toBe('en');
    rememberLang('zh-TW');
    expect(initialLang('')).toBe('zh-TW');
    expect(initialLang('?lang=en')).toBe('en');
    stored.clear();
    expect(initialLang('?lang=zh-TW')).toBe('zh-TW');
    expect(initialLang('?lang=xx')).toBe('en');
  });

  it('falls back to English when storage refuses', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(() => rememberLang('zh-TW')).not.toThrow();
    expect(initialLang('')).toBe('en');
  });
});
