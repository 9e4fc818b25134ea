// store/packets.ts — the packet player's derived data and the command lines of the packet and
// fault actions: the frame each pane shows (the hop's element and the dot's path), the ping
// endpoints with the line "Ping" types, and the fault injections an element offers.
// Pure over the store's state; every action here is a command line the store runs.
import type { PacketRecord, World } from '../docker/world';
import { INIT_NET, linksOf, routesOf } from '../kernel';
import { containersOf, legPath, packetStops, type PacketStop, type Plan } from '../view/scene';
import type { AppState } from './appStore';
import { selectScenes } from './selectors';

/** A position in the packets of the last command. */
export interface PacketPos {
  packet: number;
  hop: number;
}

/** What one pane shows of the packet player now. */
export interface PacketFrame {
  /** Changes with every command that sends packets (renderers restart their log on it). */
  run: number;
  packet: number;
  hop: number;
  /** Position across all the packets' hops, for the visited log. */
  global: number;
  record: PacketRecord;
  stops: PacketStop[];
  /** The path from the previous hop's element to this one's (empty: no movement). */
  path: string;
}

/** Hops before packet `p`, summed over the packets before it. */
export function globalIndex(list: readonly PacketRecord[], pos: PacketPos): number {
  let n = 0;
  for (let i = 0; i < pos.packet; i++) n += list[i].trace.length;
  return n + pos.hop;
}

/** The next (d = +1) or previous (d = -1) position that has a hop, or null at either end. */
export function movePos(list: readonly PacketRecord[], pos: PacketPos, d: 1 | -1): PacketPos | null {
  let { packet, hop } = pos;
  hop += d;
  while (packet >= 0 && packet < list.length) {
    const n = list[packet].trace.length;
    if (hop >= 0 && hop < n) return { packet, hop };
    packet += d;
    if (packet < 0 || packet >= list.length) return null;
    hop = d > 0 ? 0 : list[packet].trace.length - 1;
  }
  return null;
}

const stopsCache = new WeakMap<object, Map<PacketRecord, PacketStop[]>>();

function stopsOf(scene: object, s: Parameters<typeof packetStops>[0], r: PacketRecord): PacketStop[] {
  let m = stopsCache.get(scene);
  if (!m) stopsCache.set(scene, (m = new Map()));
  let hit = m.get(r);
  if (!hit) m.set(r, (hit = packetStops(s, r.trace)));
  return hit;
}

const frameMemo = { kernel: new Map<string, PacketFrame>(), user: new Map<string, PacketFrame>() };

/** The frame of a pane: the current packet's stops in that pane and the leg just crossed. */
export function selectPacketFrame(s: AppState, pane: 'kernel' | 'user'): PacketFrame | null {
  const run = s.packets;
  if (!run || run.list.length === 0) return null;
  const record = run.list[s.packetPos.packet];
  if (!record || record.trace.length === 0) return null;
  const scene = selectScenes(s)[pane];
  const stops = stopsOf(scene, scene, record);
  const { packet, hop } = s.packetPos;
  const memoKey = `${run.id}/${packet}/${hop}`;
  const hit = frameMemo[pane].get(memoKey);
  if (hit && hit.stops === stops) return hit;
  const path = hop > 0 ? legPath(scene, stops[hop - 1], stops[hop]) : '';
  const frame = { run: run.id, packet, hop, global: globalIndex(run.list, s.packetPos), record, stops, path };
  frameMemo[pane].clear();
  frameMemo[pane].set(memoKey, frame);
  return frame;
}

// ---------------------------------------------------------------- ping

/** One end a ping can start from or go to. */
export interface PingEndpoint {
  id: string;
  label: string;
  /** The container to run ping in (`docker exec NAME`); absent: the host. */
  container?: string;
  /** The address to ping when it is the target (absent: chosen against the source). */
  ip?: string;
  kind: 'host' | 'container' | 'outside';
}

/** Hosts of the simulated Internet offered as targets. */
const OUTSIDE_TARGETS: PingEndpoint[] = [
  { id: 'outside:8.8.8.8', label: '8.8.8.8 (outside)', ip: '8.8.8.8', kind: 'outside' },
  { id: 'outside:1.1.1.1', label: '1.1.1.1 (outside)', ip: '1.1.1.1', kind: 'outside' },
];

function firstV4(w: World, ns: string, kind?: 'bridge' | 'ether'): string | undefined {
  for (const l of linksOf(w.kernel, ns)) {
    if (l.kind === 'loopback' || (kind && l.kind !== kind)) continue;
    const a = l.addrs.find((x) => x.family === 4);
    if (a) return a.local;
  }
  return undefined;
}

/** The running containers and the host as sources; those with an address and the outside as targets. */
export function pingEndpoints(w: World): { sources: PingEndpoint[]; targets: PingEndpoint[] } {
  const host: PingEndpoint = { id: 'host', label: `host (${w.hostname})`, kind: 'host' };
  const running = containersOf(w).filter((c) => c.running && c.netns);
  const sources = [
    host,
    ...running.map((c) => ({ id: `ctr:${c.id}`, label: c.name, container: c.name, kind: 'container' as const })),
  ];
  const targets: PingEndpoint[] = [host];
  for (const c of running) {
    const ip = c.netns === INIT_NET ? firstV4(w, INIT_NET, 'ether') : c.ip?.split('/')[0];
    if (ip) targets.push({ id: `ctr:${c.id}`, label: `${c.name} (${ip})`, ip, container: c.name, kind: 'container' });
  }
  return { sources, targets: [...targets, ...OUTSIDE_TARGETS] };
}

/** The address a source reaches the host at: its gateway on a bridge, else the host's NIC. */
function hostAddressFor(w: World, from: PingEndpoint): string {
  const c = from.container ? containersOf(w).find((x) => x.name === from.container) : undefined;
  if (c?.netns && c.netns !== INIT_NET) {
    const gw = routesOf(w.kernel, c.netns).find((r) => r.dst === 'default' && r.gateway)?.gateway;
    if (gw) return gw;
    // No default route: the host's address on the container's subnet (docker0's), as a person would try.
    const br = firstV4(w, INIT_NET, 'bridge');
    if (br) return br;
  }
  return firstV4(w, INIT_NET, 'ether') ?? '127.0.0.1';
}

/** The line the "Ping" button types: `ping -c 1 IP` on the host, `docker exec C ping -c 1 IP` in a container. */
export function pingLine(w: World, from: PingEndpoint, to: PingEndpoint): string {
  const ip = to.kind === 'host' ? hostAddressFor(w, from) : (to.ip ?? '127.0.0.1');
  return from.container ? `docker exec ${from.container} ping -c 1 ${ip}` : `ping -c 1 ${ip}`;
}

// ---------------------------------------------------------------- faults

/** An action an element offers: a label and the command line it types. */
export interface ElementAction {
  label: string;
  line: string;
  /** Breaks something on purpose (drawn as a fault in the menu). */
  fault?: boolean;
}

/** The way to run an `ip` command inside a link's namespace from the host, or '' when there is none. */
function ipIn(w: World, plan: Plan, ns: string, args: string): string {
  if (ns === INIT_NET) return `ip ${args}`;
  const named = w.kernel.netns[ns]?.name;
  if (named) return `ip -n ${named} ${args}`;
  const owner = plan.containers.find((x) => x.netns === ns && x.running);
  // docker exec runs without CAP_NET_ADMIN unless privileged: changing links and routes needs it.
  return owner ? `docker exec --privileged ${owner.name} ip ${args}` : '';
}

/**
 * The actions an element offers in the inspector and the diagram's menu: start/stop/remove a
 * container, set a link down or up, and the fault injections (detach a bridge port, delete a
 * container's default route, flush the host's NAT rules).
 */
export function actionsFor(w: World, plan: Plan, key: string): ElementAction[] {
  const k = w.kernel;
  if (key.startsWith('ctr:')) {
    const c = plan.containers.find((x) => `ctr:${x.id}` === key);
    if (!c) return [];
    if (!c.running)
      return [
        { label: 'Start', line: `docker start ${c.name}` },
        { label: 'Remove', line: `docker rm ${c.name}` },
      ];
    const out: ElementAction[] = [
      { label: 'Stop', line: `docker stop ${c.name}` },
      { label: 'Remove', line: `docker rm -f ${c.name}` },
    ];
    if (c.netns && c.netns !== INIT_NET && routesOf(k, c.netns).some((r) => r.dst === 'default'))
      out.push({
        label: 'Delete default route',
        line: `docker exec --privileged ${c.name} ip route del default`,
        fault: true,
      });
    return out;
  }
  if (key.startsWith('netns:')) {
    if (key !== INIT_NET || !k.netns[key]) return [];
    // Docker's MASQUERADE rule lives in the host's nat table, POSTROUTING chain.
    return (k.netns[key].nat ?? []).length
      ? [{ label: 'Flush the NAT rule', line: 'iptables -t nat -F POSTROUTING', fault: true }]
      : [];
  }
  const linkId = key.startsWith('port:') ? key.slice(5) : key.startsWith('veth:') ? key.slice(5).split('|')[0] : key;
  const l = k.links[linkId];
  if (!l) return [];
  const out: ElementAction[] = [];
  const ends = key.startsWith('veth:') ? [l, ...(l.peer && k.links[l.peer] ? [k.links[l.peer]] : [])] : [l];
  for (const e of ends) {
    const line = ipIn(w, plan, e.netns, `link set ${e.name} ${e.up ? 'down' : 'up'}`);
    if (line)
      out.push({ label: `${e.up ? 'Set down' : 'Set up'}${ends.length > 1 ? ` ${e.name}` : ''}`, line, fault: e.up });
  }
  for (const e of ends)
    if (e.master && k.links[e.master]) {
      const line = ipIn(w, plan, e.netns, `link set ${e.name} nomaster`);
      if (line) out.push({ label: `Detach ${e.name} from ${k.links[e.master].name}`, line, fault: true });
    }
  return out;
}
