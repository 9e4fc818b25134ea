// scenario/presets.ts — ready-made labs beyond the article, as data: a name (catalogue keys in
// ui/i18n) and the command lines that build it, typed into the terminal one by one like any
// other line. The pod preset does what kubelet did with dockershim; the CNI preset does by hand,
// with ip, what the CNI bridge plugin does. Pure data: nothing here runs a line.
import type { World } from '../docker/world';
import { INIT_NET } from '../kernel/query';

/** A preset: its texts are `preset.<id>.name` and `preset.<id>.title` in the catalogue. */
export interface Preset {
  id: 'pod' | 'cni';
  lines: readonly string[];
}

/** The pod's name, its Kubernetes namespace and its uid (a fixed UUID, as the API server would assign). */
export const POD_NAME = 'web';
export const POD_NAMESPACE = 'default';
export const POD_UID = '3f6c1e2a-8b4d-4c1e-9a7f-2d5e6b8c9a01';

/** The sandbox image kubelet of the dockershim era started (--pod-infra-container-image). */
export const PAUSE_IMAGE = 'k8s.gcr.io/pause:3.2';

/**
 * dockershim's container names (kubelet's dockershim/naming.go): fields joined by `_`, the last
 * one the attempt (restart count). The sandbox is `k8s_POD_<pod>_<namespace>_<uid>_<attempt>`.
 */
export function sandboxName(pod = POD_NAME, ns = POD_NAMESPACE, uid = POD_UID, attempt = 0): string {
  return `k8s_POD_${pod}_${ns}_${uid}_${attempt}`;
}

/** An application container: `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`. */
export function appContainerName(
  container: string,
  pod = POD_NAME,
  ns = POD_NAMESPACE,
  uid = POD_UID,
  attempt = 0,
): string {
  return `k8s_${container}_${pod}_${ns}_${uid}_${attempt}`;
}

/**
 * A pod of two containers as kubelet made it through dockershim: the pause container first, on
 * the default bridge (kubelet with no network plugin left the sandbox there; with CNI or kubenet
 * it was created `none` and the plugin wired it), then each application container joined to the
 * sandbox's namespace with `container:` (dockershim's `NetworkMode = "container:<sandbox>"`).
 * nginx serves on the pod's port 80; the tools container reaches it on localhost.
 */
export const POD_PRESET: Preset = {
  id: 'pod',
  lines: [
    `docker run -d --name ${sandboxName()} ${PAUSE_IMAGE}`,
    `docker run -d --network container:${sandboxName()} --name ${appContainerName('nginx')} nginx`,
    `docker run -d --network container:${sandboxName()} --name ${appContainerName('tools')} hwchiu/netutils`,
  ],
};

/** The pod CIDR of this node (flannel's and kubeadm's usual 10.244.0.0/16, this node's /24). */
export const POD_CIDR = '10.244.0.0/24';
export const CNI_BRIDGE = 'cni0';
export const CNI_GATEWAY = '10.244.0.1';

/** One pod as the CNI bridge plugin wires it: its namespace, the host end's name, its address. */
export interface CniPod {
  netns: string;
  hostVeth: string;
  ip: string;
}

// The runtime names a pod's namespace (containerd: cni-<uuid>); the plugin names the host end
// veth<8 hex>. Short fixed names here, so the diagram and a replay on a real host are readable.
export const CNI_PODS: readonly CniPod[] = [
  { netns: 'pod-web', hostVeth: 'veth5f2a9c01', ip: '10.244.0.2' },
  { netns: 'pod-db', hostVeth: 'veth8d3e7b42', ip: '10.244.0.3' },
];

/** The ip lines that wire one pod to cni0, in the plugin's order. */
export function cniPodLines(p: CniPod): string[] {
  const prefix = POD_CIDR.split('/')[1];
  return [
    `ip netns add ${p.netns}`,
    // The plugin makes the pair inside the pod's namespace and moves the host end out; made from
    // the host with `peer … netns`, the result is the same pair (eth0 inside, the veth on the host).
    `ip link add ${p.hostVeth} type veth peer name eth0 netns ${p.netns}`,
    `ip link set ${p.hostVeth} master ${CNI_BRIDGE}`,
    `ip link set ${p.hostVeth} up`,
    `ip -n ${p.netns} link set lo up`,
    `ip -n ${p.netns} addr add ${p.ip}/${prefix} dev eth0`,
    `ip -n ${p.netns} link set eth0 up`,
    `ip -n ${p.netns} route add default via ${CNI_GATEWAY}`,
  ];
}

/**
 * The CNI bridge plugin's plumbing, as ip lines: a bridge cni0 holding the gateway address of
 * the pod CIDR (isGateway), then per pod a namespace, a veth pair with eth0 inside and the host
 * end on cni0, the pod's address and a default route via the gateway. Docker's bridge mode does
 * the same to docker0; only the names and the addresses differ.
 */
export const CNI_PRESET: Preset = {
  id: 'cni',
  lines: [
    `ip link add ${CNI_BRIDGE} type bridge`,
    `ip addr add ${CNI_GATEWAY}/${POD_CIDR.split('/')[1]} dev ${CNI_BRIDGE}`,
    `ip link set ${CNI_BRIDGE} up`,
    ...CNI_PODS.flatMap(cniPodLines),
  ],
};

/** Every preset, in the order the mode bar offers them. */
export const PRESETS: readonly Preset[] = [POD_PRESET, CNI_PRESET];

/**
 * Whether a preset's first object is already there (the pod's sandbox container, the cni0
 * bridge), so running it again would only fail on its first line: the mode bar disables it.
 */
export function presetApplied(p: Preset, w: World): boolean {
  if (p.id === 'pod') return Object.values(w.docker.containers).some((c) => c.name === sandboxName());
  return Object.values(w.kernel.links).some((l) => l.netns === INIT_NET && l.name === CNI_BRIDGE);
}
