// Tab completion: commands, subcommands and flags, and names taken from the world.
import { describe, expect, it } from 'vitest';
import { completeLine, createAppStore } from '../../src/store';

describe('completeLine', () => {
  const w = createAppStore({ lines: ['docker run --network=bridge -d --name web1 hwchiu/netutils'] }).getState().world;

  it('completes a command name', () => {
    expect(completeLine(w, 'brc', 3)).toMatchObject({ line: 'brctl ', candidates: ['brctl'] });
  });

  it('completes subcommands, interface and container names', () => {
    expect(completeLine(w, 'ip li', 5).line).toBe('ip link ');
    expect(completeLine(w, 'ip link show dock', 17).line).toBe('ip link show docker0 ');
    expect(completeLine(w, 'docker stop we', 14).line).toBe('docker stop web1 ');
  });

  it('completes --network= values, including container:NAME', () => {
    expect(completeLine(w, 'docker run --network=container:w', 32).line).toBe('docker run --network=container:web1 ');
    expect(completeLine(w, 'docker run --network=', 21).candidates).toEqual([
      'bridge',
      'container:web1',
      'host',
      'none',
    ]);
  });

  it('leaves the line alone when nothing matches', () => {
    expect(completeLine(w, 'zzz', 3)).toEqual({ line: 'zzz', cursor: 3, candidates: [] });
  });
});
