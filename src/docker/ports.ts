// docker/ports.ts — port publishing at a container's start (libnetwork's bridge driver): host
// ports allocated (portallocator), a docker-proxy listening on each, and the iptables rules of
// firewall.ts; released again at stop. Pure: plans kernel ops and returns the mappings (the
// shell words its errors).
import { INIT_NET, nextU32, type KernelOp } from '../kernel';
import { publishOps, unpublishOps, type PortMapping } from './firewall';
import { findImage } from './images';
import type { Container, PublishedPort } from './types';
import type { World } from './world';

/** The ephemeral range the port allocator draws from (ip_local_port_range's default). */
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

export type PublishError =
  /** Another container holds the host port (portallocator.go: ErrPortAlreadyAllocated). */
  | { code: 'portAllocated'; hostIp: string; hostPort: number; endpoint: string; endpointId: string }
  /** A host process holds it: docker-proxy's bind fails with EADDRINUSE. */
  | { code: 'portBind'; mapping: PortMapping; ip: string; endpoint: string; endpointId: string };

/** The ports a container asks for: its -p bindings, then with -P every exposed port not bound yet. */
function requested(c: Container): { hostIp: string; hostPort: string; containerPort: number; proto: 'tcp' | 'udp' }[] {
  const out = c.config.ports
    .filter((b) => b.proto === 'tcp' || b.proto === 'udp')
    .map((b) => ({
      hostIp: b.hostIp || '0.0.0.0',
      hostPort: b.hostPort,
      containerPort: Number(b.containerPort),
      proto: b.proto,
    }));
  if (c.config.publishAll) {
    const image = findImage(c.config.image);
    const exposed = [...(image?.exposed ?? []), ...c.config.expose.map((x) => (x.includes('/') ? x : `${x}/tcp`))];
    for (const e of exposed) {
      const [port, proto] = e.split('/') as [string, 'tcp' | 'udp'];
      if (out.some((o) => o.containerPort === Number(port) && o.proto === proto)) continue;
      out.push({ hostIp: '0.0.0.0', hostPort: '', containerPort: Number(port), proto });
    }
  }
  return out;
}

function clashes(
  a: { hostIp: string; hostPort: number; proto: string },
  b: { hostIp: string; hostPort: number; proto: string },
) {
  return (
    a.proto === b.proto &&
    a.hostPort === b.hostPort &&
    (a.hostIp === b.hostIp || a.hostIp === '0.0.0.0' || b.hostIp === '0.0.0.0')
  );
}

/**
 * Plans the publishing of a starting container's ports on its primary bridge endpoint: the
 * mappings (with a docker-proxy pid each), the kernel ops, and the daemon's next rng and pid.
 * Classic (<= v27) hands out ephemeral ports in order from 32768 (portallocator); v28+ lets the
 * kernel pick one, which looks random: drawn here from the daemon's rng.
 */
export function planPublish(
  w: World,
  c: Container,
  rng: number,
  firstPid: number,
):
  | { ok: true; ops: KernelOp[]; published: PublishedPort[]; rng: number; nextPid: number }
  | { ok: false; error: PublishError } {
  const ep = c.endpoint;
  const want = requested(c);
  if (!ep || want.length === 0) return { ok: true, ops: [], published: [], rng, nextPid: firstPid };
  const bridge = w.docker.networks[ep.networkId]?.bridge;
  if (!bridge) return { ok: true, ops: [], published: [], rng, nextPid: firstPid };
  const taken: PublishedPort[] = Object.values(w.docker.containers).flatMap((o) =>
    o.id !== c.id && o.status === 'running' ? (o.published ?? []) : [],
  );
  const sockets = w.kernel.netns[INIT_NET]?.sockets ?? [];
  const published: PublishedPort[] = [];
  let pid = firstPid;
  for (const b of want) {
    const free = (port: number) =>
      ![...taken, ...published].some((t) => clashes(t, { hostIp: b.hostIp, hostPort: port, proto: b.proto }));
    let hostPort: number | undefined;
    if (b.hostPort === '') {
      if (w.docker.profile === 'classic') {
        for (let p = EPHEMERAL_FIRST; p <= EPHEMERAL_LAST && hostPort === undefined; p++) if (free(p)) hostPort = p;
      } else {
        for (let tries = 0; tries < 64 && hostPort === undefined; tries++) {
          const [v, next] = nextU32(rng);
          rng = next;
          const p = EPHEMERAL_FIRST + (v % (EPHEMERAL_LAST - EPHEMERAL_FIRST + 1));
          if (free(p)) hostPort = p;
        }
      }
      if (hostPort === undefined) hostPort = EPHEMERAL_FIRST;
    } else if (b.hostPort.includes('-')) {
      // A host range for one container port: the first free port of the range.
      const [lo, hi] = b.hostPort.split('-').map(Number) as [number, number];
      for (let p = lo; p <= hi && hostPort === undefined; p++) if (free(p)) hostPort = p;
      hostPort ??= lo;
    } else hostPort = Number(b.hostPort);
    const m = { hostIp: b.hostIp, hostPort, containerPort: b.containerPort, proto: b.proto };
    if (!free(hostPort))
      return {
        ok: false,
        error: { code: 'portAllocated', hostIp: b.hostIp, hostPort, endpoint: c.name, endpointId: ep.endpointId },
      };
    const held = sockets.some((s) => clashes({ hostIp: s.addr, hostPort: s.port, proto: s.proto }, m));
    if (held)
      return {
        ok: false,
        error: { code: 'portBind', mapping: m, ip: ep.ip, endpoint: c.name, endpointId: ep.endpointId },
      };
    published.push({ ...m, proxyPid: pid });
    // A wildcard mapping has a second docker-proxy, for IPv6 (see proxyPids).
    pid += b.hostIp === '0.0.0.0' ? 2 : 1;
  }
  const ops: KernelOp[] = [
    ...publishOps(w.docker.profile, bridge, ep.ip, published),
    // The userland proxy (on by default) listens on each host port: `curl localhost:8080` works.
    ...published.flatMap((m): KernelOp[] => {
      const [v4, v6] = proxyPids(m);
      const bind = {
        op: 'bindSocket',
        netns: INIT_NET,
        proto: m.proto,
        port: m.hostPort,
        process: 'docker-proxy',
      } as const;
      const ops: KernelOp[] = [{ ...bind, addr: m.hostIp, pid: v4 }];
      // Go's listener on tcp6 `[::]` sets IPV6_V6ONLY, so it takes no IPv4 and does not clash
      // with the 0.0.0.0 one: `ss -tlnp` lists both, `curl [::1]:8080` reaches the container.
      if (v6 !== undefined) ops.push({ ...bind, addr: '::', v6only: true, pid: v6 });
      return ops;
    }),
  ];
  return { ok: true, ops, published, rng, nextPid: pid };
}

/**
 * The docker-proxy processes of a mapping: the IPv4 one, and for the wildcard address a second
 * one on `[::]` (the daemon starts one proxy per address family; `docker ps` shows the `:::PORT`
 * twin). The IPv6 proxy is started right after the IPv4 one, so its PID is the next.
 */
export function proxyPids(m: PublishedPort): [number, number | undefined] {
  return [m.proxyPid, m.hostIp === '0.0.0.0' ? m.proxyPid + 1 : undefined];
}

/** A stopping container's ports: the proxies exit and the rules go. */
export function releasePublishOps(w: World, c: Container): KernelOp[] {
  const ep = c.endpoint;
  const published = c.published ?? [];
  if (!ep || published.length === 0) return [];
  const bridge = w.docker.networks[ep.networkId]?.bridge;
  if (!bridge) return [];
  const ops: KernelOp[] = published.flatMap((m) =>
    proxyPids(m).flatMap((pid): KernelOp[] =>
      pid === undefined ? [] : [{ op: 'closeSockets', netns: INIT_NET, pid }],
    ),
  );
  // Only rules still there are deleted (a person may have flushed them with iptables -F).
  const rules = unpublishOps(w.docker.profile, bridge, ep.ip, published);
  return [...ops, ...rules.filter((op) => op.op !== 'delFilterRule' || ruleExists(w, op))];
}

function ruleExists(w: World, op: Extract<KernelOp, { op: 'delFilterRule' }>): boolean {
  const n = w.kernel.netns[INIT_NET]!;
  const list = (op.table === 'nat' ? n.natRules : op.table === 'raw' ? n.rawRules : n.filter) ?? [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return list.some((r) => same(strip(r), strip(op.rule)));
}

/** A rule without undefined fields, for comparison. */
function strip(r: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(r).sort()) {
    const v = (r as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
