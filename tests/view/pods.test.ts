// Pods in the user view and the NAT & filter overlay of the kernel view: containers sharing one
// namespace through container: mode are grouped (a pod when dockershim named them), drawn inside
// one outline; the overlay marks the host's netfilter hooks with rule counts read from the kernel.
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/docker/world';
import { appContainerName, POD_PRESET, sandboxName } from '../../src/scenario/presets';
import { createAppStore, selectScenes } from '../../src/store';
import {
  buildKernelScene,
  buildUserScene,
  containersOf,
  describeTree,
  planColumns,
  type SceneBox,
} from '../../src/view/scene';
import { netfilterHooks } from '../../src/view/scene/hooks';
import { parseAppName, parseSandboxName, podGroupsOf, shortName } from '../../src/view/scene/pods';

function worldAfter(lines: readonly string[], profile: 'classic' | 'current' = 'classic') {
  return createAppStore({ lines: [...lines], profile }).getState().world;
}

const inside = (a: SceneBox, b: SceneBox) =>
  a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

describe('pod grouping', () => {
  it('reads dockershim names and rejects others', () => {
    expect(parseSandboxName('k8s_POD_web_default_u-1_0')).toEqual({ name: 'web', namespace: 'default', uid: 'u-1' });
    expect(parseSandboxName('k8s_nginx_web_default_u-1_0')).toBeUndefined();
    expect(parseAppName('k8s_nginx_web_default_u-1_0')).toEqual({
      container: 'nginx',
      pod: 'web',
      namespace: 'default',
      uid: 'u-1',
    });
    expect(parseAppName('k8s_POD_web_default_u-1_0')).toBeUndefined();
    expect(parseAppName('co_container')).toBeUndefined();
    expect(shortName(sandboxName())).toBe('pause');
    expect(shortName(appContainerName('nginx'))).toBe('nginx');
    expect(shortName('co_container')).toBe('co_container');
  });

  it('groups the pod preset as one pod named after the sandbox', () => {
    const groups = podGroupsOf(containersOf(worldAfter(POD_PRESET.lines)));
    expect(groups).toHaveLength(1);
    expect(groups[0].label).toBe('pod web');
    expect(groups[0].pod).toEqual({ name: 'web', namespace: 'default' });
    expect(groups[0].members.map((m) => m.name)).toEqual([
      sandboxName(),
      appContainerName('nginx'),
      appContainerName('tools'),
    ]);
  });

  it('calls the article’s container mode a shared network namespace, not a pod', () => {
    const w = worldAfter([
      'docker run -d --name bridge hwchiu/netutils',
      'docker run --network=container:bridge -d --name co_container hwchiu/netutils',
    ]);
    const groups = podGroupsOf(containersOf(w));
    expect(groups.map((g) => [g.label, g.members.map((m) => m.name)])).toEqual([
      ['shared network namespace', ['bridge', 'co_container']],
    ]);
  });

  it('is no pod when one member does not follow the pattern of the sandbox', () => {
    const w = worldAfter([
      ...POD_PRESET.lines,
      `docker run -d --network container:${sandboxName()} --name debug busybox top`,
    ]);
    expect(podGroupsOf(containersOf(w))[0].label).toBe('shared network namespace');
  });

  it('forms no group for a container alone in its namespace', () => {
    expect(podGroupsOf(containersOf(worldAfter(['docker run -d --name solo hwchiu/netutils'])))).toEqual([]);
  });
});

describe('the pod outline in the user view', () => {
  it('draws one outline labelled with the pod name around the namespace and its three cards', () => {
    const w = worldAfter(POD_PRESET.lines);
    const u = buildUserScene(w);
    const pods = u.boxes.filter((b) => b.kind === 'pod');
    expect(pods).toHaveLength(1);
    const pod = pods[0];
    expect(pod.label).toEqual(['pod web']);
    const cards = u.boxes.filter((b) => b.kind === 'container');
    expect(cards.map((c) => c.label[0])).toEqual(['pause', 'nginx', 'tools']);
    for (const c of cards) expect(inside(c, pod)).toBe(true);
    const region = u.boxes.find((b) => b.kind === 'netns')!;
    expect(inside(region, pod)).toBe(true);
    expect(pod.related).toContain(region.key);
  });

  it('lists the pod in the text twin, keyed like its outline', () => {
    const w = worldAfter(POD_PRESET.lines);
    const item = describeTree(w).find((i) => i.id === 'pods')!;
    expect(item.children.map((c) => c.label)).toEqual(['pod web (Kubernetes namespace default): pause, nginx, tools']);
    expect(item.children[0].key).toBe(buildUserScene(w).boxes.find((b) => b.kind === 'pod')!.key);
  });

  it('keeps the outline in presenter mode’s layout, without the label strip', () => {
    const w = worldAfter(POD_PRESET.lines);
    const u = buildUserScene(w, planColumns(w, { labelScale: 2, details: false }));
    const pod = u.boxes.find((b) => b.kind === 'pod')!;
    expect(pod.label).toEqual([]);
    for (const c of u.boxes.filter((b) => b.kind === 'container')) expect(inside(c, pod)).toBe(true);
  });

  it('draws no outline when nothing is shared', () => {
    const u = buildUserScene(worldAfter(['docker run -d --name solo hwchiu/netutils']));
    expect(u.boxes.filter((b) => b.kind === 'pod')).toEqual([]);
  });
});

describe('the NAT & filter overlay', () => {
  it('is off by default in the store and in the kernel scene', () => {
    const store = createAppStore();
    expect(store.getState().natOverlay).toBe(false);
    expect(selectScenes(store.getState()).kernel.boxes.filter((b) => b.kind === 'hook')).toEqual([]);
    store.getState().setNatOverlay(true);
    expect(selectScenes(store.getState()).kernel.boxes.filter((b) => b.kind === 'hook')).toHaveLength(4);
  });

  it('counts the rules of a fresh Engine 24-27 host as iptables-save lists them', () => {
    // Expected from the reference capture iptables-save-v27.txt (docker0 only; its one published
    // port's rules, DOCKER's ACCEPT, nat DOCKER's DNAT and the hairpin MASQUERADE, left out).
    const hooks = netfilterHooks(createWorld({ profile: 'classic', seed: 1 }));
    const by = Object.fromEntries(hooks.map((h) => [h.chain, h]));
    expect(by.PREROUTING.rules).toBe(1);
    expect(by.OUTPUT.rules).toBe(1);
    expect(by.POSTROUTING.rules).toBe(1);
    expect(by.FORWARD.rules).toBe(6);
    expect(by.FORWARD.chains).toEqual([
      { name: 'DOCKER-USER', rules: 1 },
      { name: 'DOCKER-ISOLATION-STAGE-1', rules: 2 },
      { name: 'DOCKER', rules: 0 },
      { name: 'DOCKER-ISOLATION-STAGE-2', rules: 2 },
    ]);
  });

  it('follows the rules: a rule added to DOCKER-USER is counted there', () => {
    const w = worldAfter(['iptables -I DOCKER-USER -s 10.0.0.0/8 -j DROP']);
    const fwd = netfilterHooks(w).find((h) => h.chain === 'FORWARD')!;
    expect(fwd.chains.find((c) => c.name === 'DOCKER-USER')).toEqual({ name: 'DOCKER-USER', rules: 2 });
  });

  it('places the markers inside the host namespace, below its bridge, and lists them in the text twin', () => {
    const w = worldAfter([]);
    const k = buildKernelScene(w, undefined, { hooks: true });
    const host = k.boxes.find((b) => b.key === 'netns:0')!;
    const bridge = k.boxes.find((b) => b.kind === 'bridge')!;
    const hooks = k.boxes.filter((b) => b.kind === 'hook');
    expect(hooks.map((h) => h.label)).toEqual([
      ['PREROUTING', 'nat DNAT · 1 rule, +1 chain'],
      ['OUTPUT', 'nat DNAT · 1 rule, +1 chain'],
      ['FORWARD', 'filter · 6 rules, +4 chains'],
      ['POSTROUTING', 'nat MASQUERADE · 1 rule'],
    ]);
    for (const h of hooks) {
      expect(inside(h, host)).toBe(true);
      expect(h.y).toBeGreaterThan(bridge.y + bridge.h);
    }
    const twin = describeTree(w, { hooks: true }).find((i) => i.id === 'hooks')!;
    expect(twin.children.map((c) => c.key)).toEqual(hooks.map((h) => h.key));
    expect(twin.children[3].label).toBe('nat POSTROUTING (MASQUERADE): 1 rule');
    expect(describeTree(w).find((i) => i.id === 'hooks')).toBeUndefined();
  });
});
