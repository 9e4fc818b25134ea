// shell/files.ts — the few files people read to see a namespace from inside: /etc/hostname,
// /etc/hosts (as dockerd writes it, facts §8) and /sys/class/net/IF/{ifindex,iflink,address}.
// Pure: computed from the World on every read, never stored; undefined means "no such file".
import { findContainer } from '../docker/engine';
import { endpointsOf } from '../docker/dns';
import type { Container } from '../docker/types';
import type { World } from '../docker/world';
import { linkByName } from '../kernel';
import type { ExecContext } from './types';

/** Debian's /etc/hosts for the simulated host (netcfg writes the 127.0.1.1 line). */
function hostEtcHosts(hostname: string): string {
  return (
    `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n\n` +
    '# The following lines are desirable for IPv6 capable hosts\n' +
    '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n'
  );
}

/** dockerd's /etc/hosts for a container with its own namespace (moby etchosts.go, facts §8). */
function containerEtcHosts(w: World, c: Container): string {
  let out = '127.0.0.1\tlocalhost\n';
  const lo = c.netns ? linkByName(w.kernel, c.netns, 'lo') : undefined;
  // Up to v25 (the classic profile's containers) the IPv6 lines were always written, even
  // without ::1; since v26 only when lo has ::1 (moby commit a8f7c5ee48; facts §8).
  if (w.docker.profile === 'classic' || lo?.addrs.some((a) => a.local === '::1'))
    out +=
      '::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n' +
      'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';
  // --add-host entries come with the sandbox; the container's own line is added when its
  // first endpoint joins, so it comes after them.
  for (const h of c.config.addHost) {
    const i = h.indexOf(':');
    if (i > 0) out += `${h.slice(i + 1)}\t${h.slice(0, i)}\n`;
  }
  const ep = endpointsOf(c)[0];
  if (ep) out += `${ep.ip}\t${c.hostname}\n`;
  return out;
}

/** The container whose files a line sees: the one it runs in, or the target it shares a namespace with. */
function filesOwner(w: World, ref: string): Container | undefined {
  const c = findContainer(w.docker, ref);
  const mode = c?.config.networkMode ?? '';
  // container:<id> mode: the joiner is given the target's hosts file (facts §8).
  if (c && mode.startsWith('container:')) return findContainer(w.docker, mode.slice('container:'.length)) ?? c;
  return c;
}

/** The content of `path` as a process of this line reads it, or undefined when there is no such file. */
export function readFile(w: World, ctx: ExecContext, path: string): string | undefined {
  const c = ctx.container !== undefined ? findContainer(w.docker, ctx.container) : undefined;
  const sys = /^\/sys\/class\/net\/([^/]+)\/(ifindex|iflink|address)$/.exec(path);
  if (sys) {
    const l = linkByName(w.kernel, ctx.netns, sys[1]!);
    if (!l) return undefined;
    if (sys[2] === 'address') return `${l.mac}\n`;
    if (sys[2] === 'ifindex') return `${l.ifindex}\n`;
    // iflink: the peer's ifindex for a veth (in whichever namespace it lives), else its own.
    const peer = l.peer !== undefined ? w.kernel.links[l.peer] : undefined;
    return `${peer ? peer.ifindex : l.ifindex}\n`;
  }
  switch (path) {
    case '/etc/hostname':
      return `${c ? c.hostname : w.hostname}\n`;
    case '/etc/hosts': {
      if (!c || c.config.networkMode === 'host') return hostEtcHosts(w.hostname);
      const owner = filesOwner(w, c.id) ?? c;
      return containerEtcHosts(w, owner);
    }
    default:
      return undefined;
  }
}
