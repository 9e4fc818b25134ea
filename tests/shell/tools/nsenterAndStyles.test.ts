// ifconfig in the article's netutils image (Ubuntu net-tools 1.60), byte-unit scaling taken from
// the captures, and nsenter's namespace switching and util-linux error texts (checked on the real
// nsenter 2.38 in a scratch namespace; the outputs are quoted in each test).
import { describe, expect, it } from 'vitest';
import { commitOps, createWorld, type World } from '../../../src/docker/world';
import { INIT_NET, type KernelOp } from '../../../src/kernel';
import { runLine, type ExecContext, type Toolset } from '../../../src/shell';

const ctx = (toolset: Toolset, netns = INIT_NET): ExecContext => ({
  netns,
  toolset,
  hostname: 'h',
  env: {},
  history: [],
});
const out = (w: World, line: string, c: ExecContext) => {
  const r = runLine(w, line, c);
  return {
    stdout: r.output
      .filter((x) => x.fd === 1)
      .map((x) => x.text)
      .join(''),
    stderr: r.output
      .filter((x) => x.fd === 2)
      .map((x) => x.text)
      .join(''),
    status: r.status,
    world: r.world,
  };
};

/** A ≤v25 bridge container: IPv6 off, lo up, eth0 172.17.0.2/16 on a veth whose peer is up. */
function articleContainer(): { world: World; ns: string } {
  const ns = 'netns:1';
  const ops: KernelOp[] = [
    { op: 'addNetns', netns: ns, name: 'c' },
    { op: 'setSysctl', netns: ns, key: 'disable_ipv6', value: true },
    { op: 'setLink', netns: ns, name: 'lo', up: true },
    {
      op: 'addVethPair',
      netns: INIT_NET,
      name: 'vethx',
      peer: 'eth0',
      peerNetns: ns,
      peerMac: '02:42:ac:11:00:02',
      peerTxqlen: 0,
    },
    {
      op: 'addAddr',
      netns: ns,
      dev: 'eth0',
      family: 4,
      local: '172.17.0.2',
      prefixlen: 16,
      broadcast: '172.17.255.255',
    },
    { op: 'setLink', netns: ns, name: 'eth0', up: true },
    { op: 'setLink', netns: INIT_NET, name: 'vethx', up: true },
  ];
  const r = commitOps(createWorld({ seed: 3, docker: false }), ops);
  if (!r.ok) throw new Error(r.error.errno);
  const w = r.world;
  const eth0 = Object.values(w.kernel.links).find((l) => l.netns === ns && l.name === 'eth0')!;
  // The article's counters: RX packets:17, RX bytes:1366.
  const links = { ...w.kernel.links, [eth0.id]: { ...eth0, stats: { ...eth0.stats, rxPackets: 17, rxBytes: 1366 } } };
  return { world: { ...w, kernel: { ...w.kernel, links } }, ns };
}

describe('ifconfig in the netutils image (net-tools 1.60, Ubuntu)', () => {
  it("prints the article's `docker exec bridge ifconfig`, with 1.60's trailing spaces", () => {
    const { world, ns } = articleContainer();
    // The article's text (its markdown dropped the trailing spaces that 1.60's printf leaves after
    // `HWaddr %s  `, `Link encap:%s  ` and `txqueuelen:%d `, so they are added back here).
    const expected =
      'eth0      Link encap:Ethernet  HWaddr 02:42:ac:11:00:02  \n' +
      '          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0\n' +
      '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
      '          RX packets:17 errors:0 dropped:0 overruns:0 frame:0\n' +
      '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
      '          collisions:0 txqueuelen:0 \n' +
      '          RX bytes:1366 (1.3 KB)  TX bytes:0 (0.0 B)\n' +
      '\n' +
      'lo        Link encap:Local Loopback  \n' +
      '          inet addr:127.0.0.1  Mask:255.0.0.0\n' +
      '          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n' +
      '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n' +
      '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
      '          collisions:0 txqueuelen:1000 \n' +
      '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n' +
      '\n';
    expect(out(world, 'ifconfig', ctx('netutils', ns)).stdout).toBe(expected);
  });

  it('scales bytes in SI units of 1000 (an Ubuntu 1.60 host: `821363 (821.3 KB)`, `1778710 (1.7 MB)`)', () => {
    const { world, ns } = articleContainer();
    const eth0 = Object.values(world.kernel.links).find((l) => l.netns === ns && l.name === 'eth0')!;
    const links = {
      ...world.kernel.links,
      [eth0.id]: { ...eth0, stats: { ...eth0.stats, rxBytes: 1778710, txBytes: 821363 } },
    };
    const w = { ...world, kernel: { ...world.kernel, links } };
    expect(out(w, 'ifconfig eth0', ctx('netutils', ns)).stdout).toContain(
      '          RX bytes:1778710 (1.7 MB)  TX bytes:821363 (821.3 KB)\n',
    );
  });

  it('scales bytes in KiB on the host and in BusyBox (captures: 1182 → 1.1 KiB, 2660 → 2.5 KiB, 880 → 880.0 B)', () => {
    const { world, ns } = articleContainer();
    const eth0 = Object.values(world.kernel.links).find((l) => l.netns === ns && l.name === 'eth0')!;
    const links = {
      ...world.kernel.links,
      [eth0.id]: { ...eth0, stats: { ...eth0.stats, rxBytes: 880, txBytes: 1182 } },
    };
    const w = { ...world, kernel: { ...world.kernel, links } };
    expect(out(w, 'ifconfig eth0', ctx('host', ns)).stdout).toContain('        RX packets 17  bytes 880 (880.0 B)\n');
    expect(out(w, 'ifconfig eth0', ctx('host', ns)).stdout).toContain('        TX packets 0  bytes 1182 (1.1 KiB)\n');
    expect(out(w, 'ifconfig eth0', ctx('busybox', ns)).stdout).toContain(
      '          RX bytes:880 (880.0 B)  TX bytes:1182 (1.1 KiB)\n',
    );
  });

  it('cuts names to nine characters in 1.60 but not in BusyBox (`%-9.9s` vs `%-9s`)', () => {
    const r = commitOps(createWorld({ seed: 3, docker: false }), [
      { op: 'addLink', netns: INIT_NET, name: 'br-3f2a9c1d8e7b', kind: 'bridge', mac: '02:42:91:0c:7e:55' },
    ]);
    if (!r.ok) throw new Error(r.error.errno);
    expect(out(r.world, 'ifconfig -a', ctx('netutils')).stdout).toContain(
      'br-3f2a9c Link encap:Ethernet  HWaddr 02:42:91:0c:7e:55  \n',
    );
    expect(out(r.world, 'ifconfig -a', ctx('busybox')).stdout).toContain(
      'br-3f2a9c1d8e7b Link encap:Ethernet  HWaddr 02:42:91:0C:7E:55  \n',
    );
  });
});

describe('nsenter', () => {
  const base = () => {
    const r = commitOps(createWorld({ seed: 3, docker: false }), [
      { op: 'addNetns', netns: 'netns:1', name: 'red' },
      { op: 'addLink', netns: 'netns:1', name: 'br7', kind: 'bridge' },
    ]);
    if (!r.ok) throw new Error(r.error.errno);
    return r.world;
  };

  it('runs the program in the namespace named by --net=/run/netns/NAME (and /var/run)', () => {
    const w = base();
    expect(out(w, 'nsenter --net=/run/netns/red brctl show', ctx('host')).stdout).toContain(
      'br7\t\t8000.000000000000\tno\t\t\n',
    );
    expect(out(w, 'nsenter --net=/var/run/netns/red brctl show', ctx('host')).stdout).toContain('br7\t');
    // brctl 1.7.1 prints its header only before the first bridge: the host has none here.
    expect(out(w, 'brctl show', ctx('host')).stdout).toBe('');
  });

  it('keeps the change a program makes in the other namespace', () => {
    const r = out(base(), 'nsenter --net=/run/netns/red brctl addbr br8', ctx('host'));
    expect(r.status).toBe(0);
    expect(out(r.world, 'nsenter -n/run/netns/red brctl show', ctx('host')).stdout).toContain('br8\t');
  });

  it('enters init_net through /proc/1/ns/net and -t 1 -n', () => {
    const w = base();
    expect(out(w, 'nsenter -t 1 -n brctl show', ctx('host', 'netns:1')).stdout).toBe('');
    expect(out(w, 'nsenter --net=/proc/1/ns/net brctl show', ctx('host', 'netns:1')).status).toBe(0);
  });

  // Real: `nsenter: cannot open /run/netns/nope: No such file or directory`, status 1.
  it.each([
    ['nsenter --net=/run/netns/nope ip link', 'nsenter: cannot open /run/netns/nope: No such file or directory\n', 1],
    ['nsenter -n -t 999999 ip link', 'nsenter: cannot open /proc/999999/ns/net: No such file or directory\n', 1],
    [
      'nsenter --target 999999 --net ip link',
      'nsenter: cannot open /proc/999999/ns/net: No such file or directory\n',
      1,
    ],
    [
      'nsenter --net=/run/netns/red nosuchcmd',
      'nsenter: failed to execute nosuchcmd: No such file or directory\n',
      127,
    ],
    ['nsenter --net /run/netns/red true', 'nsenter: neither filename nor target pid supplied for ns/net\n', 1],
    ['nsenter -n true', 'nsenter: neither filename nor target pid supplied for ns/net\n', 1],
    ['nsenter -x', "nsenter: invalid option -- 'x'\nTry 'nsenter --help' for more information.\n", 1],
    ['nsenter -t abc -n true', "nsenter: failed to parse pid: 'abc'\n", 1],
    [
      'nsenter --netx=/run/netns/red true',
      "nsenter: unrecognized option '--netx=/run/netns/red'\nTry 'nsenter --help' for more information.\n",
      1,
    ],
  ])('%s', (line, stderr, status) => {
    const r = out(base(), line, ctx('host'));
    expect(r.stderr).toBe(stderr);
    expect(r.status).toBe(status);
  });
});
