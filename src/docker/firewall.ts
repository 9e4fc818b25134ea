// docker/firewall.ts — the filter-table rules dockerd programs to keep its bridge networks apart
// (facts §7.1/§7.2), as kernel ops: the classic (<= v27) DOCKER-ISOLATION-STAGE-1/2 chains, or the
// v29 DOCKER-FORWARD/DOCKER-BRIDGE/DOCKER chains with DOCKER-INTERNAL. Pure; only what isolates.
import { INIT_NET, type FilterRule, type KernelOp } from '../kernel';
import type { DockerProfile } from './world';

const S1 = 'DOCKER-ISOLATION-STAGE-1';
const S2 = 'DOCKER-ISOLATION-STAGE-2';

/** The daemon's own chain skeleton at boot (jumps from FORWARD and the chains' RETURNs). */
function skeleton(profile: DockerProfile): FilterRule[] {
  if (profile === 'classic')
    // setupIPChains (moby v27): FORWARD jumps to stage 1; both stages end with RETURN.
    return [
      { chain: 'FORWARD', target: S1 },
      { chain: S1, target: 'RETURN' },
      { chain: S2, target: 'RETURN' },
    ];
  // v29 (moby#49518, TestIptabler goldens): FORWARD -> DOCKER-FORWARD -> CT, INTERNAL, BRIDGE.
  return [
    { chain: 'FORWARD', target: 'DOCKER-FORWARD' },
    { chain: 'DOCKER-FORWARD', target: 'DOCKER-CT' },
    { chain: 'DOCKER-FORWARD', target: 'DOCKER-INTERNAL' },
    { chain: 'DOCKER-FORWARD', target: 'DOCKER-BRIDGE' },
  ];
}

/** The rules of one bridge network, each with whether dockerd inserts (-I) or appends (-A) it. */
function networkRules(
  profile: DockerProfile,
  bridge: string,
  subnet: string,
  internal: boolean,
): { rule: FilterRule; insert: boolean }[] {
  const dev = { value: bridge };
  const notDev = { value: bridge, not: true };
  if (profile === 'classic') {
    if (internal)
      // setupInternalNetworkRules: nothing in or out of the subnet crosses the bridge.
      return [
        { rule: { chain: S1, src: { value: subnet, not: true }, out: dev, target: 'DROP' }, insert: true },
        { rule: { chain: S1, dst: { value: subnet, not: true }, in: dev, target: 'DROP' }, insert: true },
      ];
    // setINC: from this bridge to any other -> stage 2; stage 2 drops what goes into this bridge.
    return [
      { rule: { chain: S1, in: dev, out: notDev, target: S2 }, insert: true },
      { rule: { chain: S2, out: dev, target: 'DROP' }, insert: true },
    ];
  }
  if (internal)
    return [
      {
        rule: { chain: 'DOCKER-INTERNAL', src: { value: subnet, not: true }, out: dev, target: 'DROP' },
        insert: false,
      },
      { rule: { chain: 'DOCKER-INTERNAL', dst: { value: subnet, not: true }, in: dev, target: 'DROP' }, insert: false },
      { rule: { chain: 'DOCKER-FORWARD', in: dev, out: dev, target: 'ACCEPT' }, insert: false },
    ];
  // Replies are let in by conntrack; anything else entering the bridge from elsewhere is
  // dropped by the DOCKER chain unless a published port accepts it first.
  return [
    { rule: { chain: 'DOCKER-CT', out: dev, established: true, target: 'ACCEPT' }, insert: false },
    { rule: { chain: 'DOCKER-BRIDGE', out: dev, target: 'DOCKER' }, insert: false },
    { rule: { chain: 'DOCKER', in: notDev, out: dev, target: 'DROP' }, insert: false },
    { rule: { chain: 'DOCKER-FORWARD', in: dev, target: 'ACCEPT' }, insert: false },
  ];
}

/** The daemon's boot: the chain skeleton, then docker0's own rules. */
export function bootFirewallOps(profile: DockerProfile): KernelOp[] {
  return [
    ...skeleton(profile).map((rule): KernelOp => ({ op: 'addFilterRule', netns: INIT_NET, rule })),
    ...networkFirewallOps(profile, 'docker0', '172.17.0.0/16', false),
  ];
}

/** `docker network create`: the new bridge's isolation rules. */
export function networkFirewallOps(
  profile: DockerProfile,
  bridge: string,
  subnet: string,
  internal: boolean,
): KernelOp[] {
  return networkRules(profile, bridge, subnet, internal).map(({ rule, insert }): KernelOp => ({
    op: 'addFilterRule',
    netns: INIT_NET,
    rule,
    ...(insert ? { insert } : {}),
  }));
}

/** `docker network rm`: the same rules deleted. */
export function removeNetworkFirewallOps(
  profile: DockerProfile,
  bridge: string,
  subnet: string,
  internal: boolean,
): KernelOp[] {
  return networkRules(profile, bridge, subnet, internal).map(({ rule }): KernelOp => ({
    op: 'delFilterRule',
    netns: INIT_NET,
    rule,
  }));
}
