// A container's processes have Docker's default capabilities, which leave out NET_ADMIN: they
// can look at the network but not change it, unless the container or the exec is privileged
// (or runs with --cap-add NET_ADMIN). The messages are the tools' own words for EPERM
// (iproute2: "RTNETLINK answers: Operation not permitted"; net-tools: "SIOC…: Operation not
// permitted"; bridge-utils: "add bridge failed: Operation not permitted").
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/cli/run';

function run(lines: string[]) {
  const { entries } = runScript(lines, { seed: 1, profile: 'classic', docker: true });
  return entries.map((e) => ({ out: e.output.map((c) => c.text).join(''), status: e.status }));
}

describe('NET_ADMIN inside containers', () => {
  it('refuses network changes in a container that is not privileged, and changes nothing', () => {
    const r = run([
      'docker run -d --name b1 hwchiu/netutils',
      'docker exec b1 ip link set eth0 down',
      'docker exec b1 ifconfig eth0 down',
      'docker exec b1 route del default',
      'docker exec b1 brctl addbr x0',
      'docker exec b1 ip -br link show eth0',
    ]);
    expect(r.slice(1, 5)).toEqual([
      { out: 'RTNETLINK answers: Operation not permitted\n', status: 2 },
      { out: 'SIOCSIFFLAGS: Operation not permitted\n', status: 255 },
      { out: 'SIOCDELRT: Operation not permitted\n', status: 7 },
      { out: 'add bridge failed: Operation not permitted\n', status: 1 },
    ]);
    expect(r[5].out).toMatch(/^eth0@if5 +UP /);
  });
  it('lets a privileged exec, or a container run with --cap-add NET_ADMIN, change it', () => {
    const r = run([
      'docker run -d --name b1 hwchiu/netutils',
      'docker run -d --cap-add NET_ADMIN --name c1 hwchiu/netutils',
      'docker exec --privileged b1 ip link set eth0 down',
      'docker exec c1 ip link set eth0 down',
      'docker exec b1 ip -br link show eth0',
      'docker exec c1 ip -br link show eth0',
    ]);
    expect(r.slice(2, 4)).toEqual([
      { out: '', status: 0 },
      { out: '', status: 0 },
    ]);
    expect(r[4].out).toMatch(/^eth0@if5 +DOWN /);
    expect(r[5].out).toMatch(/^eth0@if7 +DOWN /);
  });
  it('leaves the host, where the shell is root, free to change it', () => {
    expect(run(['docker run -d --name b1 hwchiu/netutils', 'ip link set docker0 down'])[1]).toEqual({
      out: '',
      status: 0,
    });
  });
});
