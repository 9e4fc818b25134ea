// shell/tools/tcp.ts — TCP/UDP connection attempts for the traffic tools (curl, nc, traceroute,
// tcpdump), built on the kernel's packet walk: a SYN walks to the destination, the namespace it
// is delivered to answers with SYN-ACK (a listening socket) or RST (none), and the answer walks back.
// Pure: returns the next world and the walks it made; formats nothing a tool prints.
import { recordPackets, type PacketRecord, type World } from '../../docker/world';
import {
  INIT_NET,
  OUTSIDE_HOSTS,
  parseIPv4,
  sourceFor,
  walkPacket,
  type KernelState,
  type NetnsId,
  type Socket,
  type WalkResult,
} from '../../kernel';
import { KNOWN_NAMES } from './ping';
import { resolveInContainer } from '../../docker/dns';
import { proxyPids } from '../../docker/ports';
import type { ExecContext } from '../types';

/** What a packet carried, for tcpdump's decoder. */
export type PacketInfo =
  | { proto: 'icmp'; type: 'echo request' | 'echo reply'; id: number; seq: number; length: number }
  | { proto: 'tcp'; sport: number; dport: number; flags: string; seq: number; ack?: number; win: number }
  | { proto: 'udp'; sport: number; dport: number; length: number };

/** One packet sent through the model: its walk, what it carried, and when it left (µs from the start). */
export interface TracedPacket {
  src: string;
  dst: string;
  info: PacketInfo;
  walk: WalkResult;
  at: number;
}

/** A run of traffic: the world after it and the packets it sent, in order. */
export interface Traffic {
  world: World;
  packets: TracedPacket[];
}

/** /etc/services (Debian 12 netbase): the names ss, netstat and nc print for well-known ports. */
const SERVICES: Record<string, Record<number, string>> = {
  tcp: {
    20: 'ftp-data',
    21: 'ftp',
    22: 'ssh',
    23: 'telnet',
    25: 'smtp',
    53: 'domain',
    80: 'http',
    110: 'pop3',
    143: 'imap2',
    389: 'ldap',
    443: 'https',
    873: 'rsync',
    3306: 'mysql',
    5432: 'postgresql',
    6379: 'redis',
    8080: 'http-alt',
  },
  udp: { 53: 'domain', 67: 'bootps', 68: 'bootpc', 69: 'tftp', 123: 'ntp', 161: 'snmp', 443: 'https', 5353: 'mdns' },
};

/** The service name of a port, as getservbyport() finds it in /etc/services. */
export function serviceName(proto: 'tcp' | 'udp', port: number): string | undefined {
  return SERVICES[proto][port];
}

/** A name or address as the resolver would turn it into an IPv4 address (KNOWN_NAMES, localhost). */
export function resolveHost(host: string, w?: World, ctx?: ExecContext): { ip: string; name?: string } | undefined {
  if (parseIPv4(host) !== undefined) return { ip: host };
  // Inside a container: /etc/hosts, then Docker's embedded DNS on user-defined networks.
  const inside = w && ctx?.container !== undefined ? resolveInContainer(w, ctx.container, host) : undefined;
  if (inside) return { ip: inside, name: host };
  if (host === 'localhost') return { ip: '127.0.0.1', name: 'localhost' };
  const ip = KNOWN_NAMES[host.toLowerCase()];
  return ip ? { ip, name: host } : undefined;
}

/**
 * Ports the simulated Internet hosts accept. Every other port drops the SYN silently, as the
 * firewalls in front of real public servers do, so a client times out rather than being refused.
 */
export const OUTSIDE_PORTS: Record<string, number[]> = {
  '8.8.8.8': [53, 443],
  '8.8.4.4': [53, 443],
  '1.1.1.1': [53, 443],
  '93.184.215.14': [80, 443],
  '140.82.112.3': [22, 80, 443],
};

export type ConnectResult =
  /** Three-way handshake done; `socket` is the listener that took it (absent outside the host). */
  | { kind: 'connected'; src: string; netns: NetnsId | 'outside'; socket?: Socket; outside?: string }
  /** An RST came back: nobody listens on that port (ECONNREFUSED). */
  | { kind: 'refused'; src: string }
  /** connect() fails at once: no route (ENETUNREACH). */
  | { kind: 'no-route' }
  /** ARP for the next hop got no answer: EHOSTUNREACH after about 3 s. */
  | { kind: 'host-unreachable'; src: string }
  /** The SYN (or its answer) was lost: the client waits until it gives up. */
  | { kind: 'timeout'; src: string };

/** A listening socket of `ns` that takes a connection to `dst:port`, if any. */
export function listenerFor(
  k: KernelState,
  ns: NetnsId,
  proto: 'tcp' | 'udp',
  dst: string,
  port: number,
): Socket | undefined {
  const sockets = k.netns[ns]?.sockets ?? [];
  const v6 = dst.includes(':');
  return sockets.find((s) => {
    if (s.proto !== proto || s.port !== port) return false;
    if (s.addr === dst) return true;
    if (!s.addr.includes(':')) return !v6 && s.addr === '0.0.0.0';
    // An IPv6 socket: `::` takes every IPv6 address, and every IPv4 one unless v6only;
    // a dual-stack socket on an IPv4-mapped address takes that IPv4 address.
    if (v6) return s.addr === '::';
    return !s.v6only && (s.addr === '::' || s.addr.toLowerCase() === `::ffff:${dst}`);
  });
}

/**
 * connect() to an IPv6 address. The model routes no IPv6 packets, so only the namespace's own
 * addresses (::1 on lo, where IPv6 is on) are reachable: a listener answers or the kernel
 * refuses; anything else has no route. Nothing crosses a wire, so no packet is recorded.
 */
function connectV6(world: World, ns: NetnsId, dst: string, port: number, proto: 'tcp' | 'udp') {
  const k = world.kernel;
  const n = k.netns[ns];
  const local = n && Object.values(n.byIndex).some((id) => k.links[id]?.addrs.some((a) => a.local === dst));
  const traffic: Traffic = { world, packets: [] };
  if (!local) return { result: { kind: 'no-route' } as ConnectResult, traffic, micros: 0 };
  const socket = listenerFor(k, ns, proto, dst, port);
  // docker-proxy on `[::]` relays to the container over IPv4, as its IPv4 twin does.
  const upstream = socket?.process === 'docker-proxy' ? proxyTarget(world, socket) : undefined;
  if (upstream) {
    const inner = connect(world, INIT_NET, upstream.ip, upstream.port, proto);
    const result: ConnectResult =
      inner.result.kind === 'connected' ? { ...inner.result, src: dst } : { kind: 'refused', src: dst };
    return { result, traffic: inner.traffic, micros: 40 + inner.micros };
  }
  const result: ConnectResult = socket
    ? { kind: 'connected', src: dst, netns: ns, socket }
    : { kind: 'refused', src: dst };
  return { result, traffic, micros: 40 };
}

/** The first ephemeral port Linux hands out (ip_local_port_range starts at 32768), varied by the seed. */
function ephemeralPort(k: KernelState): number {
  return 32768 + ((k.rng >>> 0) % 28232);
}

/** The host's NIC, where answers from the outside world come in. */
function hostNic(k: KernelState) {
  return Object.values(k.links).find((l) => l.kind === 'ether' && l.netns === INIT_NET && l.up);
}

/** Walks an answer back from where the first packet was delivered to the sender's address. */
function walkBack(
  k: KernelState,
  delivered: WalkResult['outcome'],
  from: string,
  to: string,
  payload: number,
  proto?: 'tcp' | 'udp',
): WalkResult {
  // An answer to a DNATed packet leaves from the real server; conntrack turns it back on the way.
  const dnat = delivered.kind === 'delivered' ? delivered.dnat : undefined;
  if (dnat) {
    const ns = delivered.kind === 'delivered' ? (delivered.netns as NetnsId) : INIT_NET;
    return walkPacket(
      k,
      ns,
      { src: dnat.to.ip, dst: to, ttl: 64, payload, ...(proto ? { proto } : {}) },
      { established: true, reverseDnat: dnat },
    );
  }
  if (delivered.kind === 'delivered' && delivered.netns === 'outside') {
    const nic = hostNic(k);
    return walkPacket(
      k,
      INIT_NET,
      { src: from, dst: to, ttl: delivered.outside!.replyTtl, payload },
      nic ? { arrivedOn: nic.id } : {},
    );
  }
  const ns = delivered.kind === 'delivered' ? (delivered.netns as NetnsId) : INIT_NET;
  return walkPacket(k, ns, { src: from, dst: to, ttl: 64, payload }, {});
}

// TCP header sizes on the wire: a SYN carries 20 bytes of options, a RST none. The walk counts
// payload + 42 bytes (Ethernet 14 + IPv4 20 + 8), so these payloads make 74- and 54-byte frames.
const SYN_PAYLOAD = 32;
const RST_PAYLOAD = 12;

/**
 * connect() from `ns` to `dst:port`: the SYN's walk, then SYN-ACK or RST back. UDP has no
 * handshake; a UDP "connect" succeeds when the datagram is delivered (nc -zu cannot tell more).
 */
export function connect(
  world: World,
  ns: NetnsId,
  dst: string,
  port: number,
  proto: 'tcp' | 'udp' = 'tcp',
): { result: ConnectResult; traffic: Traffic; micros: number } {
  if (dst.includes(':')) return connectV6(world, ns, dst, port, proto);
  let k = world.kernel;
  const packets: TracedPacket[] = [];
  const src = sourceFor(k, ns, dst);
  // The walks go into the world's lastPackets too, so the app and the tests see their traces.
  const done = (result: ConnectResult, micros = 0) => ({
    result,
    traffic: { world: recordPackets({ ...world, kernel: k }, packets.map(packetRecord)), packets },
    micros,
  });
  if (!src) return done({ kind: 'no-route' });
  const sport = ephemeralPort(k);
  // Initial sequence numbers look random on the wire; here they are a function of the port.
  const isn = Math.imul(sport, 2654435761) >>> 0;
  const serverIsn = Math.imul(isn ^ port, 2246822519) >>> 0;
  const syn = walkPacket(k, ns, {
    dst,
    ttl: 64,
    payload: proto === 'tcp' ? SYN_PAYLOAD : 8,
    proto,
    sport,
    dport: port,
  });
  k = syn.state;
  packets.push({
    src,
    dst,
    info:
      proto === 'tcp'
        ? { proto: 'tcp', sport, dport: port, flags: 'S', seq: isn, win: 64240 }
        : { proto: 'udp', sport, dport: port, length: 0 },
    walk: syn,
    at: 0,
  });
  const o = syn.outcome;
  if (o.kind === 'no-route') return done({ kind: 'no-route' });
  if (o.kind === 'host-unreachable') return done({ kind: 'host-unreachable', src });
  if (o.kind === 'lost') return done({ kind: 'timeout', src });
  let socket: Socket | undefined;
  let open: boolean;
  if (o.netns === 'outside') open = (OUTSIDE_PORTS[dst] ?? []).includes(port);
  else {
    // After a DNAT on the way, the server is the translated address and port.
    socket = listenerFor(k, o.netns, proto, o.dnat?.to.ip ?? dst, o.dnat?.to.port ?? port);
    open = socket !== undefined;
  }
  // A public server's firewall drops what it does not serve; a Linux host answers with RST.
  if (o.netns === 'outside' && !open) return done({ kind: 'timeout', src });
  if (proto === 'udp')
    return done(open ? { kind: 'connected', src, netns: o.netns, socket } : { kind: 'refused', src }, syn.micros);
  const back = walkBack(k, o, dst, src, open ? SYN_PAYLOAD : RST_PAYLOAD, proto);
  k = back.state;
  packets.push({
    src: dst,
    dst: src,
    info: open
      ? { proto: 'tcp', sport: port, dport: sport, flags: 'S.', seq: serverIsn, ack: (isn + 1) >>> 0, win: 65160 }
      : { proto: 'tcp', sport: port, dport: sport, flags: 'R.', seq: 0, ack: (isn + 1) >>> 0, win: 0 },
    walk: back,
    at: syn.micros,
  });
  const rtt = syn.micros + back.micros + (o.netns === 'outside' ? o.outside!.rttMicros / 2 : 0);
  if (back.outcome.kind !== 'delivered') return done({ kind: 'timeout', src }, rtt);
  if (!open) return done({ kind: 'refused', src }, rtt);
  // docker-proxy (the userland proxy) accepted: it opens its own connection to the container.
  const upstream = socket?.process === 'docker-proxy' ? proxyTarget(world, socket) : undefined;
  if (upstream) {
    const inner = connect({ ...world, kernel: k }, INIT_NET, upstream.ip, upstream.port, proto);
    k = inner.traffic.world.kernel;
    // The proxy's own connection follows the client's (done() records them all, in order).
    packets.push(...inner.traffic.packets.map((x) => ({ ...x, at: x.at + rtt })));
    if (inner.result.kind !== 'connected') return done({ kind: 'refused', src }, rtt + inner.micros);
    return done({ ...inner.result, src }, rtt + inner.micros);
  }
  return done(
    { kind: 'connected', src, netns: o.netns, socket, outside: o.netns === 'outside' ? dst : undefined },
    rtt,
  );
}

/** A TCP/UDP packet as the world records it ("TCP 172.31.23.142:40000 > 172.17.0.2:80 [S]"). */
function packetRecord(p: TracedPacket): PacketRecord {
  const i = p.info;
  const label =
    i.proto === 'icmp'
      ? `ICMP ${i.type} ${p.src} > ${p.dst}`
      : `${i.proto.toUpperCase()} ${p.src}:${i.sport} > ${p.dst}:${i.dport}${i.proto === 'tcp' ? ` [${i.flags}]` : ''}`;
  // The wire details let a background tcpdump print the packet (../jobs.ts).
  return {
    label,
    trace: p.walk.trace,
    outcome: p.walk.outcome.kind,
    wire: { src: p.src, dst: p.dst, info: p.info, at: p.at },
  };
}

/** Where a docker-proxy forwards: the container address and port of the mapping it serves. */
function proxyTarget(w: World, s: Socket): { ip: string; port: number } | undefined {
  for (const c of Object.values(w.docker.containers)) {
    const m = c.published?.find((x) => proxyPids(x).includes(s.pid));
    if (m && c.endpoint) return { ip: c.endpoint.ip, port: m.containerPort };
  }
  return undefined;
}

/** ICMP echo request and reply, as ping sends them, with the packets for tcpdump. */
export function pingTraffic(world: World, ns: NetnsId, dst: string, count: number, id = 1): Traffic {
  let w = world;
  const packets: TracedPacket[] = [];
  let at = 0;
  for (let seq = 1; seq <= count; seq++) {
    const src = sourceFor(w.kernel, ns, dst);
    if (!src) break;
    const req = walkPacket(w.kernel, ns, { dst, ttl: 64, payload: 56 });
    packets.push({ src, dst, info: { proto: 'icmp', type: 'echo request', id, seq, length: 64 }, walk: req, at });
    let k = req.state;
    if (req.outcome.kind === 'delivered') {
      const rep = walkBack(k, req.outcome, dst, src, 56);
      k = rep.state;
      packets.push({
        src: dst,
        dst: src,
        info: { proto: 'icmp', type: 'echo reply', id, seq, length: 64 },
        walk: rep,
        at: at + req.micros,
      });
    }
    w = { ...w, kernel: k };
    at += 1_000_000;
  }
  return { world: w, packets };
}

/** The name of an outside host, for reverse lookups (traceroute and tcpdump without -n). */
export function outsideName(ip: string): string | undefined {
  return OUTSIDE_HOSTS.find((h) => h.ip === ip)?.name;
}
