// Address arithmetic: expectations follow inet_ntop/inet_pton and the kernel's EUI-64 rule.
import { describe, expect, it } from 'vitest';
import {
  broadcastOf,
  formatIPv6,
  linkLocalFromMac,
  networkOf,
  normalizeIPv6,
  parseIPv4,
  parseIPv6,
  prefixFromMask,
} from '../../src/kernel';

describe('IPv4', () => {
  it.each([
    ['172.17.0.2', 16, '172.17.0.0', '172.17.255.255'],
    ['10.55.66.2', 24, '10.55.66.0', '10.55.66.255'],
    ['192.168.1.50', 24, '192.168.1.0', '192.168.1.255'],
    ['172.31.23.142', 20, '172.31.16.0', '172.31.31.255'],
  ])('%s/%i lies in %s with broadcast %s', (ip, len, net, brd) => {
    expect(networkOf(ip, len)).toBe(net);
    expect(broadcastOf(ip, len)).toBe(brd);
  });
  it('rejects octets over 255 and malformed quads', () => {
    expect(parseIPv4('256.1.1.1')).toBeUndefined();
    expect(parseIPv4('1.2.3')).toBeUndefined();
    expect(parseIPv4('1.2.3.4')).toBe(0x01020304);
  });
  it('reads contiguous netmasks only', () => {
    expect(prefixFromMask('255.255.255.0')).toBe(24);
    expect(prefixFromMask('255.255.0.0')).toBe(16);
    expect(prefixFromMask('255.0.255.0')).toBeUndefined();
  });
});

describe('IPv6 text', () => {
  it.each([
    ['::1', '::1'],
    ['fe80:0:0:0:42:acff:fe11:2', 'fe80::42:acff:fe11:2'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
  ])('%s is printed as %s', (input, out) => {
    expect(normalizeIPv6(input)).toBe(out);
  });
  it('rejects two :: and too many groups', () => {
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(formatIPv6([1, 0, 2, 0, 3, 0, 4, 0])).toBe('1:0:2:0:3:0:4:0');
  });
  // The captures show these link-locals next to these MACs (host.txt, dsim-c1.txt).
  it.each([
    ['02:42:ac:11:00:02', 'fe80::42:acff:fe11:2'],
    ['52:54:00:12:34:56', 'fe80::5054:ff:fe12:3456'],
    ['be:85:7b:c6:67:4f', 'fe80::bc85:7bff:fec6:674f'],
    ['02:42:5e:8c:3a:1f', 'fe80::42:5eff:fe8c:3a1f'],
  ])('the EUI-64 link-local of %s is %s', (mac, ll) => {
    expect(linkLocalFromMac(mac)).toBe(ll);
  });
});
