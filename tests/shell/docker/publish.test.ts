// Port publishing: -p HOST:CONTAINER, -p IP:HOST:CONTAINER, -p CONTAINER and -P; docker ps PORTS
// and docker port; curl through the DNAT (and through docker-proxy for localhost); the second
// publish of a port; a DOCKER-USER rule changing what gets through. Expected texts: facts §4
// (portallocator's "Bind for 0.0.0.0:8080 failed: port is already allocated", the CLI's run
// framing per version), §5.1 (PORTS column) and §7 (rules); the bridge driver's wrapper
// "driver failed programming external connectivity on endpoint NAME (ID): " and v28+'s
// "failed to set up container networking: " as real v28 reports print them (e.g. moby#20486
// thread, docker/for-win#2722); `docker port` lines as the CLI prints them in public transcripts
// (`80/tcp -> 0.0.0.0:8080` then `80/tcp -> [::]:8080`, `:::8080` before CLI 27.2).
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile, type World } from '../../../src/docker/world';
import { INIT_NET } from '../../../src/kernel';
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
    return { out: text(1), err: text(2), status: r.status, world };
  };
  return { run, w: () => world };
}

const ctr = (w: World, name: string) => Object.values(w.docker.containers).find((c) => c.name === name)!;
const hops = (w: World) => w.lastPackets.flatMap((p) => p.trace);
const V6 = { classic: ':::', current: '[::]:' } as const;

describe.each(['classic', 'current'] as const)('publishing a port (%s)', (profile) => {
  it('curl to the host address reaches nginx through the DNAT, and the trace shows it and its reverse', () => {
    const s = session(profile);
    s.run('docker run -d --name web -p 8080:80 nginx');
    const r = s.run("curl -s -o /dev/null -w '%{http_code}\\n' 172.31.23.142:8080");
    expect(r.out).toBe('200\n');
    const texts = hops(r.world).map((h) => h.text);
    expect(texts).toContain(
      'DNAT (nat OUTPUT): destination 172.31.23.142:8080 becomes 172.17.0.2:80 ' +
        '(-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80)',
    );
    expect(texts).toContain('conntrack reverses DNAT: source 172.17.0.2:80 becomes 172.31.23.142:8080');
    // The SYN is delivered in the container's namespace, where nginx listens.
    const web = ctr(r.world, 'web');
    const syn = r.world.lastPackets[0]!;
    expect(syn.outcome).toBe('delivered');
    expect(syn.trace.at(-1)).toMatchObject({ kind: 'deliver', netns: web.netns });
  });

  it('curl localhost:8080 reaches nginx through docker-proxy (OUTPUT excludes 127.0.0.0/8)', () => {
    const s = session(profile);
    s.run('docker run -d --name web -p 8080:80 nginx');
    const r = s.run("curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080");
    expect(r.out).toBe('200\n');
    // Two connections: to docker-proxy on lo, then the proxy's own to 172.17.0.2:80.
    const labels = r.world.lastPackets.map((p) => p.label);
    expect(labels.some((l) => / > 127\.0\.0\.1:8080 \[S\]$/.test(l))).toBe(true);
    expect(labels.some((l) => / > 172\.17\.0\.2:80 \[S\]$/.test(l))).toBe(true);
    const ss = s.run('ss -tlnp');
    expect(ss.out).toMatch(/0\.0\.0\.0:8080 .*docker-proxy/);
  });

  it('docker ps and docker port show the mapping; a port not published is an error', () => {
    const s = session(profile);
    s.run('docker run -d --name web -p 8080:80 nginx');
    expect(s.run('docker ps').out).toContain(`0.0.0.0:8080->80/tcp, ${V6[profile]}8080->80/tcp`);
    expect(s.run('docker port web').out).toBe(`80/tcp -> 0.0.0.0:8080\n80/tcp -> ${V6[profile]}8080\n`);
    expect(s.run('docker port web 80').out).toBe(`0.0.0.0:8080\n${V6[profile]}8080\n`);
    const bad = s.run('docker port web 81/tcp');
    expect([bad.err, bad.status]).toEqual(["Error: No public port '81/tcp' published for web\n", 1]);
  });

  it('-p IP:HOST:CONTAINER binds one address (no IPv6 twin) and DNATs only that destination', () => {
    const s = session(profile);
    s.run('docker run -d --name web -p 127.0.0.1:9090:80 nginx');
    expect(s.run('docker port web').out).toBe('80/tcp -> 127.0.0.1:9090\n');
    expect(s.run('iptables -t nat -S DOCKER').out).toContain(
      '-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.2:80\n',
    );
    expect(s.run("curl -s -o /dev/null -w '%{http_code}\\n' 127.0.0.1:9090").out).toBe('200\n');
  });

  it('-P publishes the image’s EXPOSE (nginx 80/tcp) on an ephemeral port', () => {
    const s = session(profile);
    s.run('docker run -d --name web -P nginx');
    const p = ctr(s.w(), 'web').published!;
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ hostIp: '0.0.0.0', containerPort: 80, proto: 'tcp' });
    expect(p[0]!.hostPort).toBeGreaterThanOrEqual(32768);
    expect(p[0]!.hostPort).toBeLessThanOrEqual(60999);
    // Classic's portallocator hands out the range in order from its start.
    if (profile === 'classic') expect(p[0]!.hostPort).toBe(32768);
    const port = p[0]!.hostPort;
    expect(s.run('docker port web').out).toBe(`80/tcp -> 0.0.0.0:${port}\n80/tcp -> ${V6[profile]}${port}\n`);
    expect(s.run(`curl -s -o /dev/null -w '%{http_code}\\n' 172.31.23.142:${port}`).out).toBe('200\n');
  });

  it('the same host port twice: Docker’s error, and the second container stays Created', () => {
    const s = session(profile);
    s.run('docker run -d --name web -p 8080:80 nginx');
    const r = s.run('docker run -d --name web2 -p 8080:80 nginx');
    const web2 = ctr(r.world, 'web2');
    const ep = /endpoint web2 \(([0-9a-f]{64})\)/.exec(r.err)?.[1];
    expect(ep).toBeDefined();
    const msg = `driver failed programming external connectivity on endpoint web2 (${ep}): Bind for 0.0.0.0:8080 failed: port is already allocated`;
    expect(r.err).toBe(
      profile === 'classic'
        ? `docker: Error response from daemon: ${msg}.\n`
        : `docker: Error response from daemon: failed to set up container networking: ${msg}\n\nRun 'docker run --help' for more information\n`,
    );
    expect(r.status).toBe(125);
    expect(web2.status).toBe('created');
    expect(s.run('docker ps -a --format "{{.Names}} {{.Status}}"').out).toMatch(/^web2 Created\nweb Up \d+ seconds\n$/);
    // Nothing of web2 was left behind: no second DNAT, no address taken.
    expect(s.run('iptables -t nat -S DOCKER').out.match(/DNAT/g)).toHaveLength(1);
    s.run('docker run -d --name c1 hwchiu/netutils');
    expect(ctr(s.w(), 'c1').endpoint!.ip).toBe('172.17.0.3');
  });

  it('a host process on the port: docker-proxy cannot bind, the start fails', () => {
    // Wordings from real reports: <= v27 "Error starting userland proxy: listen tcp4 0.0.0.0:80:
    // bind: address already in use" (nginx-proxy#839 era); v28+ "failed to bind host port for
    // 0.0.0.0:8089:172.17.0.2:8089/tcp: address already in use" (a 2025 report quoted in public code).
    const s = session(profile);
    s.run('docker run -d --network host --name hweb nginx');
    const r = s.run('docker run -d --name web -p 80:80 nginx');
    const ep = /endpoint web \(([0-9a-f]{64})\)/.exec(r.err)?.[1];
    const pre = `driver failed programming external connectivity on endpoint web (${ep}): `;
    expect(r.err).toBe(
      profile === 'classic'
        ? `docker: Error response from daemon: ${pre}Error starting userland proxy: listen tcp4 0.0.0.0:80: bind: address already in use.\n`
        : `docker: Error response from daemon: failed to set up container networking: ${pre}failed to bind host port for 0.0.0.0:80:172.17.0.2:80/tcp: address already in use\n\nRun 'docker run --help' for more information\n`,
    );
    expect(ctr(r.world, 'web').status).toBe('created');
  });

  it('stopping or removing the container takes its rules and its docker-proxy away', () => {
    const s = session(profile);
    const before = s.run('iptables-save').out;
    s.run('docker run -d --name web -p 8080:80 nginx');
    expect(s.run('iptables-save').out).not.toBe(before);
    s.run('docker rm -f web');
    const after = s.run('iptables-save').out;
    // v29 keeps the raw table it created (empty); everything else is as before.
    const noRaw = (t: string) => t.replace(/# Generated[^\n]*\n\*raw\n[\s\S]*?# Completed[^\n]*\n/, '');
    expect(noRaw(after).replace(/on .*$/gm, '')).toBe(noRaw(before).replace(/on .*$/gm, ''));
    expect(s.run('ss -tlnp').out).not.toContain('docker-proxy');
    // The port is free again.
    expect(s.run('docker run -d --name web2 -p 8080:80 nginx').status).toBe(0);
  });
});

describe.each(['classic', 'current'] as const)('the filter rules a person adds (%s)', (profile) => {
  it('iptables -I DOCKER-USER -s 172.17.0.2 -j DROP stops that container’s ping to the outside', () => {
    const s = session(profile);
    s.run('docker run -d --name c1 hwchiu/netutils');
    expect(s.run('docker exec c1 ping -c1 8.8.8.8').out).toContain('1 received');
    expect(s.run('iptables -I DOCKER-USER -s 172.17.0.2 -j DROP').status).toBe(0);
    const r = s.run('docker exec c1 ping -c1 -W1 8.8.8.8');
    expect(r.out).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(hops(r.world).find((h) => h.kind === 'drop')).toMatchObject({
      netns: INIT_NET,
      text: 'dropped by iptables rule: -A DOCKER-USER -s 172.17.0.2/32 -j DROP',
    });
    s.run('iptables -D DOCKER-USER -s 172.17.0.2 -j DROP');
    expect(s.run('docker exec c1 ping -c1 8.8.8.8').out).toContain('1 received');
  });

  it('a DROP in the INPUT chain of a privileged container’s namespace drops the host’s ping', () => {
    const s = session(profile);
    s.run('docker run -d --privileged --name c1 hwchiu/netutils');
    expect(s.run('ping -c1 172.17.0.2').out).toContain('1 received');
    expect(s.run('docker exec c1 iptables -A INPUT -p icmp -j DROP').status).toBe(0);
    const r = s.run('ping -c1 -W1 172.17.0.2');
    expect(r.out).toContain('0 received');
    expect(hops(r.world).find((h) => h.kind === 'drop')).toMatchObject({
      netns: ctr(r.world, 'c1').netns,
      text: 'dropped by iptables rule: -A INPUT -p icmp -j DROP',
    });
  });

  it('FORWARD policy ACCEPT after a flush of the filter table still lets containers out', () => {
    const s = session(profile);
    s.run('docker run -d --name c1 hwchiu/netutils');
    s.run('iptables -F');
    // Policy DROP and no rules left: forwarded traffic dies on the policy.
    const dropped = s.run('docker exec c1 ping -c1 -W1 8.8.8.8');
    expect(dropped.out).toContain('0 received');
    expect(hops(dropped.world).find((h) => h.kind === 'drop')?.text).toBe(
      "dropped by the FORWARD chain's policy: iptables -P FORWARD DROP",
    );
    s.run('iptables -P FORWARD ACCEPT');
    expect(s.run('docker exec c1 ping -c1 8.8.8.8').out).toContain('1 received');
  });
});
