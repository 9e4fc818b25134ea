// Golden tests for `ip` (iproute2 6.1) and BusyBox's `ip`: each golden/*.sh script is replayed in
// the simulator and its transcript must equal golden/*.golden byte for byte. The goldens were
// recorded on the real kernel with golden/record.sh (every MAC in the scripts is explicit, so
// the real output is reproducible); re-record with `golden/record.sh X.sh > X.golden` as root.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitOps, createWorld, type World } from '../../../src/docker/world';
import { INIT_NET } from '../../../src/kernel';
import { runLine } from '../../../src/shell';
import type { ExecContext } from '../../../src/shell/types';

const DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** The simulator's transcript in record.sh's format. */
export function transcript(script: string): string {
  // record.sh runs every line inside a fresh namespace named ipg-main: a bare kernel, lo down.
  let world: World = createWorld({ seed: 7, docker: false });
  const named = commitOps(world, [{ op: 'setNetnsName', netns: INIT_NET, name: 'ipg-main' }]);
  if (!named.ok) throw new Error('cannot name the test namespace');
  world = { ...named.world, lastOps: [] };
  let out = '';
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const busybox = line.startsWith('busybox ');
    const ctx: ExecContext = {
      netns: INIT_NET,
      toolset: busybox ? 'busybox' : 'host',
      hostname: 'h',
      env: {},
      history: [],
    };
    const r = runLine(world, busybox ? line.slice('busybox '.length) : line, ctx);
    world = r.world;
    const stdout = r.output
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join('');
    const stderr = r.output
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join('');
    out += `$ ${line}\n${stdout}${stderr ? `[stderr]\n${stderr}` : ''}[status ${r.status}]\n`;
  }
  return out;
}

const scripts = readdirSync(DIR).filter((f) => f.endsWith('.sh') && f !== 'record.sh');

describe('ip: transcripts equal the real tool (golden/*.golden)', () => {
  for (const name of scripts) {
    it(name.replace(/\.sh$/, ''), () => {
      const script = readFileSync(DIR + name, 'utf8');
      const golden = readFileSync(DIR + name.replace(/\.sh$/, '.golden'), 'utf8');
      // Compare command by command, so a failure names the first line that differs.
      const split = (t: string) => t.split(/^(?=\$ )/m);
      const sim = split(transcript(script));
      const real = split(golden);
      for (let i = 0; i < Math.max(sim.length, real.length); i++) expect(sim[i], `command ${i + 1}`).toBe(real[i]);
    });
  }
});

describe('ip on the booted Docker host (reference capture docker0-idle.txt)', () => {
  // golden/docker0-idle.capture.txt: two blocks of the reference capture docker0-idle.txt, verbatim (plus an end marker).
  const CAPTURE = DIR + 'docker0-idle.capture.txt';
  const host: ExecContext = { netns: INIT_NET, toolset: 'host', hostname: 'docker-host', env: {}, history: [] };
  const run = (w: World, line: string) =>
    runLine(w, line, host)
      .output.map((c) => c.text)
      .join('');

  /** The capture's block for `$ CMD`, with its docker0 MAC and ifindex made the model's. */
  function captured(cmd: string, mac: string, ifindex: number): string {
    const text = readFileSync(CAPTURE, 'utf8');
    const start = text.indexOf(`$ ${cmd}\n`) + cmd.length + 3;
    const end = text.indexOf('\n$ ', start);
    return text
      .slice(start, end + 1)
      .replaceAll('02:42:5e:8c:3a:1f', mac)
      .replace(/^2: docker0/, `${ifindex}: docker0`);
  }

  it('prints an idle docker0 as the capture shows it (no carrier, no qlen, trailing space)', () => {
    const w = createWorld();
    const docker0 = Object.values(w.kernel.links).find((l) => l.name === 'docker0')!;
    expect(run(w, 'ip addr show docker0')).toBe(captured('ip addr show docker0', docker0.mac, docker0.ifindex));
    expect(run(w, 'ip -br link show docker0')).toBe(captured('ip -br link show docker0', docker0.mac, docker0.ifindex));
  });
});
