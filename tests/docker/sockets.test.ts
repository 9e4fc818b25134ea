// Containers' processes listen as their images do: nginx binds tcp 0.0.0.0:80 in its netns
// through the kernel's bindSocket, and the sockets close when its process ends.
import { describe, expect, it } from 'vitest';
import { createContainer, removeContainer, startContainer, stopContainer } from '../../src/docker/engine';
import { createWorld, type World } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel';

function run(w: World, image: string, network?: string, name?: string): { world: World; id: string } {
  const c = createContainer(w, { image, args: [], ...(network ? { network } : {}), ...(name ? { name } : {}) });
  if (!c.ok) throw new Error(c.error.code);
  const s = startContainer(c.world, c.id);
  if (!s.ok) throw new Error(s.error.code);
  return { world: s.world, id: c.id };
}

describe('sockets of containers', () => {
  it('binds nginx on 0.0.0.0:80 and [::]:80 (ipv6only) in its own namespace, with its host pid', () => {
    const { world, id } = run(createWorld(), 'nginx');
    const c = world.docker.containers[id]!;
    expect(world.kernel.netns[c.netns!]!.sockets).toEqual([
      { proto: 'tcp', addr: '0.0.0.0', port: 80, process: 'nginx', pid: c.pid },
      { proto: 'tcp', addr: '::', port: 80, process: 'nginx', pid: c.pid, v6only: true },
    ]);
    expect(world.lastOps.at(-1)).toMatchObject({ op: 'bindSocket', netns: c.netns, port: 80 });
  });

  it('gives netutils, busybox and alpine no socket', () => {
    let w = createWorld();
    for (const image of ['hwchiu/netutils', 'busybox', 'alpine']) w = run(w, image, 'host').world;
    expect(w.kernel.netns[INIT_NET]!.sockets).toEqual([]);
  });

  it('closes the socket on stop and on rm -f', () => {
    const a = run(createWorld(), 'nginx', 'host', 'a');
    const stopped = stopContainer(a.world, a.id);
    expect(stopped.ok && stopped.world.kernel.netns[INIT_NET]!.sockets).toEqual([]);
    const b = run(createWorld(), 'nginx', 'host', 'b');
    const removed = removeContainer(b.world, b.id, true);
    expect(removed.ok && removed.world.kernel.netns[INIT_NET]!.sockets).toEqual([]);
  });

  it('makes the second host-mode nginx exit with status 1, 2.5 s after its start', () => {
    const first = run(createWorld(), 'nginx', 'host', 'web1');
    const second = run(first.world, 'nginx', 'host', 'web2');
    const c = second.world.docker.containers[second.id]!;
    expect(c.status).toBe('exited');
    expect(c.exitCode).toBe(1);
    const last = c.runs.at(-1)!;
    expect(last.bindFailed).toEqual({ addr: '0.0.0.0', port: 80, v6: true });
    expect(last.finishedAt! - last.startedAt).toBe(2500);
    // Only the first one's socket remains.
    // The first nginx's two sockets (0.0.0.0:80 and [::]:80).
    expect(second.world.kernel.netns[INIT_NET]!.sockets).toHaveLength(2);
  });

  it('lets two bridge nginx bind port 80 each: one namespace each', () => {
    const a = run(createWorld(), 'nginx');
    const b = run(a.world, 'nginx');
    expect(b.world.docker.containers[b.id]!.status).toBe('running');
  });
});
