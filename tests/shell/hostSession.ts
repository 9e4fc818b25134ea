// tests/shell/hostSession.ts — a shell session on a fresh Docker host for file and tool tests:
// each line runs as root on the host one second after the last, with its stdout, stderr and
// status apart; `ctr` finds a container record by name.
import { createWorld, type DockerProfile, type World } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel';
import { runLine } from '../../src/shell';
import type { ExecContext } from '../../src/shell/types';

const HOST: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };

export function session(profile: DockerProfile = 'classic') {
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
    return { out: text(1), err: text(2), status: r.status };
  };
  return { run, w: () => world };
}

export const ctr = (w: World, name: string) => Object.values(w.docker.containers).find((c) => c.name === name)!;
