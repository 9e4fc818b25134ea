// IPv6 listening sockets: bind conflicts between the families, ss/netstat as the real tools print
// them, curl to an IPv6 listener. Expected texts and conflict outcomes were captured on this
// machine (kernel 6.18, iproute2 6.1.0, net-tools 2.10) with Python sockets in a throwaway network
// namespace: 0.0.0.0:80 and [::]:80 with IPV6_V6ONLY (backlog 511, as nginx), [::1]:8080 and a
// dual-stack [::]:22 (backlog 1, as nc). The kernel lists sockets in its hash order, which the
// model does not reproduce, so rows are compared as sets; columns and text are byte for byte.
import { describe, expect, it } from 'vitest';
import { createWorld, commitOps } from '../../src/docker/world';
import { INIT_NET, bindSocket, type KernelState } from '../../src/kernel';
import { runHostLine, type HostSession } from '../../src/shell/hostSession';

function host(lines: string[]): HostSession {
  let s: HostSession = { world: createWorld({ seed: 2 }), history: [] };
  for (const l of lines) s = runHostLine(s, l).session;
  return s;
}

const SETUP = ['docker run -d --network host --name h1 nginx', 'nc -l -p 8080 ::1', 'nc -6 -l -p 22'];

function out(s: HostSession, line: string): string {
  return runHostLine(s, line)
    .entry.output.map((c) => c.text)
    .join('');
}

/** Header first, then the rows in any order. */
function rows(text: string): [string, string[]] {
  const [head, ...rest] = text.split('\n');
  return [head, rest.filter((l) => l !== '').sort()];
}

const REAL: Record<string, string> = {
  'ss -tl':
    'State  Recv-Q Send-Q Local Address:Port     Peer Address:PortProcess\nLISTEN 0      511          0.0.0.0:http          0.0.0.0:*          \nLISTEN 0      1                  *:ssh                 *:*          \nLISTEN 0      511             [::]:http             [::]:*          \nLISTEN 0      1              [::1]:http-alt         [::]:*          \n',
  'ss -tln':
    'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\nLISTEN 0      511          0.0.0.0:80        0.0.0.0:*          \nLISTEN 0      1                  *:22              *:*          \nLISTEN 0      511             [::]:80           [::]:*          \nLISTEN 0      1              [::1]:8080         [::]:*          \n',
  'ss -tln6':
    'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\nLISTEN 0      1                  *:22              *:*          \nLISTEN 0      511             [::]:80           [::]:*          \nLISTEN 0      1              [::1]:8080         [::]:*          \n',
  'netstat -tl':
    'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \ntcp        0      0 0.0.0.0:http            0.0.0.0:*               LISTEN     \ntcp6       0      0 [::]:ssh                [::]:*                  LISTEN     \ntcp6       0      0 [::]:http               [::]:*                  LISTEN     \ntcp6       0      0 ::1:http-alt            [::]:*                  LISTEN     \n',
  'netstat -tln':
    'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \ntcp6       0      0 :::22                   :::*                    LISTEN     \ntcp6       0      0 :::80                   :::*                    LISTEN     \ntcp6       0      0 ::1:8080                :::*                    LISTEN     \n',
};

describe('ss and netstat with IPv6 listeners', () => {
  const s = host(SETUP);
  it.each(Object.keys(REAL))('%s prints what the real tool printed', (line) => {
    expect(rows(out(s, line))).toEqual(rows(REAL[line]!));
  });

  it('lists the IPv4 table before the IPv6 one, as netstat reads them', () => {
    const lines = out(s, 'netstat -tln').split('\n');
    expect(lines[2]).toMatch(/^tcp {8}/);
    expect(lines.slice(3, 6).every((l) => l.startsWith('tcp6'))).toBe(true);
  });
});

describe('bind conflicts between the families (real kernel, net.ipv6.bindv6only=0)', () => {
  // [first, second, does the second bind fail with EADDRINUSE]
  type B = { addr: string; v6only?: boolean };
  const cases: [string, B, B, boolean][] = [
    ['v4 any then dual-stack any', { addr: '0.0.0.0' }, { addr: '::' }, true],
    ['dual-stack any then v4 any', { addr: '::' }, { addr: '0.0.0.0' }, true],
    ['v4 any then v6only any', { addr: '0.0.0.0' }, { addr: '::', v6only: true }, false],
    ['v6only any then v4 any', { addr: '::', v6only: true }, { addr: '0.0.0.0' }, false],
    ['dual-stack any then v4 loopback', { addr: '::' }, { addr: '127.0.0.1' }, true],
    ['v4 loopback then dual-stack any', { addr: '127.0.0.1' }, { addr: '::' }, true],
    ['v4 loopback then v6only any', { addr: '127.0.0.1' }, { addr: '::', v6only: true }, false],
    ['v4 any then ::1', { addr: '0.0.0.0' }, { addr: '::1' }, false],
    ['dual-stack any then ::1', { addr: '::' }, { addr: '::1' }, true],
    ['::1 then v6only any', { addr: '::1' }, { addr: '::', v6only: true }, true],
    ['mapped 127.0.0.1 then v4 127.0.0.1', { addr: '::ffff:127.0.0.1' }, { addr: '127.0.0.1' }, true],
  ];
  it.each(cases)('%s', (_name, a, b, clash) => {
    const k0: KernelState = createWorld().kernel;
    const bind = (k: KernelState, x: B, pid: number) =>
      bindSocket(k, { netns: INIT_NET, proto: 'tcp', port: 81, process: 'python3', pid, ...x });
    const first = bind(k0, a, 1);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = bind(first.state, b, 2);
    if (clash) expect(!second.ok && second.error.errno).toBe('EADDRINUSE');
    else expect(second.ok).toBe(true);
  });

  it('marks a specific IPv6 bind as IPv6-only, as inet6_bind does', () => {
    const r = commitOps(createWorld(), [
      { op: 'bindSocket', netns: INIT_NET, proto: 'tcp', addr: '::1', port: 90, process: 'nc', pid: 5 },
    ]);
    expect(r.ok && r.world.kernel.netns[INIT_NET]!.sockets.at(-1)).toMatchObject({ addr: '::1', v6only: true });
  });

  it('nc reports the clash in its own words', () => {
    const s = host(['nc -6 -l -p 9000']);
    const r = runHostLine(s, 'nc -l -p 9000').entry;
    expect(r.output).toEqual([{ fd: 2, text: 'nc: Address already in use\n' }]);
    expect(r.status).toBe(1);
  });
});

describe('curl to IPv6 listeners', () => {
  const s = host(SETUP);
  it('reaches nginx on [::1] and with -6', () => {
    expect(out(s, `curl -s -o /dev/null -w '%{http_code} %{remote_ip}\\n' http://[::1]/`)).toBe('200 ::1\n');
    expect(out(s, 'curl -6 -s localhost')).toContain('<title>Welcome to nginx!</title>');
  });

  it('is refused where nothing listens, and cannot reach ::1 in a container without IPv6', () => {
    expect(out(s, 'curl http://[::1]:81/')).toBe(
      "curl: (7) Failed to connect to ::1 port 81 after 0 ms: Couldn't connect to server\n",
    );
    const c = host(['docker run -d --name c1 hwchiu/netutils']);
    const r = runHostLine(c, 'docker exec c1 curl -s http://[::1]/').entry;
    expect(r.status).toBe(7);
    expect(r.output).toEqual([]);
  });

  it('refuses a bracketed host that is no IPv6 address', () => {
    expect(out(s, 'curl http://[zz]/')).toBe('curl: (3) URL using bad/illegal format or missing URL\n');
  });
});
