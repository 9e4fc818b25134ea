// docker/dns.ts — what a container can resolve without leaving the machine: its own hostname
// (/etc/hosts) and, on user-defined networks, the embedded DNS at 127.0.0.11, which answers with
// container names, `--network-alias` aliases and 12-hex short ids of the networks it shares.
import { findContainer } from './engine';
import type { Container, Endpoint } from './types';
import type { World } from './world';

/** The embedded DNS server's address inside every container on a user-defined network. */
export const EMBEDDED_DNS = '127.0.0.11';

/** A running container's endpoints, primary first. */
export function endpointsOf(c: Container): Endpoint[] {
  return c.status === 'running' ? [...(c.endpoint ? [c.endpoint] : []), ...(c.extraEndpoints ?? [])] : [];
}

/** Whether the network with this id is user-defined (the default `bridge` has no embedded DNS). */
export function isUserNetwork(w: World, networkId: string): boolean {
  const n = w.docker.networks[networkId];
  return n !== undefined && n.driver === 'bridge' && n.name !== 'bridge';
}

/** Whether processes of container `c` use the embedded DNS (it has an endpoint on a user network). */
export function usesEmbeddedDns(w: World, c: Container): boolean {
  const mode = c.config.networkMode;
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) return false;
  const n = Object.values(w.docker.networks).find((x) => x.name === mode || x.id === mode);
  return (
    (n !== undefined && isUserNetwork(w, n.id)) || (c.config.connected ?? []).some((a) => isUserNetwork(w, a.networkId))
  );
}

/**
 * The IPv4 address `name` resolves to inside container `ref`, or undefined (the caller then
 * tries the outside names, which the embedded DNS forwards to the host's resolver).
 */
export function resolveInContainer(w: World, ref: string, name: string): string | undefined {
  const c = findContainer(w.docker, ref);
  if (!c) return undefined;
  // /etc/hosts comes first (nsswitch "files dns"): the container's own hostname.
  const own = endpointsOf(c)[0];
  if (own && name === c.hostname) return own.ip;
  // On a user-defined network `--link NAME:ALIAS` is only a name the embedded DNS gives this
  // container for NAME (cli opts.go; facts §8), answered with NAME's address on a shared network.
  const q0 = name.toLowerCase().replace(/\.$/, '');
  for (const spec of c.config.links) {
    const i = spec.indexOf(':');
    const target = (i < 0 ? spec : spec.slice(0, i)).replace(/^\//, '');
    const alias = i < 0 ? target : spec.slice(i + 1);
    if (alias.toLowerCase() !== q0) continue;
    const child = findContainer(w.docker, target);
    const shared = child
      ? endpointsOf(child).find(
          (e) => isUserNetwork(w, e.networkId) && endpointsOf(c).some((x) => x.networkId === e.networkId),
        )
      : undefined;
    if (shared) return shared.ip;
  }
  for (const ep of endpointsOf(c)) {
    if (!isUserNetwork(w, ep.networkId)) continue;
    for (const other of Object.values(w.docker.containers)) {
      const hit = endpointsOf(other).find((e) => e.networkId === ep.networkId);
      if (!hit) continue;
      // The resolver matches names without regard to case, as DNS does.
      const q = name.toLowerCase().replace(/\.$/, '');
      const names = [other.name, other.id.slice(0, 12), ...(hit.aliases ?? [])].map((x) => x.toLowerCase());
      if (names.includes(q)) return hit.ip;
    }
  }
  return undefined;
}
