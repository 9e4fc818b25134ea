// The "equivalent commands" of a publish (src/shell/equivalent.ts): the iptables lines standing for
// the daemon's rule ops. Typed on a host where the container was never published, they must
// give the same tables as the daemon's own ops; the DNAT line is the capture's rule
// (iptables-save-v27.txt / -v29.txt: `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT
// --to-destination 172.17.0.2:80`) with -t nat in front.
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/docker/world';
import { runHostLine, type HostSession } from '../../../src/shell/hostSession';
import { equivalentCommand } from '../../../src/shell/equivalent';

function line(session: HostSession, text: string): { session: HostSession; out: string } {
  const r = runHostLine(session, text);
  return { session: r.session, out: r.entry.output.map((c) => c.text).join('') };
}

describe.each(['classic', 'current'] as const)('equivalent iptables commands of a publish (%s)', (profile) => {
  it('replayed by hand, they build the same tables as the daemon', () => {
    const fresh: HostSession = { world: createWorld({ seed: 3, profile }), history: [] };
    const published = line(fresh, 'docker run -d --name web -p 8080:80 nginx').session;
    const commands = published.world.lastOps
      .map((op) => equivalentCommand(op, (ns) => ns))
      .filter((c): c is string => c !== undefined && c.startsWith('iptables'));
    expect(commands).toContain(
      'iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
    );
    let byHand = fresh;
    for (const c of commands) {
      const r = line(byHand, c);
      expect(r.out, c).toBe('');
      byHand = r.session;
    }
    const save = (s: HostSession) => line(s, 'iptables-save').out.replace(/ on .*$/gm, '');
    expect(save(byHand)).toBe(save(published));
  });
});
