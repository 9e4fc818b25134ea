// The article's port use cases as golden transcripts: two host-mode nginx collide on port 80,
// and `container:` containers share one localhost. nginx's start-up lines are those of the
// nginx:1.19 image's entrypoint; its bind error sequence is ngx_open_listening_sockets' (5 tries
// 500 ms apart, each failed bind logged to the error log and again to stderr with "nginx: ",
// then "still could not bind()"), as in public reports of this error (nginx/docker-nginx#50).
import { describe, expect, it } from 'vitest';
import { play, shown } from './session';

const ENTRYPOINT =
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n' +
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n' +
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n' +
  '10-listen-on-ipv6-by-default.sh: Getting the checksum of /etc/nginx/conf.d/default.conf\n' +
  '10-listen-on-ipv6-by-default.sh: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n' +
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n' +
  '/docker-entrypoint.sh: Configuration complete; ready for start up\n';

/** One try: both listen sockets of default.conf (`listen 80;` and the added `listen [::]:80;`). */
function tryAt(stamp: string): string {
  const e = (what: string) => `${stamp} [emerg] 1#1: ${what}\nnginx: [emerg] ${what}\n`;
  return (
    e('bind() to 0.0.0.0:80 failed (98: Address already in use)') +
    e('bind() to [::]:80 failed (98: Address already in use)')
  );
}

describe('use case: two host-mode nginx containers collide on port 80', () => {
  const p = play([
    'docker run -d --network=host --name web1 nginx',
    'docker run -d --network=host --name web2 nginx',
    'docker ps -a',
    'docker logs web2',
    'ss -tlnp',
    'curl -s localhost',
  ]);
  const [, second, ps, logs, ss, curl] = p.entries;

  it('starts the second one (docker run -d prints its id) and it exits with status 1', () => {
    expect(shown(second!)).toBe('<id>\n');
    expect(second!.status).toBe(0);
    const rows = shown(ps!).split('\n');
    // Each line advances the clock by 1 s: web2 started at 00:14:24 and gave up 2.5 s later.
    expect(rows.find((r) => r.endsWith(' web2'))).toMatch(/ {3}Exited \(1\) Less than a second ago {2,}web2$/);
    expect(rows.find((r) => r.endsWith(' web1'))).toMatch(/ {3}Up 2 seconds {2,}web1$/);
  });

  it('logs the entrypoint, five failed tries and "still could not bind()"', () => {
    // The world's clock starts at 2020-10-26 00:14:22; web2 is the second typed line (00:14:24).
    expect(shown(logs!)).toBe(
      ENTRYPOINT +
        tryAt('2020/10/26 00:14:24') +
        tryAt('2020/10/26 00:14:24') +
        tryAt('2020/10/26 00:14:25') +
        tryAt('2020/10/26 00:14:25') +
        tryAt('2020/10/26 00:14:26') +
        '2020/10/26 00:14:26 [emerg] 1#1: still could not bind()\nnginx: [emerg] still could not bind()\n',
    );
  });

  it("leaves only web1's socket on the host, which the host's curl reaches", () => {
    const listeners = shown(ss!)
      .split('\n')
      .filter((l) => l.startsWith('LISTEN'));
    // web1's nginx: 0.0.0.0:80 and [::]:80 (its ipv6only listener, the next descriptor).
    expect(listeners).toHaveLength(2);
    expect(listeners[0]).toMatch(/ 0\.0\.0\.0:80 .*users:\(\("nginx",pid=\d+,fd=6\)\)$/);
    expect(listeners[1]).toMatch(/ \[::\]:80 .*users:\(\("nginx",pid=\d+,fd=7\)\)$/);
    expect(shown(curl!)).toContain('<title>Welcome to nginx!</title>');
  });
});

describe('use case: container: containers share localhost', () => {
  const p = play([
    'docker run -d --name bridge nginx',
    'docker run -d --network=container:bridge --name co_container hwchiu/netutils',
    'docker exec co_container curl -s localhost',
    'docker run -d --name other hwchiu/netutils',
    'docker exec other curl -s localhost',
    'docker run -d --network=container:bridge --name co_nginx nginx',
    'docker logs co_nginx',
    'docker stop bridge',
    'docker exec co_container curl -s localhost',
  ]);
  const [, , shared, , separate, , joinerLogs, , afterStop] = p.entries;

  it("reaches the target's nginx on localhost from the joiner", () => {
    expect(shown(shared!)).toContain('<title>Welcome to nginx!</title>');
    expect(shared!.status).toBe(0);
  });

  it('does not reach it from a container with its own namespace', () => {
    // curl -s prints nothing on failure; exit 7 is CURLE_COULDNT_CONNECT (RST from its own lo).
    expect(shown(separate!)).toBe('');
    expect(separate!.status).toBe(7);
  });

  it('makes a second nginx joined to the same namespace fail to bind port 80', () => {
    // co_nginx is the sixth typed line: 00:14:28.
    expect(shown(joinerLogs!)).toContain(
      tryAt('2020/10/26 00:14:28') + tryAt('2020/10/26 00:14:28') + tryAt('2020/10/26 00:14:29'),
    );
    expect(shown(joinerLogs!)).toMatch(/still could not bind\(\)\n$/);
  });

  it("closes nginx's socket when its container stops, though the joiner keeps the namespace", () => {
    expect(shown(afterStop!)).toBe('');
    expect(afterStop!.status).toBe(7);
  });
});
