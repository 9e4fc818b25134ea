// User-defined bridge networks: create/ls/rm/connect/disconnect, run --network NAME, the errors
// Docker gives, and name resolution through the embedded DNS. Expected texts come from the
// reference facts (§1.2 pools and br- names, §4 error strings, §5.1 network ls, §8 resolution),
// which cite moby/cli sources; the ping failures are iputils' and BusyBox's getaddrinfo messages.
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile, type World } from '../../../src/docker/world';
import { INIT_NET, linkByName } from '../../../src/kernel';
import { runLine } from '../../../src/shell';
import type { ExecContext } from '../../../src/shell/types';

const HOST: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

function session(profile: DockerProfile) {
  let world: World = createWorld({ profile });
  const run = (line: string) => {
    world = { ...world, clock: world.clock + 1000, lastOps: [], lastPackets: [] };
    const r = runLine(world, line, HOST);
    world = r.world;
    const text = (fd: 1 | 2) =>
      r.output
        .filter((o) => o.fd === fd)
        .map((o) => o.text)
        .join('');
    return { out: text(1), err: text(2), status: r.status };
  };
  return { run, w: () => world };
}

const netId = (w: World, name: string) => Object.values(w.docker.networks).find((n) => n.name === name)!.id;
const ctrId = (w: World, name: string) => Object.values(w.docker.containers).find((c) => c.name === name)!.id;

describe.each(['classic', 'current'] as DockerProfile[])('user-defined networks (%s)', (profile) => {
  it('hands out 172.18/16, 172.19/16 … first fit, on a bridge named br- + 12 hex of the id', () => {
    const s = session(profile);
    const a = s.run('docker network create a');
    expect(a.status).toBe(0);
    expect(a.out).toMatch(/^[0-9a-f]{64}\n$/);
    s.run('docker network create b');
    const na = s.w().docker.networks[netId(s.w(), 'a')]!;
    expect(na.subnet).toBe('172.18.0.0/16');
    expect(na.gateway).toBe('172.18.0.1');
    expect(na.bridge).toBe(`br-${na.id.slice(0, 12)}`);
    expect(linkByName(s.w().kernel, INIT_NET, na.bridge!)).toBeDefined();
    expect(s.w().docker.networks[netId(s.w(), 'b')]!.subnet).toBe('172.19.0.0/16');
    // A removed network's subnet is the first fit again (address_space.go allocatePredefinedPool).
    expect(s.run('docker network rm a')).toEqual({ out: 'a\n', err: '', status: 0 });
    expect(linkByName(s.w().kernel, INIT_NET, na.bridge!)).toBeUndefined();
    s.run('docker network create c');
    expect(s.w().docker.networks[netId(s.w(), 'c')]!.subnet).toBe('172.18.0.0/16');
  });

  it('skips a pool that overlaps the host on-link route (172.31.16.0/20 here), then uses 192.168.0.0/20', () => {
    const s = session(profile);
    for (let i = 18; i <= 30; i++) s.run(`docker network create n${i}`);
    expect(s.w().docker.networks[netId(s.w(), 'n30')]!.subnet).toBe('172.30.0.0/16');
    s.run('docker network create next');
    expect(s.w().docker.networks[netId(s.w(), 'next')]!.subnet).toBe('192.168.0.0/20');
  });

  it('lists networks sorted by name (§5.1)', () => {
    const s = session(profile);
    s.run('docker network create mynet');
    const ls = s.run('docker network ls --format "{{.Name}} {{.Driver}} {{.Scope}}"');
    expect(ls.out).toBe('bridge bridge local\nhost host local\nmynet bridge local\nnone null local\n');
  });

  it('refuses an existing name, an overlapping subnet, and exhausted pools', () => {
    const s = session(profile);
    s.run('docker network create mynet');
    expect(s.run('docker network create mynet')).toEqual({
      out: '',
      err: 'Error response from daemon: network with name mynet already exists\n',
      status: 1,
    });
    expect(s.run('docker network create --subnet 172.18.5.0/24 x').err).toBe(
      'Error response from daemon: Pool overlaps with other one on this address space\n',
    );
    for (let i = 0; i < 29; i++) s.run(`docker network create p${i}`);
    expect(s.run('docker network create last').err).toBe(
      'Error response from daemon: all predefined address pools have been fully subnetted\n',
    );
  });

  it('runs a container on the network with its address, and connect adds eth1 without a second default route', () => {
    const s = session(profile);
    s.run('docker network create mynet');
    expect(s.run('docker run -d --name web --network mynet nginx').status).toBe(0);
    expect(s.w().docker.containers[ctrId(s.w(), 'web')]!.endpoint!.ip).toBe('172.18.0.2');
    s.run('docker run -d --name app hwchiu/netutils');
    expect(s.run('docker network connect mynet app')).toEqual({ out: '', err: '', status: 0 });
    const app = s.w().docker.containers[ctrId(s.w(), 'app')]!;
    expect(app.extraEndpoints?.map((e) => [e.ifname, e.ip])).toEqual([['eth1', '172.18.0.3']]);
    const ns = s.w().kernel.netns[app.netns!]!;
    expect(ns.routes.filter((r) => r.family === 4 && r.dst === 'default')).toHaveLength(1);
    expect(s.run('docker network connect mynet app').err).toBe(
      'Error response from daemon: endpoint with name app already exists in network mynet\n',
    );
    // network inspect lists both running containers (§5.2).
    const doc = JSON.parse(s.run('docker network inspect mynet').out)[0];
    expect(
      Object.values(doc.Containers as Record<string, { IPv4Address: string }>)
        .map((c) => c.IPv4Address)
        .sort(),
    ).toEqual(['172.18.0.2/16', '172.18.0.3/16']);
    // rm with endpoints: §4, per version.
    const rm = s.run('docker network rm mynet');
    expect(rm.status).toBe(1);
    if (profile === 'classic')
      expect(rm.err).toBe(
        `Error response from daemon: error while removing network: network mynet id ${netId(s.w(), 'mynet')} has active endpoints\n`,
      );
    else
      expect(rm.err).toMatch(
        /^Error response from daemon: error while removing network: network mynet has active endpoints \(name:"(web|app)" id:"[0-9a-f]{12}", name:"(web|app)" id:"[0-9a-f]{12}"\)\nexit status 1\n$/,
      );
    expect(s.run('docker network disconnect mynet app').status).toBe(0);
    expect(s.w().docker.containers[ctrId(s.w(), 'app')]!.extraEndpoints).toBeUndefined();
    expect(s.w().docker.networks[netId(s.w(), 'mynet')]!.allocated).toEqual(['172.18.0.2']);
  });

  it('gives Docker’s connect errors (§4)', () => {
    const s = session(profile);
    s.run('docker network create mynet');
    s.run('docker run -d --name hn --network host nginx');
    s.run('docker run -d --name nn --network none hwchiu/netutils');
    s.run('docker run -d --name tt hwchiu/netutils');
    s.run('docker run -d --name jj --network container:tt hwchiu/netutils');
    const e = (m: string) => `Error response from daemon: ${m}\n`;
    const shared = e(
      'container sharing network namespace with another container or host cannot be connected to any other network',
    );
    expect(s.run('docker network connect mynet hn').err).toBe(shared);
    expect(s.run('docker network connect mynet jj').err).toBe(shared);
    expect(s.run('docker network connect mynet nn').err).toBe(
      e('container cannot be connected to multiple networks with one of the networks in private (none) mode'),
    );
    expect(s.run('docker network connect host tt').err).toBe(
      e('cannot connect container to host network - container must be created in host network mode'),
    );
  });

  it('reserves --ip only on a network with a configured subnet, and refuses an address in use', () => {
    const s = session(profile);
    s.run('docker network create --subnet 10.10.0.0/24 lab');
    expect(s.run('docker run -d --name aa --network lab --ip 10.10.0.50 nginx').status).toBe(0);
    expect(s.w().docker.containers[ctrId(s.w(), 'aa')]!.endpoint!.ip).toBe('10.10.0.50');
    const again = s.run('docker run -d --name bb --network lab --ip 10.10.0.50 nginx');
    expect(again.status).toBe(125);
    expect(again.err).toContain('Address already in use');
  });

  it('resolves names, aliases and short ids on a user network; not on the default bridge', () => {
    const s = session(profile);
    s.run('docker network create mynet');
    s.run('docker run -d --name web --network mynet --network-alias www nginx');
    s.run('docker run -d --name app --network mynet hwchiu/netutils');
    s.run('docker run -d --name b1 hwchiu/netutils');
    s.run('docker run -d --name b2 busybox sh -c "sleep 1d"');
    for (const target of ['web', 'www', ctrId(s.w(), 'web').slice(0, 12)]) {
      const r = s.run(`docker exec app ping -c 1 ${target}`);
      expect(r.status).toBe(0);
      expect(r.out).toContain(`PING ${target} (172.18.0.2) 56(84) bytes of data.`);
    }
    // Default bridge: no embedded DNS, so getaddrinfo fails (iputils wording).
    expect(s.run('docker exec b1 ping -c 1 web').err).toBe('ping: web: Name or service not known\n');
  });
});
