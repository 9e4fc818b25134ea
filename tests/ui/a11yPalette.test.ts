// WCAG AA contrast of the palette in app.css, computed from the theme variables themselves (the
// effective value of each, later rules winning): text 4.5:1 on every surface it is drawn on,
// non-text marks (focus ring, wires, highlight) 3:1 (WCAG 2.2, SC 1.4.3 and 1.4.11).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(fileURLToPath(new URL('../../src/ui/app.css', import.meta.url)), 'utf8');

/** The custom properties a theme ends up with: light rules apply to both, dark rules on top. */
function themeVars(theme: 'light' | 'dark'): Record<string, string> {
  const vars: Record<string, string> = {};
  const src = CSS.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of src.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = m[1].split(',').map((x) => x.trim());
    const light = selectors.includes(':root') || selectors.includes("[data-theme='light']");
    if (!light) continue;
    for (const d of m[2].matchAll(/--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6})/g)) vars[d[1]] = d[2].toLowerCase();
  }
  // The dark theme sits on the root (data-theme on <html>), so its rules win over the light ones.
  if (theme === 'dark') {
    for (const m of src.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      if (
        !m[1]
          .split(',')
          .map((x) => x.trim())
          .includes("[data-theme='dark']")
      )
        continue;
      for (const d of m[2].matchAll(/--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6})/g)) vars[d[1]] = d[2].toLowerCase();
    }
  }
  return vars;
}

/** Relative luminance (WCAG 2.2 definition). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TONES = [0, 1, 2, 3, 4, 5, 6, 7];
/** Everything text can sit on: the page, panels, and every namespace fill and container card. */
const SURFACES = [
  'bg',
  'panel',
  'panel-2',
  'switch-fill',
  'nic-fill',
  ...TONES.flatMap((n) => [`tone-${n}-fill`, `tone-${n}-card`]),
];

describe.each(['light', 'dark'] as const)('the %s palette', (theme) => {
  const v = themeVars(theme);
  const check = (fg: string, bgs: string[], min: number) =>
    bgs.filter((bg) => ratio(v[fg], v[bg]) < min).map((bg) => `${fg} on ${bg}: ${ratio(v[fg], v[bg]).toFixed(2)}`);

  it('defines every colour it is checked for', () => {
    for (const k of ['text', 'muted', 'focus', 'wire', 'port', 'hl', ...SURFACES]) expect(v[k], k).toMatch(/^#/);
  });

  it('gives body text 4.5:1 on every surface', () => {
    expect(check('text', SURFACES, 4.5)).toEqual([]);
  });

  it('gives muted text 4.5:1 on the page and the panels', () => {
    expect(check('muted', ['bg', 'panel', 'panel-2'], 4.5)).toEqual([]);
  });

  it('gives the focus ring 3:1 against the page, the panels and every fill', () => {
    expect(check('focus', SURFACES, 3)).toEqual([]);
  });

  it('gives wires, ports and the highlight 3:1 against the page and the panels', () => {
    expect([
      ...check('wire', ['bg', 'panel'], 3),
      ...check('port', ['bg', 'panel'], 3),
      ...check('hl', ['bg', 'panel'], 3),
    ]).toEqual([]);
  });

  it('catches a palette that fails (the checker is not vacuous)', () => {
    // #64748b, the old muted grey, on the light page background: 4.4:1, under AA.
    expect(ratio('#64748b', '#f4f6fa')).toBeLessThan(4.5);
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
