// docker/daemon.ts — the Docker daemon's start: docker0 and its three predefined networks
// (bridge, host, none). Pure: returns a new World; the bridge is made through kernel operations.
import { applyAll, INIT_NET, randomBytes, randomHex, type KernelOp } from '../kernel';
import { bootFirewallOps } from './firewall';
import type { Network } from './types';
import type { World } from './world';

/**
 * dockerd's start-up: docker0 with an explicit MAC, txqueuelen 0, 172.17.0.1/16, up; then the
 * records of the networks bridge, host and none. Docker <= 27 made the bridge MAC `02:42` +
 * 4 random bytes; 28+ draws all 48 bits (unicast, locally administered).
 */
export function bootDaemonOps(w: World): World {
  const [bytes, rng] = randomBytes(w.docker.rng, w.docker.profile === 'classic' ? 4 : 6);
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
  if (w.docker.profile !== 'classic') hex[0] = ((bytes[0]! & 0xfe) | 0x02).toString(16).padStart(2, '0');
  const mac = (w.docker.profile === 'classic' ? ['02', '42', ...hex] : hex).join(':');
  const ops: KernelOp[] = [
    { op: 'addLink', netns: INIT_NET, name: 'docker0', kind: 'bridge', mac, mtu: 1500, txqlen: 0 },
    {
      op: 'addAddr',
      netns: INIT_NET,
      dev: 'docker0',
      family: 4,
      local: '172.17.0.1',
      prefixlen: 16,
      broadcast: '172.17.255.255',
    },
    { op: 'setLink', netns: INIT_NET, name: 'docker0', up: true },
    // The bridge driver's outbound NAT: containers reach the outside under the host's address.
    { op: 'addMasquerade', netns: INIT_NET, source: '172.17.0.0/16', notOut: 'docker0' },
    // The filter chains that keep bridge networks apart (facts §7).
    ...bootFirewallOps(w.docker.profile),
  ];
  const r = applyAll(w.kernel, ops);
  if (!r.ok) throw new Error(`docker0 setup failed: ${r.error.errno}`);
  const [nets, rng2] = predefinedNetworks(rng, w.clock, { cidr: '172.17.0.0/16', gateway: '172.17.0.1' });
  const networks: Record<string, Network> = {};
  for (const n of nets) networks[n.id] = n;
  return { ...w, kernel: r.state, docker: { ...w.docker, rng: rng2, networks } };
}

/** The kernel operations of the daemon's boot (docker0), for the conformance replay and export. */
export function daemonBridgeOps(w: World): KernelOp[] {
  const br = Object.values(w.kernel.links).find((l) => l.netns === INIT_NET && l.name === 'docker0');
  if (!br) return [];
  return [
    { op: 'addLink', netns: INIT_NET, name: 'docker0', kind: 'bridge', mac: br.mac, mtu: 1500, txqlen: 0 },
    {
      op: 'addAddr',
      netns: INIT_NET,
      dev: 'docker0',
      family: 4,
      local: '172.17.0.1',
      prefixlen: 16,
      broadcast: '172.17.255.255',
    },
    { op: 'setLink', netns: INIT_NET, name: 'docker0', up: true },
  ];
}

/** The predefined networks dockerd creates at boot (bridge on docker0, host, none). */
export function predefinedNetworks(
  rng: number,
  created: number,
  subnet: { cidr: string; gateway: string },
): [Network[], number] {
  let s = rng;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    let id: string;
    [id, s] = randomHex(s, 64);
    ids.push(id);
  }
  const [bridgeId, hostId, noneId] = ids as [string, string, string];
  const nets: Network[] = [
    {
      id: bridgeId,
      name: 'bridge',
      driver: 'bridge',
      created,
      bridge: 'docker0',
      subnet: subnet.cidr,
      gateway: subnet.gateway,
      allocated: [],
      options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      },
    },
    { id: hostId, name: 'host', driver: 'host', created, allocated: [], options: {} },
    { id: noneId, name: 'none', driver: 'null', created, allocated: [], options: {} },
  ];
  return [nets, s];
}
