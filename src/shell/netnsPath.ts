// shell/netnsPath.ts — turns a path that names a network namespace (what `nsenter --net=PATH`
// and `nsenter -t PID` open) into the model's NetnsId. Pure: reads the World, changes nothing.
// Other modules (the Docker engine) add resolvers for their own paths and PIDs through
// registerNetnsResolver; this file must not import them.
import type { World } from '../docker/world';
import { INIT_NET, netnsByName } from '../kernel/query';
import type { NetnsId } from '../kernel/types';

/** One way of naming namespaces: returns the namespace a path names, or undefined if it does not know the path. */
export type NetnsResolver = (world: World, path: string) => NetnsId | undefined;

/** `ip netns add NAME` bind-mounts the namespace at /run/netns/NAME; /var/run is a symlink to /run. */
const namedNetns: NetnsResolver = (world, path) => {
  const m = /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  return netnsByName(world.kernel, m[1]!)?.id;
};

/** PID 1 (init) lives in init_net; its namespace file names the host's namespace. */
const initProcess: NetnsResolver = (_world, path) => (path === '/proc/1/ns/net' ? INIT_NET : undefined);

/**
 * The resolvers consulted in order; the first that knows a path wins. The Docker engine
 * registers its own for `/var/run/docker/netns/<key>` and `/proc/<container pid>/ns/net`.
 */
const resolvers: NetnsResolver[] = [namedNetns, initProcess];

/** Adds a resolver (consulted before the built-in ones, so it may refine them). */
export function registerNetnsResolver(r: NetnsResolver): void {
  if (!resolvers.includes(r)) resolvers.unshift(r);
}

/** The namespace a path names, or undefined when no such file exists. */
export function resolveNetnsPath(world: World, path: string): NetnsId | undefined {
  for (const r of resolvers) {
    const ns = r(world, path);
    if (ns !== undefined && world.kernel.netns[ns]) return ns;
  }
  return undefined;
}

/** The namespace file of a process: `/proc/PID/ns/net`. */
export function pidNetnsPath(pid: number): string {
  return `/proc/${pid}/ns/net`;
}
