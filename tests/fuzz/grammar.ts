// tests/fuzz/grammar.ts — fast-check arbitraries for random command lines: the real commands
// (ip, ifconfig, brctl, bridge, docker, ping, curl, nc, ss, text tools …) with random arguments,
// joined by pipes, `;`, `&&`, `||`, wrapped in `$(…)` and quotes, mixed with random text.
// Also random worlds: a seed, a Docker profile and a prelude of valid command lines.
import fc from 'fast-check';
import type { DockerProfile } from '../../src/docker/world';

const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const opt = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(a, { nil: '' });
/** Mostly absent: for options that usually make a command fail, so that most lines get past them. */
const rare = (a: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: a });
/** Joins non-empty words with single spaces. */
const words = (...parts: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
  fc.tuple(...parts).map((ws) => ws.filter((w) => w !== '').join(' '));

/** Characters that stress the parser: quotes, operators, expansions, markup, control and wide chars. */
const nasty = pick(
  ...'abc019 -_./:=@,%+'.split(''),
  ...`'"\\$\`|&;()<>{}[]*?!#~\t\n`.split(''),
  '<script>',
  '</svg>',
  '$(',
  '${',
  '${x:-y}',
  '$?',
  '&&',
  '||',
  '\u0000',
  '\u001b[31m',
  'é',
  '漢',
  '\u{1F600}',
);

/** A word of random characters, sometimes empty. */
export const junk: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: nasty, maxLength: 8 }).map((s) => s),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -70000, max: 70000 }).map(String),
);

const ifname = fc.oneof(
  { weight: 5, arbitrary: pick('lo', 'eth0', 'ens5', 'docker0', 'veth0', 'veth1', 'br0', 'vA', 'vB', 'x') },
  { weight: 1, arbitrary: pick('', 'a-very-long-interface-name', 'eth0@if5', 'all', 'dev', 'up') },
  { weight: 1, arbitrary: junk },
);
const nsname = fc.oneof(
  { weight: 5, arbitrary: pick('ns1', 'ns2', 'red', 'blue') },
  { weight: 1, arbitrary: pick('', '.', '..', 'a/b', 'default') },
  { weight: 1, arbitrary: junk },
);
const addr = fc.oneof(
  {
    weight: 5,
    arbitrary: pick(
      '10.0.0.1/24',
      '10.0.0.2',
      '172.17.0.2',
      '172.17.0.1/16',
      '192.168.1.1/24',
      '127.0.0.1',
      '8.8.8.8',
      '0.0.0.0/0',
      'default',
      'fe80::1/64',
      '::1',
      '2001:db8::1/64',
    ),
  },
  {
    weight: 2,
    arbitrary: pick(
      '1.2.3',
      '300.1.1.1',
      '10.0.0.1/33',
      '10.0.0.1/-1',
      '1.2.3.4/',
      '/24',
      '::::',
      '10..0.1',
      'localhost',
    ),
  },
  { weight: 1, arbitrary: junk },
);
const ctrname = fc.oneof(
  { weight: 5, arbitrary: pick('c1', 'c2', 'web', 'box') },
  { weight: 1, arbitrary: pick('a', 'bad!name', '-x', '/c3', 'UP', '') },
  { weight: 1, arbitrary: junk },
);
const image = fc.oneof(
  { weight: 6, arbitrary: pick('hwchiu/netutils', 'busybox', 'nginx', 'alpine') },
  { weight: 1, arbitrary: pick('Busybox', 'bad::ref', 'nosuch', 'busybox:1.36', 'docker.io/library/nginx', '') },
  { weight: 1, arbitrary: junk },
);
const netmode = fc.oneof(
  { weight: 5, arbitrary: pick('bridge', 'host', 'none', 'container:c1', 'container:c2') },
  { weight: 1, arbitrary: pick('container:', 'container:nosuch', 'mynet', 'default', '') },
  { weight: 1, arbitrary: junk },
);
const port = fc.oneof(
  { weight: 4, arbitrary: pick('80', '8080:80', '127.0.0.1:8080:80', '53/udp', '8080-8081:80-81') },
  { weight: 2, arbitrary: pick('abc', '80/xyz', '1.2.3.999:80:80', '', '70000:80', '8080:80-81', ':80', '/udp') },
  { weight: 1, arbitrary: junk },
);
const num = fc.oneof(pick('0', '1', '2', '64', '1500', '65536', '-1', 'x'), fc.nat(100000).map(String));

const ipOpts = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: pick('-br', '-j', '-d', '-s', '-4', '-o', '-n ns1', '-netns ns2', '-c', '-details') },
  {
    weight: 1,
    arbitrary: fc
      .subarray(['-br', '-j', '-d', '-s', '-o', '-4', '-6', '-c', '-n', '-p', '-details', '-brief', '-x'])
      .map((a) => a.join(' ')),
  },
);

const ipLink = fc.oneof(
  words(pick('show', 'list', 'sh', ''), opt(pick('dev', 'up', 'type bridge', 'master br0')), opt(ifname)),
  words(
    pick('add'),
    ifname,
    pick('type'),
    pick('veth', 'bridge', 'dummy', 'vxlan', ''),
    opt(words(pick('peer name', 'peer'), ifname)),
  ),
  words(
    pick('set'),
    opt(pick('dev')),
    ifname,
    pick('up', 'down', 'master', 'nomaster', 'netns', 'name', 'mtu', 'address', 'promisc on'),
    opt(fc.oneof(ifname, nsname, num, pick('02:42:ac:11:00:02', 'zz:zz'))),
  ),
  words(pick('del', 'delete'), opt(pick('dev')), ifname),
  words(pick('help', 'bogus')),
);
const ipAddr = fc.oneof(
  words(pick('show', 'list', ''), opt(pick('dev')), opt(ifname)),
  words(
    pick('add', 'del', 'replace'),
    addr,
    opt(pick('dev')),
    ifname,
    opt(pick('broadcast +', 'scope link', 'label x')),
  ),
  words(pick('flush'), opt(pick('dev')), ifname),
);
const ipRoute = fc.oneof(
  words(pick('show', 'list', ''), opt(pick('table main', 'dev eth0', 'default'))),
  words(
    pick('add', 'del', 'replace', 'change'),
    addr,
    opt(words(pick('via'), addr)),
    opt(words(pick('dev'), ifname)),
    opt(pick('metric 100', 'proto static', 'scope link')),
  ),
  words(pick('get'), addr),
  words(pick('flush'), pick('dev eth0', 'cache', '')),
);
const ipNetns = fc.oneof(
  words(pick('add', 'del', 'delete', 'attach', 'set', 'pids'), nsname, opt(num)),
  words(pick('list', 'ls', 'list-id', 'identify', '')),
  words(pick('exec'), nsname, fc.constantFrom('ip a', 'ip link', 'ping -c 1 10.0.0.2', 'ip route', 'bash', '')),
);
const ipCmd = words(
  pick('ip'),
  ipOpts,
  fc.oneof(
    words(pick('link', 'l', 'li'), ipLink),
    words(pick('addr', 'a', 'address'), ipAddr),
    words(pick('route', 'r', 'ro'), ipRoute),
    words(pick('netns'), ipNetns),
    words(
      pick('neigh', 'n', 'neighbour'),
      pick('show', 'flush all', 'add 10.0.0.9 lladdr 02:00:00:00:00:01 dev eth0', ''),
    ),
    words(pick('rule', 'maddr', 'tuntap', 'monitor', 'bogus', '')),
  ),
);

const ifconfigCmd = words(
  pick('ifconfig'),
  opt(pick('-a', '-s', '-v')),
  opt(ifname),
  opt(addr),
  opt(
    pick(
      'netmask 255.255.255.0',
      'netmask 1.2.3',
      'up',
      'down',
      'mtu 1400',
      'hw ether 02:00:00:00:00:01',
      'broadcast 10.0.0.255',
      'promisc',
    ),
  ),
);
const brctlCmd = words(
  pick('brctl'),
  pick('show', 'addbr', 'delbr', 'addif', 'delif', 'showmacs', 'stp', 'setageing', 'bogus', ''),
  opt(ifname),
  opt(ifname),
);
const bridgeCmd = words(
  pick('bridge'),
  opt(pick('-d', '-s', '-j')),
  pick('link', 'fdb', 'vlan', 'mdb', 'bogus', ''),
  opt(pick('show', 'add', 'del')),
  opt(ifname),
);
const routeCmd = words(
  pick('route'),
  opt(pick('-n', '-e', '-A inet6')),
  opt(
    words(
      pick('add', 'del'),
      pick('-net', '-host', 'default'),
      opt(addr),
      opt(pick('gw 10.0.0.1', 'dev eth0', 'netmask 255.0.0.0')),
    ),
  ),
);

const dockerRun = words(
  pick('docker run', 'docker create', 'docker container run'),
  fc.oneof(
    pick('-d', '-d', '-it', '-dit'),
    fc.subarray(['-d', '-it', '--rm', '-i', '-t']).map((a) => a.join(' ')),
  ),
  opt(words(pick('--name'), ctrname)),
  opt(
    fc.oneof(
      words(pick('--network'), netmode),
      netmode.map((m) => `--network=${m}`),
      words(pick('--net'), netmode),
    ),
  ),
  rare(words(pick('-p'), port)),
  rare(words(pick('--ip'), addr)),
  rare(words(pick('--hostname', '--mac-address', '--dns', '--add-host', '--link', '--expose', '-e'), junk)),
  rare(pick('--bogus', '--help', '-z')),
  image,
  rare(pick('sh', 'ip a', 'ping -c 1 172.17.0.1', 'echo hi', 'nosuchprog', 'sleep 1000', 'false')),
);
const dockerOther = fc.oneof(
  words(
    pick('docker exec'),
    opt(pick('-it', '-d', '-e X=1')),
    ctrname,
    pick(
      'ip a',
      'ip route',
      'ping -c 1 172.17.0.1',
      'sh',
      'ifconfig',
      'nosuch',
      'cat /etc/hosts',
      'hostname',
      'false',
      '',
    ),
  ),
  words(
    pick('docker ps'),
    fc.subarray(['-a', '-q', '--no-trunc', '-f name=c', '-f bogus', '--format {{.Names}}']).map((a) => a.join(' ')),
  ),
  words(
    pick('docker inspect'),
    opt(
      pick(
        '-f {{.State.Pid}}',
        '-f {{.NetworkSettings.IPAddress}}',
        '-f {{.Bad',
        '--format={{json .}}',
        '--type network',
      ),
    ),
    ctrname,
  ),
  words(
    pick(
      'docker stop',
      'docker start',
      'docker restart',
      'docker rm',
      'docker rm -f',
      'docker logs',
      'docker container rm',
    ),
    opt(ctrname),
    opt(ctrname),
  ),
  words(
    pick('docker network'),
    pick('ls', 'inspect', 'rm', 'create', 'connect', ''),
    opt(pick('bridge', 'host', 'none', 'mynet')),
    opt(junk),
  ),
  words(pick('docker'), pick('images', 'version', 'info', 'bogus', '', '--help', 'system', 'image')),
);
const trafficCmd = fc.oneof(
  words(pick('ping'), opt(pick('-c 1', '-c 2', '-c 0', '-W 1', '-I eth0', '-4', '-6', '-q')), opt(pick('-c 1')), addr),
  words(
    pick('curl'),
    opt(pick('-s', '-v', '-I', '-m 1', '--max-time 1', '-o /dev/null')),
    pick('http://172.17.0.2/', 'http://localhost:8080', 'http://[::1]/', '172.17.0.2:80', 'ftp://x', ''),
  ),
  words(pick('nc'), opt(pick('-z', '-v', '-zv', '-l', '-u', '-w 1')), opt(addr), opt(num)),
  words(pick('ss', 'netstat'), opt(pick('-tlnp', '-a', '-u', '-ltn', '-s', '-x', '-bogus'))),
  words(pick('traceroute'), opt(pick('-n', '-m 2', '-w 1')), addr),
  words(
    pick('tcpdump'),
    opt(pick('-i eth0', '-i docker0', '-i any', '-n', '-c 1')),
    opt(pick('icmp', 'port 80', 'host 1.2.3.4')),
  ),
  words(
    pick('sysctl'),
    opt(pick('-w', '-a', '-n')),
    pick('net.ipv4.ip_forward', 'net.ipv4.ip_forward=1', 'net.ipv4.ip_forward=0', 'kernel.bogus', ''),
  ),
  words(
    pick('nsenter'),
    pick('--net=/var/run/netns/ns1', '-t 2345 -n', '--net=/proc/1/ns/net', '-t', ''),
    opt(pick('ip a', 'ping -c 1 10.0.0.2', 'bash')),
  ),
);
const textCmd = words(
  pick(
    'echo',
    'grep',
    'grep -v',
    'grep -c',
    'grep -E',
    'head -n 2',
    'head -c 3',
    'tail -n 1',
    'tail -f',
    'wc -l',
    'wc',
    'cat',
    'sort',
    'uniq',
    'true',
    'false',
    'hostname',
    'history',
    'help',
    'clear',
  ),
  opt(fc.oneof(junk, pick('eth0', 'inet', '^[0-9]', 'a(b', '[', '\\'))),
);

/** One simple command from the grammar of real commands. */
export const command: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: ipCmd },
  { weight: 2, arbitrary: ifconfigCmd },
  { weight: 2, arbitrary: brctlCmd },
  { weight: 1, arbitrary: bridgeCmd },
  { weight: 1, arbitrary: routeCmd },
  { weight: 5, arbitrary: dockerRun },
  { weight: 4, arbitrary: dockerOther },
  { weight: 4, arbitrary: trafficCmd },
  { weight: 3, arbitrary: textCmd },
  { weight: 1, arbitrary: words(junk, junk) },
);

/** A command with some of its words quoted, substituted or redirected. */
const decorated: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: command },
  { weight: 1, arbitrary: command.map((c) => `echo "$(${c})"`) },
  { weight: 1, arbitrary: command.map((c) => `x=$(${c}); echo $x \${#x}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(command, pick('2>&1', '>/dev/null', '2>/dev/null', '&>/dev/null', '< /dev/null', '> out.txt', '<<< hi'))
      .map(([c, r]) => `${c} ${r}`),
  },
  { weight: 1, arbitrary: command.map((c) => `'${c.replace(/'/g, '')}'`) },
  { weight: 1, arbitrary: command.map((c) => `(${c})`) },
  { weight: 1, arbitrary: command.map((c) => `! ${c}`) },
);

const pipeline = fc.array(decorated, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(' | '));

/** A whole command line: pipelines joined by `;`, `&&`, `||`; sometimes plain random text. */
export const commandLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: command },
  {
    weight: 6,
    arbitrary: fc
      .tuple(pipeline, fc.array(fc.tuple(pick(' ; ', ' && ', ' || ', ';'), pipeline), { maxLength: 2 }))
      .map(([first, rest]) => first + rest.map(([op, p]) => op + p).join('')),
  },
  { weight: 2, arbitrary: fc.array(junk, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(command, junk).map(([c, j]) => c + j) },
);

/** Lines that succeed on a fresh Docker host, used to build worlds that already hold things. */
export const PRELUDE_LINES = [
  'docker run -d --name c1 hwchiu/netutils',
  'docker run -d --name c2 --network=container:c1 busybox',
  'docker run -d --name web -p 8080:80 nginx',
  'docker run -d --name box --network none busybox',
  'docker run -d --name h1 --network host hwchiu/netutils',
  'ip netns add ns1',
  'ip netns add ns2',
  'ip link add vA type veth peer name vB',
  'ip link set vB netns ns1',
  'ip link add br0 type bridge',
  'ip link set vA master br0',
  'ip addr add 10.0.0.1/24 dev br0',
  'ip link set br0 up',
  'ip -n ns1 addr add 10.0.0.2/24 dev vB',
  'ip -n ns1 link set vB up',
  'docker stop c1',
] as const;

export interface WorldSpec {
  seed: number;
  profile: DockerProfile;
  /** Indexes into PRELUDE_LINES, in the order they are run. */
  prelude: number[];
}

/** A random world: a small seed range and preludes from a fixed list keep worlds reusable. */
export const worldSpec: fc.Arbitrary<WorldSpec> = fc.record({
  seed: fc.integer({ min: 0, max: 40 }),
  profile: pick<DockerProfile>('classic', 'current'),
  prelude: fc.oneof(
    { weight: 1, arbitrary: fc.constant<number[]>([]) },
    { weight: 3, arbitrary: fc.subarray([...PRELUDE_LINES.keys()], { maxLength: 8 }) },
  ),
});
