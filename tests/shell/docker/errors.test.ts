// Every Docker refusal the issue lists, word for word, for both profiles. Expected texts come
// from the sources cited per case (docker/cli v24.0.9 and v29.7.2, moby, the reference facts
// §4); ids are random, so the expectation interpolates the id of the container involved.
import { describe, expect, it } from 'vitest';
import { createWorld, type DockerProfile, type World } from '../../../src/docker/world';
import { INIT_NET } from '../../../src/kernel';
import { runLine } from '../../../src/shell';
import type { ExecContext } from '../../../src/shell/types';

const HOST: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

function session(
  profile: DockerProfile,
  setup: string[],
): { world: World; run: (line: string) => { out: string; err: string; status: number; world: World } } {
  let world = createWorld({ profile });
  const run = (line: string) => {
    world = { ...world, clock: world.clock + 1000, lastOps: [] };
    const r = runLine(world, line, HOST);
    world = r.world;
    return {
      out: r.output
        .filter((o) => o.fd === 1)
        .map((o) => o.text)
        .join(''),
      err: r.output
        .filter((o) => o.fd === 2)
        .map((o) => o.text)
        .join(''),
      status: r.status,
      world,
    };
  };
  for (const l of setup) run(l);
  return {
    get world() {
      return world;
    },
    run,
  } as never;
}

const idOf = (w: World, name: string): string => Object.values(w.docker.containers).find((c) => c.name === name)!.id;

// cli run.go: v24 reportError (full stop, "See 'docker run --help'." at create); v29 withHelp.
const createErr = (p: DockerProfile, msg: string): string =>
  p === 'classic'
    ? `docker: ${msg.replace(/\.$/, '')}.\nSee 'docker run --help'.\n`
    : `docker: ${msg}\n\nRun 'docker run --help' for more information\n`;
const startErr = (p: DockerProfile, msg: string): string =>
  p === 'classic'
    ? `docker: ${msg.replace(/\.$/, '')}.\n`
    : `docker: ${msg}\n\nRun 'docker run --help' for more information\n`;

for (const profile of ['classic', 'current'] as const) {
  const v29 = profile === 'current';
  describe(`docker errors (${profile})`, () => {
    it('refuses a name in use (moby daemon/names.go, errors.go)', () => {
      const s = session(profile, ['docker run -d --name web nginx']);
      const r = s.run('docker run -d --name web nginx');
      const id = idOf(r.world, 'web');
      expect(r.err).toBe(
        createErr(
          profile,
          `Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
        ),
      );
      expect(r.status).toBe(125);
    });

    it('refuses an image reference with upper case (distribution/reference)', () => {
      const r = session(profile, []).run('docker run -d Busybox');
      const msg = v29
        ? 'invalid reference format: repository name (library/Busybox) must be lowercase'
        : 'invalid reference format: repository name must be lowercase';
      expect(r.err).toBe(createErr(profile, msg));
      expect(r.status).toBe(125);
    });

    it('refuses a malformed reference', () => {
      const r = session(profile, []).run('docker run -d busy--box:');
      expect(r.err).toBe(createErr(profile, 'invalid reference format'));
    });

    it('tries to pull an image it does not have, and the pull fails without registry access', () => {
      const r = session(profile, []).run('docker run -d nosuchimage');
      expect(r.err).toBe(
        "Unable to find image 'nosuchimage:latest' locally\n" +
          createErr(
            profile,
            'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: no such host',
          ),
      );
      expect(r.status).toBe(125);
    });

    it('names an unknown container (exec, stop, rm, logs)', () => {
      const s = session(profile, []);
      for (const cmd of ['exec ghost ip addr', 'stop ghost', 'rm ghost', 'logs ghost']) {
        const r = s.run(`docker ${cmd}`);
        expect(r.err).toBe('Error response from daemon: No such container: ghost\n');
        expect(r.status).toBe(1);
      }
    });

    it('fails at start when the container: target does not exist (the container stays Created)', () => {
      const s = session(profile, []);
      const r = s.run('docker run -d --name j1 --network container:ghost busybox');
      const id = idOf(r.world, 'j1');
      expect(r.out).toBe(`${id}\n`);
      expect(r.err).toBe(
        startErr(
          profile,
          `Error response from daemon: ${v29 ? 'joining network namespace of container: ' : ''}No such container: ghost`,
        ),
      );
      expect(r.status).toBe(125);
      expect(s.run('docker ps -a --format "{{.Names}} {{.Status}}"').out).toBe('j1 Created\n');
    });

    it('fails at start when the container: target is stopped', () => {
      const s = session(profile, ['docker run -d --name t1 hwchiu/netutils', 'docker stop t1']);
      const r = s.run('docker run -d --name j1 --network container:t1 hwchiu/netutils');
      const id = idOf(r.world, 't1');
      const msg = v29
        ? 'cannot join network namespace of a non running container: container t1 is exited'
        : `cannot join network of a non running container: ${id}`;
      expect(r.err).toBe(startErr(profile, `Error response from daemon: ${msg}`));
    });

    it('refuses to join its own namespace', () => {
      const r = session(profile, []).run('docker run -d --name me --network container:me busybox');
      expect(r.err).toBe(
        startErr(
          profile,
          `Error response from daemon: ${v29 ? 'cannot join own network namespace' : 'cannot join own network'}`,
        ),
      );
    });

    it('refuses an empty container: reference (runconfig hostconfig.go)', () => {
      const r = session(profile, []).run('docker run -d --network container: busybox');
      expect(r.err).toBe(
        createErr(
          profile,
          `Error response from daemon: ${v29 ? 'invalid' : 'Invalid'} network mode: invalid container format container:<name|id>`,
        ),
      );
    });

    const conflicts: [string, string][] = [
      ['--hostname h', 'conflicting options: hostname and the network mode'],
      ['--dns 8.8.8.8', 'conflicting options: dns and the network mode'],
      ['--add-host db:10.0.0.2', 'conflicting options: custom host-to-IP mapping and the network mode'],
      ['-p 8080:80', 'conflicting options: port publishing and the container type network mode'],
      ['--expose 80', 'conflicting options: port exposing and the container type network mode'],
      [
        '--link t',
        "conflicting options: container type network can't be used with links. This would result in undefined behavior",
      ],
    ];
    for (const [opt, msg] of conflicts) {
      it(`refuses ${opt} in container: mode`, () => {
        const s = session(profile, ['docker run -d --name t hwchiu/netutils']);
        const r = s.run(`docker run -d ${opt} --network container:t nginx`);
        expect(r.err).toBe(createErr(profile, `Error response from daemon: ${msg}`));
        expect(r.status).toBe(125);
      });
    }

    it('warns that published ports are discarded in host mode, and runs anyway', () => {
      const r = session(profile, []).run('docker run -d --network host -p 8080:80 --name h1 nginx');
      expect(r.err).toBe('WARNING: Published ports are discarded when using host network mode\n');
      expect(r.status).toBe(0);
    });

    it('refuses to remove a running container (moby daemon/delete.go)', () => {
      const s = session(profile, ['docker run -d --name web nginx']);
      const r = s.run('docker rm web');
      const id = idOf(r.world, 'web');
      const msg = v29
        ? 'cannot remove container "web": container is running: stop the container before removing or force remove'
        : `You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`;
      expect(r.err).toBe(`Error response from daemon: ${msg}\n`);
      expect(r.status).toBe(1);
    });

    it('refuses to remove a predefined network', () => {
      const r = session(profile, []).run('docker network rm bridge');
      expect(r.err).toBe(
        `Error response from daemon: bridge is a pre-defined network and cannot be removed\n${v29 ? 'exit status 1\n' : ''}`,
      );
      expect(r.status).toBe(1);
    });

    it('names an unknown network (at start for run, at once for inspect)', () => {
      const s = session(profile, []);
      const r = s.run('docker run -d --network nosuch busybox');
      expect(r.err).toBe(
        startErr(
          profile,
          `Error response from daemon: ${v29 ? 'failed to set up container networking: ' : ''}network nosuch not found`,
        ),
      );
      const i = s.run('docker network inspect nosuch');
      expect(i.out).toBe('[]\n');
      expect(i.err).toBe('Error response from daemon: network nosuch not found\n');
      expect(i.status).toBe(1);
    });

    it('words an unknown flag as cobra does, exit status 125 (cli/cobra.go FlagErrorFunc)', () => {
      const r = session(profile, []).run('docker run --bogus busybox');
      expect(r.err).toBe(
        v29
          ? "unknown flag: --bogus\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n"
          : "unknown flag: --bogus\nSee 'docker run --help'.\n",
      );
      expect(r.status).toBe(125);
      const s = session(profile, []).run('docker ps -z');
      expect(s.err.split('\n')[0]).toBe("unknown shorthand flag: 'z' in -z");
    });

    it('execs a program the image lacks with the runtime error, exit status 127', () => {
      const s = session(profile, ['docker run -d --name web nginx']);
      const r = s.run('docker exec web ip addr');
      expect(r.out).toBe(
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "ip": executable file not found in $PATH: unknown\r\n',
      );
      expect(r.status).toBe(127);
    });
  });
}
