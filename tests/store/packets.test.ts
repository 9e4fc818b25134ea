// The store's packet player and packet/fault actions: a command's packets replace the list, the
// position steps hop by hop across packets, play stops at the end, undo forgets them; the ping
// action's command lines; the fault injections each element offers, as the real commands.
import { describe, expect, it } from 'vitest';
import type { PacketRecord } from '../../src/docker/world';
import { INIT_NET } from '../../src/kernel';
import { actionsFor, createAppStore, movePos, pingEndpoints, pingLine, selectScenes } from '../../src/store';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const C2 = 'docker run --network=bridge -d --name c2 hwchiu/netutils';
const NONE = 'docker run --network=none -d --name none hwchiu/netutils';

const rec = (n: number): PacketRecord => ({
  label: `p${n}`,
  outcome: 'delivered',
  trace: Array.from({ length: n }, (_, i) => ({ netns: INIT_NET, kind: 'route' as const, text: `h${i}` })),
});

describe('movePos', () => {
  it('steps through hops across packets and skips packets without hops', () => {
    const list = [rec(2), rec(0), rec(1)];
    expect(movePos(list, { packet: 0, hop: -1 }, 1)).toEqual({ packet: 0, hop: 0 });
    expect(movePos(list, { packet: 0, hop: 1 }, 1)).toEqual({ packet: 2, hop: 0 });
    expect(movePos(list, { packet: 2, hop: 0 }, 1)).toBeNull();
    expect(movePos(list, { packet: 2, hop: 0 }, -1)).toEqual({ packet: 0, hop: 1 });
    expect(movePos(list, { packet: 0, hop: 0 }, -1)).toBeNull();
  });
});

describe('packet player state', () => {
  it('a ping fills the list with its echo request and reply, at the first hop, playing', () => {
    const store = createAppStore({ lines: [BRIDGE, C2] });
    store.getState().run('docker exec bridge ping -c 1 172.17.0.3');
    const s = store.getState();
    expect(s.packets?.list.map((p) => p.label)).toEqual([
      'ICMP echo request 172.17.0.2 > 172.17.0.3, seq 1',
      'ICMP echo reply 172.17.0.3 > 172.17.0.2, seq 1',
    ]);
    expect(s.packetPos).toEqual({ packet: 0, hop: 0 });
    expect(s.packetPlaying).toBe(true);
  });

  it('with reduced motion, new packets wait at the first hop for a step', () => {
    const store = createAppStore({ lines: [BRIDGE, C2], reducedMotion: true });
    store.getState().run('docker exec bridge ping -c 1 172.17.0.3');
    expect(store.getState().packetPlaying).toBe(false);
    store.getState().packetStep(1);
    expect(store.getState().packetPos).toEqual({ packet: 0, hop: 1 });
    store.getState().packetStep(-1);
    expect(store.getState().packetPos).toEqual({ packet: 0, hop: 0 });
  });

  it('playing stops at the last hop of the last packet; play again starts over', () => {
    const store = createAppStore({ lines: [BRIDGE, C2] });
    store.getState().run('docker exec bridge ping -c 1 172.17.0.3');
    const list = store.getState().packets!.list;
    const total = list[0].trace.length + list[1].trace.length;
    for (let i = 0; i < total; i++) store.getState().packetStep(1);
    expect(store.getState().packetPos).toEqual({ packet: 1, hop: list[1].trace.length - 1 });
    expect(store.getState().packetPlaying).toBe(false);
    store.getState().packetPlay(true);
    expect(store.getState().packetPos).toEqual({ packet: 0, hop: 0 });
    expect(store.getState().packetPlaying).toBe(true);
  });

  it('a line that sends nothing empties the list; undo forgets the packets', () => {
    const store = createAppStore({ lines: [BRIDGE, NONE] });
    store.getState().run('docker exec bridge ping -c 1 8.8.8.8');
    expect(store.getState().packets!.list.length).toBe(2);
    // none has only lo: connect() fails before anything is sent; the one record shows where.
    store.getState().run('docker exec none ping -c 1 8.8.8.8');
    expect(store.getState().packets!.list.map((p) => p.outcome)).toEqual(['no-route']);
    store.getState().run('echo nothing sent');
    expect(store.getState().packets).toMatchObject({ line: 'echo nothing sent', list: [] });
    store.getState().run('docker exec bridge ping -c 1 8.8.8.8');
    store.getState().undo();
    expect(store.getState().packets).toBeNull();
  });

  it('packetGo jumps to a packet and pauses', () => {
    const store = createAppStore({ lines: [BRIDGE, C2] });
    store.getState().run('docker exec bridge ping -c 1 172.17.0.3');
    store.getState().packetGo(1, 2);
    expect(store.getState().packetPos).toEqual({ packet: 1, hop: 2 });
    expect(store.getState().packetPlaying).toBe(false);
  });
});

describe('the ping action', () => {
  it('offers the host and running containers as sources, addressed containers and the outside as targets', () => {
    const store = createAppStore({ lines: [BRIDGE, C2, NONE] });
    const { sources, targets } = pingEndpoints(store.getState().world);
    expect(sources.map((e) => e.label)).toEqual(['host (docker-host)', 'bridge', 'c2', 'none']);
    // docker0 holds .1, so bridge got .2 and c2 .3; none has no address to reach.
    expect(targets.map((e) => e.label)).toEqual([
      'host (docker-host)',
      'bridge (172.17.0.2)',
      'c2 (172.17.0.3)',
      '8.8.8.8 (outside)',
      '1.1.1.1 (outside)',
    ]);
  });

  it('types docker exec … ping -c 1 from a container and ping -c 1 from the host', () => {
    const store = createAppStore({ lines: [BRIDGE, C2, NONE] });
    const w = store.getState().world;
    const { sources, targets } = pingEndpoints(w);
    const src = (l: string) => sources.find((e) => e.label === l)!;
    const dst = (l: string) => targets.find((e) => e.label.startsWith(l))!;
    expect(pingLine(w, src('bridge'), dst('c2'))).toBe('docker exec bridge ping -c 1 172.17.0.3');
    expect(pingLine(w, src('host (docker-host)'), dst('bridge'))).toBe('ping -c 1 172.17.0.2');
    expect(pingLine(w, src('none'), dst('8.8.8.8'))).toBe('docker exec none ping -c 1 8.8.8.8');
    // A bridge container reaches the host at its gateway, docker0's address.
    expect(pingLine(w, src('bridge'), dst('host'))).toBe('docker exec bridge ping -c 1 172.17.0.1');
  });
});

describe('fault injection actions', () => {
  function setup() {
    const store = createAppStore({ lines: [BRIDGE, C2] });
    const s = store.getState();
    const { plan } = selectScenes(s);
    const eth = Object.values(s.world.kernel.links).find(
      (l) => l.name === 'eth0' && l.netns === plan.containers[0].netns,
    )!;
    return { store, w: s.world, plan, eth, host: s.world.kernel.links[eth.peer!] };
  }

  it('a host veth end that is a bridge port: set down, and detach from docker0', () => {
    const { w, plan, host } = setup();
    const lines = actionsFor(w, plan, `port:${host.id}`).map((a) => a.line);
    expect(lines).toEqual([`ip link set ${host.name} down`, `ip link set ${host.name} nomaster`]);
    expect(actionsFor(w, plan, host.id).map((a) => a.line)).toEqual(lines);
  });

  it("a container's end is changed inside it, privileged", () => {
    const { w, plan, eth } = setup();
    expect(actionsFor(w, plan, eth.id).map((a) => a.line)).toEqual([
      'docker exec --privileged bridge ip link set eth0 down',
    ]);
  });

  it('a container offers to delete its default route; the host to flush the NAT rule', () => {
    const { w, plan } = setup();
    const ctr = `ctr:${plan.containers[0].id}`;
    expect(actionsFor(w, plan, ctr).find((a) => a.fault)).toEqual({
      label: 'Delete default route',
      line: 'docker exec --privileged bridge ip route del default',
      fault: true,
    });
    expect(actionsFor(w, plan, INIT_NET)).toEqual([
      { label: 'Flush the NAT rule', line: 'iptables -t nat -F POSTROUTING', fault: true },
    ]);
  });

  it('once the route is gone the action is not offered again, and a down link offers "Set up"', () => {
    const { store, plan, host } = setup();
    store.getState().run('docker exec --privileged bridge ip route del default');
    store.getState().run(`ip link set ${host.name} down`);
    const w = store.getState().world;
    expect(actionsFor(w, plan, `ctr:${plan.containers[0].id}`).some((a) => a.fault)).toBe(false);
    expect(actionsFor(w, plan, host.id)[0]).toMatchObject({ label: 'Set up', line: `ip link set ${host.name} up` });
  });
});
