// view/scene/pods.ts — which containers share one network namespace, read from the model: a
// container whose network is `container:X` groups with X. A group whose names follow the
// dockershim pattern (k8s_POD_<pod>_<ns>_<uid>_<n> and k8s_<container>_<pod>_<ns>_<uid>_<n>) is a
// Kubernetes pod. Pure; the names are only read, never trusted to be well formed.
import { fitText } from './layout';
import type { ContainerView } from './model';
import { parseAppName, parseSandboxName, shortName } from './podNames';
import type { SceneBox } from './types';

export { parseAppName, parseSandboxName, shortName } from './podNames';

/** One group of containers living in one namespace: the owner first, then those that joined it. */
export interface PodGroup {
  /** The container that owns the namespace (the pause container of a pod). */
  owner: ContainerView;
  members: ContainerView[];
  /** The pod's name and Kubernetes namespace when every name follows the k8s_ pattern. */
  pod?: { name: string; namespace: string };
  /** "pod web" or "shared network namespace". */
  label: string;
}

/**
 * The groups of two or more containers that share a namespace through `container:` mode, in the
 * owner's creation order. `containers` must have their targets resolved to ids (containersOf).
 */
export function podGroupsOf(containers: readonly ContainerView[]): PodGroup[] {
  const byId = new Map(containers.map((c) => [c.id, c]));
  const groups = new Map<string, PodGroup>();
  for (const c of containers) {
    if (c.mode !== 'container' || !c.target) continue;
    // A chain (c joins b, b joins a) is one namespace: follow it to the container that owns it.
    let owner = byId.get(c.target);
    const seen = new Set<string>([c.id]);
    while (owner && owner.mode === 'container' && owner.target && !seen.has(owner.id)) {
      seen.add(owner.id);
      owner = byId.get(owner.target);
    }
    if (!owner || owner.mode === 'container' || owner.mode === 'host') continue;
    const g = groups.get(owner.id) ?? { owner, members: [owner], label: '' };
    g.members.push(c);
    groups.set(owner.id, g);
  }
  const out = [...groups.values()].sort((a, b) => a.owner.order - b.owner.order);
  for (const g of out) {
    const sandbox = parseSandboxName(g.owner.name);
    const apps = g.members.slice(1).map((m) => parseAppName(m.name));
    const same =
      sandbox &&
      apps.every((a) => a && a.pod === sandbox.name && a.namespace === sandbox.namespace && a.uid === sandbox.uid);
    if (sandbox && same) g.pod = { name: sandbox.name, namespace: sandbox.namespace };
    g.label = g.pod ? `pod ${g.pod.name}` : 'shared network namespace';
  }
  return out;
}

/** The strip above a namespace region where a pod outline's label sits. */
export const POD_HEAD = 24;

/**
 * The outline drawn around a namespace region whose containers form a group (keyed `pod:<owner
 * id>`): a little larger than the region, its label in a strip above it. Undefined when the
 * column's first container owns no group.
 */
export function podOutline(
  groups: ReadonlyMap<string, PodGroup>,
  first: ContainerView | undefined,
  region: SceneBox | undefined,
  head: number = POD_HEAD,
): SceneBox | undefined {
  const group = first ? groups.get(first.id) : undefined;
  if (!group || !region || region.kind !== 'netns') return undefined;
  return {
    key: `pod:${group.owner.id}`,
    kind: 'pod',
    shape: 'region',
    x: region.x - 5,
    y: region.y - head - (head ? 0 : 5),
    w: region.w + 10,
    h: region.h + head + (head ? 5 : 10),
    label: head ? [fitText(group.label, region.w, true)] : [],
    labelAt: 'top-left',
    tone: region.tone,
    name: group.pod
      ? `pod ${group.pod.name} in Kubernetes namespace ${group.pod.namespace}: ${group.members.map((m) => shortName(m.name)).join(', ')}`
      : `shared network namespace of ${group.members.map((m) => m.name).join(', ')}`,
    related: [region.key, ...group.members.map((m) => `ctr:${m.id}`)],
    z: 0,
  };
}
