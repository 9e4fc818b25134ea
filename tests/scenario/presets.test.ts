// The presets as data: the pod preset does what kubelet did through dockershim (a pause container
// owning the namespace, application containers joined with container:), the CNI preset does what
// the CNI bridge plugin does, with ip; both run from the store exactly as typed lines.
import { describe, expect, it } from 'vitest';
import { findImage } from '../../src/docker/images';
import type { World } from '../../src/docker/world';
import { INIT_NET, linksOf } from '../../src/kernel/query';
import {
  appContainerName,
  CNI_PODS,
  CNI_PRESET,
  POD_PRESET,
  presetApplied,
  PRESETS,
  sandboxName,
} from '../../src/scenario/presets';
import { createAppStore } from '../../src/store';

function runAll(lines: readonly string[], profile: 'classic' | 'current' = 'classic') {
  const store = createAppStore({ profile });
  const statuses = lines.map((line) => {
    store.getState().run(line);
    return { line, status: store.getState().lastStatus };
  });
  return { store, statuses };
}

function output(store: ReturnType<typeof createAppStore>): string {
  const t = store.getState().transcript;
  return t[t.length - 1].output.map((c) => c.text).join('');
}

function container(w: World, name: string) {
  return Object.values(w.docker.containers).find((c) => c.name === name);
}

describe('presets', () => {
  it('names each preset once, with at least one line', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['pod', 'cni']);
    for (const p of PRESETS) expect(p.lines.length).toBeGreaterThan(0);
  });

  it('knows when a preset is already applied (its first object exists)', () => {
    const fresh = createAppStore().getState().world;
    expect(PRESETS.map((p) => presetApplied(p, fresh))).toEqual([false, false]);
    const { store } = runAll([...POD_PRESET.lines, ...CNI_PRESET.lines]);
    expect(PRESETS.map((p) => presetApplied(p, store.getState().world))).toEqual([true, true]);
  });

  it('names containers as dockershim did (kubelet dockershim/naming.go)', () => {
    expect(sandboxName('web', 'default', 'u-1', 0)).toBe('k8s_POD_web_default_u-1_0');
    expect(appContainerName('nginx', 'web', 'default', 'u-1', 2)).toBe('k8s_nginx_web_default_u-1_2');
  });

  it('has the pause image: entrypoint /pause, no port, no programs', () => {
    const img = findImage('k8s.gcr.io/pause:3.2');
    expect(img?.entrypoint).toEqual(['/pause']);
    expect(img?.exposed).toEqual([]);
    expect(img?.listens).toEqual([]);
    expect(img?.toolset).toBe('pause');
  });

  for (const profile of ['classic', 'current'] as const) {
    it(`pod preset (${profile}): pause owns the namespace, the others join it`, () => {
      const { store, statuses } = runAll(POD_PRESET.lines, profile);
      expect(statuses.filter((s) => s.status !== 0)).toEqual([]);
      // Every line entered the history as if typed.
      expect(store.getState().entries.map((e) => e.line)).toEqual([...POD_PRESET.lines]);
      const w = store.getState().world;
      const pause = container(w, sandboxName())!;
      // The sandbox itself is on the default bridge: a namespace of its own with eth0.
      expect(pause.config.networkMode).not.toMatch(/^container:/);
      for (const app of ['nginx', 'tools']) {
        const c = container(w, appContainerName(app))!;
        // Docker records the target by id: NetworkMode "container:<sandbox id>", as dockershim set it.
        expect(c.config.networkMode).toBe(`container:${pause.id}`);
        expect(c.netns).toBe(pause.netns);
      }
      // One namespace for three containers: lo and eth0 only (plus nothing the joiners added).
      expect(linksOf(w.kernel, pause.netns!).map((l) => l.name)).toEqual(['lo', 'eth0']);
    });
  }

  it('pod preset: the tools container reaches nginx on localhost (one loopback per pod)', () => {
    const { store } = runAll(POD_PRESET.lines);
    store
      .getState()
      .run(`docker exec ${appContainerName('tools')} curl -s -o /dev/null -w '%{http_code}\\n' localhost`);
    expect(store.getState().lastStatus).toBe(0);
    // nginx's default page answers 200 (curl -w '%{http_code}').
    expect(output(store)).toBe('200\n');
  });

  it('pod preset: exec of a program in the pause container fails, as the image holds only /pause', () => {
    const { store } = runAll(POD_PRESET.lines);
    store.getState().run(`docker exec ${sandboxName()} ip addr`);
    expect(store.getState().lastStatus).not.toBe(0);
  });

  it('CNI preset: cni0 with the gateway, each pod a namespace with eth0, an address and a default route', () => {
    const { store, statuses } = runAll(CNI_PRESET.lines);
    expect(statuses.filter((s) => s.status !== 0)).toEqual([]);
    const w = store.getState().world;
    const k = w.kernel;
    const cni0 = linksOf(k, INIT_NET).find((l) => l.name === 'cni0')!;
    expect(cni0.kind).toBe('bridge');
    expect(cni0.addrs.filter((a) => a.family === 4).map((a) => `${a.local}/${a.prefixlen}`)).toEqual(['10.244.0.1/24']);
    for (const p of CNI_PODS) {
      const ns = Object.values(k.netns).find((n) => n.name === p.netns)!;
      const eth0 = linksOf(k, ns.id).find((l) => l.name === 'eth0')!;
      expect(eth0.addrs.filter((a) => a.family === 4).map((a) => a.local)).toEqual([p.ip]);
      expect(ns.routes.find((r) => r.dst === 'default')?.gateway).toBe('10.244.0.1');
      const host = k.links[eth0.peer!];
      expect(host.name).toBe(p.hostVeth);
      expect(host.master).toBe(cni0.id);
    }
  });

  it('CNI preset is the same plumbing as docker0: eth0 inside, the peer a port of the bridge, a default route to its address', () => {
    const { store } = runAll(['docker run -d --name b1 hwchiu/netutils', ...CNI_PRESET.lines]);
    const w = store.getState().world;
    const k = w.kernel;
    const shape = (nsId: string, bridge: string) => {
      const eth0 = linksOf(k, nsId).find((l) => l.name === 'eth0')!;
      const br = linksOf(k, INIT_NET).find((l) => l.name === bridge)!;
      const gw = br.addrs.find((a) => a.family === 4)!.local;
      return {
        names: linksOf(k, nsId).map((l) => l.name),
        kind: eth0.kind,
        peerOnBridge: k.links[eth0.peer!].master === br.id,
        defaultViaBridge: k.netns[nsId].routes.find((r) => r.dst === 'default')?.gateway === gw,
      };
    };
    const docker = shape(container(w, 'b1')!.netns!, 'docker0');
    const cni = shape(Object.values(k.netns).find((n) => n.name === 'pod-web')!.id, 'cni0');
    expect(cni).toEqual(docker);
    expect(docker).toEqual({ names: ['lo', 'eth0'], kind: 'veth', peerOnBridge: true, defaultViaBridge: true });
  });
});
