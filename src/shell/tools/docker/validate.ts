// shell/tools/docker/validate.ts — Docker's own checks of what a person types, word for word:
// container names (the daemon), `-p` port specs (the CLI, go-connections/nat), `--ip` addresses
// and subnets (the daemon). classic = Engine/CLI 24, current = 29; where their words differ, the
// source of each is cited. Pure: returns the message (without framing) or the parsed value.
import type { PortBinding } from '../../../docker/types';
import type { DockerProfile } from '../../../docker/world';

/** The characters moby allows in a container name, as its message prints them. */
export const VALID_CONTAINER_NAME_CHARS = '[a-zA-Z0-9][a-zA-Z0-9_.-]';

/**
 * moby daemon/names.go: `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$` (so at least two characters), the same
 * words in v24 and v29. Returns the daemon's message, or undefined when the name is valid.
 */
export function containerNameError(name: string): string | undefined {
  if (/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return undefined;
  return `Invalid container name (${name}), only ${VALID_CONTAINER_NAME_CHARS} are allowed`;
}

/** Go's net.ParseIP for dotted IPv4: four decimal fields 0–255, no leading zeros (Go ≥ 1.17). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Go's net.ParseIP for IPv6 text (with an optional dotted IPv4 tail); no zone. */
export function isIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    // An IPv4 tail stands for the last two groups.
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length < 8 : all.length === 8;
}

/** net.ParseIP: an IPv4 or IPv6 address. */
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/**
 * The daemon's check of `--ip` when the container is created (moby v24 daemon/create.go
 * verifyNetworkingConfig: `net.ParseIP(ip).To4() == nil` → `invalid IPv4 address: IP`).
 * An IPv4-mapped IPv6 address (::ffff:1.2.3.4) passes, as To4 accepts it.
 */
export function ipv4AddressError(ip: string): string | undefined {
  if (isIPv4(ip) || (isIPv6(ip) && /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip))) return undefined;
  return `invalid IPv4 address: ${ip}`;
}

/** strconv.ParseUint(s, 10, 16): decimal digits only, at most 65535. */
function parseUint16(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

/** nat.ParsePortRange: `N` or `N-M` (only the first two fields of a longer dash list count). */
function parsePortRange(s: string): [number, number] | undefined {
  if (s === '') return undefined;
  if (!s.includes('-')) {
    const n = parseUint16(s);
    return n === undefined ? undefined : [n, n];
  }
  const parts = s.split('-');
  const start = parseUint16(parts[0]!);
  const end = parseUint16(parts[1]!);
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}

export type PortSpecResult = { ok: true; bindings: PortBinding[] } | { ok: false; error: string };

/**
 * One `-p`/`--publish` value, parsed as the CLI does (go-connections nat.ParsePortSpec) before
 * anything is sent to the daemon. Checks run in nat's order: IP, empty port, containerPort,
 * hostPort, ranges, proto. Words: classic = go-connections v0.4 as vendored by CLI 24
 * ("Invalid containerPort: abc"); current = v0.5+, lower-cased (checked with the real CLI 28.2:
 * `docker run -p abc busybox` → `docker: invalid containerPort: abc`).
 */
export function parsePortSpec(raw: string, profile: DockerProfile): PortSpecResult {
  const classic = profile === 'classic';
  const fail = (v24: string, v29: string): PortSpecResult => ({ ok: false, error: classic ? v24 : v29 });
  const parts = raw.split(':');
  const n = parts.length;
  const last = parts[n - 1]!;
  let ip = n === 3 ? parts[0]! : n > 3 ? parts.slice(0, n - 2).join(':') : '';
  const hostPort = n >= 2 ? parts[n - 2]! : '';
  // nat.SplitProtoPort: "80" → tcp; "80/" → tcp; "/udp" → no port at all.
  const slash = last.split('/');
  let containerPort = last;
  let proto = 'tcp';
  if (last === '' || slash[0] === '') {
    containerPort = '';
    proto = '';
  } else if (slash.length > 1) {
    containerPort = slash[0]!;
    proto = slash[1] === '' ? 'tcp' : slash[1]!;
  }
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (ip !== '' && !isIP(ip)) return fail(`Invalid ip address: ${ip}`, `invalid IP address: ${ip}`);
  if (containerPort === '') return fail(`No port specified: ${raw}<empty>`, `no port specified: ${raw}<empty>`);
  const cr = parsePortRange(containerPort);
  if (!cr) return fail(`Invalid containerPort: ${containerPort}`, `invalid containerPort: ${containerPort}`);
  let hr: [number, number] | undefined;
  if (hostPort !== '') {
    hr = parsePortRange(hostPort);
    if (!hr) return fail(`Invalid hostPort: ${hostPort}`, `invalid hostPort: ${hostPort}`);
    // A host range may serve a single container port (the daemon picks one of them).
    if (cr[1] - cr[0] !== hr[1] - hr[0] && cr[1] !== cr[0]) {
      return fail(
        `Invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`,
        `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`,
      );
    }
  }
  const p = proto.toLowerCase();
  if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return fail(`Invalid proto: ${proto}`, `invalid proto: ${proto}`);
  const bindings: PortBinding[] = [];
  for (let i = 0; i <= cr[1] - cr[0]; i++) {
    const host = !hr ? '' : cr[0] === cr[1] && hr[0] !== hr[1] ? hostPort : String(hr[0] + i);
    bindings.push({ hostIp: ip, hostPort: host, containerPort: String(cr[0] + i), proto: p as PortBinding['proto'] });
  }
  return { ok: true, bindings };
}

/**
 * A `--subnet` as the v25+ daemon checks it (moby api/types/network ipam.go ValidateIPAM, which
 * v29 keeps): netip.ParsePrefix, then the address must be the network's own. Returns the line
 * the daemon joins under "invalid network config:", or undefined. Only IPv4 prefixes get the
 * "it should be" check here; v24 words these differently and is not modelled.
 */
export function subnetError(subnet: string): string | undefined {
  const slash = subnet.indexOf('/');
  const addr = slash < 0 ? '' : subnet.slice(0, slash);
  const bits = slash < 0 ? '' : subnet.slice(slash + 1);
  const v4 = isIPv4(addr);
  const max = v4 ? 32 : 128;
  if ((!v4 && !isIPv6(addr)) || !/^(0|[1-9][0-9]*)$/.test(bits) || Number(bits) > max)
    return `invalid subnet ${subnet}: invalid CIDR block notation`;
  if (!v4) return undefined;
  const n = addr.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  const net = n - (n % size);
  if (net === n) return undefined;
  const dotted = [24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.');
  return `invalid subnet ${subnet}: it should be ${dotted}/${bits}`;
}

/**
 * The daemon's checks of a `docker network create` name, in its order. First the predefined
 * names (moby v24 runconfig.IsPreDefinedNetwork: bridge, host, none, default; the same set in
 * v29's network.IsPredefined), with PredefinedNetworkError's words, trailing space included.
 * Then libnetwork's config.IsValidName: any name that is not blank after Go's
 * strings.TrimSpace, else ErrInvalidName "invalid name: NAME". No character set is enforced.
 */
export function networkNameError(name: string): string | undefined {
  if (['bridge', 'host', 'none', 'default'].includes(name))
    return `operation is not permitted on predefined ${name} network `;
  // Go's unicode.IsSpace set (JavaScript's \s differs: it has U+FEFF and lacks U+0085).
  if (/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/.test(name))
    return `invalid name: ${name}`;
  return undefined;
}

/**
 * The CLI's check of one `-e` value (docker/cli opts.ValidateEnv): an empty name is refused;
 * `NAME` alone takes the client's value when it has one, else it is sent as is.
 */
export function envValue(v: string, clientEnv: Record<string, string>): { value: string } | { error: string } {
  const eq = v.indexOf('=');
  const name = eq < 0 ? v : v.slice(0, eq);
  if (name === '') return { error: `invalid environment variable: ${v}` };
  if (eq < 0 && clientEnv[name] !== undefined) return { value: `${name}=${clientEnv[name]}` };
  return { value: v };
}

/**
 * The accounts in each image's /etc/passwd and /etc/group (Debian's base-passwd for the Debian
 * and Ubuntu based images, plus nginx's own account; BusyBox's default files). The pause image
 * has neither file.
 */
const DEBIAN_USERS = [
  'root',
  'daemon',
  'bin',
  'sys',
  'sync',
  'games',
  'man',
  'lp',
  'mail',
  'news',
  'uucp',
  'proxy',
  'www-data',
  'backup',
  'list',
  'irc',
  'gnats',
  'nobody',
  '_apt',
];
const DEBIAN_GROUPS = [
  'root',
  'daemon',
  'bin',
  'sys',
  'adm',
  'tty',
  'disk',
  'lp',
  'mail',
  'news',
  'uucp',
  'man',
  'proxy',
  'kmem',
  'dialout',
  'fax',
  'voice',
  'cdrom',
  'floppy',
  'tape',
  'sudo',
  'audio',
  'dip',
  'www-data',
  'backup',
  'operator',
  'list',
  'irc',
  'src',
  'gnats',
  'shadow',
  'utmp',
  'video',
  'sasl',
  'plugdev',
  'staff',
  'games',
  'users',
  'nogroup',
];
const ACCOUNTS: Record<string, { users: string[]; groups: string[] }> = {
  netutils: { users: DEBIAN_USERS, groups: DEBIAN_GROUPS },
  nginx: { users: [...DEBIAN_USERS, 'nginx'], groups: [...DEBIAN_GROUPS, 'nginx'] },
  busybox: {
    users: ['root', 'daemon', 'bin', 'sys', 'sync', 'mail', 'www-data', 'operator', 'nobody'],
    groups: [
      'root',
      'daemon',
      'bin',
      'sys',
      'adm',
      'tty',
      'disk',
      'lp',
      'mail',
      'kmem',
      'wheel',
      'cdrom',
      'dialout',
      'floppy',
      'video',
      'audio',
      'tape',
      'www-data',
      'operator',
      'utmp',
      'plugdev',
      'staff',
      'lock',
      'netdev',
      'users',
      'nogroup',
    ],
  },
  pause: { users: [], groups: [] },
};

/**
 * runc's lookup of `docker exec -u USER[:GROUP]` in the container's passwd and group files
 * (libcontainer/user GetExecUser): numeric ids need no entry; a name must have one. Returns the
 * runtime's words (without Docker's framing) or, when valid, whether the process runs as root.
 */
export function execUserCheck(spec: string, toolset: string): { error: string } | { root: boolean } {
  const [user = '', group] = spec.split(':', 2) as [string, string | undefined];
  const acc = ACCOUNTS[toolset] ?? ACCOUNTS.netutils!;
  if (user !== '' && !/^[0-9]+$/.test(user) && !acc.users.includes(user))
    return { error: `unable to find user ${user}: no matching entries in passwd file` };
  if (group !== undefined && group !== '' && !/^[0-9]+$/.test(group) && !acc.groups.includes(group))
    return { error: `unable to find group ${group}: no matching entries in group file` };
  return { root: user === '' || user === 'root' || /^0+$/.test(user) };
}
