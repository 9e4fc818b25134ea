// docker/engine.ts — the Docker engine: creates, starts, stops and removes containers.
// Docker plans, the kernel executes: every start/stop is an ordered list of kernel operations
// (what libnetwork does, per profile) committed through commitOps. Pure: returns new worlds or
// error codes (the shell words them); never formats text, never reads the wall clock or a platform random source.
import {
  INIT_NET,
  linkByName,
  nextNetnsId,
  parseIPv4,
  formatIPv4,
  broadcastOf,
  randomBytes,
  randomHex,
  cowRecord,
  memoOf,
  peekMemo,
  seedMemo,
  type KernelError,
  type KernelOp,
  type NetnsId,
} from '../kernel';
import { findImage, splitReference, type Image } from './images';
import { generateName } from './names';
import { planPublish, releasePublishOps, type PublishError } from './ports';
import type { Container, ContainerConfig, Endpoint, Network, PortBinding } from './types';
import { commitOps, type DockerState, type World } from './world';

/** Why an engine action was refused; the shell turns each into Docker's words for the profile. */
export type DockerError =
  | { code: 'invalidReference'; ref: string; reason: 'format' | 'lowercase' }
  | { code: 'noSuchImage'; ref: string }
  | { code: 'nameInUse'; name: string; id: string }
  | { code: 'noSuchContainer'; ref: string }
  | { code: 'invalidContainerMode' }
  | { code: 'conflict'; what: 'hostname' | 'links' | 'dns' | 'addHost' | 'mac' | 'publish' | 'expose' | 'hostLinks' }
  | { code: 'ipOnDefaultBridge' }
  | { code: 'joinMissing'; ref: string }
  | { code: 'joinNotRunning'; ref: string; id: string; name: string; state: string }
  | { code: 'joinSelf' }
  | { code: 'networkNotFound'; ref: string }
  | { code: 'removeRunning'; id: string; name: string }
  | { code: 'notRunning'; id: string }
  | { code: 'ipInUse'; ip: string }
  | { code: 'poolExhausted' }
  | { code: 'predefinedNetwork'; name: string }
  | { code: 'networkExists'; name: string }
  | { code: 'poolsExhausted' }
  | { code: 'poolOverlap' }
  | { code: 'ipNeedsUserSubnet' }
  | { code: 'aliasOnDefault' }
  | { code: 'networkActive'; name: string; id: string; endpoints: { name: string; id: string }[] }
  | { code: 'connectShared' }
  | { code: 'connectHost' }
  | { code: 'connectNone' }
  | { code: 'endpointExists'; container: string; network: string }
  | { code: 'notConnected'; id: string; network: string; running: boolean }
  | { code: 'invalidSubnet'; subnet: string }
  | { code: 'kernel'; error: KernelError; step: number }
  | { code: 'linkMissing'; name: string }
  | { code: 'linkNotRunning'; child: string; link: string }
  | { code: 'publish'; error: PublishError };

export type EngineResult<T = object> =
  ({ ok: true; world: World } & T) | { ok: false; error: DockerError; world: World };

/** What `docker run`/`create` was asked for (already parsed from the command line). */
export interface CreateSpec {
  image: string;
  /** Arguments after the image (replace the image's CMD). */
  args: string[];
  name?: string;
  network?: string;
  hostname?: string;
  dns?: string[];
  addHost?: string[];
  expose?: string[];
  ports?: PortBinding[];
  /** `-P`. */
  publishAll?: boolean;
  links?: string[];
  macAddress?: string;
  ip?: string;
  aliases?: string[];
  autoRemove?: boolean;
  netAdmin?: boolean;
  privileged?: boolean;
  tty?: boolean;
  interactive?: boolean;
}

/** The networks dockerd makes at boot; they cannot be removed. */
export const PREDEFINED = ['bridge', 'host', 'none'];

// ---------------------------------------------------------------- lookups

/** Finds a container the way the daemon does: full id, then name, then a unique id prefix. */
export function findContainer(d: DockerState, ref: string): Container | undefined {
  if (d.containers[ref]) return d.containers[ref];
  const named = containerByName(d, ref.replace(/^\//, ''));
  if (named) return named;
  if (ref === '' || !/^[0-9a-f]+$/.test(ref)) return undefined;
  const hits = Object.values(d.containers).filter((c) => c.id.startsWith(ref));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Finds a network: full id, then name, then a unique id prefix. */
export function findNetwork(d: DockerState, ref: string): Network | undefined {
  if (d.networks[ref]) return d.networks[ref];
  for (const n of Object.values(d.networks)) if (n.name === ref) return n;
  if (ref === '' || !/^[0-9a-f]+$/.test(ref)) return undefined;
  const hits = Object.values(d.networks).filter((n) => n.id.startsWith(ref));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Containers newest first, as the daemon lists them. */
export function listContainers(d: DockerState): Container[] {
  return Object.values(d.containers).sort((a, b) => b.created - a.created || b.seq - a.seq);
}

/** The image of a container (always in the catalogue: create refuses others). */
export function imageOf(c: Container): Image {
  return findImage(c.config.image)!;
}

/** `container:<ref>` mode's target reference, or undefined for other modes. */
export function joinTarget(mode: string): string | undefined {
  return mode.startsWith('container:') ? mode.slice('container:'.length) : undefined;
}

/**
 * Checks an image reference as the CLI's reference parser does. Only the common cases are
 * modelled: upper case in the repository, and characters a reference cannot hold.
 */
export function checkReference(ref: string): DockerError | undefined {
  const { repository, tag } = splitReference(ref);
  if (repository.toLowerCase() !== repository) return { code: 'invalidReference', ref, reason: 'lowercase' };
  const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
  const parts = repository.split('/');
  const domainLike = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!);
  const path = domainLike ? parts.slice(1) : parts;
  if (path.length === 0 || !path.every((p) => component.test(p)))
    return { code: 'invalidReference', ref, reason: 'format' };
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) return { code: 'invalidReference', ref, reason: 'format' };
  return undefined;
}

// ---------------------------------------------------------------- randomness

export function hexId(rng: number): [string, number] {
  return randomHex(rng, 64);
}

export function withRng(w: World, rng: number): World {
  return { ...w, docker: { ...w.docker, rng } };
}

/** Container ids by name, derived once per version of the containers record. */
function nameIndex(cs: Record<string, Container>): Record<string, string> {
  const idx = cowRecord<string, string>({});
  // The first container of a name wins, as the scan over the record did.
  for (const c of Object.values(cs)) if (!Object.prototype.hasOwnProperty.call(idx, c.name)) idx[c.name] = c.id;
  return idx;
}

/** The container of that exact name, through the name index (not a scan of every container). */
export function containerByName(d: DockerState, name: string): Container | undefined {
  const idx = memoOf(d.containers, nameIndex);
  return Object.prototype.hasOwnProperty.call(idx, name) ? d.containers[idx[name]!] : undefined;
}

export function putContainer(w: World, c: Container): World {
  // A persistent record (kernel/record.ts): one container changes in O(log n), and the name
  // index follows it incrementally when it was already built for the version before.
  const before = w.docker.containers;
  const containers = cowRecord(before);
  containers[c.id] = c;
  const idx = peekMemo(before, nameIndex);
  if (idx) {
    const old = before[c.id];
    const next = cowRecord(idx);
    if (old && old.name !== c.name && next[old.name] === c.id) delete next[old.name];
    if (!Object.prototype.hasOwnProperty.call(next, c.name)) next[c.name] = c.id;
    seedMemo(containers, nameIndex, next);
  }
  return { ...w, docker: { ...w.docker, containers } };
}

export function putNetwork(w: World, n: Network): World {
  return { ...w, docker: { ...w.docker, networks: { ...w.docker.networks, [n.id]: n } } };
}

// ---------------------------------------------------------------- create

/** `docker create`: validates, resolves the image, reserves the name. No kernel change. */
export function createContainer(w0: World, spec: CreateSpec): EngineResult<{ id: string; warnings: string[] }> {
  let w = w0;
  const network = spec.network ?? 'bridge';
  const target = joinTarget(network);
  const warnings: string[] = [];
  const profile = w.docker.profile;
  // runconfig's validateNetMode runs when the request is decoded, before anything else.
  if (target !== undefined) {
    if (target === '') return { ok: false, error: { code: 'invalidContainerMode' }, world: w };
    if (spec.hostname) return { ok: false, error: { code: 'conflict', what: 'hostname' }, world: w };
    if (spec.links?.length) return { ok: false, error: { code: 'conflict', what: 'links' }, world: w };
    if (spec.dns?.length) return { ok: false, error: { code: 'conflict', what: 'dns' }, world: w };
    if (spec.addHost?.length) return { ok: false, error: { code: 'conflict', what: 'addHost' }, world: w };
  }
  // Docker <= 24 (API < 1.44) refused a container-wide MAC outside bridge networks.
  if (profile === 'classic' && (target !== undefined || network === 'host') && spec.macAddress) {
    return { ok: false, error: { code: 'conflict', what: 'mac' }, world: w };
  }
  if (target !== undefined) {
    if (spec.ports?.length || spec.publishAll)
      return { ok: false, error: { code: 'conflict', what: 'publish' }, world: w };
    if (spec.expose?.length) return { ok: false, error: { code: 'conflict', what: 'expose' }, world: w };
  }
  if (network === 'host' && spec.links?.length)
    return { ok: false, error: { code: 'conflict', what: 'hostLinks' }, world: w };
  if (spec.ip && (network === 'bridge' || network === 'host' || network === 'none' || target !== undefined)) {
    return { ok: false, error: { code: 'ipOnDefaultBridge' }, world: w };
  }
  // verifyNetworkingConfig: aliases are names on the embedded DNS, which only user networks have.
  if (spec.aliases?.length && (PREDEFINED.includes(network) || target !== undefined))
    return { ok: false, error: { code: 'aliasOnDefault' }, world: w };
  const image = findImage(spec.image);
  if (!image) return { ok: false, error: { code: 'noSuchImage', ref: spec.image }, world: w };
  if (spec.name !== undefined) {
    const holder = containerByName(w.docker, spec.name.replace(/^\//, ''));
    if (holder)
      return { ok: false, error: { code: 'nameInUse', name: spec.name.replace(/^\//, ''), id: holder.id }, world: w };
  }
  // registerLinks (daemon/create.go): each --link must name a container, except on user-defined
  // networks, where a link is only a DNS alias and is not looked up.
  if (network === 'bridge' || network === 'default' || network === 'none') {
    for (const l of spec.links ?? []) {
      const name = l.split(':')[0]!.replace(/^\//, '');
      if (!findContainer(w.docker, name)) return { ok: false, error: { code: 'linkMissing', name }, world: w };
    }
  }
  if (network === 'host' && (spec.ports?.length || spec.publishAll)) warnings.push('hostPortsDiscarded');

  let rng = w.docker.rng;
  let id: string;
  do {
    [id, rng] = hexId(rng);
  } while (w.docker.containers[id] || /^[0-9]+$/.test(id.slice(0, 12)));
  let name = spec.name?.replace(/^\//, '');
  if (name === undefined)
    [name, rng] = generateName(rng, new Set(Object.values(w.docker.containers).map((c) => c.name)));
  // adaptContainerSettings: a `container:` target that exists is pinned by its full id.
  let networkMode = network;
  if (target !== undefined) {
    const t = findContainer(w.docker, target);
    if (t) networkMode = `container:${t.id}`;
  }
  const config: ContainerConfig = {
    image: spec.image,
    cmd: [...image.entrypoint, ...(spec.args.length ? spec.args : image.cmd)],
    networkMode,
    ...(spec.hostname ? { hostname: spec.hostname } : {}),
    dns: spec.dns ?? [],
    addHost: spec.addHost ?? [],
    expose: spec.expose ?? [],
    ports: spec.ports ?? [],
    ...(spec.publishAll ? { publishAll: true } : {}),
    links: spec.links ?? [],
    ...(spec.macAddress ? { macAddress: spec.macAddress } : {}),
    ...(spec.ip ? { ip: spec.ip } : {}),
    ...(spec.aliases?.length ? { aliases: spec.aliases } : {}),
    autoRemove: spec.autoRemove ?? false,
    ...(spec.netAdmin ? { netAdmin: true } : {}),
    ...(spec.privileged ? { privileged: true } : {}),
    tty: spec.tty ?? false,
    interactive: spec.interactive ?? false,
  };
  const c: Container = {
    id,
    name,
    seq: w.docker.seq,
    created: w.clock,
    config,
    status: 'created',
    exitCode: 0,
    hostname: spec.hostname ?? id.slice(0, 12),
    runs: [],
    output: '',
    plumbing: [],
  };
  w = putContainer(withRng(w, rng), c);
  w = { ...w, docker: { ...w.docker, seq: w.docker.seq + 1 } };
  return { ok: true, world: w, id, warnings };
}

// ---------------------------------------------------------------- IPAM

function ipToInt(ip: string): number {
  return parseIPv4(ip)!;
}

/** Per allocation list: every ordinal below this one is taken (lists are never changed in place). */
const lowestFreeHint = new WeakMap<readonly string[], number>();
/** Per allocation list: the lowest free address allocateAddress found in it, and its ordinal. */
const lowestFree = new WeakMap<readonly string[], { ip: string; ordinal: number }>();

/** The allocation list after `ip` was handed out from `n`. */
function withAllocated(n: Network, ip: string): string[] {
  const allocated = [...n.allocated, ip];
  const found = lowestFree.get(n.allocated);
  // Only when ip was the lowest free one are all ordinals up to it now taken (not for --ip).
  if (found?.ip === ip) lowestFreeHint.set(allocated, found.ordinal + 1);
  return allocated;
}

/** First free address of the pool: the network and broadcast addresses and the gateway are never handed out. */
export function allocateAddress(
  n: Network,
  wanted?: string,
): { ok: true; ip: string } | { ok: false; error: DockerError } {
  const [net, len] = n.subnet!.split('/');
  const prefixlen = Number(len);
  const base = ipToInt(net!);
  const size = 2 ** (32 - prefixlen);
  const isUsed = (ip: string) => ip === n.gateway || n.allocated.includes(ip);
  if (wanted !== undefined) {
    if (isUsed(wanted)) return { ok: false, error: { code: 'ipInUse', ip: wanted } };
    return { ok: true, ip: wanted };
  }
  // bitmap.SetAny(serial=false): the search starts at ordinal 0, so the lowest free address wins.
  // Ordinals below the hint are known to be taken (see noteAllocated): no walk from 1 each time.
  for (let i = lowestFreeHint.get(n.allocated) ?? 1; i < size - 1; i++) {
    const ip = formatIPv4((base + i) >>> 0);
    if (!isUsed(ip)) {
      lowestFree.set(n.allocated, { ip, ordinal: i });
      return { ok: true, ip };
    }
  }
  return { ok: false, error: { code: 'poolExhausted' } };
}

// ---------------------------------------------------------------- start

/** A `veth` + 7 hex name that is free in init_net (GenerateIfaceName retries on a clash). */
function vethName(w: World, rng: number, taken: string[]): [string, number] {
  let s = rng;
  for (;;) {
    const [hex, next] = randomHex(s, 8);
    s = next;
    const name = `veth${hex}`.slice(0, 11);
    if (!linkByName(w.kernel, INIT_NET, name) && !taken.includes(name)) return [name, s];
  }
}

function macText(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Docker <= 27 derives the MAC from the IPv4 address; 28+ draws 48 random bits (unicast, local). */
function endpointMac(w: World, ip: string, rng: number): [string, number] {
  if (w.docker.profile === 'classic') {
    const v = ipToInt(ip);
    return [macText([0x02, 0x42, v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]), rng];
  }
  const [b, next] = randomBytes(rng, 6);
  b[0] = (b[0]! & 0xfe) | 0x02;
  return [macText(b), next];
}

/** The kernel operations of a new sandbox: a netns whose loopback is up. */
function sandboxOps(w: World, ns: NetnsId): KernelOp[] {
  const ops: KernelOp[] = [{ op: 'addNetns', netns: ns }];
  // libnetwork <= v25 turned IPv6 off in every new container netns before bringing lo up,
  // so classic containers have no ::1 and no link-local addresses.
  if (w.docker.profile === 'classic') ops.push({ op: 'setSysctl', netns: ns, key: 'disable_ipv6', value: true });
  ops.push(
    // The kernel gives lo 127.0.0.1/8 itself when it comes up (inetdev's NETDEV_UP for loopback).
    { op: 'setLink', netns: ns, name: 'lo', up: true },
  );
  return ops;
}

/** The kernel operations that attach a sandbox to a bridge network, in libnetwork's order. */
export function endpointOps(w: World, ns: NetnsId, ep: Endpoint, bridge: string, defaultRoute = true): KernelOp[] {
  const ops: KernelOp[] = [];
  if (w.docker.profile === 'classic') {
    // <= v27: both ends are born in the host netns (the container end first, so it takes the lower ifindex) …
    ops.push({ op: 'addVethPair', netns: INIT_NET, name: ep.hostVeth, peer: ep.tmpName, txqlen: 0, peerTxqlen: 0 });
  } else {
    // v28+: the container end is born directly in the sandbox (so it is `2: eth0` there).
    ops.push({
      op: 'addVethPair',
      netns: INIT_NET,
      name: ep.hostVeth,
      peer: ep.tmpName,
      peerNetns: ns,
      txqlen: 0,
      peerTxqlen: 0,
    });
  }
  ops.push(
    { op: 'setLink', netns: INIT_NET, name: ep.hostVeth, master: bridge },
    { op: 'setLink', netns: INIT_NET, name: ep.hostVeth, up: true },
  );
  // … and <= v27 then moves the container end into the sandbox (LinkSetNsFd).
  if (w.docker.profile === 'classic') ops.push({ op: 'setLink', netns: INIT_NET, name: ep.tmpName, toNetns: ns });
  // osl's AddInterface: down, renamed ethN, MAC, addresses, up, then the routes.
  ops.push(
    { op: 'setLink', netns: ns, name: ep.tmpName, up: false },
    { op: 'setLink', netns: ns, name: ep.tmpName, rename: ep.ifname },
    { op: 'setLink', netns: ns, name: ep.ifname, mac: ep.mac },
  );
  // v26.0.2+ disables IPv6 on an interface of an IPv4-only network.
  if (w.docker.profile === 'current')
    ops.push({ op: 'setSysctl', netns: ns, key: 'disable_ipv6', dev: ep.ifname, value: true });
  ops.push(
    {
      op: 'addAddr',
      netns: ns,
      dev: ep.ifname,
      family: 4,
      local: ep.ip,
      prefixlen: ep.prefixlen,
      broadcast: broadcastOf(ep.ip, ep.prefixlen),
    },
    { op: 'setLink', netns: ns, name: ep.ifname, up: true },
  );
  // One default route per sandbox: the first network with a gateway gives it; internal networks never do.
  if (defaultRoute) ops.push({ op: 'addRoute', netns: ns, dst: 'default', gateway: ep.gateway, dev: ep.ifname });
  return ops;
}

/**
 * A new endpoint on a bridge network for the sandbox `ns`: an address from the pool (or `--ip`),
 * veth names, the MAC, and the kernel operations; the address is reserved in the returned world.
 */
export function attachEndpoint(
  w: World,
  rng0: number,
  ns: NetnsId,
  net: Network,
  want: { ip?: string; mac?: string; aliases: string[]; ifname: string; defaultRoute: boolean },
): { ok: true; world: World; rng: number; ep: Endpoint; ops: KernelOp[] } | { ok: false; error: DockerError } {
  // libnetwork: a static address needs a subnet the user configured (ipamutils would move otherwise).
  if (want.ip !== undefined && !net.userSubnet) return { ok: false, error: { code: 'ipNeedsUserSubnet' } };
  const got = allocateAddress(net, want.ip);
  if (!got.ok) return got;
  const [hostVeth, r1] = vethName(w, rng0, []);
  const [tmpName, r2] = vethName(w, r1, [hostVeth]);
  const [eid, r3] = hexId(r2);
  const [drawn, rng] = endpointMac(w, got.ip, r3);
  const mac = want.mac ?? drawn;
  const ep: Endpoint = {
    networkId: net.id,
    endpointId: eid,
    ip: got.ip,
    prefixlen: Number(net.subnet!.split('/')[1]),
    gateway: net.gateway!,
    mac,
    hostVeth,
    tmpName,
    ifname: want.ifname,
    ...(want.aliases.length ? { aliases: want.aliases } : {}),
  };
  const ops = endpointOps(w, ns, ep, net.bridge!, want.defaultRoute);
  const world = putNetwork(w, { ...net, allocated: withAllocated(net, got.ip) });
  return { ok: true, world, rng, ep, ops };
}

/** The kernel operations that take an endpoint away (osl's RemoveInterface, then the veth's deletion). */
export function detachOps(ns: NetnsId, ep: Endpoint): KernelOp[] {
  return [
    { op: 'setLink', netns: ns, name: ep.ifname, up: false },
    { op: 'setLink', netns: ns, name: ep.ifname, rename: ep.tmpName },
    { op: 'setLink', netns: ns, name: ep.tmpName, toNetns: INIT_NET },
    { op: 'delLink', netns: INIT_NET, name: ep.hostVeth },
  ];
}

export function commit(
  w: World,
  ops: KernelOp[],
): { ok: true; world: World } | { ok: false; error: DockerError; world: World } {
  const r = commitOps(w, ops);
  if (!r.ok) return { ok: false, error: { code: 'kernel', error: r.error, step: r.step }, world: w };
  return { ok: true, world: r.world };
}

/** `docker start`: sets up the container's network as its mode asks, then marks it running. */
export function startContainer(w0: World, ref: string): EngineResult<{ id: string }> {
  let w = w0;
  const c = findContainer(w.docker, ref);
  if (!c) return { ok: false, error: { code: 'noSuchContainer', ref }, world: w };
  if (c.status === 'running') return { ok: true, world: w, id: c.id };
  const mode = c.config.networkMode;
  const target = joinTarget(mode);
  let rng = w.docker.rng;
  let ops: KernelOp[] = [];
  let next: Container = { ...c };
  delete next.sandbox;
  delete next.endpoint;
  delete next.extraEndpoints;
  // setupLinkedContainers: a container on the default bridge starts only once its links run.
  if (mode === 'bridge' || mode === 'default') {
    for (const l of c.config.links) {
      const i = l.indexOf(':');
      const name = (i < 0 ? l : l.slice(0, i)).replace(/^\//, '');
      const child = findContainer(w.docker, name);
      if (child && child.status !== 'running') {
        const link = `/${c.name}/${i < 0 ? name : l.slice(i + 1)}`;
        return { ok: false, error: { code: 'linkNotRunning', child: `/${child.name}`, link }, world: w };
      }
    }
  }
  if (target !== undefined) {
    const t = findContainer(w.docker, target);
    if (!t) return { ok: false, error: { code: 'joinMissing', ref: target }, world: w };
    if (t.id === c.id) return { ok: false, error: { code: 'joinSelf' }, world: w };
    if (t.status !== 'running' || !t.netns) {
      return {
        ok: false,
        error: { code: 'joinNotRunning', ref: target, id: t.id, name: t.name, state: t.status },
        world: w,
      };
    }
    // The joiner enters the target's netns (/proc/PID/ns/net) and copies its hostname.
    next = { ...next, netns: t.netns, hostname: t.hostname };
  } else if (mode === 'host') {
    let sid: string;
    [sid, rng] = hexId(rng);
    let eid: string;
    [eid, rng] = hexId(rng);
    next = {
      ...next,
      netns: INIT_NET,
      hostname: c.config.hostname ?? w.hostname,
      sandbox: { id: sid, key: 'default', netns: INIT_NET, endpointId: eid },
    };
  } else {
    const net = mode === 'none' ? findNetwork(w.docker, 'none') : findNetwork(w.docker, mode);
    if (!net) return { ok: false, error: { code: 'networkNotFound', ref: mode }, world: w };
    const ns = nextNetnsId(w.kernel);
    let sid: string;
    [sid, rng] = hexId(rng);
    ops = sandboxOps(w, ns);
    next = { ...next, netns: ns, sandbox: { id: sid, key: sid.slice(0, 12), netns: ns } };
    if (net.driver !== 'bridge') {
      let eid: string;
      [eid, rng] = hexId(rng);
      next.sandbox = { ...next.sandbox!, endpointId: eid };
    }
    if (net.driver === 'bridge') {
      const a = attachEndpoint(w, rng, ns, net, {
        ...(c.config.ip !== undefined ? { ip: c.config.ip } : {}),
        ...(c.config.macAddress ? { mac: c.config.macAddress.toLowerCase() } : {}),
        aliases: c.config.aliases ?? [],
        ifname: 'eth0',
        defaultRoute: !net.internal,
      });
      if (!a.ok) return { ok: false, error: a.error, world: w0 };
      ({ world: w, rng } = a);
      ops.push(...a.ops);
      next.endpoint = a.ep;
    }
    // Networks joined with `docker network connect` come back at every start: eth1, eth2, …
    if (mode !== 'none') {
      const extra: Endpoint[] = [];
      let hasDefault = ops.some((o) => o.op === 'addRoute');
      for (const att of c.config.connected ?? []) {
        const n = w.docker.networks[att.networkId];
        if (!n || n.driver !== 'bridge') continue;
        const a = attachEndpoint(w, rng, ns, n, {
          ...(att.ip !== undefined ? { ip: att.ip } : {}),
          aliases: att.aliases,
          ifname: `eth${extra.length + 1}`,
          defaultRoute: !hasDefault && !n.internal,
        });
        if (!a.ok) return { ok: false, error: a.error, world: w0 };
        ({ world: w, rng } = a);
        hasDefault ||= a.ops.some((o) => o.op === 'addRoute');
        ops.push(...a.ops);
        extra.push(a.ep);
      }
      if (extra.length) next.extraEndpoints = extra;
    }
  }
  // The bridge driver publishes the ports when the endpoint joins (ProgramExternalConnectivity).
  delete next.published;
  const pub = planPublish(w, next, rng, w.docker.nextPid ?? 2345);
  if (!pub.ok) return { ok: false, error: { code: 'publish', error: pub.error }, world: w0 };
  rng = pub.rng;
  ops.push(...pub.ops);
  if (pub.published.length) next.published = pub.published;
  if (pub.published.length) w = { ...w, docker: { ...w.docker, nextPid: pub.nextPid } };
  const done = commit(w, ops);
  if (!done.ok) return { ...done, world: w0 };
  w = done.world;
  const image = imageOf(c);
  // A shell image without a terminal on stdin reads EOF and exits at once (status 0).
  const exitsAtOnce = image.process === 'shell' && c.config.cmd.length <= 1 && !c.config.interactive && !c.config.tty;
  const pid = w.docker.nextPid ?? 2345;
  next = {
    ...next,
    pid,
    status: 'running',
    exitCode: 0,
    runs: [...c.runs, { startedAt: w.clock }],
    plumbing: ops,
  };
  w = putContainer(withRng(w, rng), next);
  // Each container's init process, and the shim before it, take host PIDs.
  w = { ...w, docker: { ...w.docker, nextPid: pid + 37 } };
  if (exitsAtOnce) {
    const r = exitContainer(w, next.id, 0, 'exit');
    if (r.ok) w = r.world;
    return { ok: true, world: w, id: c.id };
  }
  return { ok: true, world: listenAsImage(w, next.id), id: c.id };
}

/** Whether the container runs its image's own command (not one given on the command line). */
function runsDefaultCmd(c: Container): boolean {
  const image = imageOf(c);
  return c.config.cmd.join(' ') === [...image.entrypoint, ...image.cmd].join(' ');
}

// nginx's ngx_open_listening_sockets: 5 tries, 500 ms apart, then "still could not bind()".
const BIND_TRIES = 5;
const BIND_RETRY_MS = 500;

/**
 * The container's process opens the sockets its image listens on, in the container's netns.
 * A bind that fails with EADDRINUSE (the port is held in that namespace: another host-mode
 * nginx, or the target of a `container:` join) makes the process give up and exit with status 1.
 */
function listenAsImage(w: World, id: string): World {
  const c = w.docker.containers[id]!;
  const image = imageOf(c);
  if (!runsDefaultCmd(c) || image.listens.length === 0 || c.netns === undefined || c.pid === undefined) return w;
  const ns = c.netns;
  const pid = c.pid;
  const ops: KernelOp[] = image.listens.map((l) => ({ op: 'bindSocket', netns: ns, pid, ...l }));
  const r = commitOps(w, ops);
  if (r.ok) {
    const after = r.world.docker.containers[id]!;
    return putContainer(r.world, { ...after, plumbing: [...after.plumbing, ...ops] });
  }
  if (r.error.errno !== 'EADDRINUSE') return w;
  const failed = image.listens[r.step]!;
  // nginx binds [::]:PORT too; its IPv6 bind fails as well when the holder is another nginx.
  const holder = w.kernel.netns[ns]!.sockets.find((s) => s.proto === failed.proto && s.port === failed.port);
  const v6 = holder?.process === 'nginx';
  // The sockets that did bind before the failure close with the process.
  let next = r.world;
  const runs = next.docker.containers[id]!.runs.slice();
  const last = runs[runs.length - 1]!;
  runs[runs.length - 1] = { ...last, bindFailed: { addr: failed.addr, port: failed.port, v6 } };
  next = putContainer(next, { ...next.docker.containers[id]!, runs });
  const exited = exitContainer(next, id, 1, 'exit', last.startedAt + BIND_TRIES * BIND_RETRY_MS);
  return exited.ok ? exited.world : w;
}

// ---------------------------------------------------------------- stop

/** Whether any running container other than `except` still lives in `ns`. */
function netnsInUse(d: DockerState, ns: NetnsId, except: string): boolean {
  return Object.values(d.containers).some((c) => c.id !== except && c.status === 'running' && c.netns === ns);
}

/**
 * releaseNetwork: the endpoint goes (eth0 down, renamed back, moved out to the host, the veth
 * deleted), the address returns to the pool, the sandbox's netns is released. Joined containers
 * keep the netns alive: they go on running with only `lo`.
 */
function releaseOps(w: World, c: Container): KernelOp[] {
  const ops: KernelOp[] = [];
  // The process exits first: the sockets it held close (a netns shared with others outlives it).
  const held = c.netns !== undefined && c.pid !== undefined ? w.kernel.netns[c.netns] : undefined;
  if (held && held.sockets.some((s) => s.pid === c.pid)) ops.push({ op: 'closeSockets', netns: held.id, pid: c.pid! });
  // The published ports go before the endpoint does (docker-proxy, DNAT and its companions).
  ops.push(...releasePublishOps(w, c));
  const sb = c.sandbox;
  if (sb)
    for (const ep of [...(c.endpoint ? [c.endpoint] : []), ...(c.extraEndpoints ?? [])])
      ops.push(...detachOps(sb.netns, ep));
  const ns = c.netns;
  if (ns && ns !== INIT_NET && w.kernel.netns[ns] && !netnsInUse(w.docker, ns, c.id))
    ops.push({ op: 'delNetns', netns: ns });
  return ops;
}

/** The container's process ends (stop, kill, or by itself): its network is released. */
export function exitContainer(
  w0: World,
  ref: string,
  exitCode: number,
  end: 'stop' | 'kill' | 'exit',
  /** When the process ended, if not now (nginx gives up on a bind 2.5 s after its start). */
  at?: number,
): EngineResult<{ id: string }> {
  let w = w0;
  const c = findContainer(w.docker, ref);
  if (!c) return { ok: false, error: { code: 'noSuchContainer', ref }, world: w };
  if (c.status !== 'running') return { ok: true, world: w, id: c.id };
  const ops = releaseOps(w, c);
  const done = commit(w, ops);
  if (!done.ok) return { ...done, world: w0 };
  w = done.world;
  for (const ep of [...(c.endpoint ? [c.endpoint] : []), ...(c.extraEndpoints ?? [])]) {
    const n = w.docker.networks[ep.networkId];
    if (n) w = putNetwork(w, { ...n, allocated: n.allocated.filter((ip) => ip !== ep.ip) });
  }
  const runs = c.runs.slice();
  const last = runs[runs.length - 1];
  if (last) runs[runs.length - 1] = { ...last, finishedAt: at ?? w.clock, end };
  const next: Container = { ...c, status: 'exited', exitCode, runs, plumbing: ops };
  delete next.netns;
  delete next.sandbox;
  delete next.endpoint;
  delete next.extraEndpoints;
  delete next.published;
  delete next.pid;
  w = putContainer(w, next);
  if (c.config.autoRemove) w = dropContainer(w, c.id);
  return { ok: true, world: w, id: c.id };
}

/** Exit status of a container's main process on SIGTERM: the netutils loop traps it and exits 0. */
function exitCodeOnStop(c: Container): number {
  const image = imageOf(c);
  if (image.repository === 'hwchiu/netutils' && c.config.cmd.join(' ') === image.entrypoint.join(' ')) return 0;
  // nginx quits gracefully on SIGTERM (0); a shell as PID 1 ignores it and is killed after 10 s (137).
  if (image.repository === 'nginx') return 0;
  // pause installs a SIGTERM handler that exits 0 (kubernetes build/pause/linux/pause.c).
  if (image.toolset === 'pause') return 0;
  return 137;
}

/** `docker stop`: SIGTERM, then the network is torn down. A stopped container is left alone. */
export function stopContainer(w: World, ref: string): EngineResult<{ id: string }> {
  const c = findContainer(w.docker, ref);
  if (!c) return { ok: false, error: { code: 'noSuchContainer', ref }, world: w };
  return exitContainer(w, c.id, exitCodeOnStop(c), 'stop');
}

/** `docker restart`: stop, then start again (with whatever address is lowest free then). */
export function restartContainer(w0: World, ref: string): EngineResult<{ id: string }> {
  const c = findContainer(w0.docker, ref);
  if (!c) return { ok: false, error: { code: 'noSuchContainer', ref }, world: w0 };
  const autoRemove = c.config.autoRemove;
  let w = w0;
  if (c.status === 'running') {
    // A restart never auto-removes: keep the record while stopping.
    w = putContainer(w, { ...c, config: { ...c.config, autoRemove: false } });
    const s = stopContainer(w, c.id);
    if (!s.ok) return s;
    const after = s.world.docker.containers[c.id]!;
    w = putContainer(s.world, { ...after, config: { ...after.config, autoRemove } });
  }
  const stopOps = w.lastOps.slice(w0.lastOps.length);
  const r = startContainer(w, c.id);
  if (!r.ok) return r;
  const started = r.world.docker.containers[c.id];
  if (started) {
    return {
      ok: true,
      world: putContainer(r.world, { ...started, plumbing: [...stopOps, ...started.plumbing] }),
      id: c.id,
    };
  }
  return r;
}

function dropContainer(w: World, id: string): World {
  const containers = { ...w.docker.containers };
  delete containers[id];
  return { ...w, docker: { ...w.docker, containers } };
}

/** `docker rm [-f]`: a running container needs force (it is killed first). */
export function removeContainer(w0: World, ref: string, force: boolean): EngineResult<{ id: string; name: string }> {
  const c = findContainer(w0.docker, ref);
  if (!c) return { ok: false, error: { code: 'noSuchContainer', ref }, world: w0 };
  let w = w0;
  if (c.status === 'running') {
    if (!force) return { ok: false, error: { code: 'removeRunning', id: c.id, name: c.name }, world: w0 };
    const k = exitContainer(putContainer(w, { ...c, config: { ...c.config, autoRemove: false } }), c.id, 137, 'kill');
    if (!k.ok) return k;
    w = k.world;
  }
  return { ok: true, world: dropContainer(w, c.id), id: c.id, name: c.name };
}

/** Appends to what a container's process printed (the output of a `docker run IMAGE CMD`). */
export function appendOutput(w: World, id: string, text: string): World {
  const c = w.docker.containers[id];
  if (!c || text === '') return w;
  return putContainer(w, { ...c, output: c.output + text });
}

/** Where `docker exec` runs: the container's netns, or an error when it is not running. */
export function execTarget(
  d: DockerState,
  ref: string,
): { ok: true; container: Container } | { ok: false; error: DockerError } {
  const c = findContainer(d, ref);
  if (!c) return { ok: false, error: { code: 'noSuchContainer', ref } };
  if (c.status !== 'running' || !c.netns) return { ok: false, error: { code: 'notRunning', id: c.id } };
  return { ok: true, container: c };
}

/** Number of addresses of a subnet, and of them those in use (network, broadcast, gateway, containers). */
export function ipamUsage(n: Network): { inUse: number; available: number } {
  const prefixlen = Number(n.subnet!.split('/')[1]);
  const size = 2 ** (32 - prefixlen);
  const inUse = 3 + n.allocated.length;
  return { inUse, available: size - inUse };
}
