// docker/networks.ts — user-defined bridge networks: `docker network create/rm/connect/disconnect`.
// Subnets come from dockerd's default pools, first fit (moby ipamutils + address_space.go); the
// bridge is `br-` + the first 12 hex of the network id. Pure: plans kernel ops, returns new worlds.
import { broadcastOf, formatIPv4, INIT_NET, parseIPv4, randomBytes, type KernelOp } from '../kernel';
import {
  attachEndpoint,
  commit,
  detachOps,
  findContainer,
  findNetwork,
  hexId,
  joinTarget,
  PREDEFINED,
  putContainer,
  putNetwork,
  withRng,
  type DockerError,
  type EngineResult,
} from './engine';
import type { Container, Endpoint, Network } from './types';
import { networkFirewallOps, removeNetworkFirewallOps } from './firewall';
import type { DockerProfile, World } from './world';

/**
 * dockerd's local default pools (moby ipamutils/utils.go), already split: 172.17–172.31 as /16
 * (172.17 goes to docker0), then 192.168.0.0/16 as sixteen /20s.
 */
export function defaultPools(): string[] {
  const out: string[] = [];
  for (let b = 17; b <= 31; b++) out.push(`172.${b}.0.0/16`);
  for (let c = 0; c < 256; c += 16) out.push(`192.168.${c}.0/20`);
  return out;
}

function cidrRange(cidr: string): [number, number] | undefined {
  const [a, l] = cidr.split('/');
  const base = parseIPv4(a ?? '');
  const len = Number(l);
  if (base === undefined || !/^\d+$/.test(l ?? '') || len > 32) return undefined;
  const size = 2 ** (32 - len);
  const start = Math.floor(base / size) * size;
  return [start, start + size - 1];
}

function overlaps(a: string, b: string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return !!x && !!y && x[0] <= y[1] && y[0] <= x[1];
}

/** Prefixes a new pool must avoid: other networks, and the host's on-link routes (InferReservedNetworks). */
function reserved(w: World): string[] {
  const out = Object.values(w.docker.networks).flatMap((n) => (n.subnet ? [n.subnet] : []));
  const host = w.kernel.netns[INIT_NET];
  for (const r of host?.routes ?? []) if (r.family === 4 && r.dst !== 'default' && !r.gateway) out.push(r.dst);
  return out;
}

export interface NetworkSpec {
  name: string;
  driver?: string;
  subnet?: string;
  gateway?: string;
  internal?: boolean;
}

/** The kernel operations of a new bridge network (the bridge driver's createNetwork). */
function bridgeOps(n: Network, mac: string, profile: DockerProfile): KernelOp[] {
  const len = Number(n.subnet!.split('/')[1]);
  const ops: KernelOp[] = [
    { op: 'addLink', netns: INIT_NET, name: n.bridge!, kind: 'bridge', mac, mtu: 1500, txqlen: 0 },
    {
      op: 'addAddr',
      netns: INIT_NET,
      dev: n.bridge!,
      family: 4,
      local: n.gateway!,
      prefixlen: len,
      broadcast: broadcastOf(n.gateway!, len),
    },
    { op: 'setLink', netns: INIT_NET, name: n.bridge!, up: true },
  ];
  if (!n.internal) ops.push({ op: 'addMasquerade', netns: INIT_NET, source: n.subnet!, notOut: n.bridge! });
  ops.push(...networkFirewallOps(profile, n.bridge!, n.subnet!, !!n.internal));
  return ops;
}

/** `docker network create`: a record, a subnet, and a Linux bridge with the gateway's address. */
export function createNetwork(w0: World, spec: NetworkSpec): EngineResult<{ id: string }> {
  const w = w0;
  const fail = (error: DockerError): EngineResult<{ id: string }> => ({ ok: false, error, world: w0 });
  if (Object.values(w.docker.networks).some((n) => n.name === spec.name))
    return fail({ code: 'networkExists', name: spec.name });
  let subnet: string;
  if (spec.subnet !== undefined) {
    const r = cidrRange(spec.subnet);
    if (!r) return fail({ code: 'invalidSubnet', subnet: spec.subnet });
    subnet = `${formatIPv4(r[0])}/${spec.subnet.split('/')[1]}`;
    if (Object.values(w.docker.networks).some((n) => n.subnet && overlaps(n.subnet, subnet)))
      return fail({ code: 'poolOverlap' });
  } else {
    // allocatePredefinedPool: the lowest pool that overlaps nothing reserved (first fit).
    const taken = reserved(w);
    const free = defaultPools().find((p) => !taken.some((t) => overlaps(t, p)));
    if (!free) return fail({ code: 'poolsExhausted' });
    subnet = free;
  }
  const [start] = cidrRange(subnet)!;
  const gateway = spec.gateway ?? formatIPv4(start + 1);
  let rng = w.docker.rng;
  let id: string;
  do {
    [id, rng] = hexId(rng);
  } while (w.docker.networks[id]);
  // The bridge's own MAC is set by the driver: 02:42 + 4 random bytes <= v27, 48 random bits v28+.
  const classic = w.docker.profile === 'classic';
  const [bytes, rng2] = randomBytes(rng, classic ? 4 : 6);
  if (!classic) bytes[0] = (bytes[0]! & 0xfe) | 0x02;
  const mac = (classic ? [0x02, 0x42, ...bytes] : bytes).map((b) => b.toString(16).padStart(2, '0')).join(':');
  const n: Network = {
    id,
    name: spec.name,
    driver: 'bridge',
    created: w.clock,
    bridge: `br-${id.slice(0, 12)}`,
    subnet,
    gateway,
    allocated: [],
    options: {},
    ...(spec.internal ? { internal: true } : {}),
    ...(spec.subnet !== undefined ? { userSubnet: true } : {}),
  };
  const done = commit(w, bridgeOps(n, mac, w.docker.profile));
  if (!done.ok) return { ...done, world: w0 };
  return { ok: true, world: putNetwork(withRng(done.world, rng2), n), id };
}

/** The running containers with an endpoint on network `id`, and those endpoints. */
function endpointsOn(w: World, id: string): { c: Container; ep: Endpoint }[] {
  const out: { c: Container; ep: Endpoint }[] = [];
  for (const c of Object.values(w.docker.containers)) {
    if (c.status !== 'running') continue;
    for (const ep of [...(c.endpoint ? [c.endpoint] : []), ...(c.extraEndpoints ?? [])])
      if (ep.networkId === id) out.push({ c, ep });
  }
  return out;
}

/** `docker network rm`: refused for the predefined networks and while endpoints remain. */
export function removeNetwork(w: World, ref: string): EngineResult<{ id: string }> {
  const n = findNetwork(w.docker, ref);
  if (!n) return { ok: false, error: { code: 'networkNotFound', ref }, world: w };
  if (PREDEFINED.includes(n.name)) return { ok: false, error: { code: 'predefinedNetwork', name: n.name }, world: w };
  const active = endpointsOn(w, n.id);
  if (active.length) {
    const endpoints = active.map(({ c, ep }) => ({ name: c.name, id: ep.endpointId.slice(0, 12) }));
    return { ok: false, error: { code: 'networkActive', name: n.name, id: n.id, endpoints }, world: w };
  }
  const ops: KernelOp[] = [];
  if (n.bridge) {
    if (!n.internal) ops.push({ op: 'delMasquerade', netns: INIT_NET, source: n.subnet!, notOut: n.bridge });
    ops.push(...removeNetworkFirewallOps(w.docker.profile, n.bridge, n.subnet!, !!n.internal));
    ops.push({ op: 'delLink', netns: INIT_NET, name: n.bridge });
  }
  const done = commit(w, ops);
  if (!done.ok) return done;
  const networks = { ...done.world.docker.networks };
  delete networks[n.id];
  // Stopped containers forget a network that is gone.
  let next: World = { ...done.world, docker: { ...done.world.docker, networks } };
  for (const c of Object.values(next.docker.containers)) {
    if (c.config.connected?.some((a) => a.networkId === n.id))
      next = putContainer(next, {
        ...c,
        config: { ...c.config, connected: c.config.connected.filter((a) => a.networkId !== n.id) },
      });
  }
  return { ok: true, world: next, id: n.id };
}

/** Whether container `c` is attached to network `n` (primary network or a connected one). */
function attachedTo(c: Container, n: Network): boolean {
  return (
    c.config.networkMode === n.name ||
    c.config.networkMode === n.id ||
    !!c.config.connected?.some((a) => a.networkId === n.id)
  );
}

/** `docker network connect NET CTR`: a new endpoint, `eth` + the lowest free number, no second default route. */
export function connectNetwork(
  w: World,
  netRef: string,
  ctrRef: string,
  opts: { aliases?: string[]; ip?: string } = {},
): EngineResult<{ id: string }> {
  const fail = (error: DockerError): EngineResult<{ id: string }> => ({ ok: false, error, world: w });
  const c = findContainer(w.docker, ctrRef);
  if (!c) return fail({ code: 'noSuchContainer', ref: ctrRef });
  const n = findNetwork(w.docker, netRef);
  if (!n) return fail({ code: 'networkNotFound', ref: netRef });
  const mode = c.config.networkMode;
  if (n.driver === 'host') return fail({ code: 'connectHost' });
  if (joinTarget(mode) !== undefined || mode === 'host') return fail({ code: 'connectShared' });
  if (mode === 'none' || n.driver === 'null') return fail({ code: 'connectNone' });
  if (attachedTo(c, n)) return fail({ code: 'endpointExists', container: c.name, network: n.name });
  const aliases = opts.aliases ?? [];
  if (aliases.length && PREDEFINED.includes(n.name)) return fail({ code: 'aliasOnDefault' });
  if (opts.ip !== undefined && !n.userSubnet) return fail({ code: 'ipNeedsUserSubnet' });
  const attachment = { networkId: n.id, aliases, ...(opts.ip !== undefined ? { ip: opts.ip } : {}) };
  const config = { ...c.config, connected: [...(c.config.connected ?? []), attachment] };
  if (c.status !== 'running' || !c.netns) return { ok: true, world: putContainer(w, { ...c, config }), id: c.id };
  const ns = c.netns;
  const taken = w.kernel.netns[ns]!.byName;
  let i = 0;
  while (taken[`eth${i}`] !== undefined) i++;
  const hasDefault = w.kernel.netns[ns]!.routes.some((r) => r.family === 4 && r.dst === 'default');
  const a = attachEndpoint(w, w.docker.rng, ns, n, {
    ...(opts.ip !== undefined ? { ip: opts.ip } : {}),
    aliases,
    ifname: `eth${i}`,
    defaultRoute: !hasDefault && !n.internal,
  });
  if (!a.ok) return fail(a.error);
  const done = commit(withRng(a.world, a.rng), a.ops);
  if (!done.ok) return { ...done, world: w };
  const after = done.world.docker.containers[c.id]!;
  const next: Container = {
    ...after,
    config,
    extraEndpoints: [...(after.extraEndpoints ?? []), a.ep],
    plumbing: a.ops,
  };
  return { ok: true, world: putContainer(done.world, next), id: c.id };
}

/** `docker network disconnect NET CTR`: the endpoint goes, its address returns to the pool. */
export function disconnectNetwork(w: World, netRef: string, ctrRef: string): EngineResult<{ id: string }> {
  const fail = (error: DockerError): EngineResult<{ id: string }> => ({ ok: false, error, world: w });
  const c = findContainer(w.docker, ctrRef);
  if (!c) return fail({ code: 'noSuchContainer', ref: ctrRef });
  const n = findNetwork(w.docker, netRef);
  if (!n) return fail({ code: 'networkNotFound', ref: netRef });
  if (!attachedTo(c, n))
    return fail({ code: 'notConnected', id: c.id, network: n.name, running: c.status === 'running' });
  const connected = (c.config.connected ?? []).filter((a) => a.networkId !== n.id);
  const config = { ...c.config, connected };
  const eps = [...(c.endpoint ? [c.endpoint] : []), ...(c.extraEndpoints ?? [])];
  const ep = eps.find((e) => e.networkId === n.id);
  if (c.status !== 'running' || !c.netns || !ep)
    return { ok: true, world: putContainer(w, { ...c, config }), id: c.id };
  const ops = detachOps(c.netns, ep);
  const done = commit(w, ops);
  if (!done.ok) return { ...done, world: w };
  let next: World = putNetwork(done.world, { ...n, allocated: n.allocated.filter((ip) => ip !== ep.ip) });
  const after: Container = { ...next.docker.containers[c.id]!, config, plumbing: ops };
  const rest = (after.extraEndpoints ?? []).filter((e) => e !== ep);
  if (rest.length) after.extraEndpoints = rest;
  else delete after.extraEndpoints;
  if (after.endpoint === ep) delete after.endpoint;
  next = putContainer(next, after);
  return { ok: true, world: next, id: c.id };
}
