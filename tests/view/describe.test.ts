// The diagram in words (view/scene/describe.ts): the text twin's tree and the sentence the live
// region says after each command. Worlds are built by running the article's command lines.
import { describe, expect, it } from 'vitest';
import { createAppStore, selectPreviousWorld, type AppStore } from '../../src/store';
import { describeChange, describeTree, describeWorld, type TwinItem } from '../../src/view/scene';

const IMG = 'hwchiu/netutils';

function store(...lines: string[]): AppStore {
  return createAppStore({ lines });
}

/** What the live region would say for the last command of the store. */
function said(s: AppStore): string {
  const st = s.getState();
  const e = st.entries[st.index - 1];
  return describeChange(selectPreviousWorld(st), st.world, e.ops);
}

function run(s: AppStore, line: string): string {
  s.getState().run(line);
  return said(s);
}

function flat(items: TwinItem[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}${i.label}`, ...flat(i.children, depth + 1)]);
}

function find(items: TwinItem[], pred: (i: TwinItem) => boolean): TwinItem | undefined {
  for (const i of items) {
    if (pred(i)) return i;
    const hit = find(i.children, pred);
    if (hit) return hit;
  }
  return undefined;
}

describe('describeChange', () => {
  it('says a bridge container got a new namespace and a veth pair: eth0 inside, the host end on docker0', () => {
    const s = store();
    const host = () => {
      const st = s.getState();
      const c = Object.values(st.world.docker.containers).find((x) => x.name === 'bridge')!;
      return c.endpoint!.hostVeth;
    };
    const text = run(s, `docker run --network=bridge -d --name bridge ${IMG}`);
    // The host's namespace is netns 0, so the container's is the first new one, 1;
    // docker0 holds .1, so the first container gets 172.17.0.2.
    expect(text).toBe(
      `Container bridge started: Docker created network namespace 1 and a veth pair: eth0 in the container, ${host()} on docker0; its address is 172.17.0.2/16.`,
    );
    expect(host()).toMatch(/^veth[0-9a-f]{7}$/);
  });

  it('says a stopped bridge container gives its address back and loses its namespace and veth pair', () => {
    const s = store(
      `docker run --network=bridge -d --name bridge ${IMG}`,
      `docker run --network=bridge -d --name bridge2 ${IMG}`,
    );
    const veth = Object.values(s.getState().world.docker.containers).find((c) => c.name === 'bridge2')!.endpoint!
      .hostVeth;
    expect(run(s, 'docker stop bridge2')).toBe(
      `Container bridge2 stopped; its address 172.17.0.3 is free again; Docker deleted network namespace 2 and the veth pair ${veth}.`,
    );
  });

  it('tells none, host and container mode apart', () => {
    const s = store();
    expect(run(s, `docker run --network=none -d --name none ${IMG}`)).toBe(
      'Container none started: Docker created network namespace 1 with only the loopback interface lo (none mode).',
    );
    expect(run(s, `docker run --network=host -d --name host ${IMG}`)).toBe(
      "Container host started in the host's network namespace (host mode): no namespace or interface of its own.",
    );
    run(s, `docker run --network=bridge -d --name bridge ${IMG}`);
    expect(run(s, `docker run --network=container:bridge -d --name co_container ${IMG}`)).toBe(
      'Container co_container started and joined network namespace 2 of container bridge (container mode): no new interface.',
    );
  });

  it('says a removed running container was killed, and a created one is not started', () => {
    const s = store(`docker run --network=none -d --name none ${IMG}`);
    expect(run(s, 'docker rm -f none')).toBe(
      'Container none was killed and removed; Docker deleted network namespace 1.',
    );
    expect(run(s, `docker create --name later ${IMG}`)).toBe('Container later created, not started.');
  });

  it('reads plain ip commands op by op, naming the namespace each happens in', () => {
    const s = store();
    expect(run(s, 'ip netns add blue')).toBe('Created network namespace blue.');
    expect(run(s, 'ip link add v0 type veth peer name v1')).toBe(
      "Created a veth pair v0 and v1 in the host's network namespace.",
    );
    expect(run(s, 'ip link set v1 netns blue')).toBe('Moved v1 into network namespace blue.');
    expect(run(s, 'ip -n blue addr add 10.0.0.2/24 dev v1')).toBe(
      'Added address 10.0.0.2/24 to v1 in network namespace blue.',
    );
    expect(run(s, 'ip -n blue link set v1 up')).toBe('Set v1 up in network namespace blue.');
    expect(run(s, 'ip link del v0')).toBe("Deleted v0 and its peer v1 in the host's network namespace.");
  });

  it('says nothing when nothing changed', () => {
    const s = store();
    const w = s.getState().world;
    expect(describeChange(w, w, [])).toBe('');
  });

  it('summarises a world', () => {
    expect(describeWorld(store().getState().world)).toBe('The host now has 1 network namespace and no containers.');
    const s = store(
      `docker run --network=none -d --name none ${IMG}`,
      `docker run --network=host -d --name host ${IMG}`,
    );
    expect(describeWorld(s.getState().world)).toBe(
      'The host now has 2 network namespaces and 2 containers (2 running).',
    );
  });
});

describe('describeTree', () => {
  const s = store(
    `docker run --network=bridge -d --name bridge ${IMG}`,
    `docker run --network=host -d --name host ${IMG}`,
  );
  const w = s.getState().world;
  const tree = describeTree(w);

  it('lists namespaces, then containers', () => {
    expect(tree.map((t) => t.label)).toEqual(['network namespaces: 2', 'containers: 2']);
    expect(tree[0].children.map((t) => t.label)).toEqual([
      'host network namespace (init_net) of docker-host, 4 interfaces, container host',
      'network namespace 1, 2 interfaces, container bridge',
    ]);
  });

  it("gives the container's eth0 its peer, address and routes, each selecting a scene key", () => {
    const eth0 = find(tree, (i) => i.label.startsWith('eth0:'))!;
    const ctr = Object.values(w.docker.containers).find((c) => c.name === 'bridge')!;
    const hostVeth = ctr.endpoint!.hostVeth;
    expect(eth0.label).toBe(`eth0: veth, up, 172.17.0.2/16, peer ${hostVeth}`);
    expect(eth0.children.map((c) => c.label)).toEqual([
      `peer ${hostVeth} in the host's network namespace`,
      'address 172.17.0.2/16',
      'route default via 172.17.0.1',
      'route 172.17.0.0/16 (on the link) from 172.17.0.2',
    ]);
    // The peer item selects the veth wire, whose key names both link ids.
    expect(eth0.children[0].key).toMatch(/^veth:link:\d+\|link:\d+$/);
    expect(eth0.key).toMatch(/^link:\d+$/);
  });

  it('shows the host end as a port of docker0, and docker0 with its ports', () => {
    const ctr = Object.values(w.docker.containers).find((c) => c.name === 'bridge')!;
    const end = find(tree, (i) => i.label.startsWith(`${ctr.endpoint!.hostVeth}:`))!;
    expect(end.children.map((c) => c.label)).toContain('port of bridge docker0');
    expect(end.children.find((c) => c.label === 'port of bridge docker0')!.key).toBe(`port:${end.key}`);
    const docker0 = find(tree, (i) => i.label.startsWith('docker0:'))!;
    expect(docker0.label).toBe('docker0: bridge, up, 172.17.0.1/16');
    expect(docker0.children[0].label).toBe(`ports: ${ctr.endpoint!.hostVeth}`);
  });

  it('says where each container lives, host mode in the host namespace', () => {
    const ctrs = tree[1].children;
    expect(flat(ctrs)).toEqual([
      'container bridge: bridge mode, running, 172.17.0.2/16',
      '  lives in network namespace 1',
      `  image ${IMG}`,
      'container host: host mode, running',
      "  lives in the host's network namespace",
      `  image ${IMG}`,
    ]);
    expect(ctrs[0].children[0].key).toBe('netns:1');
    expect(ctrs[1].children[0].key).toBe('netns:0');
  });

  it('has unique ids', () => {
    const ids: string[] = [];
    const walk = (items: TwinItem[]) => items.forEach((i) => (ids.push(i.id), walk(i.children)));
    walk(tree);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
