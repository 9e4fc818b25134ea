// Renderer tests of the packet layer (jsdom, no motion): the hop's element lights up, the ones
// before it form a trail, a drop is marked with its reason as text; the visited log grows one key
// per hop shown, forgets what is after a step back, restarts with a new command; marks survive a
// redraw of the scene.
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, selectScenes } from '../../src/store';
import { createPaneRenderer, type PacketShow } from '../../src/view/render/paneRenderer';
import { packetStops, type PacketStop } from '../../src/view/scene';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const C2 = 'docker run --network=bridge -d --name c2 hwchiu/netutils';

function mount() {
  const store = createAppStore({ lines: [BRIDGE, C2, 'docker exec bridge ping -c 1 172.17.0.3'] });
  const s = store.getState();
  const scene = selectScenes(s).kernel;
  const stops = packetStops(scene, s.world.lastPackets[0].trace);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  const r = createPaneRenderer({ svg, reducedMotion: () => true });
  r.update(scene);
  const show = (hop: number, run = 1, list: readonly PacketStop[] = stops) =>
    r.showPacket({ run, global: hop, hop, stops: list, path: '', ms: 0 } satisfies PacketShow);
  const el = (key: string) => svg.querySelector(`[data-key="${key}"]`)!;
  return { svg, r, scene, stops, show, el };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('packet layer', () => {
  it('lights up the hop’s element, keeps a trail, and logs each key shown in order', () => {
    const { svg, stops, show, el } = mount();
    for (let i = 0; i < 4; i++) show(i);
    expect(svg.getAttribute('data-packet-visited')).toBe(
      stops
        .slice(0, 4)
        .map((s) => s.key)
        .join(' '),
    );
    expect(svg.getAttribute('data-packet-at')).toBe(stops[3].key);
    expect(el(stops[3].key)).toHaveClass('is-hop');
    // stops 0–1 are bridge's eth0, 2 its host end: a trail behind the hop.
    expect(el(stops[2].key)).toHaveClass('is-hop-trail');
    expect(el(stops[0].key)).toHaveClass('is-hop-trail');
    expect(svg.querySelectorAll('.is-hop')).toHaveLength(1);
    expect(svg.querySelector('.packet-dot')).not.toBeNull();
    expect(svg.querySelector('.packet-dot')!.getAttribute('transform')).toBe(`translate(${stops[3].x},${stops[3].y})`);
  });

  it('a step back forgets the later hops; a new command starts a new log', () => {
    const { svg, stops, show } = mount();
    for (let i = 0; i < 5; i++) show(i);
    show(3);
    expect(svg.getAttribute('data-packet-visited')!.split(' ')).toEqual(stops.slice(0, 4).map((s) => s.key));
    show(0, 2);
    expect(svg.getAttribute('data-packet-visited')).toBe(stops[0].key);
  });

  it('marks a drop and writes its reason as text, never as markup', () => {
    const { svg, stops, show, el } = mount();
    const drop: PacketStop = { ...stops[1], kind: 'drop', drop: true, text: '<b>nobody</b> answers' };
    show(1, 1, [stops[0], drop]);
    expect(svg.getAttribute('data-packet-drop')).toBe('true');
    expect(el(drop.key)).toHaveClass('is-hop-drop');
    const caption = svg.querySelector('.packet-caption text')!;
    expect(caption.textContent).toBe('✕ dropped: <b>nobody</b> answers');
    expect(caption.querySelector('b')).toBeNull();
  });

  it('keeps the marks when the scene is drawn again (hover, selection)', () => {
    const { r, scene, stops, show, el } = mount();
    show(2);
    r.update(scene, new Set([stops[0].key]), stops[0].key);
    expect(el(stops[2].key)).toHaveClass('is-hop');
    // The packet's own elements are not faded by a highlight elsewhere.
    expect(el(stops[2].key)).not.toHaveClass('is-faded');
    r.showPacket(null);
    expect(el(stops[2].key)).not.toHaveClass('is-hop');
    expect(document.querySelector('.packet-dot')).toBeNull();
  });
});
