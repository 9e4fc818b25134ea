// view/render/exportSvg.ts — the drawn panes as one standalone SVG file: each pane's <svg> is
// cloned with the computed styles of its elements written inline (so no stylesheet is needed),
// side by side when both are asked for, with every `data-key` kept. Labels can carry a second
// language: a `<switch>` per translated text (`systemLanguage` picks it, English is the fallback)
// and a `<title>` per language on each pane. Also the 2× PNG of that SVG through a canvas.
// Browser-only (reads computed styles); never touches the store.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties worth carrying over; the rest are defaults or layout-only. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

export interface ExportSvgPane {
  /** The pane's name, kept as `data-pane` on its group. */
  name: string;
  svg: SVGSVGElement;
  /** The pane's title per language tag (`{ en: 'Kernel view', 'zh-TW': '核心視角' }`). */
  titles?: Record<string, string>;
}

/** A second language for the drawn labels. */
export interface ExportSvgLanguage {
  /** BCP 47 tag, as `systemLanguage` takes it. */
  lang: string;
  /** The label in that language, or null to keep it as drawn. */
  translate(text: string): string | null;
}

/** Replaces each translatable `<text>` by a `<switch>`: the translation for its language, else the original. */
function addLanguage(root: Element, alt: ExportSvgLanguage): void {
  for (const text of [...root.querySelectorAll('text')]) {
    if (text.parentElement?.localName === 'switch' || text.children.length > 0) continue;
    const other = alt.translate(text.textContent ?? '');
    if (other === null || other === text.textContent) continue;
    const sw = root.ownerDocument.createElementNS(SVG_NS, 'switch');
    const translated = text.cloneNode(false) as Element;
    translated.setAttribute('systemLanguage', alt.lang);
    translated.textContent = other;
    text.replaceWith(sw);
    sw.append(translated, text);
  }
}

/** One `<title>` per language, first in `el` (SVG 2 picks the one matching the reader's language). */
function addTitles(el: Element, titles: Record<string, string>): void {
  const first = el.firstChild;
  for (const [lang, text] of Object.entries(titles)) {
    const t = el.ownerDocument.createElementNS(SVG_NS, 'title');
    t.setAttribute('lang', lang);
    t.textContent = text;
    el.insertBefore(t, first);
  }
}

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const parts: string[] = [];
  for (const p of STYLE_PROPS) {
    const v = cs.getPropertyValue(p);
    if (v !== '') parts.push(`${p}:${v}`);
  }
  if (parts.length) dst.setAttribute('style', parts.join(';'));
  dst.removeAttribute('class');
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i], b[i]);
}

function sizeOf(svg: SVGSVGElement): { w: number; h: number } {
  const r = svg.getBoundingClientRect();
  return { w: Math.max(1, Math.round(r.width)), h: Math.max(1, Math.round(r.height)) };
}

/** One standalone SVG document (text) holding the given panes left to right. */
export function buildStandaloneSvg(
  panes: readonly ExportSvgPane[],
  background = '#ffffff',
  alt?: ExportSvgLanguage,
): string {
  const gap = 16;
  const sizes = panes.map((p) => sizeOf(p.svg));
  const width = sizes.reduce((n, s) => n + s.w, 0) + gap * Math.max(0, panes.length - 1);
  const height = Math.max(1, ...sizes.map((s) => s.h));
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  root.appendChild(bg);
  let x = 0;
  panes.forEach((p, i) => {
    const clone = p.svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(p.svg, clone);
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', '0');
    clone.setAttribute('width', String(sizes[i].w));
    clone.setAttribute('height', String(sizes[i].h));
    clone.setAttribute('data-pane', p.name);
    clone.removeAttribute('role');
    if (alt) addLanguage(clone, alt);
    if (p.titles) addTitles(clone, p.titles);
    root.appendChild(clone);
    x += sizes[i].w + gap;
  });
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root);
}

/** The SVG drawn at `scale` into a PNG (a canvas; the image comes from a blob: URL). */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.width * scale));
    canvas.height = Math.max(1, Math.round(img.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
