// kernel/addr.ts — IPv4, IPv6 and MAC address arithmetic, as plain functions on text.
// Formats follow what the kernel and inet_ntop produce (RFC 5952 compression for IPv6).
// Pure: no DOM, no clock, no randomness.

/** Parses a dotted quad; undefined when it is not one. */
export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    v = v * 256 + o;
  }
  return v >>> 0;
}

export function formatIPv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

export function maskOf(prefixlen: number): number {
  return prefixlen === 0 ? 0 : (0xffffffff << (32 - prefixlen)) >>> 0;
}

/** The network address of `ip/prefixlen`, as text. */
export function networkOf(ip: string, prefixlen: number): string {
  return formatIPv4((parseIPv4(ip)! & maskOf(prefixlen)) >>> 0);
}

export function broadcastOf(ip: string, prefixlen: number): string {
  return formatIPv4((parseIPv4(ip)! | ~maskOf(prefixlen)) >>> 0);
}

export function netmaskText(prefixlen: number): string {
  return formatIPv4(maskOf(prefixlen));
}

/** Prefix length of a contiguous netmask; undefined for a non-contiguous one. */
export function prefixFromMask(mask: string): number | undefined {
  const v = parseIPv4(mask);
  if (v === undefined) return undefined;
  let n = 0;
  while (n < 32 && v & (0x80000000 >>> n)) n++;
  return maskOf(n) === v ? n : undefined;
}

export function inSubnet(ip: string, net: string, prefixlen: number): boolean {
  const a = parseIPv4(ip);
  const b = parseIPv4(net);
  if (a === undefined || b === undefined) return false;
  const m = maskOf(prefixlen);
  return (a & m) >>> 0 === (b & m) >>> 0;
}

/** Parses IPv6 text into eight 16-bit groups; undefined when invalid. */
export function parseIPv6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return undefined;
  let text = s;
  if (s.includes('.')) {
    const cut = s.lastIndexOf(':');
    const v4 = parseIPv4(s.slice(cut + 1));
    if (cut < 0 || v4 === undefined) return undefined;
    text = s.slice(0, cut + 1) + (v4 >>> 16).toString(16) + ':' + (v4 & 0xffff).toString(16);
  }
  const halves = text.split('::');
  const groupsOf = (p: string) => (p === '' ? [] : p.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1 && all.length !== 8) return undefined;
  if (halves.length === 2 && all.length > 7) return undefined;
  const zeros = new Array(8 - all.length).fill('0');
  const groups = halves.length === 2 ? [...head, ...zeros, ...tail] : head;
  return groups.map((g) => parseInt(g, 16));
}

/** RFC 5952 text, as inet_ntop prints it: lower case, the longest run of two or more zero groups as `::`. */
export function formatIPv6(groups: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

export function normalizeIPv6(s: string): string | undefined {
  const g = parseIPv6(s);
  return g && formatIPv6(g);
}

export function ipv6Network(s: string, prefixlen: number): string {
  const g = parseIPv6(s)!;
  const out = g.map((v, i) => {
    const bits = Math.max(0, Math.min(16, prefixlen - i * 16));
    return bits === 16 ? v : bits === 0 ? 0 : v & ((0xffff << (16 - bits)) & 0xffff);
  });
  return formatIPv6(out);
}

/** The EUI-64 link-local address the kernel derives from a MAC (fe80::/64, U/L bit flipped). */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const groups = [
    0xfe80,
    0,
    0,
    0,
    ((b[0] ^ 2) << 8) | b[1],
    (b[2] << 8) | 0xff,
    (0xfe << 8) | b[3],
    (b[4] << 8) | b[5],
  ];
  return formatIPv6(groups);
}

export const MAC_RE = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/;

/** Lower-case, zero-padded MAC text; undefined when invalid. */
export function normalizeMac(s: string): string | undefined {
  if (!MAC_RE.test(s)) return undefined;
  return s
    .split(':')
    .map((x) => x.toLowerCase().padStart(2, '0'))
    .join(':');
}

export function isMulticastMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}

export function macFromBytes(b: number[]): string {
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Compares MACs numerically (the bridge takes the lowest port MAC). */
export function compareMac(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
