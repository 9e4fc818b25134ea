// Renderer tests (jsdom): the renderer draws one keyed group per scene element, with data-key,
// data-kind and an accessible name, and keeps DOM nodes across updates: adding a container
// creates nodes only for the new elements; removing one removes only its elements.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, selectScenes } from '../../src/store';
import { createPaneRenderer, wirePath } from '../../src/view/render/paneRenderer';
import { sceneKeys, type Scene } from '../../src/view/scene';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const BRIDGE2 = 'docker run --network=bridge -d --name bridge2 hwchiu/netutils';

function mount() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  const onHover = vi.fn();
  const onSelect = vi.fn();
  const r = createPaneRenderer({ svg, reducedMotion: () => true, onHover, onSelect });
  return { svg, r, onHover, onSelect };
}

function nodesByKey(svg: SVGSVGElement): Map<string, Element> {
  return new Map([...svg.querySelectorAll('[data-key]')].map((e) => [e.getAttribute('data-key')!, e]));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('pane renderer', () => {
  it('draws exactly the scene keys, each with its kind and accessible name', () => {
    const store = createAppStore({ lines: [BRIDGE] });
    const scene: Scene = selectScenes(store.getState()).kernel;
    const { svg, r } = mount();
    r.update(scene);
    const drawn = [...svg.querySelectorAll('[data-key]')];
    expect(drawn.map((e) => e.getAttribute('data-key')).sort()).toEqual(sceneKeys(scene).sort());
    for (const e of drawn) {
      expect(['host', 'container', 'netns', 'interface', 'bridge', 'veth', 'port']).toContain(
        e.getAttribute('data-kind'),
      );
      expect(e.getAttribute('aria-label')).toBeTruthy();
    }
    expect(svg.querySelector('[aria-label="network namespace of container bridge"]')?.getAttribute('data-kind')).toBe(
      'netns',
    );
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${scene.width} ${scene.height}`);
    r.destroy();
  });

  it('keeps the nodes of existing elements and creates nodes only for new ones', () => {
    const store = createAppStore({ lines: [BRIDGE] });
    const { svg, r } = mount();
    r.update(selectScenes(store.getState()).kernel);
    const before = nodesByKey(svg);
    store.getState().run(BRIDGE2);
    const scene2 = selectScenes(store.getState()).kernel;
    r.update(scene2);
    const after = nodesByKey(svg);
    const created = [...after.keys()].filter((k) => !before.has(k));
    // bridge2 brings a container, a namespace, lo, eth0, the host veth end, a port and the wire.
    expect(created.map((k) => after.get(k)!.getAttribute('data-kind')).sort()).toEqual(
      ['container', 'interface', 'interface', 'interface', 'netns', 'port', 'veth'].sort(),
    );
    for (const [key, node] of before) expect(after.get(key), key).toBe(node);
    // Undo: the second container's elements leave, the first's nodes stay.
    store.getState().undo();
    r.update(selectScenes(store.getState()).kernel);
    const undone = nodesByKey(svg);
    expect([...undone.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, node] of before) expect(undone.get(key)).toBe(node);
  });

  it('marks highlighted keys and fades the rest; reports hover and selection by key', () => {
    const store = createAppStore({ lines: [BRIDGE] });
    const scene = selectScenes(store.getState()).user;
    const { svg, r, onHover, onSelect } = mount();
    const eth0 = scene.boxes.find((b) => b.kind === 'interface' && b.label[0] === 'eth0')!;
    r.update(scene, new Set([eth0.key, ...eth0.related]), eth0.key);
    const node = svg.querySelector(`[data-key="${eth0.key}"]`)!;
    expect(node.classList.contains('is-hl')).toBe(true);
    expect(node.getAttribute('aria-current')).toBe('true');
    const ens5 = scene.boxes.find((b) => b.label[0] === 'ens5')!;
    expect(svg.querySelector(`[data-key="${ens5.key}"]`)!.classList.contains('is-faded')).toBe(true);
    node.dispatchEvent(new MouseEvent('mouseenter'));
    expect(onHover).toHaveBeenLastCalledWith(eth0.key);
    node.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith(eth0.key);
    r.destroy();
  });

  it('draws a wire as a downward curve, or a loop below when both ends are on one row', () => {
    expect(wirePath({ x1: 0, y1: 0, x2: 10, y2: 100 })).toBe('M0,0 C0,50 10,50 10,100');
    expect(wirePath({ x1: 0, y1: 40, x2: 100, y2: 40 })).toBe('M0,40 C0,74 100,74 100,40');
  });
});
