// The article's third companion lab (docker_network_basic_3, "wiring a none container by hand")
// from start to end, as golden transcripts in both profiles. Expected text: the lab's commands
// replayed on this machine's kernel 6.18 in throwaway namespaces (iproute2 6.1, coreutils 9.1),
// with the Docker host's own numbering (lo 1, ens5 2, docker0 3, hwchiu0 4, so the kernel-named
// peer veth0 is 5 and c1-eth0 6); ids come from the world because Docker makes them at random.
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile, type World } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel';
import { createAppStore } from '../../src/store';
import { runLine } from '../../src/shell';
import type { ExecContext } from '../../src/shell/types';

const HOST: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

/** Runs the lines one after another and returns the transcript (`$ line`, then stdout and stderr). */
function transcript(profile: DockerProfile, lines: string[]): { text: string; world: World } {
  let world: World = createWorld({ profile });
  let text = '';
  for (const line of lines) {
    world = { ...world, clock: world.clock + 1000, lastOps: [], lastPackets: [] };
    const r = runLine(world, line, HOST);
    world = r.world;
    text += `$ ${line}\n` + r.output.map((o) => o.text).join('');
  }
  return { text, world };
}

const LAB = [
  'docker run --privileged -d --network=none --name c1 hwchiu/netutils',
  'brctl addbr hwchiu0',
  'ifconfig hwchiu0 up',
  'ip link add dev c1-eth0 type veth',
  'ln -s /var/run/docker/netns /var/run/netns',
  'ls -l /var/run/netns',
  'ip netns ls',
  "docker inspect c1 --format '{{.NetworkSettings.SandboxID}}'",
  "ip link set c1-eth0 netns $(docker inspect c1 --format '{{.NetworkSettings.SandboxID}}' | cut -c1-12) name eth0",
  'ip netns ls',
  'brctl addif hwchiu0 veth0',
  'ifconfig veth0 up',
  'docker exec c1 ifconfig eth0 10.55.66.2 netmask 255.255.255.0 up',
  'ifconfig hwchiu0 10.55.66.1 netmask 255.255.255.0 up',
  'docker exec c1 ip -br addr',
  'docker exec c1 cat /sys/class/net/eth0/iflink',
  'docker exec c1 cat /proc/net/route',
  'ping -c 2 -q 10.55.66.2',
];

/** /proc/net/route pads every line to 127 columns (kernel 6.18 here). */
const pad = (s: string) => s.padEnd(127) + '\n';

function expected(w: World, ipv6: boolean): string {
  const c1 = Object.values(w.docker.containers).find((c) => c.name === 'c1')!;
  const sandbox = c1.sandbox!;
  const eth0Ll = ipv6
    ? ` ${w.kernel.links[Object.values(w.kernel.links).find((l) => l.netns === c1.netns && l.name === 'eth0')!.id]!.addrs.find((a) => a.family === 6)!.local}/64`
    : '';
  const clock = new Date(w.clock - 1000 * (LAB.length - 5));
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const when = `${MONTHS[clock.getUTCMonth()]} ${String(clock.getUTCDate()).padStart(2)} ${String(clock.getUTCHours()).padStart(2, '0')}:${String(clock.getUTCMinutes()).padStart(2, '0')}`;
  return [
    `$ ${LAB[0]}`,
    c1.id,
    `$ ${LAB[1]}`,
    `$ ${LAB[2]}`,
    `$ ${LAB[3]}`,
    `$ ${LAB[4]}`,
    `$ ${LAB[5]}`,
    // `ls -l` of the link itself: its size is the target's length (21).
    `lrwxrwxrwx 1 root root 21 ${when} /var/run/netns -> /var/run/docker/netns`,
    `$ ${LAB[6]}`,
    // The host has no nsid for the none container's namespace yet: no "(id: N)".
    sandbox.key,
    `$ ${LAB[7]}`,
    sandbox.id,
    `$ ${LAB[8]}`,
    `$ ${LAB[9]}`,
    // Once a veth end lives there, the host has assigned it nsid 0 (seen here: "NAME (id: 0)").
    `${sandbox.key} (id: 0)`,
    `$ ${LAB[10]}`,
    `$ ${LAB[11]}`,
    `$ ${LAB[12]}`,
    `$ ${LAB[13]}`,
    `$ ${LAB[14]}`,
    // Engine <= 25 disables IPv6 in every container namespace (facts §6.2); Engine 29 does not,
    // and this veth was made by hand, so eth0 gets its link-local as on the real kernel.
    `lo               UNKNOWN        127.0.0.1/8${ipv6 ? ' ::1/128' : ''} `,
    `eth0@if5         UP             10.55.66.2/24${eth0Ll} `,
    `$ ${LAB[15]}`,
    '5',
    `$ ${LAB[16]}` +
      '\n' +
      pad('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT') +
      pad('eth0\t0042370A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0').slice(0, -1),
    `$ ${LAB[17]}`,
    'PING 10.55.66.2 (10.55.66.2) 56(84) bytes of data.',
    '',
    '--- 10.55.66.2 ping statistics ---',
    '2 packets transmitted, 2 received, 0% packet loss, time 1001ms',
    '',
  ].join('\n');
}

describe('the third companion lab', () => {
  it.each(['classic', 'current'] as const)('runs from start to end (%s profile)', (profile) => {
    const { text, world } = transcript(profile, LAB);
    // ping -q's last line carries rtts the model computes; the lab only needs the replies.
    const withoutRtt = text.replace(/rtt min\/avg\/max\/mdev = [\d./]+ ms\n$/, '');
    expect(withoutRtt).toBe(expected(world, profile === 'current'));
  });

  it('lets nsenter enter the namespace by its Docker path and ip netns exec by its short id', () => {
    const { text } = transcript('classic', [
      ...LAB.slice(0, 14),
      "nsenter --net=$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' c1) ip -br link show eth0",
      "ip netns exec $(docker inspect -f '{{.NetworkSettings.SandboxKey}}' c1 | cut -d/ -f6) ip -br -4 addr show eth0",
      "nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n ip -br -4 addr show eth0",
    ]);
    const tail = text.split('$ nsenter --net=')[1]!;
    expect(tail).toMatch(/\neth0@if5 +UP +([0-9a-f]{2}:){5}[0-9a-f]{2} <BROADCAST,MULTICAST,UP,LOWER_UP> \n/);
    expect(tail.match(/\neth0@if5 +UP +10\.55\.66\.2\/24 \n/g)).toHaveLength(2);
  });

  it('keeps the symlink as world state, as coreutils treats a link to a directory', () => {
    const { text } = transcript('classic', [
      'ln -s /var/run/docker/netns /var/run/netns',
      // Without -n, a link to a directory receives the new link inside it (GNU ln, seen here).
      'ln -s /var/run/docker/netns /var/run/netns',
      'ls /var/run/docker/netns',
      'ln -sn /var/run/docker/netns /var/run/netns',
      'rm /var/run/netns',
      'ls -l /var/run/netns',
      'ln -s /x /nonexistent/y',
    ]);
    expect(text).toBe(
      [
        '$ ln -s /var/run/docker/netns /var/run/netns',
        '$ ln -s /var/run/docker/netns /var/run/netns',
        '$ ls /var/run/docker/netns',
        'netns',
        '$ ln -sn /var/run/docker/netns /var/run/netns',
        // coreutils 9.1 messages, seen here.
        "ln: failed to create symbolic link '/var/run/netns': File exists",
        '$ rm /var/run/netns',
        '$ ls -l /var/run/netns',
        "ls: cannot access '/var/run/netns': No such file or directory",
        '$ ln -s /x /nonexistent/y',
        "ln: failed to create symbolic link '/nonexistent/y': No such file or directory",
        '',
      ].join('\n'),
    );
  });
  it('records ln -s in the app’s history, so undo removes the link and redo brings it back', () => {
    const s = createAppStore();
    s.getState().run('ln -s /var/run/docker/netns /var/run/netns');
    expect(s.getState().entries.map((e) => e.line)).toEqual(['ln -s /var/run/docker/netns /var/run/netns']);
    expect(s.getState().world.symlinks?.['/run/netns']?.target).toBe('/var/run/docker/netns');
    s.getState().undo();
    expect(s.getState().world.symlinks).toBeUndefined();
    s.getState().redo();
    expect(s.getState().world.symlinks?.['/run/netns']?.target).toBe('/var/run/docker/netns');
  });
});
