// Security: nothing in src/ turns text into markup or code. Every name, command line and
// terminal text a person types must reach the page as text; so the sources may not use the
// APIs that parse strings as HTML or script (d3's .html() included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const FORBIDDEN: [name: string, pattern: RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\s*\(/],
  ['eval', /(^|[^.\w$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['setTimeout with a string', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
  ["d3's .html()", /\.html\s*\(/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [p] : [];
  });
}

/** Every forbidden use in a text, as `name (line N)`. */
export function forbiddenUses(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [name, re] of FORBIDDEN) if (re.test(line)) found.push(`${name} (line ${i + 1})`);
  });
  return found;
}

describe('source scan', () => {
  it('finds each forbidden API in a sample (the scan itself works)', () => {
    const sample = [
      'el.innerHTML = name;',
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
      'eval(code);',
      'const f = new Function("return 1");',
      'el.insertAdjacentHTML("beforeend", s);',
      'sel.html(label);',
    ].join('\n');
    expect(forbiddenUses(sample)).toHaveLength(6);
    expect(forbiddenUses('const evaluate = 1; x.evaluate(); retrieval(); el.textContent = s;')).toEqual([]);
  });

  it('src/ uses no API that parses strings as HTML or script', () => {
    const files = [...sources(join(ROOT, 'src')), join(ROOT, 'index.html')];
    expect(files.length).toBeGreaterThan(20);
    const bad = files.flatMap((f) => forbiddenUses(readFileSync(f, 'utf8')).map((u) => `${relative(ROOT, f)}: ${u}`));
    expect(bad).toEqual([]);
  });
});
