// The engine's plans: what each mode does to the kernel, IPAM as Docker allocates, and the
// lifecycle (stop releases, start re-plumbs, joiners keep only lo). Facts: reference §1.1, §3, §4, §6.
import { describe, expect, it } from 'vitest';
import {
  createContainer,
  findContainer,
  removeContainer,
  startContainer,
  stopContainer,
  type CreateSpec,
} from '../../src/docker/engine';
import { createWorld, type DockerProfile, type World } from '../../src/docker/world';
import { checkInvariants, INIT_NET, linksOf, peerOf } from '../../src/kernel';

function run(w: World, spec: Partial<CreateSpec> & { name: string }): World {
  const c = createContainer(w, { image: 'hwchiu/netutils', args: [], ...spec });
  if (!c.ok) throw new Error(c.error.code);
  const s = startContainer({ ...c.world, lastOps: [] }, c.id);
  if (!s.ok) throw new Error(s.error.code);
  expect(checkInvariants(s.world.kernel)).toEqual([]);
  return s.world;
}

const ctr = (w: World, name: string) => findContainer(w.docker, name)!;

describe('docker engine', () => {
  it('bridge (classic): veth made in the host, container end moved and renamed eth0 with the lower ifindex', () => {
    const w = run(createWorld({ profile: 'classic' }), { name: 'b', network: 'bridge' });
    const c = ctr(w, 'b');
    const eth0 = linksOf(w.kernel, c.netns!).find((l) => l.name === 'eth0')!;
    const host = peerOf(w.kernel, eth0)!;
    expect(host.netns).toBe(INIT_NET);
    expect(host.name).toMatch(/^veth[0-9a-f]{7}$/);
    expect(eth0.ifindex + 1).toBe(host.ifindex); // the peer is registered first
    expect(eth0.mac).toBe('02:42:ac:11:00:02'); // 02:42 + 172.17.0.2
    expect(eth0.addrs.map((a) => `${a.local}/${a.prefixlen}`)).toEqual(['172.17.0.2/16']); // no IPv6 before v26
    expect(w.kernel.links[host.master!]!.name).toBe('docker0');
    // lo's 127.0.0.1/8 is not an op of its own: the kernel adds it when lo comes up.
    expect(w.lastOps.map((o) => o.op)).toEqual([
      'addNetns',
      'setSysctl',
      'setLink',
      'addVethPair',
      'setLink',
      'setLink',
      'setLink',
      'setLink',
      'setLink',
      'setLink',
      'addAddr',
      'setLink',
      'addRoute',
    ]);
    expect(c.plumbing).toEqual(w.lastOps);
  });

  it('bridge (current): the container end is born in the sandbox as 2: eth0, random MAC, ::1 on lo', () => {
    const w = run(createWorld({ profile: 'current' }), { name: 'b', network: 'bridge' });
    const c = ctr(w, 'b');
    const links = linksOf(w.kernel, c.netns!);
    expect(links.map((l) => `${l.ifindex}:${l.name}`)).toEqual(['1:lo', '2:eth0']);
    expect(links[1]!.mac).not.toMatch(/^02:42:ac/);
    expect(links[0]!.addrs.map((a) => a.local)).toEqual(['127.0.0.1', '::1']);
    expect(links[1]!.addrs.map((a) => a.local)).toEqual(['172.17.0.2']);
  });

  it('none makes a netns with only lo, up; host makes none; container: joins the target', () => {
    let w = createWorld();
    const before = Object.keys(w.kernel.netns).length;
    w = run(w, { name: 'n', network: 'none' });
    expect(linksOf(w.kernel, ctr(w, 'n').netns!).map((l) => [l.name, l.up])).toEqual([['lo', true]]);
    w = run(w, { name: 'h', network: 'host' });
    expect(ctr(w, 'h').netns).toBe(INIT_NET);
    expect(w.lastOps).toEqual([]);
    w = run(w, { name: 'b', network: 'bridge' });
    w = run(w, { name: 'j', network: 'container:b' });
    expect(ctr(w, 'j').netns).toBe(ctr(w, 'b').netns);
    expect(ctr(w, 'j').hostname).toBe(ctr(w, 'b').hostname);
    expect(Object.keys(w.kernel.netns).length).toBe(before + 2);
  });

  it('hands out the lowest free address, and a stopped container gives its address back', () => {
    let w = createWorld();
    w = run(w, { name: 'a' });
    w = run(w, { name: 'b' });
    expect(ctr(w, 'b').endpoint!.ip).toBe('172.17.0.3');
    const s = stopContainer(w, 'a');
    if (!s.ok) throw new Error();
    w = run(s.world, { name: 'c' });
    expect(ctr(w, 'c').endpoint!.ip).toBe('172.17.0.2'); // .2 was freed at stop, not only at rm
    const again = startContainer(w, 'a');
    if (!again.ok) throw new Error();
    expect(ctr(again.world, 'a').endpoint!.ip).toBe('172.17.0.4');
  });

  it('stopping a target leaves its joiners running in a netns with only lo', () => {
    let w = run(createWorld(), { name: 'b' });
    w = run(w, { name: 'j', network: 'container:b' });
    const ns = ctr(w, 'j').netns!;
    const s = stopContainer(w, 'b');
    if (!s.ok) throw new Error();
    w = s.world;
    expect(checkInvariants(w.kernel)).toEqual([]);
    expect(ctr(w, 'j').status).toBe('running');
    expect(linksOf(w.kernel, ns).map((l) => l.name)).toEqual(['lo']);
    expect(w.kernel.netns[ns]!.routes).toEqual([]);
    expect(linksOf(w.kernel, INIT_NET).map((l) => l.name)).toEqual(['lo', 'ens5', 'docker0']);
    const stopJ = stopContainer(w, 'j');
    if (!stopJ.ok) throw new Error();
    expect(stopJ.world.kernel.netns[ns]).toBeUndefined(); // the last process leaves: the netns goes
  });

  it('rm refuses a running container unless forced', () => {
    const w = run(createWorld(), { name: 'b' });
    const r = removeContainer(w, 'b', false);
    expect(r.ok).toBe(false);
    const f = removeContainer(w, 'b', true);
    if (!f.ok) throw new Error();
    expect(findContainer(f.world.docker, 'b')).toBeUndefined();
    expect(Object.keys(f.world.kernel.netns)).toEqual([INIT_NET]);
  });

  for (const profile of ['classic', 'current'] as DockerProfile[]) {
    it(`is deterministic for a seed (${profile})`, () => {
      const a = run(createWorld({ seed: 7, profile }), { name: 'x' });
      const b = run(createWorld({ seed: 7, profile }), { name: 'x' });
      expect(a).toEqual(b);
    });
  }
});
