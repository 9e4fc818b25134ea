// shell/tools/bridge.ts — iproute2 6.1 `bridge link [show] [dev DEV] [master BR]`: one line per
// bridge port, as the AF_BRIDGE link dump prints it. Read-only; `bridge fdb`, `vlan`, `mdb` and
// `link set` are not modelled and are refused in iproute2's own words for an unknown command.
import { hasCarrier, ipLinkFlags, linkByIndex, linkByName, linksOf, peerOf } from '../../kernel/query';
import type { KernelState, Link, NetnsId } from '../../kernel/types';
import { registerTool } from '../registry';
import type { Tool } from '../types';

/**
 * STP is off in the model, so a port forwards as soon as the bridge is up and the port has
 * carrier (netif_oper_up), and is `disabled` otherwise.
 */
function portState(k: KernelState, port: Link, br: Link): string {
  return br.up && port.up && hasCarrier(k, port) ? 'forwarding' : 'disabled';
}

/**
 * `NAME@PEER`: the dump carries the peer's ifindex (IFLA_LINK) but not its netnsid, so iproute2
 * resolves the index in the namespace it runs in — a peer in another namespace whose index is
 * taken here shows that local device's name (`veth…@eth0`), otherwise `ifN`.
 */
function nameOf(k: KernelState, ns: NetnsId, l: Link): string {
  const p = peerOf(k, l);
  if (!p) return l.name;
  if (p.netns === ns) return `${l.name}@${p.name}`;
  const local = linkByIndex(k, ns, p.ifindex);
  return `${l.name}@${local ? local.name : `if${p.ifindex}`}`;
}

/** The port cost br_port_cost() derives from the link speed: veth reports 10 Gb/s (cost 2). */
function costOf(l: Link): number {
  return l.kind === 'veth' ? 2 : 100;
}

function printPort(k: KernelState, ns: NetnsId, l: Link): string {
  const br = k.links[l.master!]!;
  return (
    `${l.ifindex}: ${nameOf(k, ns, l)}: <${ipLinkFlags(k, l).join(',')}> mtu ${l.mtu} master ${br.name} ` +
    `state ${portState(k, l, br)} priority 32 cost ${costOf(l)} \n`
  );
}

const USAGE =
  'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       bridge [ -force ] -batch filename\n' +
  'where  OBJECT := { link | fdb | mdb | vlan | monitor }\n' +
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n' +
  '                    -o[neline] | -t[imestamp] | -n[etns] name |\n' +
  '                    -c[ompressvlan] -color -p[retty] -j[son] }\n';

export const bridge: Tool = (world, argv, _io, ctx) => {
  const k = world.kernel;
  const ns = ctx.netns;
  const args = argv.slice(1);
  if (args.length === 0) return { stdout: '', stderr: USAGE, status: 255, world };
  const obj = args[0]!;
  if (!'link'.startsWith(obj) || obj.length === 0) {
    if (['fdb', 'mdb', 'vlan', 'monitor'].includes(obj)) {
      return { stdout: '', stderr: `Object "${obj}" is not modelled in this simulator.\n`, status: 255, world };
    }
    return { stdout: '', stderr: `Object "${obj}" is unknown, try "bridge help".\n`, status: 255, world };
  }
  let rest = args.slice(1);
  if (rest.length > 0) {
    const verb = rest[0]!;
    if (!['show', 'list', 'lst'].some((v) => v.startsWith(verb))) {
      return { stdout: '', stderr: `Command "${verb}" is unknown, try "bridge link help".\n`, status: 255, world };
    }
    rest = rest.slice(1);
  }
  let dev: Link | undefined;
  let master: Link | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const v = rest[i + 1];
    if ((a === 'dev' || a === 'master') && v !== undefined) {
      const l = linkByName(k, ns, v);
      if (!l) return { stdout: '', stderr: `Cannot find device "${v}"\n`, status: 255, world };
      if (a === 'dev') dev = l;
      else master = l;
      i++;
    } else if (v === undefined && a !== 'dev' && a !== 'master') {
      const l = linkByName(k, ns, a);
      if (!l) return { stdout: '', stderr: `Cannot find device "${a}"\n`, status: 255, world };
      dev = l;
    } else {
      return { stdout: '', stderr: `Command line is not complete. Try option "help"\n`, status: 255, world };
    }
  }
  let out = '';
  for (const l of linksOf(k, ns)) {
    if (!l.master) continue;
    if (dev && l.id !== dev.id) continue;
    if (master && l.master !== master.id) continue;
    out += printPort(k, ns, l);
  }
  return { stdout: out, stderr: '', status: 0, world };
};

registerTool('bridge', bridge, ['host', 'netutils']);
