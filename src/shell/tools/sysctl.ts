// shell/tools/sysctl.ts — procps-ng 4.0 `sysctl` for the keys the kernel model keeps per network
// namespace: net.ipv4.ip_forward (= net.ipv4.conf.all.forwarding), net.ipv6.conf.all.disable_ipv6
// and net.ipv6.conf.IF.disable_ipv6. Writes are setSysctl ops through commitOps; any other key is
// answered as a missing /proc/sys file, which is what the real tool says for keys that do not exist.
import { findContainer } from '../../docker/engine';
import { commitOps, type World } from '../../docker/world';
import { linkByName } from '../../kernel/query';
import type { NetnsId } from '../../kernel/types';
import type { KernelOp } from '../../kernel/ops';
import { registerTool } from '../registry';
import type { Tool } from '../types';

interface Key {
  read: (w: World) => boolean;
  op: (value: boolean) => KernelOp;
}

/** The modelled keys, by their dotted name, in the namespace `ns`. */
function lookup(w: World, ns: NetnsId, name: string): Key | undefined {
  const n = w.kernel.netns[ns];
  if (!n) return undefined;
  if (name === 'net.ipv4.ip_forward' || name === 'net.ipv4.conf.all.forwarding') {
    return {
      read: (x) => x.kernel.netns[ns]!.ipForward,
      op: (value) => ({ op: 'setSysctl', netns: ns, key: 'ip_forward', value }),
    };
  }
  if (name === 'net.ipv6.conf.all.disable_ipv6') {
    return {
      read: (x) => x.kernel.netns[ns]!.ipv6Disabled,
      op: (value) => ({ op: 'setSysctl', netns: ns, key: 'disable_ipv6', value }),
    };
  }
  const m = /^net\.ipv6\.conf\.([^.]+)\.disable_ipv6$/.exec(name);
  if (m && m[1] !== 'default' && linkByName(w.kernel, ns, m[1]!)) {
    const dev = m[1]!;
    return {
      read: (x) => !!linkByName(x.kernel, ns, dev)?.ipv6Disabled,
      op: (value) => ({ op: 'setSysctl', netns: ns, key: 'disable_ipv6', value, dev }),
    };
  }
  return undefined;
}

/** Whether /proc/sys is read-only for a process of this container (any non-privileged one). */
function readOnlyProcSys(w: World, container: string | undefined): boolean {
  if (container === undefined) return false;
  return findContainer(w.docker, container)?.config.privileged !== true;
}

const USAGE =
  '\n' +
  'Usage:\n' +
  ' sysctl [options] [variable[=value] ...]\n' +
  '\n' +
  'Options:\n' +
  '  -a, --all            display all variables\n' +
  '  -A                   alias of -a\n' +
  '  -X                   alias of -a\n' +
  '      --deprecated     include deprecated parameters to listing\n' +
  '      --dry-run        Print the key and values but do not write\n' +
  '  -b, --binary         print value without new line\n' +
  '  -e, --ignore         ignore unknown variables errors\n' +
  '  -N, --names          print variable names without values\n' +
  '  -n, --values         print only values of the given variable(s)\n' +
  '  -p, --load[=<file>]  read values from file\n' +
  '  -f                   alias of -p\n' +
  '      --system         read values from all system directories\n' +
  '  -r, --pattern <expression>\n' +
  '                       select setting that match expression\n' +
  '  -q, --quiet          do not echo variable set\n' +
  '  -w, --write          enable writing a value to variable\n' +
  '  -o                   does nothing\n' +
  '  -x                   does nothing\n' +
  '  -d                   alias of -h\n' +
  '\n' +
  ' -h, --help     display this help and exit\n' +
  ' -V, --version  output version information and exit\n' +
  '\n' +
  'For more details see sysctl(8).\n';

export const sysctl: Tool = (world, argv, _io, ctx) => {
  let valuesOnly = false;
  let quiet = false;
  let ignore = false;
  let write = false;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-n' || a === '--values') valuesOnly = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-e' || a === '--ignore') ignore = true;
    else if (a === '-w' || a === '--write') write = true;
    else if (/^-[nqew]+$/.test(a)) {
      valuesOnly ||= a.includes('n');
      quiet ||= a.includes('q');
      ignore ||= a.includes('e');
      write ||= a.includes('w');
    } else if (a.startsWith('-') && a.length > 1) {
      return { stdout: '', stderr: USAGE, status: 1, world };
    } else names.push(a);
  }
  if (names.length === 0) {
    if (argv.length === 1) return { stdout: '', stderr: USAGE, status: 1, world };
    return {
      stdout: '',
      stderr: "sysctl: no variables specified\nTry `sysctl --help' for more information.\n",
      status: 1,
      world,
    };
  }
  let w = world;
  let out = '';
  let err = '';
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    // With -w every argument must be NAME=VALUE; without it, an `=` still means a write.
    if (write && eq < 0) {
      err += 'sysctl: command line(0): invalid syntax, continuing...\n';
      status = 1;
      continue;
    }
    const name = (eq < 0 ? arg : arg.slice(0, eq)).replace(/\//g, '.');
    const key = lookup(w, ctx.netns, name);
    if (!key) {
      if (!ignore) {
        err += `sysctl: cannot stat /proc/sys/${name.replace(/\./g, '/')}: No such file or directory\n`;
        status = 1;
      }
      continue;
    }
    if (eq < 0) {
      const v = key.read(w) ? '1' : '0';
      out += valuesOnly ? `${v}\n` : `${name} = ${v}\n`;
      continue;
    }
    const value = arg.slice(eq + 1).trim();
    // proc_dointvec: an integer, else EINVAL. The model keeps these keys as booleans (non-zero is on).
    if (!/^[+-]?\d+$/.test(value)) {
      err += `sysctl: setting key "${name}": Invalid argument\n`;
      status = 1;
      continue;
    }
    // Docker mounts /proc/sys read-only in a container that is not --privileged (its
    // ReadonlyPaths); procps 3.3 in the image words EROFS with strerror.
    if (readOnlyProcSys(w, ctx.container)) {
      err += `sysctl: setting key "${name}": Read-only file system\n`;
      status = 1;
      continue;
    }
    const r = commitOps(w, [key.op(Number(value) !== 0)]);
    w = r.world;
    if (!r.ok) {
      err += `sysctl: setting key "${name}": Invalid argument\n`;
      status = 1;
      continue;
    }
    if (!quiet) out += valuesOnly ? `${value}\n` : `${name} = ${value}\n`;
  }
  return { stdout: out, stderr: err, status, world: w };
};

registerTool('sysctl', sysctl, ['host', 'netutils']);
