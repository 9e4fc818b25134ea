// tests/shell/helpers.ts — a fake World and execution contexts for the shell's tests.
// The text tools never look inside the World, so an empty object stands in for one.
import type { World } from '../../src/docker/world';
import type { NetnsId } from '../../src/kernel/types';
import type { ExecContext, LineResult } from '../../src/shell';

export const fakeWorld = { hostname: 'docker-host', clock: 0 } as unknown as World;

export const hostCtx: ExecContext = {
  netns: 'host' as NetnsId,
  toolset: 'host',
  hostname: 'docker-host',
  env: { HOME: '/root' },
  history: [],
};

/** Everything a line wrote to one descriptor, in order. */
export function textOf(r: LineResult, fd: 1 | 2): string {
  return r.output
    .filter((c) => c.fd === fd)
    .map((c) => c.text)
    .join('');
}
