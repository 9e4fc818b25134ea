// docker exec -e/-w/-u and docker network create's name checks. Sources of the expected texts:
// - `-e =x`: the real Docker CLI 28.2.2 run here (the check is client-side; current profile),
//   and v24's framing (`See 'docker exec --help'.`) for classic;
// - the exec environment: moby ReplaceOrAppendEnvValues (a `-e` value replaces or appends; a bare
//   NAME the client lacks removes it); the images set no WORKDIR, so `pwd` prints /;
// - `-u`: libcontainer/user's lookup errors, written into the attached stream;
// - `-w relative`: runc's refusal as reported from Docker 29 ("Cwd must be an absolute path");
// - network names: moby daemon/network.go PredefinedNetworkError (trailing space included) and
//   libnetwork's IsValidName/ErrInvalidName ("invalid name: NAME").
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile } from '../../../src/docker/world';
import { runHostLine, type HostSession } from '../../../src/shell/hostSession';
import { envValue, execUserCheck, networkNameError } from '../../../src/shell/tools/docker/validate';

function run(line: string, profile: DockerProfile = 'classic') {
  let s: HostSession = { world: createWorld({ profile }), history: [] };
  s = runHostLine(s, 'docker run -d --name c1 hwchiu/netutils').session;
  const { entry, session } = runHostLine(s, line);
  const text = (fd: 1 | 2) =>
    entry.output
      .filter((c) => c.fd === fd)
      .map((c) => c.text)
      .join('');
  return { out: text(1), err: text(2), status: entry.status, before: s.world, after: session.world };
}

describe('docker exec -e', () => {
  it('adds a variable after the container environment', () => {
    const r = run('docker exec -e FOO=1 c1 env');
    expect(r.status).toBe(0);
    expect(r.out.split('\n').slice(-3)).toEqual(['HOME=/root', 'FOO=1', '']);
  });

  it('replaces a variable in place, and a bare name the client lacks removes it', () => {
    const r = run('docker exec -e HOME=/tmp -e NOPE -e HOSTNAME c1 env');
    expect(r.out).toContain('HOME=/tmp\n');
    expect(r.out).not.toContain('HOME=/root');
    expect(r.out).not.toContain('NOPE');
    expect(r.out).not.toContain('HOSTNAME=');
  });

  it('is seen by the shell of sh -c', () => {
    expect(run(`docker exec -e FOO=bar c1 sh -c 'echo $FOO'`).out).toBe('bar\n');
  });

  it('refuses an empty name before asking the daemon (real CLI 28.2.2 for current)', () => {
    const current = run('docker exec -e =x c1 env', 'current');
    expect(current.status).toBe(125);
    expect(current.err).toBe(
      'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x\n\n' +
        'Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\n' +
        "Run 'docker exec --help' for more information\n",
    );
    const classic = run('docker exec -e =x nosuch env', 'classic');
    expect(classic.err).toBe(
      'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x\nSee \'docker exec --help\'.\n',
    );
    expect(envValue('FOO', { FOO: 'a' })).toEqual({ value: 'FOO=a' });
    expect(envValue('FOO', {})).toEqual({ value: 'FOO' });
  });
});

describe('docker exec -w', () => {
  it('starts the process in the directory given, else in /', () => {
    expect(run('docker exec -w /tmp c1 pwd').out).toBe('/tmp\n');
    expect(run('docker exec c1 pwd').out).toBe('/\n');
    expect(run(`docker exec -w /srv c1 sh -c 'echo $PWD'`).out).toBe('/srv\n');
  });

  it('refuses a relative directory', () => {
    const r = run('docker exec -w tmp c1 pwd');
    expect(r.out).toBe('OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown\r\n');
    expect(r.status).toBe(126);
  });
});

describe('docker exec -u', () => {
  it('refuses a user or group the image does not have', () => {
    const r = run('docker exec -u bob c1 env');
    expect(r.out).toBe('unable to find user bob: no matching entries in passwd file\r\n');
    expect(r.status).not.toBe(0);
    expect(run('docker exec -u nobody:nogroupx c1 pwd').out).toBe(
      'unable to find group nogroupx: no matching entries in group file\r\n',
    );
  });

  it('accepts numeric ids and known names; a user other than root has no NET_ADMIN', () => {
    expect(run('docker exec -u 1000:1000 c1 pwd').out).toBe('/\n');
    expect(run('docker exec -u root --privileged c1 ip link set lo down').status).toBe(0);
    const r = run('docker exec -u nobody --privileged c1 ip link set lo down');
    expect(r.err).toBe('RTNETLINK answers: Operation not permitted\n');
    expect(r.after.kernel).toBe(r.before.kernel);
    expect(execUserCheck('nginx', 'nginx')).toEqual({ root: false });
    expect(execUserCheck('nginx', 'netutils')).toHaveProperty('error');
    expect(execUserCheck('0', 'busybox')).toEqual({ root: true });
  });
});

describe('docker network create: name checks', () => {
  it.each(['bridge', 'host', 'none', 'default'])('refuses the predefined name %s', (name) => {
    const r = run(`docker network create ${name}`);
    expect(r.err).toBe(`Error response from daemon: operation is not permitted on predefined ${name} network \n`);
    expect(r.status).toBe(1);
    expect(r.after.docker).toBe(r.before.docker);
  });

  it('refuses a blank name, and accepts any other text', () => {
    expect(run(`docker network create ' '`).err).toBe('Error response from daemon: invalid name:  \n');
    expect(run(`docker network create ''`).err).toBe('Error response from daemon: invalid name: \n');
    expect(networkNameError('\u00a0\t')).toBe('invalid name: \u00a0\t');
    // U+FEFF is not a space to Go: such a name is accepted.
    expect(networkNameError('\ufeff')).toBeUndefined();
    expect(run(`docker network create 'my net'`).status).toBe(0);
    expect(run('docker network create Bridge').status).toBe(0);
  });
});
