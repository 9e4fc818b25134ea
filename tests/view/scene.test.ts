// Scene tests: the set of keyed elements each pane draws for the article's four modes, built from
// worlds made by running the article's commands, and the stability of positions as containers come.
import { describe, expect, it } from 'vitest';
import { createAppStore, selectScenes } from '../../src/store';
import { buildKernelScene, buildUserScene, sceneKeys, type Scene } from '../../src/view/scene';

const RUN = {
  none: 'docker run --network=none -d --name none hwchiu/netutils',
  host: 'docker run --network=host -d --name host hwchiu/netutils',
  bridge: 'docker run --network=bridge -d --name bridge hwchiu/netutils',
  bridge2: 'docker run --network=bridge -d --name bridge2 hwchiu/netutils',
  co: 'docker run --network=container:bridge -d --name co_container hwchiu/netutils',
};

function worldAfter(lines: string[]) {
  const store = createAppStore({ lines });
  return store.getState().world;
}

function kinds(s: Scene): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of [...s.boxes, ...s.wires]) out[e.kind] = (out[e.kind] ?? 0) + 1;
  return out;
}

function byName(s: Scene, name: string) {
  return [...s.boxes, ...s.wires].find((e) => e.name === name);
}

describe('kernel and user scenes', () => {
  it('draws a fresh host: init_net with lo, ens5 and docker0, no containers', () => {
    const w = worldAfter([]);
    const k = buildKernelScene(w);
    expect(kinds(k)).toEqual({ netns: 1, interface: 2, bridge: 1 });
    expect(k.boxes.find((b) => b.kind === 'bridge')?.label).toEqual(['docker0  (bridge)', '172.17.0.1/16']);
    const u = buildUserScene(w);
    expect(kinds(u)).toEqual({ host: 1, bridge: 1, interface: 1 });
    // Every key is unique within a pane.
    for (const s of [k, u]) expect(new Set(sceneKeys(s)).size).toBe(sceneKeys(s).length);
  });

  it('none: a container and its own namespace holding only lo, nothing wired', () => {
    const w = worldAfter([RUN.none]);
    const k = buildKernelScene(w);
    expect(kinds(k)).toEqual({ netns: 2, interface: 3, bridge: 1, container: 1 });
    const region = byName(k, 'network namespace of container none');
    expect(region?.kind).toBe('netns');
    const ctr = k.boxes.find((b) => b.kind === 'container')!;
    expect(ctr.related).toContain(region!.key);
    expect(ctr.tether).toBeDefined();
    const u = buildUserScene(w);
    // The user view shows the isolated container's only card: lo.
    const nics = u.boxes.filter((b) => b.kind === 'interface').map((b) => b.label[0]);
    expect(nics.sort()).toEqual(['ens5', 'lo']);
  });

  it('host: a container but no new namespace; it is linked to init_net', () => {
    const w = worldAfter([RUN.host]);
    const k = buildKernelScene(w);
    expect(kinds(k)).toEqual({ netns: 1, interface: 2, bridge: 1, container: 1 });
    expect(k.boxes.find((b) => b.kind === 'container')!.related).toContain('netns:0');
  });

  it('bridge: a namespace with lo and eth0, a veth wire to the host end, a port on docker0', () => {
    const w = worldAfter([RUN.bridge]);
    const k = buildKernelScene(w);
    expect(kinds(k)).toEqual({ netns: 2, interface: 5, bridge: 1, container: 1, port: 1, veth: 1 });
    const eth0 = k.boxes.find((b) => b.kind === 'interface' && b.label[0] === 'eth0')!;
    // docker0 holds .1, so the first container gets .2
    expect(eth0.label[1]).toBe('172.17.0.2/16');
    const veth = k.wires[0];
    expect(veth.related).toContain(eth0.key);
    const port = k.boxes.find((b) => b.kind === 'port')!;
    const bridge = k.boxes.find((b) => b.kind === 'bridge')!;
    expect(port.related).toContain(bridge.key);
    // The user view has the same container, namespace, eth0, cable, port and switch keys: they are twins.
    const u = buildUserScene(w);
    for (const key of [eth0.key, veth.key, port.key, bridge.key, k.boxes.find((b) => b.kind === 'container')!.key]) {
      expect(sceneKeys(u)).toContain(key);
    }
  });

  it('container: two containers share one namespace and one eth0', () => {
    const w = worldAfter([RUN.bridge, RUN.co]);
    const k = buildKernelScene(w);
    expect(kinds(k)).toEqual({ netns: 2, interface: 5, bridge: 1, container: 2, port: 1, veth: 1 });
    const ctrs = k.boxes.filter((b) => b.kind === 'container');
    expect(ctrs[0].related).toContain(ctrs[1].key);
    expect(byName(k, 'network namespace shared by containers bridge and co_container')).toBeDefined();
    const u = buildUserScene(w);
    expect(u.boxes.filter((b) => b.kind === 'interface' && b.label[0] === 'eth0')).toHaveLength(1);
  });

  it('keeps everything already drawn in place when the next container is added', () => {
    const store = createAppStore();
    const lines = [RUN.none, RUN.host, RUN.bridge, RUN.bridge2, RUN.co];
    let before = selectScenes(store.getState());
    for (const line of lines) {
      store.getState().run(line);
      const after = selectScenes(store.getState());
      for (const pane of ['kernel', 'user'] as const) {
        const old = new Map(before[pane].boxes.map((b) => [b.key, b]));
        for (const b of after[pane].boxes) {
          const o = old.get(b.key);
          // Regions and the bridge may grow; nothing that was there moves.
          if (o && b.kind !== 'container')
            expect([b.key, b.x, b.y], `${pane} after ${line}`).toEqual([o.key, o.x, o.y]);
        }
      }
      before = after;
    }
  });
});
