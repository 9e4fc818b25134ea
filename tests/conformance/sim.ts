// Simulator-side runner: replays a conformance script through the simulator's shell on a bare
// host (no Docker), then takes the same `ip -j` dumps by running the same lines there.
// The simulator is loaded lazily, so the suite reports a clear failure while it is incomplete.
import type { World } from '../../src/docker/world';
import type { ExecContext, LineResult } from '../../src/shell/types';
import { DUMP_KINDS, dumpCommand, type DumpRecord, type LineRecord, type RunRecord, type Script } from './script';

export interface Simulator {
  createWorld: (opts: { seed: number; docker: boolean }) => World;
  runLine: (world: World, line: string, ctx: ExecContext) => LineResult;
}

/** Loads the simulator's entry points, or throws an error that says which one is missing. */
export async function loadSimulator(): Promise<Simulator> {
  let worldMod: Record<string, unknown>;
  let shellMod: Record<string, unknown>;
  try {
    worldMod = (await import('../../src/docker/world')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`simulator not available: cannot import src/docker/world (${String(e)})`, { cause: e });
  }
  try {
    shellMod = (await import('../../src/shell')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`simulator not available: cannot import src/shell (${String(e)})`, { cause: e });
  }
  const { createWorld } = worldMod;
  const { runLine } = shellMod;
  if (typeof createWorld !== 'function')
    throw new Error('simulator not available: src/docker/world exports no createWorld');
  if (typeof runLine !== 'function') throw new Error('simulator not available: src/shell exports no runLine');
  return { createWorld: createWorld as Simulator['createWorld'], runLine: runLine as Simulator['runLine'] };
}

const HOST_CTX: ExecContext = {
  netns: 'netns:0',
  toolset: 'host',
  hostname: 'docker-host',
  env: {},
  history: [],
};

/** Replays `script` in a fresh simulated host; a line that throws is recorded, not fatal. */
export function runSim(sim: Simulator, script: Script): RunRecord {
  let world = sim.createWorld({ seed: 1, docker: false });
  const history: string[] = [];
  const exec = (line: string): { status: number; stdout: string; stderr: string } => {
    const ctx: ExecContext = { ...HOST_CTX, history: [...history] };
    history.push(line);
    try {
      const r = sim.runLine(world, line, ctx);
      world = r.world;
      const stdout = r.output
        .filter((c) => c.fd === 1)
        .map((c) => c.text)
        .join('');
      const stderr = r.output
        .filter((c) => c.fd === 2)
        .map((c) => c.text)
        .join('');
      return { status: r.status, stdout, stderr };
    } catch (e) {
      const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
      return { status: -1, stdout: '', stderr: `[simulator threw] ${msg.split('\n').slice(0, 4).join(' | ')}` };
    }
  };
  const lines: LineRecord[] = script.lines.map((l) => ({ line: l.text, ...exec(l.text) }));
  const dumps: DumpRecord[] = [];
  for (const where of ['host', ...script.netns]) {
    for (const what of DUMP_KINDS) {
      const cmd = dumpCommand(where, what);
      dumps.push({ where, what, cmd, ...exec(cmd) });
    }
  }
  return { script: script.name, lines, dumps };
}
