// tests/usecases/session.ts — plays typed lines through the host terminal's session
// (runHostLine, as the browser and the CLI do) and keeps a transcript of each line.
// Simulated times (ping's rtt) and seeded ids are replaced by placeholders; nothing else is.
import { createWorld, type World } from '../../src/docker/world';
import { runHostLine, type HostSession, type SessionEntry } from '../../src/shell/hostSession';

export interface Played {
  session: HostSession;
  entries: SessionEntry[];
}

/** A fresh Docker host (the article's: classic profile) and the lines typed on it. */
export function play(lines: readonly string[], from?: HostSession): Played {
  let session: HostSession = from ?? { world: createWorld({ seed: 5 }), history: [] };
  const entries: SessionEntry[] = [];
  for (const line of lines) {
    const r = runHostLine(session, line);
    session = r.session;
    entries.push(r.entry);
  }
  return { session, entries };
}

/** What the line wrote (stdout and stderr interleaved, as a terminal shows them), normalised. */
export function shown(e: SessionEntry): string {
  return normalise(e.output.map((o) => o.text).join(''));
}

/** Replaces what the simulation measures or draws from its seed by placeholders. */
export function normalise(text: string): string {
  return text
    .replace(/time=\d+(\.\d+)? ms/g, 'time=<rtt> ms')
    .replace(/rtt min\/avg\/max\/mdev = [\d./]+ ms/g, 'rtt min/avg/max/mdev = <rtt> ms')
    .replace(/^[0-9a-f]{64}$/gm, '<id>');
}

/** The host-side veth of a running bridge container, as `ip link` on the host would name it. */
export function hostVeth(w: World, name: string): string {
  const c = Object.values(w.docker.containers).find((x) => x.name === name);
  if (!c?.endpoint) throw new Error(`${name} has no endpoint`);
  return c.endpoint.hostVeth;
}

/** Plays more lines on an existing session. */
export function more(p: Played, lines: readonly string[]): Played {
  const next = play(lines, p.session);
  return { session: next.session, entries: [...p.entries, ...next.entries] };
}
