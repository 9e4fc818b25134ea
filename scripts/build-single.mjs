#!/usr/bin/env node
// scripts/build-single.mjs — the whole app as one HTML file (<OUT>/netns-lab.html) that works from
// file:// with no network: a Vite build with every lazy chunk inlined into one module and every
// asset as a data: URL, then its script and styles written into the page, under a CSP meta that
// allows exactly that script (by its SHA-256) and nothing from anywhere. Usage:
//   node scripts/build-single.mjs [OUT]     (OUT defaults to dist; run after the site build)
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const out = resolve(process.argv[2] ?? 'dist');
const tmp = mkdtempSync(join(tmpdir(), 'netns-lab-single-'));

try {
  await build({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir: tmp,
      emptyOutDir: true,
      sourcemap: false,
      copyPublicDir: false,
      // Everything as data: URLs, one stylesheet, no preload helper (nothing is fetched).
      assetsInlineLimit: () => true,
      cssCodeSplit: false,
      modulePreload: false,
      chunkSizeWarningLimit: 1500,
      rollupOptions: { output: { codeSplitting: false } },
    },
  });

  let html = readFileSync(join(tmp, 'index.html'), 'utf8');
  const assets = join(tmp, 'assets');
  const files = readdirSync(assets);
  const js = files.filter((f) => f.endsWith('.js'));
  const css = files.filter((f) => f.endsWith('.css'));
  if (js.length !== 1) throw new Error(`expected one script, found ${js.length}: ${js.join(', ')}`);

  // `</script` inside the code would end the element early; `<\/` means the same in JS strings,
  // regular expressions and comments, the only places it can occur.
  const code = readFileSync(join(assets, js[0]), 'utf8').replace(/<\/(script)/gi, '<\\/$1');
  const styles = css.map((f) => readFileSync(join(assets, f), 'utf8').replace(/<\/(style)/gi, '<\\/$1')).join('\n');
  const hash = createHash('sha256').update(code, 'utf8').digest('base64');
  const favicon = readFileSync(resolve('public/favicon.svg'));

  html = html
    .replace(/<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>\s*/g, '')
    .replace(/<link\b[^>]*rel="stylesheet"[^>]*>\s*/g, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>\s*/g, '')
    .replace(/href="\.\/favicon\.svg"/, () => `href="data:image/svg+xml;base64,${favicon.toString('base64')}"`)
    .replace(
      /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/,
      () =>
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; ' +
        `script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; ` +
        "connect-src 'none'; worker-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\" />",
    )
    .replace('</head>', () => `    <style>\n${styles}\n    </style>\n  </head>`)
    .replace('</body>', () => `    <script type="module">${code}</script>\n  </body>`);
  if (!html.includes(`sha256-${hash}`)) throw new Error('the Content-Security-Policy meta was not found');
  writeFileSync(join(out, 'netns-lab.html'), html);
  console.log(`build-single: ${join(out, 'netns-lab.html')} (${(html.length / 1000).toFixed(0)} KB)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
