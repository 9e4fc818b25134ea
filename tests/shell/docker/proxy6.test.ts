// docker-proxy on IPv6 too: with the userland proxy on (the default), a port published on the
// wildcard address has one docker-proxy on 0.0.0.0:PORT and another on [::]:PORT (facts §7:
// "each published port also has a docker-proxy process listening on 0.0.0.0:8080 (and
// [::]:8080)"; `docker ps` shows the twin as `:::8080->80/tcp`, facts §5.1). Go's tcp6 listener
// sets IPV6_V6ONLY, so the two do not clash. ss's line layout is the one ss.test.ts checks.
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile } from '../../../src/docker/world';
import { runHostLine, type HostSession } from '../../../src/shell/hostSession';

function session(profile: DockerProfile = 'classic') {
  let s: HostSession = { world: createWorld({ seed: 2, profile }), history: [] };
  return (line: string) => {
    const r = runHostLine(s, line);
    s = r.session;
    const text = (fd: 1 | 2) =>
      r.entry.output
        .filter((o) => o.fd === fd)
        .map((o) => o.text)
        .join('');
    return { out: text(1), err: text(2), status: r.entry.status };
  };
}

describe('docker-proxy on [::]', () => {
  it('ss -tlnp lists both proxies, each its own process', () => {
    const run = session();
    run('docker run -d --name web -p 8080:80 nginx');
    const rows = run('ss -tlnp')
      .out.split('\n')
      .filter((l) => l.includes('docker-proxy'));
    expect(rows).toEqual([
      expect.stringMatching(
        /^LISTEN 0 +4096 +0\.0\.0\.0:8080 +0\.0\.0\.0:\* +users:\(\("docker-proxy",pid=(\d+),fd=\d+\)\)$/,
      ),
      expect.stringMatching(/^LISTEN 0 +4096 +\[::\]:8080 +\[::\]:\* +users:\(\("docker-proxy",pid=(\d+),fd=\d+\)\)$/),
    ]);
    const pids = rows.map((r) => /pid=(\d+)/.exec(r)![1]);
    expect(pids[0]).not.toBe(pids[1]);
    expect(run('docker ps').out).toContain('0.0.0.0:8080->80/tcp, :::8080->80/tcp');
  });

  it('curl [::1]:8080 reaches the container through the IPv6 proxy', () => {
    const run = session();
    run('docker run -d --name web -p 8080:80 nginx');
    const r = run('curl -s [::1]:8080');
    expect(r.status).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
  });

  it('a port published on one IPv4 address has no IPv6 proxy', () => {
    const run = session();
    run('docker run -d --name web -p 127.0.0.1:8080:80 nginx');
    expect(run('ss -tlnp').out).not.toContain('[::]:8080');
    expect(run('curl -s [::1]:8080').status).toBe(7);
  });

  it('stopping the container ends both proxies', () => {
    const run = session('current');
    run('docker run -d --name web -p 8080:80 nginx');
    expect(run('ss -tlnp').out).toContain('[::]:8080');
    run('docker stop web');
    expect(run('ss -tlnp').out).not.toContain('docker-proxy');
  });
});
