// docker/daemon.ts — the Docker daemon's start: its three predefined networks and docker0.
// Pure: returns a new World; the bridge is made through kernel operations.
import { applyAll, INIT_NET, randomBytes, type KernelOp } from '../kernel';
import type { World } from './world';

/** dockerd's start-up: docker0 with an explicit 02:42 MAC, txqueuelen 0, 172.17.0.1/16, up. */
export function bootDaemonOps(w: World): World {
  const [bytes, rng] = randomBytes(w.docker.rng, 4);
  const mac = ['02', '42', ...bytes.map((b) => b.toString(16).padStart(2, '0'))].join(':');
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
  ];
  const r = applyAll(w.kernel, ops);
  if (!r.ok) throw new Error(`docker0 setup failed: ${r.error.errno}`);
  return { ...w, kernel: r.state, docker: { ...w.docker, rng } };
}
