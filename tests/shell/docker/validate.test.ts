// Docker's own input validation, word for word, for both profiles. Sources of the expected texts:
// - current: the real Docker CLI 28.2.2 run here (client-side checks need no daemon), whose
//   framing (`docker: …`, blank line, `Run 'docker run --help' …`) v29 keeps;
// - classic: go-connections v0.4.0 nat.go as vendored by docker/cli v24 (capitalised words),
//   framed by v24's reportError (full stop, `See 'docker run --help'.`);
// - container names: moby daemon/names.go (v24 and v29 alike); `--ip`: moby v24 daemon/create.go
//   verifyNetworkingConfig; image references: distribution/reference (current: real CLI 28.2.2).
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile } from '../../../src/docker/world';
import { runHostLine, type HostSession } from '../../../src/shell/hostSession';
import { containerNameError, isIPv6, parsePortSpec, subnetError } from '../../../src/shell/tools/docker/validate';

function run(profile: DockerProfile, line: string, setup: string[] = []) {
  let s: HostSession = { world: createWorld({ profile }), history: [] };
  for (const l of setup) s = runHostLine(s, l).session;
  const { entry, session } = runHostLine(s, line);
  const err = entry.output
    .filter((c) => c.fd === 2)
    .map((c) => c.text)
    .join('');
  return { err, status: entry.status, before: s.world, after: session.world };
}

const frame = (p: DockerProfile, msg: string): string =>
  p === 'classic'
    ? `docker: ${msg}.\nSee 'docker run --help'.\n`
    : `docker: ${msg}\n\nRun 'docker run --help' for more information\n`;

describe('docker run -p: go-connections nat.ParsePortSpec', () => {
  const cases: [spec: string, current: string, classic: string][] = [
    ['abc', 'invalid containerPort: abc', 'Invalid containerPort: abc'],
    ['8080:abc', 'invalid containerPort: abc', 'Invalid containerPort: abc'],
    ['abc:80', 'invalid hostPort: abc', 'Invalid hostPort: abc'],
    ['70000:80', 'invalid hostPort: 70000', 'Invalid hostPort: 70000'],
    ['99999', 'invalid containerPort: 99999', 'Invalid containerPort: 99999'],
    ['80-70', 'invalid containerPort: 80-70', 'Invalid containerPort: 80-70'],
    ['80/xyz', 'invalid proto: xyz', 'Invalid proto: xyz'],
    ['abc/xyz', 'invalid containerPort: abc', 'Invalid containerPort: abc'],
    ['1.2.3.999:80:80', 'invalid IP address: 1.2.3.999', 'Invalid ip address: 1.2.3.999'],
    ['1.2.3.999:abc:80/xyz', 'invalid IP address: 1.2.3.999', 'Invalid ip address: 1.2.3.999'],
    ['1:2:3:4', 'invalid IP address: 1:2', 'Invalid ip address: 1:2'],
    ['', 'no port specified: <empty>', 'No port specified: <empty>'],
    [
      '8080-8090:80-81',
      'invalid ranges specified for container and host Ports: 80-81 and 8080-8090',
      'Invalid ranges specified for container and host Ports: 80-81 and 8080-8090',
    ],
    [
      '8080:80-81',
      'invalid ranges specified for container and host Ports: 80-81 and 8080',
      'Invalid ranges specified for container and host Ports: 80-81 and 8080',
    ],
  ];
  for (const [spec, current, classic] of cases) {
    for (const profile of ['current', 'classic'] as const) {
      it(`refuses -p '${spec}' (${profile}) before it looks at the image, status 125`, () => {
        // An image that does not exist locally: the -p check comes first, so no pull is tried.
        const r = run(profile, `docker run -d -p '${spec}' nosuchimage`);
        expect(r.err).toBe(frame(profile, profile === 'current' ? current : classic));
        expect(r.status).toBe(125);
        expect(r.after.docker).toBe(r.before.docker);
      });
    }
  }

  it('accepts what the real CLI accepts and expands container port ranges', () => {
    // Accepted by the real CLI 28.2.2 (it went on to contact the daemon): ':80', '80/', '[::1]:80:80', '0:80', '80/TCP'.
    for (const spec of [':80', '80/', '[::1]:80:80', '0:80', '80/TCP', '53/udp', '127.0.0.1:8080:80']) {
      expect(parsePortSpec(spec, 'current').ok).toBe(true);
    }
    expect(parsePortSpec('8080-8081:80-81/UDP', 'current')).toEqual({
      ok: true,
      bindings: [
        { hostIp: '', hostPort: '8080', containerPort: '80', proto: 'udp' },
        { hostIp: '', hostPort: '8081', containerPort: '81', proto: 'udp' },
      ],
    });
    // A host range for one container port stays a range: the daemon picks a free port in it.
    expect(parsePortSpec('8080-8090:80', 'classic')).toEqual({
      ok: true,
      bindings: [{ hostIp: '', hostPort: '8080-8090', containerPort: '80', proto: 'tcp' }],
    });
  });

  it('publishes a valid spec as before', () => {
    const r = run('classic', 'docker run -d --name web -p 127.0.0.1:8080:80 nginx');
    expect(r.status).toBe(0);
    expect(Object.values(r.after.docker.containers)[0]!.config.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', proto: 'tcp' },
    ]);
  });
});

describe('docker run --name: moby daemon/names.go', () => {
  for (const profile of ['classic', 'current'] as const) {
    for (const name of ['a', 'bad!name', '-x', '_x', 'a b', 'é1', '<img src=x onerror=alert(1)>']) {
      it(`refuses --name '${name}' (${profile}), creating nothing`, () => {
        const r = run(profile, `docker run -d --name '${name}' busybox`);
        expect(r.err).toBe(
          frame(
            profile,
            `Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
          ),
        );
        expect(r.status).toBe(125);
        expect(r.after.docker.containers).toEqual({});
        expect(r.after.kernel).toBe(r.before.kernel);
      });
    }
  }

  it('accepts two characters or more from the allowed set, and a leading slash', () => {
    for (const name of ['ab', 'c1', 'A.b-c_d', '0x', '/web']) expect(containerNameError(name)).toBeUndefined();
    const r = run('classic', 'docker run -d --name /web busybox');
    expect(r.status).toBe(0);
    expect(Object.values(r.after.docker.containers).map((c) => c.name)).toEqual(['web']);
  });

  it('still reports a network-mode conflict first: the daemon decodes the request before it names', () => {
    const r = run('classic', 'docker run -d --name a! -p 80 --network container:c1 busybox');
    expect(r.err).toBe(
      frame(
        'classic',
        'Error response from daemon: conflicting options: port publishing and the container type network mode',
      ),
    );
  });

  it('still tries to pull a missing image before it looks at the name', () => {
    const r = run('current', 'docker run -d --name a! nosuchimage');
    expect(r.err).toMatch(/^Unable to find image 'nosuchimage:latest' locally\n/);
  });
});

describe('docker run --ip (classic): moby v24 verifyNetworkingConfig', () => {
  for (const ip of ['1.2.3', '300.1.1.1', 'fe80::1', 'abc', '010.0.0.1']) {
    it(`refuses --ip ${ip}`, () => {
      const r = run('classic', `docker run -d --ip ${ip} busybox`);
      expect(r.err).toBe(frame('classic', `Error response from daemon: invalid IPv4 address: ${ip}`));
      expect(r.status).toBe(125);
    });
  }

  it('checks the address before the name', () => {
    const r = run('classic', 'docker run -d --name a! --ip 1.2.3 busybox');
    expect(r.err).toBe(frame('classic', 'Error response from daemon: invalid IPv4 address: 1.2.3'));
  });

  it('lets a well-formed address through to the bridge check', () => {
    const r = run('classic', 'docker run -d --ip 172.17.0.9 busybox');
    expect(r.err).toContain('user specified IP address is supported on user defined networks only');
  });
});

describe('image references: distribution/reference', () => {
  it('names the normalised repository when it is not lowercase (current: real CLI 28.2.2)', () => {
    expect(run('current', 'docker run Busybox').err).toBe(
      frame('current', 'invalid reference format: repository name (library/Busybox) must be lowercase'),
    );
  });

  it('says only "must be lowercase" in v24 (classic)', () => {
    expect(run('classic', 'docker run Busybox').err).toBe(
      frame('classic', 'invalid reference format: repository name must be lowercase'),
    );
  });

  it('refuses a malformed reference (real CLI 28.2.2: docker run bad::ref)', () => {
    for (const profile of ['classic', 'current'] as const)
      expect(run(profile, 'docker run bad::ref').err).toBe(frame(profile, 'invalid reference format'));
  });
});

describe('address parsing as Go net.ParseIP', () => {
  it('knows IPv6 text', () => {
    for (const a of ['::', '::1', 'fe80::1', '2001:db8::8:800:200c:417a', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8'])
      expect(isIPv6(a)).toBe(true);
    for (const a of [':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1.2.3.4', '::1.2.3'])
      expect(isIPv6(a)).toBe(false);
  });
});

describe('subnets: moby api/types/network ipam.go ValidateIPAM (v25+, kept in v29)', () => {
  it('refuses what netip.ParsePrefix refuses', () => {
    // The daemon's words, as a client quoted them: "invalid subnet 10.0.0.0/33: invalid CIDR block notation".
    for (const s of ['10.0.0.0/33', 'foobar', '10.0.0.0', '10.0.0/24', '10.0.0.0/-1', '010.0.0.0/8', 'fe80::/129'])
      expect(subnetError(s)).toBe(`invalid subnet ${s}: invalid CIDR block notation`);
  });

  it('asks for the network address when host bits are set', () => {
    expect(subnetError('10.0.0.1/24')).toBe('invalid subnet 10.0.0.1/24: it should be 10.0.0.0/24');
    expect(subnetError('172.18.5.4/16')).toBe('invalid subnet 172.18.5.4/16: it should be 172.18.0.0/16');
  });

  it('accepts network prefixes', () => {
    for (const s of ['10.0.0.0/24', '172.18.0.0/16', '0.0.0.0/0', '192.168.1.7/32', 'fd00::/64'])
      expect(subnetError(s)).toBeUndefined();
  });
});
