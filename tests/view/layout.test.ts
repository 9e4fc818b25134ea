// Layout tests: the label-width estimate against the real fonts, and the scenes' geometry in
// normal and presenter type with 1, 3 and 6 containers: every label fits its box, no label sits on
// another label or on a box it does not belong to, and no two boxes of one level overlap.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { scenesOf } from '../../src/store/selectors';
import { ellipsize, metricsOf, pickFit, textWidth } from '../../src/view/scene/layout';
import type { Scene, SceneBox } from '../../src/view/scene';

// Advance widths in em of printable ASCII (and — · …), read from the hmtx and cmap tables of the
// font files DejaVuSans-Bold.ttf, DejaVuSans.ttf and DejaVuSansMono.ttf (fonts-dejavu-core 2.37).
const DEJAVU: Record<'bold' | 'regular' | 'mono', Record<string, number>> = {
  bold: {
    ' ': 0.3481,
    '!': 0.4561,
    '"': 0.521,
    '#': 0.8379,
    $: 0.6958,
    '%': 1.002,
    '&': 0.8721,
    "'": 0.3062,
    '(': 0.457,
    ')': 0.457,
    '*': 0.5229,
    '+': 0.8379,
    ',': 0.3799,
    '-': 0.415,
    '.': 0.3799,
    '/': 0.3652,
    '0': 0.6958,
    '1': 0.6958,
    '2': 0.6958,
    '3': 0.6958,
    '4': 0.6958,
    '5': 0.6958,
    '6': 0.6958,
    '7': 0.6958,
    '8': 0.6958,
    '9': 0.6958,
    ':': 0.3999,
    ';': 0.3999,
    '<': 0.8379,
    '=': 0.8379,
    '>': 0.8379,
    '?': 0.5801,
    '@': 1.0,
    A: 0.7739,
    B: 0.7622,
    C: 0.7339,
    D: 0.8301,
    E: 0.6831,
    F: 0.6831,
    G: 0.8208,
    H: 0.8369,
    I: 0.3721,
    J: 0.3721,
    K: 0.7749,
    L: 0.6372,
    M: 0.9951,
    N: 0.8369,
    O: 0.8501,
    P: 0.7329,
    Q: 0.8501,
    R: 0.77,
    S: 0.7202,
    T: 0.6821,
    U: 0.812,
    V: 0.7739,
    W: 1.103,
    X: 0.771,
    Y: 0.7241,
    Z: 0.7251,
    '[': 0.457,
    '\\': 0.3652,
    ']': 0.457,
    '^': 0.8379,
    _: 0.5,
    '`': 0.5,
    a: 0.6748,
    b: 0.7158,
    c: 0.5928,
    d: 0.7158,
    e: 0.6782,
    f: 0.4351,
    g: 0.7158,
    h: 0.7119,
    i: 0.3428,
    j: 0.3428,
    k: 0.665,
    l: 0.3428,
    m: 1.042,
    n: 0.7119,
    o: 0.687,
    p: 0.7158,
    q: 0.7158,
    r: 0.4932,
    s: 0.5952,
    t: 0.478,
    u: 0.7119,
    v: 0.6519,
    w: 0.9238,
    x: 0.645,
    y: 0.6519,
    z: 0.582,
    '{': 0.7119,
    '|': 0.3652,
    '}': 0.7119,
    '~': 0.8379,
    '\u2014': 1.0,
    '\u00b7': 0.3799,
    '\u2026': 1.0,
  },
  regular: {
    ' ': 0.3179,
    '!': 0.4009,
    '"': 0.46,
    '#': 0.8379,
    $: 0.6362,
    '%': 0.9502,
    '&': 0.7798,
    "'": 0.2749,
    '(': 0.3901,
    ')': 0.3901,
    '*': 0.5,
    '+': 0.8379,
    ',': 0.3179,
    '-': 0.3608,
    '.': 0.3179,
    '/': 0.3369,
    '0': 0.6362,
    '1': 0.6362,
    '2': 0.6362,
    '3': 0.6362,
    '4': 0.6362,
    '5': 0.6362,
    '6': 0.6362,
    '7': 0.6362,
    '8': 0.6362,
    '9': 0.6362,
    ':': 0.3369,
    ';': 0.3369,
    '<': 0.8379,
    '=': 0.8379,
    '>': 0.8379,
    '?': 0.5308,
    '@': 1.0,
    A: 0.6841,
    B: 0.686,
    C: 0.6982,
    D: 0.77,
    E: 0.6318,
    F: 0.5752,
    G: 0.7749,
    H: 0.752,
    I: 0.2949,
    J: 0.2949,
    K: 0.6558,
    L: 0.5571,
    M: 0.8628,
    N: 0.748,
    O: 0.7871,
    P: 0.603,
    Q: 0.7871,
    R: 0.6948,
    S: 0.6348,
    T: 0.6108,
    U: 0.7319,
    V: 0.6841,
    W: 0.9888,
    X: 0.6851,
    Y: 0.6108,
    Z: 0.6851,
    '[': 0.3901,
    '\\': 0.3369,
    ']': 0.3901,
    '^': 0.8379,
    _: 0.5,
    '`': 0.5,
    a: 0.6128,
    b: 0.6348,
    c: 0.5498,
    d: 0.6348,
    e: 0.6152,
    f: 0.3521,
    g: 0.6348,
    h: 0.6338,
    i: 0.2778,
    j: 0.2778,
    k: 0.5791,
    l: 0.2778,
    m: 0.9741,
    n: 0.6338,
    o: 0.6118,
    p: 0.6348,
    q: 0.6348,
    r: 0.4111,
    s: 0.521,
    t: 0.3921,
    u: 0.6338,
    v: 0.5918,
    w: 0.8179,
    x: 0.5918,
    y: 0.5918,
    z: 0.5249,
    '{': 0.6362,
    '|': 0.3369,
    '}': 0.6362,
    '~': 0.8379,
    '\u2014': 1.0,
    '\u00b7': 0.3179,
    '\u2026': 1.0,
  },
  mono: {
    ' ': 0.6021,
    '!': 0.6021,
    '"': 0.6021,
    '#': 0.6021,
    $: 0.6021,
    '%': 0.6021,
    '&': 0.6021,
    "'": 0.6021,
    '(': 0.6021,
    ')': 0.6021,
    '*': 0.6021,
    '+': 0.6021,
    ',': 0.6021,
    '-': 0.6021,
    '.': 0.6021,
    '/': 0.6021,
    '0': 0.6021,
    '1': 0.6021,
    '2': 0.6021,
    '3': 0.6021,
    '4': 0.6021,
    '5': 0.6021,
    '6': 0.6021,
    '7': 0.6021,
    '8': 0.6021,
    '9': 0.6021,
    ':': 0.6021,
    ';': 0.6021,
    '<': 0.6021,
    '=': 0.6021,
    '>': 0.6021,
    '?': 0.6021,
    '@': 0.6021,
    A: 0.6021,
    B: 0.6021,
    C: 0.6021,
    D: 0.6021,
    E: 0.6021,
    F: 0.6021,
    G: 0.6021,
    H: 0.6021,
    I: 0.6021,
    J: 0.6021,
    K: 0.6021,
    L: 0.6021,
    M: 0.6021,
    N: 0.6021,
    O: 0.6021,
    P: 0.6021,
    Q: 0.6021,
    R: 0.6021,
    S: 0.6021,
    T: 0.6021,
    U: 0.6021,
    V: 0.6021,
    W: 0.6021,
    X: 0.6021,
    Y: 0.6021,
    Z: 0.6021,
    '[': 0.6021,
    '\\': 0.6021,
    ']': 0.6021,
    '^': 0.6021,
    _: 0.6021,
    '`': 0.6021,
    a: 0.6021,
    b: 0.6021,
    c: 0.6021,
    d: 0.6021,
    e: 0.6021,
    f: 0.6021,
    g: 0.6021,
    h: 0.6021,
    i: 0.6021,
    j: 0.6021,
    k: 0.6021,
    l: 0.6021,
    m: 0.6021,
    n: 0.6021,
    o: 0.6021,
    p: 0.6021,
    q: 0.6021,
    r: 0.6021,
    s: 0.6021,
    t: 0.6021,
    u: 0.6021,
    v: 0.6021,
    w: 0.6021,
    x: 0.6021,
    y: 0.6021,
    z: 0.6021,
    '{': 0.6021,
    '|': 0.6021,
    '}': 0.6021,
    '~': 0.6021,
    '\u2014': 0.6021,
    '\u00b7': 0.6021,
    '\u2026': 0.6021,
  },
};

const RUN = [
  'docker run --network=bridge -d --name bridge hwchiu/netutils',
  'docker run --network=none -d --name none hwchiu/netutils',
  'docker run --network=host -d --name host hwchiu/netutils',
  'docker run --network=bridge -d --name bridge2 hwchiu/netutils',
  'docker run --network=container:bridge -d --name co_container hwchiu/netutils',
  'docker run --network=bridge -d --name a_rather_long_container_name hwchiu/netutils',
];

type Rect = { l: number; t: number; r: number; b: number; what: string };

const cross = (a: Rect, b: Rect) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
const inside = (a: Rect, b: Rect) => a.l >= b.l - 0.5 && a.r <= b.r + 0.5 && a.t >= b.t - 0.5 && a.b <= b.b + 0.5;

/** Where the renderer draws a box's label lines (view/render/paneRenderer.ts), as rectangles. */
function labelRects(s: Scene, b: SceneBox): Rect[] {
  const f = s.fonts!;
  const k = s.labelScale ?? 1;
  const lineH = 14 * k;
  const at = b.labelAt ?? 'center';
  const y0 = at === 'top-left' ? s.regionTitleY! : b.h / 2 - ((b.label.length - 1) * lineH) / 2 + 4.5 * k;
  const c = b.compact ? 12 / 14 : 1;
  return b.label.map((line, i) => {
    const px = (i === 0 ? (b.shape === 'region' ? f.region : f.title) : f.detail) * c;
    const w = textWidth(line, px, i === 0 ? 'bold' : 'mono');
    const x = at === 'center' ? b.x + b.w / 2 - w / 2 : b.x + 10 * k;
    const base = b.y + y0 + i * lineH;
    // DejaVu Sans: 0.76 em above the baseline, 0.24 em below.
    return { l: x, r: x + w, t: base - 0.76 * px, b: base + 0.24 * px, what: `${b.key} "${line}"` };
  });
}

function decorRects(s: Scene): Rect[] {
  const f = s.fonts!;
  return s.decor
    .filter((d) => d.type === 'text' && d.text)
    .map((d) => {
      const px = d.style === 'space-label' ? f.space : f.note;
      // "User Space" and "Kernel Space" are spaced by 0.04 em per letter.
      const w = textWidth(d.text!, px, d.style === 'space-label' ? 'bold' : 'regular') * 1.05;
      const l = d.style === 'note-end' ? d.x - w : d.x;
      return { l, r: l + w, t: d.y - 0.76 * px, b: d.y + 0.24 * px, what: `${d.key} "${d.text}"` };
    });
}

/** Every way a scene's labels collide or overflow, in words (empty when none does). */
function problems(s: Scene): string[] {
  const out: string[] = [];
  const boxes = s.boxes.filter((b) => b.kind !== 'pod' && b.kind !== 'hook');
  const texts: { rect: Rect; own?: SceneBox }[] = [
    ...boxes.flatMap((b) => labelRects(s, b).map((rect) => ({ rect, own: b }))),
    ...decorRects(s).map((rect) => ({ rect })),
  ];
  const bodies = boxes.map((b) => ({ b, rect: { l: b.x, t: b.y, r: b.x + b.w, b: b.y + b.h, what: b.key } }));
  texts.forEach(({ rect, own }, i) => {
    if (own && !inside(rect, bodies.find((x) => x.b === own)!.rect)) out.push(`${rect.what} overflows its box`);
    if (rect.r > s.width + 0.5 || rect.l < -0.5) out.push(`${rect.what} leaves the drawing`);
    for (let j = i + 1; j < texts.length; j++)
      if (cross(rect, texts[j].rect)) out.push(`${rect.what} crosses ${texts[j].rect.what}`);
    for (const x of bodies)
      if (x.b !== own && cross(rect, x.rect) && !inside(rect, x.rect)) out.push(`${rect.what} crosses box ${x.b.key}`);
  });
  // Boxes of one level (cards, interfaces) never overlap one another.
  const solid = bodies.filter((x) => x.b.shape === 'card' || x.b.shape === 'nic' || x.b.shape === 'switch');
  for (let i = 0; i < solid.length; i++)
    for (let j = i + 1; j < solid.length; j++)
      if (cross(solid[i].rect, solid[j].rect)) out.push(`box ${solid[i].b.key} overlaps box ${solid[j].b.key}`);
  return out;
}

describe('label widths', () => {
  it('never underestimates a character of DejaVu Sans Bold, DejaVu Sans or DejaVu Sans Mono', () => {
    for (const face of ['bold', 'regular', 'mono'] as const)
      for (const [c, em] of Object.entries(DEJAVU[face]))
        expect(textWidth(c, 1, face), `${face} ${c}`).toBeGreaterThanOrEqual(em);
  });

  it('stays within a sixth of the real width for the names the diagrams show', () => {
    for (const name of ['veth9042b12', 'docker0', 'co_container', 'eth0', 'bridge2', 'host netns (init_net)']) {
      const real = [...name].reduce((a, c) => a + DEJAVU.bold[c], 0);
      expect(textWidth(name, 1, 'bold')).toBeLessThan(real * 1.17);
    }
  });

  it('shortens with an ellipsis only what does not fit, and picks the longest variant that fits', () => {
    expect(ellipsize('eth0', 100, 14)).toBe('eth0');
    const short = ellipsize('a_rather_long_container_name', 80, 14);
    expect(short.endsWith('…')).toBe(true);
    expect(textWidth(short, 14)).toBeLessThanOrEqual(80);
    expect(pickFit(['own network namespace', 'own network', 'netns'], textWidth('own network', 14), 14)).toBe(
      'own network',
    );
  });

  it('gives presenter mode labels of at least 24 units at every size', () => {
    const m = metricsOf({ labelScale: 2, details: false });
    expect(Math.min(m.title, m.detail, m.region, m.space, m.note)).toBeGreaterThanOrEqual(24);
  });
});

describe('scene geometry', () => {
  for (const n of [1, 3, 6])
    for (const scale of [1, 2])
      it(`${n} container${n > 1 ? 's' : ''}, ${scale === 1 ? 'normal' : 'presenter'} type: labels fit and never collide`, () => {
        const w = createAppStore({ lines: RUN.slice(0, n) }).getState().world;
        const s = scenesOf(w, scale);
        expect(problems(s.kernel)).toEqual([]);
        expect(problems(s.user)).toEqual([]);
      });

  it('detects a label drawn over another box (the check itself can fail)', () => {
    const w = createAppStore({ lines: RUN.slice(0, 1) }).getState().world;
    const k = scenesOf(w, 2).kernel;
    const nic = k.boxes.find((b) => b.kind === 'interface')!;
    const moved = { ...k, boxes: k.boxes.map((b) => (b.kind === 'container' ? { ...b, x: nic.x, y: nic.y } : b)) };
    expect(problems(moved).length).toBeGreaterThan(0);
  });

  it('keeps the normal layout of a fresh host and presenter layout within a 1080p pane for the bridge step', () => {
    const fresh = scenesOf(createAppStore({ lines: [] }).getState().world, 1);
    // The classic normal-mode drawing of a fresh host: 568 wide (two columns and their margins).
    expect(fresh.kernel.width).toBe(568);
    const w = createAppStore({ lines: RUN.slice(0, 4) }).getState().world;
    const p = scenesOf(w, 2);
    // A presenter pane at 1920×1080 is about 950 px wide: the drawing fits at its type's own size.
    expect(p.kernel.width).toBeLessThanOrEqual(960);
  });
});
