// Scene memoisation and the renderer's work per update: elements that did not change between two
// worlds are the same objects in both scenes (and equal by value to a fresh build), an update
// rewrites only the elements whose data changed, and labels smaller than a pixel are not laid out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store';
import { createPaneRenderer } from '../../src/view/render/paneRenderer';
import { buildKernelScene, buildUserScene, planColumns, type Scene } from '../../src/view/scene';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const BRIDGE2 = 'docker run --network=bridge -d --name bridge2 hwchiu/netutils';
const NONE = 'docker run --network=none -d --name none hwchiu/netutils';

const worldAfter = (lines: string[]) => createAppStore({ lines }).getState().world;
const box = (s: Scene, key: string) => s.boxes.find((b) => b.key === key)!;
const ctrKey = (s: Scene, name: string) => s.boxes.find((b) => b.kind === 'container' && b.label[0] === name)!.key;

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('scene memoisation', () => {
  it('keeps unchanged elements as the same objects from one world to the next', () => {
    const w1 = worldAfter([BRIDGE]);
    const w2 = worldAfter([BRIDGE, BRIDGE2]);
    const k1 = buildKernelScene(w1, planColumns(w1));
    const k2 = buildKernelScene(w2, planColumns(w2));
    const card = ctrKey(k1, 'bridge');
    // The first container's card and its namespace's loopback did not change: shared.
    expect(box(k2, card)).toBe(box(k1, card));
    const lo = k1.boxes.find((b) => b.kind === 'interface' && b.label[0] === 'lo' && b.tone !== 0)!;
    expect(box(k2, lo.key)).toBe(lo);
    // The bridge gained a port (its related keys changed): a new object.
    const br = k1.boxes.find((b) => b.kind === 'bridge')!;
    expect(box(k2, br.key)).not.toBe(br);
    const u1 = buildUserScene(w1, planColumns(w1));
    const u2 = buildUserScene(w2, planColumns(w2));
    expect(box(u2, card)).toBe(box(u1, card));
  });

  it('gives the same scene by value whichever scene was built before', () => {
    const w = worldAfter([BRIDGE, NONE, BRIDGE2]);
    const after = buildKernelScene(w, planColumns(w));
    const userAfter = buildUserScene(w, planColumns(w));
    // Build an unrelated world's scenes in between, then the same world again.
    const other = worldAfter([NONE]);
    buildKernelScene(other, planColumns(other));
    buildUserScene(other, planColumns(other));
    expect(JSON.parse(JSON.stringify(buildKernelScene(w, planColumns(w))))).toEqual(JSON.parse(JSON.stringify(after)));
    expect(JSON.parse(JSON.stringify(buildUserScene(w, planColumns(w))))).toEqual(
      JSON.parse(JSON.stringify(userAfter)),
    );
  });
});

function mount() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  return { svg, r: createPaneRenderer({ svg, reducedMotion: () => true }) };
}

describe('pane renderer updates', () => {
  it('rewrites only the elements whose scene data changed', () => {
    const w1 = worldAfter([BRIDGE]);
    const w2 = worldAfter([BRIDGE, BRIDGE2]);
    const k1 = buildKernelScene(w1, planColumns(w1));
    const k2 = buildKernelScene(w2, planColumns(w2));
    const { svg, r } = mount();
    r.update(k1);
    const card = svg.querySelector(`[data-key="${ctrKey(k1, 'bridge')}"]`)!;
    const bridge = svg.querySelector(`[data-key="${k1.boxes.find((b) => b.kind === 'bridge')!.key}"]`)!;
    const seen: Element[] = [];
    const watch = new MutationObserver((records) => records.forEach((m) => seen.push(m.target as Element)));
    watch.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
    r.update(k2);
    const changed = watch.takeRecords().map((m) => m.target as Element);
    watch.disconnect();
    const within = (el: Element) => [...seen, ...changed].some((t) => el === t || el.contains(t));
    // The unchanged card's group and everything inside it are left alone; the bridge is redrawn.
    expect(within(card)).toBe(false);
    expect(within(bridge)).toBe(true);
  });

  it('does not lay out labels that would be smaller than a pixel, and shows them when they are not', () => {
    let report: ((entries: { contentRect: { width: number; height: number } }[]) => void) | undefined;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: typeof report) {
          report = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const w = worldAfter([BRIDGE]);
    const scene = buildKernelScene(w, planColumns(w));
    const { svg, r } = mount();
    r.update(scene);
    const labels = () => [...svg.querySelectorAll<SVGTextElement>('text.lbl')];
    expect(labels().length).toBeGreaterThan(0);
    // Before any size is known, labels show.
    expect(labels().every((t) => t.style.display === '')).toBe(true);
    // A pane 10 px wide: a 14-unit title over a scene about 1,000 units wide is ~0.1 px.
    report!([{ contentRect: { width: 10, height: 10 } }]);
    expect(labels().every((t) => t.style.display === 'none')).toBe(true);
    // A pane as wide as the scene: 14 px titles.
    report!([{ contentRect: { width: scene.width, height: scene.height } }]);
    expect(labels().every((t) => t.style.display === '')).toBe(true);
  });
});
