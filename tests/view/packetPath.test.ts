// The hop → element mapping of the packet animation (view/scene/packetPath.ts), on the article's
// bridge topology: each hop of a ping's trace lands on the element that stands for its link in
// each pane, and the dot's legs follow the veth wire and the bridge port.
// Expected keys are derived by hand from how Linux moves a frame (ARP broadcast, the veth pair,
// the bridge), using the link ids the kernel model gives each named interface.
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/docker/world';
import { INIT_NET, linkByName } from '../../src/kernel';
import { createAppStore, selectScenes } from '../../src/store';
import { anchorOf, hopKey, legPath, OUTSIDE_KEY, packetStops, type Scene } from '../../src/view/scene';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const C2 = 'docker run --network=bridge -d --name c2 hwchiu/netutils';

function world(lines: string[]) {
  const store = createAppStore({ lines: [BRIDGE, C2], reducedMotion: true });
  for (const l of lines) store.getState().run(l);
  const s = store.getState();
  return { w: s.world, scenes: selectScenes(s) };
}

/** The ids of the article's interfaces: each container's eth0 and its host-side veth peer. */
function ids(w: World) {
  const ns = (name: string) => Object.values(w.docker.containers).find((c) => c.name === name)!.netns!;
  const eth = (name: string) => linkByName(w.kernel, ns(name), 'eth0')!;
  const e1 = eth('bridge');
  const e2 = eth('c2');
  return {
    ns1: ns('bridge'),
    ns2: ns('c2'),
    eth1: e1.id,
    eth2: e2.id,
    veth1: e1.peer!,
    veth2: e2.peer!,
    docker0: linkByName(w.kernel, INIT_NET, 'docker0')!.id,
    ens5: linkByName(w.kernel, INIT_NET, 'ens5')!.id,
  };
}

function keysIn(scene: Scene): Set<string> {
  return new Set([
    ...scene.boxes.map((b) => b.key),
    ...scene.wires.map((x) => x.key),
    ...scene.decor.map((d) => d.key),
  ]);
}

describe('hop → element mapping', () => {
  it('maps a link to its own box, a host veth end the user view draws as a port to that port, a hop in no link to its namespace', () => {
    const { w, scenes } = world([]);
    const i = ids(w);
    // The kernel view draws every interface, the host veth ends included.
    expect(hopKey(scenes.kernel, { netns: INIT_NET, link: i.veth1 })).toBe(i.veth1);
    expect(hopKey(scenes.kernel, { netns: i.ns1, link: i.eth1 })).toBe(i.eth1);
    expect(hopKey(scenes.kernel, { netns: INIT_NET, link: i.docker0 })).toBe(i.docker0);
    // The user view draws a bridge port's host end only as the switch's port.
    expect(hopKey(scenes.user, { netns: INIT_NET, link: i.veth1 })).toBe(`port:${i.veth1}`);
    expect(hopKey(scenes.user, { netns: i.ns1, link: i.eth1 })).toBe(i.eth1);
    // A container's lo is not drawn in the user view: its namespace stands for it.
    const lo = linkByName(w.kernel, i.ns1, 'lo')!.id;
    expect(hopKey(scenes.user, { netns: i.ns1, link: lo })).toBe(i.ns1);
    expect(hopKey(scenes.kernel, { netns: i.ns1, link: lo })).toBe(lo);
    expect(hopKey(scenes.kernel, { netns: i.ns2 })).toBe(i.ns2);
    expect(hopKey(scenes.user, { netns: INIT_NET })).toBe(INIT_NET);
    expect(hopKey(scenes.kernel, { netns: 'outside' })).toBe(OUTSIDE_KEY);
    expect(hopKey(scenes.user, { netns: 'outside' })).toBe(OUTSIDE_KEY);
  });

  it('walks an echo request between two bridge containers through eth0, the veth pair, docker0 and the other pair', () => {
    const { w, scenes } = world(['docker exec bridge ping -c 1 172.17.0.3']);
    const i = ids(w);
    const [req, rep] = w.lastPackets;
    const k = packetStops(scenes.kernel, req.trace).map((s) => s.key);
    // ARP first (first contact): broadcast out of eth0, across the pair, flooded by docker0 to c2,
    // c2 answers back through docker0; then the echo request itself.
    const arp = [i.eth1, i.eth1, i.veth1, i.docker0, i.docker0, i.eth2, i.eth2, i.veth2, i.docker0, i.docker0, i.eth1];
    const echo = [i.eth1, i.veth1, i.docker0, i.eth2, i.ns2];
    expect(k).toEqual([...arp, ...echo]);
    const u = packetStops(scenes.user, req.trace).map((s) => s.key);
    const asUser = (key: string) => (key === i.veth1 || key === i.veth2 ? `port:${key}` : key);
    expect(u).toEqual([...arp, ...echo].map(asUser));
    // The reply knows every MAC by now: straight back.
    expect(packetStops(scenes.kernel, rep.trace).map((s) => s.key)).toEqual([
      i.eth2,
      i.eth2,
      i.veth2,
      i.docker0,
      i.eth1,
      i.ns1,
    ]);
  });

  it('maps every hop of pings to the outside, to the host and to lo onto an element drawn in each pane', () => {
    for (const line of [
      'docker exec bridge ping -c 1 8.8.8.8',
      'ping -c 1 172.17.0.2',
      'docker exec c2 ping -c 1 127.0.0.1',
    ]) {
      const { w, scenes } = world([line]);
      expect(w.lastPackets.length).toBeGreaterThan(0);
      for (const scene of [scenes.kernel, scenes.user]) {
        const drawn = keysIn(scene);
        for (const p of w.lastPackets)
          for (const s of packetStops(scene, p.trace)) expect(drawn, `${line}: ${s.key}`).toContain(s.key);
      }
    }
  });

  it('marks a drop and keeps its reason: a detached port leaves the ARP unanswered at the sender', () => {
    const { w, scenes } = world([]);
    const veth1 = w.kernel.links[ids(w).veth1].name;
    const after = world([`ip link set ${veth1} nomaster`, 'docker exec bridge ping -c 1 172.17.0.3']);
    const i = ids(after.w);
    const stops = packetStops(after.scenes.user, after.w.lastPackets[0].trace);
    const drop = stops.find((s) => s.drop)!;
    expect(drop.key).toBe(i.eth1);
    expect(drop.text).toBe('ARP: nobody answers for 172.17.0.3 on eth0');
    expect(scenes.user.boxes.some((b) => b.key === `port:${i.veth1}`)).toBe(true);
    // Once detached, the host end is drawn as a loose card in the user view, no longer a port.
    expect(hopKey(after.scenes.user, { netns: INIT_NET, link: i.veth1 })).toBe(i.veth1);
  });
});

describe('the legs of the dot', () => {
  it('follows the veth wire between the two ends of a pair, in either direction', () => {
    const { w, scenes } = world(['docker exec bridge ping -c 1 172.17.0.3']);
    const i = ids(w);
    const stops = packetStops(scenes.kernel, w.lastPackets[0].trace);
    const out = stops.findIndex((s, n) => n > 0 && s.key === i.veth1 && stops[n - 1].key === i.eth1);
    const d = legPath(scenes.kernel, stops[out - 1], stops[out]);
    // Starts on eth0, bends along the wire (a cubic), ends on the host end.
    const a = anchorOf(scenes.kernel, i.eth1);
    const b = anchorOf(scenes.kernel, i.veth1);
    expect(d.startsWith(`M${a.x},${a.y}`)).toBe(true);
    expect(d).toContain(' C');
    expect(d.endsWith(`L${b.x},${b.y}`)).toBe(true);
    const back = legPath(scenes.kernel, stops[out], stops[out - 1]);
    expect(back.startsWith(`M${b.x},${b.y}`)).toBe(true);
    expect(back).toContain(' C');
  });

  it('leaves the bridge through the port of the destination’s peer', () => {
    const { w, scenes } = world(['docker exec bridge ping -c 1 172.17.0.3']);
    const i = ids(w);
    for (const scene of [scenes.kernel, scenes.user]) {
      const stops = packetStops(scene, w.lastPackets[0].trace);
      const n = stops.findIndex((s, j) => j > 0 && s.key === i.eth2 && stops[j - 1].key === i.docker0);
      const port = anchorOf(scene, `port:${i.veth2}`);
      expect(legPath(scene, stops[n - 1], stops[n])).toContain(`L${port.x},${port.y}`);
    }
  });

  it('does not move when two hops stand on the same element', () => {
    const { w, scenes } = world(['docker exec bridge ping -c 1 172.17.0.3']);
    const stops = packetStops(scenes.kernel, w.lastPackets[0].trace);
    expect(stops[0].key).toBe(stops[1].key);
    expect(legPath(scenes.kernel, stops[0], stops[1])).toBe('');
  });
});
