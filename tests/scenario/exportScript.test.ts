// The kernel-state script is built from the state, not the history; its commands are iproute2's
// (the conformance suite runs them on real namespaces: tests/conformance/export.test.ts).
import { describe, expect, it } from 'vitest';
import { exportKernelLines, exportKernelScript, scenarioScript } from '../../src/scenario/exportScript';
import { createAppStore } from '../../src/store';

const world = (lines: string[]) => createAppStore({ seed: 2, lines }).getState().world;

describe('exportKernelScript', () => {
  it('a bridge container: netns, a veth pair with its ifindexes, master, addresses, up, default route', () => {
    const w = world(['docker run -d --name c1 hwchiu/netutils']);
    const lines = exportKernelLines(w, { label: () => 'ctr1' });
    const ctr = Object.values(w.docker.containers)[0];
    expect(ctr).toBeDefined();
    expect(lines).toContain('ip netns add ctr1');
    const veth = lines.find((l) => l.includes('type veth'));
    expect(veth).toMatch(
      /^ip link add veth\w+ index \d+ address [0-9a-f:]{17} .*type veth peer name eth0 index \d+ address 02:42:ac:11:00:02 .*netns ctr1$/,
    );
    expect(lines).toContain('ip addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0');
    expect(lines).toContain('ip netns exec ctr1 ip addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0');
    expect(lines).toContain('ip netns exec ctr1 ip route add default via 172.17.0.1 dev eth0');
    expect(lines.some((l) => /^ip link set veth\w+ master docker0$/.test(l))).toBe(true);
    expect(lines).toContain('ip -n ctr1 link set eth0 up');
    // The host's NIC is a real host's own: neither made nor addressed nor routed by the script.
    expect(lines.join('\n')).not.toMatch(/ens5/);
  });

  it('follows the state, not the history: a removed container leaves nothing', () => {
    const w = world(['docker run -d --name c1 hwchiu/netutils', 'docker rm -f c1']);
    const text = exportKernelScript(w);
    expect(text).not.toMatch(/netns add|type veth/);
    expect(text).toMatch(/type bridge/);
  });

  it('a none container is a namespace with lo up and nothing else', () => {
    const lines = exportKernelLines(world(['docker run --network=none -d --name c1 hwchiu/netutils']), {
      label: () => 'ctr1',
    });
    expect(lines.filter((l) => l.includes('ctr1'))).toEqual(
      expect.arrayContaining(['ip netns add ctr1', 'ip -n ctr1 link set lo up']),
    );
    expect(lines.some((l) => l.includes('ctr1') && l.includes('type veth'))).toBe(false);
  });

  it('starts with a shebang and set -e; NAT rules can be left out', () => {
    const w = world([]);
    expect(exportKernelScript(w).split('\n').slice(0, 4)).toEqual([
      '#!/bin/sh',
      expect.stringContaining('docker-host'),
      expect.stringContaining('NIC'),
      'set -e',
    ]);
    expect(exportKernelScript(w)).toContain(
      'iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
    );
    expect(exportKernelScript(w, { nat: false })).not.toContain('iptables');
  });
});

describe('scenarioScript', () => {
  it('is the command lines after a shebang', () => {
    expect(scenarioScript(['ip netns add a', 'ip link'])).toBe(
      '#!/bin/sh\n# A netns-lab scenario: the command lines, in the order they ran.\nip netns add a\nip link\n',
    );
  });
});
