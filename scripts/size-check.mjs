#!/usr/bin/env node
// scripts/size-check.mjs — the gzip size of the JavaScript and CSS a browser loads before the first
// paint of the built site: what dist/index.html references (module scripts, stylesheets, module
// preloads) and the chunks those scripts import statically. Dynamic import() chunks load later and
// do not count. Exits 1 when the JavaScript is over budget. Usage:
//   node scripts/size-check.mjs [DIST]                  fail above the budget (200 KB)
//   node scripts/size-check.mjs --ratchet [DIST]        fail above RATCHET_BYTES, and say loudly
//                                                       whether the budget itself is met
// CI uses the ratchet (see docs/performance.md): the size may shrink but not grow, and the
// report never calls an over-budget size "ok".
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** Budget for first-paint JavaScript, gzip-compressed, in bytes (1 KB = 1,000 bytes). */
export const JS_BUDGET_BYTES = 200_000;

/**
 * The first-paint size CI lets through, below the budget: the measured size once the shell's
 * tools moved out of the first paint (157.9 KB, loaded after it by src/shell/loadTools.ts) plus
 * 1 KB, so the first paint cannot quietly grow back towards the budget. Lower it as it shrinks.
 */
export const RATCHET_BYTES = 158_900;

/** Static imports in built ES modules: `import"./a.js"`, `import{x}from"./a.js"`, `export*from"./a.js"`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*(["'])(\.{1,2}\/[^"'\s]+?\.m?js)\1/g;

/**
 * Attribute value of a tag, or undefined.
 * @param {string} tag
 * @param {string} name
 */
function attr(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * Files under `dist` that the first paint needs, split by kind.
 * @param {string} dist
 * @returns {{ js: string[], css: string[] }} paths relative to dist
 */
export function firstPaintFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  /** @type {Set<string>} */
  const js = new Set();
  /** @type {Set<string>} */
  const css = new Set();
  const local = (/** @type {string} */ href) => !/^[a-z]+:|^\/\//i.test(href);
  const clean = (/** @type {string} */ href) => normalize(href.split(/[?#]/)[0]).replace(/^\/+/, '');
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    // A classic script without defer/async blocks the first paint too; module scripts run before it here.
    if (src && local(src)) js.add(clean(src));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    if (!href || !local(href)) continue;
    if (rel === 'stylesheet') css.add(clean(href));
    else if (rel === 'modulepreload') js.add(clean(href));
  }
  // Follow static imports: a module cannot run before everything it imports statically has loaded.
  const queue = [...js];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.pop());
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) {
      const dep = relative(dist, join(dist, dirname(file), m[2]));
      if (!js.has(dep) && existsSync(join(dist, dep))) {
        js.add(dep);
        queue.push(dep);
      }
    }
  }
  return { js: [...js].sort(), css: [...css].sort() };
}

/**
 * Sizes of the first-paint files, raw and gzip-compressed (zlib's default level, as servers use).
 * @param {string} dist
 */
export function measureFirstPaint(dist) {
  const { js, css } = firstPaintFiles(dist);
  const size = (/** @type {string} */ f) => {
    const buf = readFileSync(join(dist, f));
    return { file: f, bytes: buf.length, gzip: gzipSync(buf).length };
  };
  const jsFiles = js.map(size);
  const cssFiles = css.map(size);
  const sum = (/** @type {{gzip: number}[]} */ xs) => xs.reduce((a, x) => a + x.gzip, 0);
  return {
    js: jsFiles,
    css: cssFiles,
    jsGzip: sum(jsFiles),
    cssGzip: sum(cssFiles),
    jsBudget: JS_BUDGET_BYTES,
    ok: sum(jsFiles) <= JS_BUDGET_BYTES,
  };
}

const kb = (/** @type {number} */ b) => `${(b / 1000).toFixed(1)} KB`;

function main() {
  const args = process.argv.slice(2);
  const ratchet = args.includes('--ratchet');
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`size-check: ${join(dist, 'index.html')} not found; build the site first (npm run build)`);
    process.exit(2);
  }
  const r = measureFirstPaint(dist);
  for (const f of [...r.js, ...r.css]) console.log(`  ${f.file}  ${kb(f.bytes)} raw, ${kb(f.gzip)} gzip`);
  console.log(`size-check: first-paint CSS ${kb(r.cssGzip)} gzip`);
  console.log(
    `size-check: first-paint JS ${kb(r.jsGzip)} gzip, budget ${kb(r.jsBudget)}: ${r.ok ? 'ok' : 'OVER BUDGET'}`,
  );
  if (!ratchet) process.exit(r.ok ? 0 : 1);
  const held = r.jsGzip <= RATCHET_BYTES;
  console.log(
    `size-check: ratchet ${kb(RATCHET_BYTES)}: ${held ? 'not exceeded' : 'EXCEEDED (the first paint grew)'}` +
      (r.ok ? '' : ` — the ${kb(r.jsBudget)} budget is NOT met`),
  );
  process.exit(held ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
