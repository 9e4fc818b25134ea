// shell/tools/brctl.ts — bridge-utils 1.7.1 `brctl`: show, showmacs, addbr, delbr, addif, delif,
// with its tab-separated layout and its own error texts (checked against the real tool).
// Changes go through commitOps as kernel ops; `stp` and the timer setters are not modelled
// (the kernel model has no op for them), so they are left out rather than faked.
import type { World } from '../../docker/world';
import { commitAs } from '../caps';
import { linkByName, linksOf, portsOf } from '../../kernel/query';
import type { KernelOp } from '../../kernel/ops';
import type { KernelState, Link, NetnsId } from '../../kernel/types';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';
import { strerror } from '../strerror';

const ZERO_MAC = '00:00:00:00:00:00';

const USAGE =
  'Usage: brctl [commands]\n' +
  'commands:\n' +
  '\taddbr     \t<bridge>\t\tadd bridge\n' +
  '\tdelbr     \t<bridge>\t\tdelete bridge\n' +
  '\taddif     \t<bridge> <device>\tadd interface to bridge\n' +
  '\tdelif     \t<bridge> <device>\tdelete interface from bridge\n' +
  '\thairpin   \t<bridge> <port> {on|off}\tturn hairpin on/off\n' +
  '\tsetageing \t<bridge> <time>\t\tset ageing time\n' +
  '\tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority\n' +
  '\tsetfd     \t<bridge> <time>\t\tset bridge forward delay\n' +
  '\tsethello  \t<bridge> <time>\t\tset hello time\n' +
  '\tsetmaxage \t<bridge> <time>\t\tset max message age\n' +
  '\tsetpathcost\t<bridge> <port> <cost>\tset path cost\n' +
  '\tsetportprio\t<bridge> <port> <prio>\tset port priority\n' +
  '\tshow      \t[ <bridge> ]\t\tshow a list of bridges\n' +
  '\tshowmacs  \t<bridge>\t\tshow a list of mac addrs\n' +
  '\tshowstp   \t<bridge>\t\tshow bridge stp info\n' +
  '\tstp       \t<bridge> {on|off}\tturn stp on/off\n';

/** The commands modelled here, with the argument count and the usage line brctl prints for them. */
const COMMANDS: Record<string, { args: number; help: string }> = {
  addbr: { args: 1, help: '<bridge>\t\tadd bridge' },
  delbr: { args: 1, help: '<bridge>\t\tdelete bridge' },
  addif: { args: 2, help: '<bridge> <device>\tadd interface to bridge' },
  delif: { args: 2, help: '<bridge> <device>\tdelete interface from bridge' },
  show: { args: 0, help: '[ <bridge> ]\t\tshow a list of bridges' },
  showmacs: { args: 1, help: '<bridge>\t\tshow a list of mac addrs' },
};

function result(world: World, stdout: string, stderr: string, status: number): ToolResult {
  return { stdout, stderr, status, world };
}

/**
 * The bridge id's address, read from sysfs: zero until the bridge first gets a port or its MAC is
 * set (a fresh `brctl addbr` bridge shows 8000.000000000000), then the bridge's own MAC.
 */
export function bridgeIdOf(br: Link): string {
  const mac = br.bridge?.carrierTracked ? br.mac : ZERO_MAC;
  return `8000.${mac.replace(/:/g, '')}`;
}

/** One `brctl show` row: ports sorted by name (scandir of brif/), continuation lines of 7 tabs. */
function showRow(k: KernelState, br: Link): string {
  const ports = portsOf(k, br)
    .map((p) => p.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const stp = br.bridge?.stp ? 'yes' : 'no';
  let out = `${br.name}\t\t${bridgeIdOf(br)}\t${stp}\t\t${ports[0] ?? ''}\n`;
  for (const p of ports.slice(1)) out += `\t\t\t\t\t\t\t${p}\n`;
  return out;
}

const SHOW_HEADER = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n';

/** `show`: the header comes just before the first bridge it lists, so no bridge means no output. */
function show(world: World, ns: NetnsId, names: string[]): ToolResult {
  const k = world.kernel;
  let out = '';
  let err = '';
  let status = 0;
  const row = (br: Link) => {
    if (out === '') out = SHOW_HEADER;
    out += showRow(k, br);
  };
  if (names.length === 0) {
    const bridges = linksOf(k, ns)
      .filter((l) => l.kind === 'bridge')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const br of bridges) row(br);
    return result(world, out, '', 0);
  }
  for (const name of names) {
    const l = linkByName(k, ns, name);
    if (!l) {
      err += `bridge ${name} does not exist!\n`;
      status = 1;
    } else if (l.kind !== 'bridge') {
      err += `device ${name} is not a bridge!\n`;
      status = 1;
    } else {
      row(l);
    }
  }
  return result(world, out, err, status);
}

/** `showmacs`: the bridge's forwarding database, sorted by MAC; local entries age 0.00. */
function showmacs(world: World, ns: NetnsId, name: string): ToolResult {
  const k = world.kernel;
  const br = linkByName(k, ns, name);
  if (!br) return result(world, '', 'read of forward table failed: No such device\n', 1);
  if (br.kind !== 'bridge') return result(world, '', 'read of forward table failed: Operation not supported\n', 1);
  const info = br.bridge!;
  const rows: { port: number; mac: string; local: boolean }[] = [];
  // The ports' own addresses are permanent local entries (br_fdb_insert on br_add_if).
  for (const p of portsOf(k, br)) rows.push({ port: info.portNo[p.id] ?? 0, mac: p.mac, local: true });
  for (const e of info.fdb) {
    if (e.local || rows.some((r) => r.mac === e.mac)) continue;
    rows.push({ port: info.portNo[e.port] ?? 0, mac: e.mac, local: false });
  }
  rows.sort((a, b) => (a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0));
  let out = 'port no\tmac addr\t\tis local?\tageing timer\n';
  for (const r of rows) {
    // Learnt entries are shown as just refreshed: the model does not age them.
    out += `${String(r.port).padStart(3)}\t${r.mac}\t${r.local ? 'yes' : 'no'}\t\t${'0.00'.padStart(7)}\n`;
  }
  return result(world, out, '', 0);
}

function commit(ctx: ExecContext, world: World, op: KernelOp): { world: World; errno?: string } {
  const r = commitAs(ctx, world, [op]);
  return r.ok ? { world: r.world } : { world: r.world, errno: strerror(r.error.errno) };
}

export const brctl: Tool = (world, argv, _io, ctx) => {
  const cmd = argv[1];
  if (cmd === undefined) return result(world, USAGE, '', 1);
  const spec = COMMANDS[cmd];
  if (!spec) return result(world, USAGE, `never heard of command [${cmd}]\n`, 1);
  const args = argv.slice(2);
  if (args.length < spec.args) {
    return result(world, `Incorrect number of arguments for command\nUsage: brctl ${cmd} ${spec.help}\n`, '', 1);
  }
  const ns = ctx.netns;
  const k = world.kernel;
  switch (cmd) {
    case 'show':
      return show(world, ns, args);
    case 'showmacs':
      return showmacs(world, ns, args[0]!);
    case 'addbr': {
      const name = args[0]!;
      if (linkByName(k, ns, name))
        return result(world, '', `device ${name} already exists; can't create bridge with the same name\n`, 1);
      const r = commit(ctx, world, { op: 'addLink', netns: ns, name, kind: 'bridge' });
      return r.errno ? result(r.world, '', `add bridge failed: ${r.errno}\n`, 1) : result(r.world, '', '', 0);
    }
    case 'delbr': {
      const name = args[0]!;
      const l = linkByName(k, ns, name);
      if (!l) return result(world, '', `bridge ${name} doesn't exist; can't delete it\n`, 1);
      if (l.kind !== 'bridge') return result(world, '', `can't delete bridge ${name}: Operation not permitted\n`, 1);
      // SIOCBRDELBR refuses a bridge that is still up (EBUSY), and brctl says so in its own words.
      if (l.up) return result(world, '', `bridge ${name} is still up; can't delete it\n`, 1);
      const r = commit(ctx, world, { op: 'delLink', netns: ns, name });
      return r.errno ? result(r.world, '', `can't delete bridge ${name}: ${r.errno}\n`, 1) : result(r.world, '', '', 0);
    }
    case 'addif': {
      // bridge-utils looks the interface up first (if_nametoindex), then asks the bridge.
      const [brName, ifName] = [args[0]!, args[1]!];
      const port = linkByName(k, ns, ifName);
      if (!port) return result(world, '', `interface ${ifName} does not exist!\n`, 1);
      const br = linkByName(k, ns, brName);
      if (!br) return result(world, '', `bridge ${brName} does not exist!\n`, 1);
      if (br.kind !== 'bridge')
        return result(world, '', `can't add ${ifName} to bridge ${brName}: Operation not supported\n`, 1);
      if (port.kind === 'bridge') {
        return result(
          world,
          '',
          `device ${ifName} is a bridge device itself; can't add a bridge device to a bridge device.\n`,
          1,
        );
      }
      // br_add_if() answers EBUSY for a device that already has a master, even the same bridge.
      if (port.master)
        return result(
          world,
          '',
          `device ${ifName} is already a member of a bridge; can't add it to bridge ${brName}.\n`,
          1,
        );
      const r = commit(ctx, world, { op: 'setLink', netns: ns, name: ifName, master: brName });
      return r.errno
        ? result(r.world, '', `can't add ${ifName} to bridge ${brName}: ${r.errno}\n`, 1)
        : result(r.world, '', '', 0);
    }
    case 'delif': {
      // bridge-utils looks the interface up first (if_nametoindex), then asks the bridge.
      const [brName, ifName] = [args[0]!, args[1]!];
      const port = linkByName(k, ns, ifName);
      if (!port) return result(world, '', `interface ${ifName} does not exist!\n`, 1);
      const br = linkByName(k, ns, brName);
      if (!br) return result(world, '', `bridge ${brName} does not exist!\n`, 1);
      if (port.master !== br.id) return result(world, '', `device ${ifName} is not a port of ${brName}\n`, 1);
      const r = commit(ctx, world, { op: 'setLink', netns: ns, name: ifName, master: null });
      return r.errno
        ? result(r.world, '', `can't delete ${ifName} from ${brName}: ${r.errno}\n`, 1)
        : result(r.world, '', '', 0);
    }
  }
  return result(world, USAGE, '', 1);
};

registerTool('brctl', brctl, ['host', 'netutils']);
