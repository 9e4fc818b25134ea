// shell/equivalent.ts — turns a kernel operation into the shell command a person would type to
// do the same on a real host (iproute2, sysctl). Used by the step player, the script export and
// the conformance replay. Pure: reads the world before the operation, changes nothing.
import type { World } from '../docker/world';
import type { KernelOp } from '../kernel/ops';
import { INIT_NET } from '../kernel/query';
import { formatFilterRule } from '../kernel/packet';
import type { NetnsId } from '../kernel/types';

/**
 * The name a namespace goes by in commands: its /run/netns name, else the Docker sandbox key
 * (what `ln -s /var/run/docker/netns /var/run/netns` shows), else `netns-N`.
 */
export function netnsLabel(w: World, ns: NetnsId): string {
  const named = w.kernel.netns[ns]?.name;
  if (named) return named;
  for (const c of Object.values(w.docker.containers))
    if (c.sandbox?.netns === ns && c.sandbox.key !== 'default') return c.sandbox.key;
  return `netns-${ns.split(':')[1]}`;
}

type Labeler = (ns: NetnsId) => string;

function inNs(label: Labeler, ns: NetnsId, cmd: string): string {
  return ns === INIT_NET ? cmd : `ip netns exec ${label(ns)} ${cmd}`;
}

/**
 * The command line for one operation, or undefined when the kernel does it by itself as part
 * of the previous step (lo's 127.0.0.1/8 comes with `ip link set lo up`).
 */
export function equivalentCommand(op: KernelOp, label: Labeler): string | undefined {
  switch (op.op) {
    case 'addNetns':
      return `ip netns add ${label(op.netns ?? 'netns:?')}`;
    case 'delNetns':
      return `ip netns del ${label(op.netns)}`;
    case 'setNetnsName':
      return op.name === undefined ? `ip netns del ${label(op.netns)}` : `ip netns attach ${op.name} <pid>`;
    case 'setSysctl': {
      const key = op.key === 'ip_forward' ? 'net.ipv4.ip_forward' : `net.ipv6.conf.${op.dev ?? 'all'}.disable_ipv6`;
      return inNs(label, op.netns, `sysctl -w ${key}=${op.value ? 1 : 0}`);
    }
    case 'addLink': {
      const parts = ['ip link add', op.name];
      if (op.txqlen !== undefined) parts.push(`txqueuelen ${op.txqlen}`);
      if (op.mac !== undefined) parts.push(`address ${op.mac}`);
      if (op.mtu !== undefined && op.mtu !== 1500) parts.push(`mtu ${op.mtu}`);
      parts.push(`type ${op.kind === 'ether' ? 'dummy' : op.kind}`);
      return inNs(label, op.netns, parts.join(' '));
    }
    case 'addVethPair': {
      const parts = ['ip link add'];
      if (op.name !== undefined) parts.push(op.name);
      if (op.txqlen !== undefined) parts.push(`txqueuelen ${op.txqlen}`);
      if (op.mac !== undefined) parts.push(`address ${op.mac}`);
      parts.push('type veth');
      if (op.peer !== undefined || op.peerNetns !== undefined || op.peerTxqlen !== undefined) {
        parts.push('peer');
        if (op.peer !== undefined) parts.push(`name ${op.peer}`);
        if (op.peerTxqlen !== undefined) parts.push(`txqueuelen ${op.peerTxqlen}`);
        if (op.peerNetns !== undefined && op.peerNetns !== op.netns) parts.push(`netns ${label(op.peerNetns)}`);
      }
      return inNs(label, op.netns, parts.join(' '));
    }
    case 'delLink':
      return inNs(label, op.netns, `ip link del ${op.name}`);
    case 'setLink': {
      if (op.toNetns !== undefined) {
        const to = op.toNetns === INIT_NET ? '1' : label(op.toNetns);
        return inNs(
          label,
          op.netns,
          `ip link set ${op.name} netns ${to}${op.rename !== undefined ? ` name ${op.rename}` : ''}`,
        );
      }
      const parts = [`ip link set ${op.name}`];
      if (op.rename !== undefined) parts.push(`name ${op.rename}`);
      if (op.mac !== undefined) parts.push(`address ${op.mac}`);
      if (op.mtu !== undefined) parts.push(`mtu ${op.mtu}`);
      if (op.txqlen !== undefined) parts.push(`txqueuelen ${op.txqlen}`);
      if (op.master !== undefined) parts.push(op.master === null ? 'nomaster' : `master ${op.master}`);
      if (op.up !== undefined) parts.push(op.up ? 'up' : 'down');
      return inNs(label, op.netns, parts.join(' '));
    }
    case 'addAddr': {
      // inetdev: bringing lo up gives it 127.0.0.1/8 already.
      if (op.dev === 'lo' && op.local === '127.0.0.1' && op.prefixlen === 8) return undefined;
      const parts = [`ip addr add ${op.local}/${op.prefixlen}`];
      if (op.broadcast !== undefined) parts.push(`brd ${op.broadcast}`);
      if (op.scope !== undefined && op.family === 4 && op.scope !== 'global') parts.push(`scope ${op.scope}`);
      parts.push(`dev ${op.dev}`);
      return inNs(label, op.netns, parts.join(' '));
    }
    case 'delAddr':
      return inNs(
        label,
        op.netns,
        `ip addr del ${op.local}${op.prefixlen !== undefined ? `/${op.prefixlen}` : ''} dev ${op.dev}`,
      );
    case 'flushAddr':
      return inNs(
        label,
        op.netns,
        `ip ${op.family === 6 ? '-6 ' : op.family === 4 ? '-4 ' : ''}addr flush dev ${op.dev}`,
      );
    case 'addRoute': {
      const parts = [`ip route add ${op.dst}`];
      if (op.gateway !== undefined) parts.push(`via ${op.gateway}`);
      if (op.dev !== undefined) parts.push(`dev ${op.dev}`);
      if (op.protocol !== undefined && op.protocol !== 'boot') parts.push(`proto ${op.protocol}`);
      if (op.scope !== undefined) parts.push(`scope ${op.scope}`);
      if (op.prefsrc !== undefined) parts.push(`src ${op.prefsrc}`);
      if (op.metric !== undefined) parts.push(`metric ${op.metric}`);
      return inNs(label, op.netns, parts.join(' '));
    }
    case 'delRoute': {
      const parts = [`ip route del ${op.dst}`];
      if (op.gateway !== undefined) parts.push(`via ${op.gateway}`);
      if (op.dev !== undefined) parts.push(`dev ${op.dev}`);
      return inNs(label, op.netns, parts.join(' '));
    }
    case 'addMasquerade':
      return inNs(label, op.netns, `iptables -t nat -A POSTROUTING -s ${op.source} ! -o ${op.notOut} -j MASQUERADE`);
    case 'delMasquerade':
      return inNs(label, op.netns, `iptables -t nat -D POSTROUTING -s ${op.source} ! -o ${op.notOut} -j MASQUERADE`);
    case 'addFilterRule': {
      const cmd =
        op.insert || op.at !== undefined
          ? `-I ${op.rule.chain}${op.at !== undefined ? ` ${op.at}` : ''}`
          : `-A ${op.rule.chain}`;
      return inNs(label, op.netns, `iptables ${tableFlag(op.table)}${cmd} ${formatFilterRule(op.rule)}`);
    }
    case 'delFilterRule':
      return inNs(
        label,
        op.netns,
        op.num !== undefined
          ? `iptables ${tableFlag(op.table)}-D ${op.rule.chain} ${op.num}`
          : `iptables ${tableFlag(op.table)}-D ${op.rule.chain} ${formatFilterRule(op.rule)}`,
      );
    case 'addChain':
      return inNs(label, op.netns, `iptables ${tableFlag(op.table)}-N ${op.chain}`);
    case 'delChain':
      return inNs(label, op.netns, `iptables ${tableFlag(op.table)}-X ${op.chain}`);
    case 'setPolicy':
      return inNs(label, op.netns, `iptables ${tableFlag(op.table)}-P ${op.chain} ${op.policy}`);
    case 'flushChain':
      return inNs(label, op.netns, `iptables ${tableFlag(op.table)}-F${op.chain !== undefined ? ` ${op.chain}` : ''}`);
    case 'bindSocket':
    case 'closeSockets':
      // A process opening or closing its sockets: no command stands for it.
      return undefined;
  }
}

/** `-t TABLE ` for the tables other than filter (iptables' default). */
function tableFlag(table: string | undefined): string {
  return table && table !== 'filter' ? `-t ${table} ` : '';
}

/** The commands for a list of operations, each paired with its operation (undefined: implied by the previous one). */
export function equivalentCommands(
  w: World,
  ops: readonly KernelOp[],
): { op: KernelOp; command: string | undefined }[] {
  const label = (ns: NetnsId): string => netnsLabel(w, ns);
  return ops.map((op) => ({ op, command: equivalentCommand(op, label) }));
}
