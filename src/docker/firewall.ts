// docker/firewall.ts — the iptables rules dockerd programs (facts §7.1/§7.2), as kernel ops: the
// classic (<= v27) layout with DOCKER-ISOLATION-STAGE-1/2, or the v29 one with DOCKER-FORWARD,
// DOCKER-BRIDGE, DOCKER-CT and DOCKER-INTERNAL; the nat DOCKER chain and the rules of each
// published port (DNAT, its filter ACCEPT, classic's hairpin MASQUERADE, v29's raw guard). Pure.
import { INIT_NET, type FilterRule, type IptTable, type KernelOp } from '../kernel';
import type { DockerProfile } from './world';

const S1 = 'DOCKER-ISOLATION-STAGE-1';
const S2 = 'DOCKER-ISOLATION-STAGE-2';

/** One rule with where it goes: its table, and -A (default), -I (head) or -I at a position. */
interface Placed {
  rule: FilterRule;
  table?: IptTable;
  insert?: boolean;
  at?: number;
}

function addOp(p: Placed): KernelOp {
  return {
    op: 'addFilterRule',
    netns: INIT_NET,
    rule: p.rule,
    ...(p.table && p.table !== 'filter' ? { table: p.table } : {}),
    ...(p.insert ? { insert: true } : {}),
    ...(p.at !== undefined ? { at: p.at } : {}),
  };
}

function delOp(p: Placed): KernelOp {
  return {
    op: 'delFilterRule',
    netns: INIT_NET,
    rule: p.rule,
    ...(p.table && p.table !== 'filter' ? { table: p.table } : {}),
  };
}

/** The chains dockerd creates at boot, per table. */
function chains(profile: DockerProfile): { table: IptTable; chain: string }[] {
  const filter =
    profile === 'classic'
      ? ['DOCKER', S1, S2, 'DOCKER-USER']
      : ['DOCKER', 'DOCKER-BRIDGE', 'DOCKER-CT', 'DOCKER-FORWARD', 'DOCKER-INTERNAL', 'DOCKER-USER'];
  return [...filter.map((chain) => ({ table: 'filter' as const, chain })), { table: 'nat' as const, chain: 'DOCKER' }];
}

/** The daemon's own rules at boot (jumps from the built-in chains and the chains' RETURNs). */
function skeleton(profile: DockerProfile): Placed[] {
  // Both layouts send local destinations to the nat DOCKER chain (setupIPChains / iptabler).
  const nat: Placed[] = [
    { table: 'nat', rule: { chain: 'PREROUTING', dstType: { value: 'LOCAL' }, target: 'DOCKER' } },
    {
      table: 'nat',
      rule: {
        chain: 'OUTPUT',
        dst: { value: '127.0.0.0/8', not: true },
        dstType: { value: 'LOCAL' },
        target: 'DOCKER',
      },
    },
  ];
  if (profile === 'classic')
    // moby v27: DOCKER-USER (firewall_linux.go) then stage 1 on top of FORWARD; both stages and
    // DOCKER-USER end with RETURN.
    return [
      ...nat,
      { rule: { chain: 'FORWARD', target: 'DOCKER-USER' } },
      { rule: { chain: 'FORWARD', target: S1 } },
      { rule: { chain: S1, target: 'RETURN' } },
      { rule: { chain: S2, target: 'RETURN' } },
      { rule: { chain: 'DOCKER-USER', target: 'RETURN' } },
    ];
  // v29 (moby#49518, TestIptabler goldens): FORWARD -> DOCKER-USER (empty), DOCKER-FORWARD ->
  // CT, INTERNAL, BRIDGE.
  return [
    ...nat,
    { rule: { chain: 'FORWARD', target: 'DOCKER-USER' } },
    { rule: { chain: 'FORWARD', target: 'DOCKER-FORWARD' } },
    { rule: { chain: 'DOCKER-FORWARD', target: 'DOCKER-CT' } },
    { rule: { chain: 'DOCKER-FORWARD', target: 'DOCKER-INTERNAL' } },
    { rule: { chain: 'DOCKER-FORWARD', target: 'DOCKER-BRIDGE' } },
  ];
}

/** The rules of one bridge network. */
function networkRules(profile: DockerProfile, bridge: string, subnet: string, internal: boolean): Placed[] {
  const dev = { value: bridge };
  const notDev = { value: bridge, not: true };
  if (profile === 'classic') {
    if (internal)
      // setupInternalNetworkRules: nothing in or out of the subnet crosses the bridge.
      return [
        { rule: { chain: S1, src: { value: subnet, not: true }, out: dev, target: 'DROP' }, insert: true },
        { rule: { chain: S1, dst: { value: subnet, not: true }, in: dev, target: 'DROP' }, insert: true },
        { rule: { chain: 'FORWARD', in: dev, out: dev, target: 'ACCEPT' }, at: 3 },
      ];
    // setupIPTablesInternal + setIcc: the four FORWARD rules go below the DOCKER-USER and stage-1
    // jumps (which dockerd keeps on top); setINC: this bridge to any other -> stage 2, and stage 2
    // drops what goes into this bridge; nat: nothing from the bridge itself is DNATed.
    return [
      { rule: { chain: 'FORWARD', out: dev, established: true, target: 'ACCEPT' }, at: 3 },
      { rule: { chain: 'FORWARD', out: dev, target: 'DOCKER' }, at: 4 },
      { rule: { chain: 'FORWARD', in: dev, out: notDev, target: 'ACCEPT' }, at: 5 },
      { rule: { chain: 'FORWARD', in: dev, out: dev, target: 'ACCEPT' }, at: 6 },
      { rule: { chain: S1, in: dev, out: notDev, target: S2 }, insert: true },
      { rule: { chain: S2, out: dev, target: 'DROP' }, insert: true },
      { table: 'nat', rule: { chain: 'DOCKER', in: dev, target: 'RETURN' }, insert: true },
    ];
  }
  if (internal)
    return [
      { rule: { chain: 'DOCKER-INTERNAL', src: { value: subnet, not: true }, out: dev, target: 'DROP' } },
      { rule: { chain: 'DOCKER-INTERNAL', dst: { value: subnet, not: true }, in: dev, target: 'DROP' } },
      { rule: { chain: 'DOCKER-FORWARD', in: dev, out: dev, target: 'ACCEPT' } },
    ];
  // Replies are let in by conntrack; anything else entering the bridge from elsewhere is
  // dropped by the DOCKER chain unless a published port accepts it first.
  return [
    { rule: { chain: 'DOCKER-CT', out: dev, established: true, target: 'ACCEPT' } },
    { rule: { chain: 'DOCKER-BRIDGE', out: dev, target: 'DOCKER' } },
    { rule: { chain: 'DOCKER', in: notDev, out: dev, target: 'DROP' } },
    { rule: { chain: 'DOCKER-FORWARD', in: dev, target: 'ACCEPT' } },
  ];
}

/**
 * The daemon's boot: its chains, FORWARD's policy DROP (set when dockerd enables ip_forward),
 * the jumps, then docker0's own rules.
 */
export function bootFirewallOps(profile: DockerProfile): KernelOp[] {
  return [
    ...chains(profile).map((c): KernelOp => ({ op: 'addChain', netns: INIT_NET, ...c })),
    { op: 'setPolicy', netns: INIT_NET, table: 'filter', chain: 'FORWARD', policy: 'DROP' },
    ...skeleton(profile).map(addOp),
    ...networkFirewallOps(profile, 'docker0', '172.17.0.0/16', false),
  ];
}

/** `docker network create`: the new bridge's rules. */
export function networkFirewallOps(
  profile: DockerProfile,
  bridge: string,
  subnet: string,
  internal: boolean,
): KernelOp[] {
  return networkRules(profile, bridge, subnet, internal).map(addOp);
}

/** `docker network rm`: the same rules deleted. */
export function removeNetworkFirewallOps(
  profile: DockerProfile,
  bridge: string,
  subnet: string,
  internal: boolean,
): KernelOp[] {
  return networkRules(profile, bridge, subnet, internal).map(delOp);
}

/** A port mapping the daemon made: host address and port to the container's. */
export interface PortMapping {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp';
}

/**
 * The rules of a container's published ports (port_mapping_linux.go setPerPortNAT /
 * setPerPortForwarding; v29 iptabler): a DNAT in nat DOCKER, an ACCEPT in filter DOCKER; classic
 * adds the hairpin MASQUERADE, v29 the raw PREROUTING guard against direct access.
 */
function publishRules(profile: DockerProfile, bridge: string, ip: string, maps: readonly PortMapping[]): Placed[] {
  const out: Placed[] = [];
  const host = `${ip}/32`;
  for (const m of maps) {
    const proto = { value: m.proto };
    const cport = { value: String(m.containerPort) };
    out.push({
      table: 'nat',
      rule: {
        chain: 'DOCKER',
        ...(m.hostIp && m.hostIp !== '0.0.0.0' ? { dst: { value: `${m.hostIp}/32` } } : {}),
        in: { value: bridge, not: true },
        proto,
        dport: { value: String(m.hostPort) },
        target: 'DNAT',
        toDestination: `${ip}:${m.containerPort}`,
      },
    });
    const accept: FilterRule = {
      chain: 'DOCKER',
      dst: { value: host },
      in: { value: bridge, not: true },
      out: { value: bridge },
      proto,
      dport: cport,
      target: 'ACCEPT',
    };
    // v29's DOCKER chain ends with a DROP for the bridge: the ACCEPT must come before it.
    out.push(profile === 'classic' ? { rule: accept } : { rule: accept, insert: true });
    if (profile === 'classic')
      out.push({
        table: 'nat',
        rule: {
          chain: 'POSTROUTING',
          src: { value: host },
          dst: { value: host },
          proto,
          dport: cport,
          target: 'MASQUERADE',
        },
      });
  }
  if (profile !== 'classic' && maps.length > 0)
    out.push({
      table: 'raw',
      rule: { chain: 'PREROUTING', dst: { value: host }, in: { value: bridge, not: true }, target: 'DROP' },
    });
  return out;
}

/** A container's start: the rules of its published ports. */
export function publishOps(
  profile: DockerProfile,
  bridge: string,
  ip: string,
  maps: readonly PortMapping[],
): KernelOp[] {
  return publishRules(profile, bridge, ip, maps).map(addOp);
}

/** Its stop: the same rules deleted. */
export function unpublishOps(
  profile: DockerProfile,
  bridge: string,
  ip: string,
  maps: readonly PortMapping[],
): KernelOp[] {
  return publishRules(profile, bridge, ip, maps).map(delOp);
}
