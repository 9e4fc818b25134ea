// Isolation between Docker bridge networks (facts §7.1 classic, §7.2 v29): a packet the host
// forwards from one bridge to another is dropped, and the trace's drop hop names the rule.
// Rule texts are the ones dockerd programs (moby setup_ip_tables_linux.go for <= v27; the
// iptablesdoc goldens and DOCKER-INTERNAL dumps for v29); the ping layout is iputils 20221126
// with nothing received, recorded in a throwaway namespace (as in tests/usecases/faults.test.ts).
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile, type World } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel';
import { runLine } from '../../src/shell';
import type { ExecContext } from '../../src/shell/types';

const HOST: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

function session(profile: DockerProfile) {
  let world: World = createWorld({ profile });
  const run = (line: string) => {
    world = { ...world, clock: world.clock + 1000, lastOps: [], lastPackets: [] };
    const r = runLine(world, line, HOST);
    world = r.world;
    const out = r.output
      .filter((o) => o.fd === 1)
      .map((o) => o.text)
      .join('');
    return { out, status: r.status, world };
  };
  return { run, w: () => world };
}

const LOST = (dst: string) =>
  `PING ${dst} (${dst}) 56(84) bytes of data.\n\n` +
  `--- ${dst} ping statistics ---\n` +
  '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n';

const bridgeOf = (w: World, name: string) => Object.values(w.docker.networks).find((n) => n.name === name)!.bridge!;
const dropText = (w: World) => w.lastPackets.flatMap((p) => p.trace).find((h) => h.kind === 'drop')?.text;

describe.each([
  ['classic', (br: string) => `dropped by iptables rule: -A DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`],
  ['current', (br: string) => `dropped by iptables rule: -A DOCKER ! -i ${br} -o ${br} -j DROP`],
] as const)('isolation between bridge networks (%s)', (profile, rule) => {
  it('drops a ping from a user network to a container on another, naming the rule', () => {
    const s = session(profile);
    s.run('docker network create red');
    s.run('docker network create blue');
    s.run('docker run -d --name ca --network red hwchiu/netutils');
    s.run('docker run -d --name cb --network blue hwchiu/netutils');
    // red is 172.18/16 and blue 172.19/16 (first fit): b is 172.19.0.2.
    const r = s.run('docker exec ca ping -c1 172.19.0.2');
    expect(r.out).toBe(LOST('172.19.0.2'));
    expect(r.status).toBe(1);
    expect(dropText(r.world)).toBe(rule(bridgeOf(r.world, 'blue')));
  });

  it('drops a ping from the default bridge into a user network, and the other way', () => {
    const s = session(profile);
    s.run('docker network create red');
    s.run('docker run -d --name ca --network red hwchiu/netutils');
    s.run('docker run -d --name cd hwchiu/netutils');
    const there = s.run('docker exec cd ping -c1 172.18.0.2');
    expect(there.out).toBe(LOST('172.18.0.2'));
    expect(dropText(there.world)).toBe(rule(bridgeOf(there.world, 'red')));
    const back = s.run('docker exec ca ping -c1 172.17.0.2');
    expect(back.out).toBe(LOST('172.17.0.2'));
    expect(dropText(back.world)).toBe(rule('docker0'));
  });

  it('still lets a container reach the gateway address of another network (INPUT, not FORWARD)', () => {
    const s = session(profile);
    s.run('docker network create red');
    s.run('docker run -d --name cd hwchiu/netutils');
    expect(s.run('docker exec cd ping -c1 172.18.0.1').status).toBe(0);
  });

  it('lets the packets through again once the other network is gone', () => {
    const s = session(profile);
    s.run('docker network create red');
    const before = s.w().kernel.netns[INIT_NET]!.filter!.length;
    s.run('docker network create blue');
    s.run('docker network rm blue');
    expect(s.w().kernel.netns[INIT_NET]!.filter!.length).toBe(before);
  });

  it('keeps a container on a user network reaching the outside (replies pass)', () => {
    const s = session(profile);
    s.run('docker network create red');
    s.run('docker run -d --name ca --network red hwchiu/netutils');
    expect(s.run('docker exec ca ping -c1 8.8.8.8').status).toBe(0);
    s.run('docker run -d --name cd hwchiu/netutils');
    expect(s.run('docker exec cd ping -c1 8.8.8.8').status).toBe(0);
  });
});

describe.each([
  ['classic', 'DOCKER-ISOLATION-STAGE-1'],
  ['current', 'DOCKER-INTERNAL'],
] as const)('--internal networks (%s)', (profile, chain) => {
  it('drops what a container on an internal network sends to another network', () => {
    const s = session(profile);
    s.run('docker network create --internal priv');
    s.run('docker run -d --name cd hwchiu/netutils');
    s.run('docker run -d --name ca --network priv hwchiu/netutils');
    s.run('docker network connect bridge ca');
    // ca has eth0 on priv (172.18.0.2) and eth1 on docker0; cd pings ca's priv address through
    // the host, which forwards from docker0 into the internal bridge.
    const r = s.run('docker exec cd ping -c1 172.18.0.2');
    expect(r.out).toBe(LOST('172.18.0.2'));
    expect(dropText(r.world)).toBe(
      `dropped by iptables rule: -A ${chain} ! -s 172.18.0.0/16 -o ${bridgeOf(r.world, 'priv')} -j DROP`,
    );
  });
});
