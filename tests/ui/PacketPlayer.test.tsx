// Component tests of packets in the app (Testing Library, a fresh store each, reduced motion so
// nothing plays by itself): a ping run as if typed fills the packet list, both panes light up the
// hop's element, single steps visit exactly the trace's hops in both panes, the Ping form and the
// fault injections type their real commands, and a drop shows where and why in both panes.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { INIT_NET, linkByName } from '../../src/kernel';
import { createAppStore } from '../../src/store';
import { App } from '../../src/ui/App';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const C2 = 'docker run --network=bridge -d --name c2 hwchiu/netutils';

function setup() {
  const store = createAppStore({ lines: [BRIDGE, C2], reducedMotion: true });
  const utils = render(<App store={store} />);
  const svg = (pane: string) => utils.container.querySelector(`[data-pane="${pane}"] svg.pane-svg`)!;
  const el = (pane: string, key: string) => svg(pane).querySelector(`[data-key="${key}"]`)!;
  const packets = () => screen.getByRole('region', { name: 'Packets' });
  const link = (ctr: string, name: string) => {
    const w = store.getState().world;
    const ns = ctr === 'host' ? INIT_NET : Object.values(w.docker.containers).find((c) => c.name === ctr)!.netns!;
    return linkByName(w.kernel, ns, name)!;
  };
  return { store, ...utils, svg, el, packets, link };
}

describe('packets in the app', () => {
  it('a ping typed in the terminal lists its packets and lights up the first hop in both panes', () => {
    const { store, svg, el, packets, link } = setup();
    act(() => store.getState().run('docker exec bridge ping -c 1 172.17.0.3'));
    const list = within(packets()).getByRole('list', { name: 'Packets of the last command' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'ICMP echo request 172.17.0.2 > 172.17.0.3, seq 1delivered',
      'ICMP echo reply 172.17.0.3 > 172.17.0.2, seq 1delivered',
    ]);
    // The first hop is the route lookup on bridge's eth0.
    const eth0 = link('bridge', 'eth0').id;
    for (const pane of ['kernel', 'user']) {
      expect(svg(pane)).toHaveAttribute('data-packet-at', eth0);
      expect(el(pane, eth0)).toHaveClass('is-hop');
      expect(svg(pane).querySelector('.packet-caption text')).toHaveTextContent(
        'route 172.17.0.0/16 dev eth0 (on-link)',
      );
    }
    expect(packets()).toHaveAttribute('data-packet-state', 'paused');
  });

  it('single steps visit exactly the hops of the trace, in order, in both panes, then step back', () => {
    const { store, svg, packets, link } = setup();
    act(() => store.getState().run('docker exec bridge ping -c 1 172.17.0.3'));
    const trace = store.getState().packets!.list.flatMap((p) => p.trace);
    const next = within(packets()).getByRole('button', { name: 'Next hop' });
    const expected: Record<string, string[]> = { kernel: [], user: [] };
    for (let i = 0; i < trace.length; i++) {
      for (const pane of ['kernel', 'user'] as const) {
        const cur = packets().querySelector('.hop-log [aria-current="step"]')!;
        expected[pane].push(cur.getAttribute(`data-${pane}-key`)!);
        expect(svg(pane).getAttribute('data-packet-visited')!.split(' ')).toEqual(expected[pane]);
      }
      if (i < trace.length - 1) fireEvent.click(next);
    }
    expect(next).toBeDisabled();
    expect(packets()).toHaveAttribute('data-packet-state', 'done');
    // The request ends delivered in c2's namespace, the reply in bridge's (derived from the topology).
    const ns1 = link('bridge', 'eth0').netns;
    expect(expected.kernel.at(-1)).toBe(ns1);
    expect(expected.user.filter((k) => k.startsWith('port:'))).toContain(`port:${link('bridge', 'eth0').peer}`);
    fireEvent.click(within(packets()).getByRole('button', { name: 'Previous hop' }));
    for (const pane of ['kernel', 'user'])
      expect(svg(pane).getAttribute('data-packet-visited')!.split(' ')).toHaveLength(trace.length - 1);
  });

  it('the Ping form types the command into the terminal and runs it', () => {
    const { packets } = setup();
    const form = within(packets()).getByRole('form', { name: 'Ping' });
    fireEvent.change(within(form).getByLabelText('Ping from'), { target: { value: 'host' } });
    fireEvent.change(within(form).getByLabelText('Ping to'), { target: { value: 'outside:8.8.8.8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ping' }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent('root@docker-host:~# ping -c 1 8.8.8.8');
    expect(screen.getByTestId('terminal-text')).toHaveTextContent('64 bytes from 8.8.8.8: icmp_seq=1 ttl=');
    expect(within(packets()).getAllByRole('listitem')[0]).toHaveTextContent('ICMP echo request');
  });

  it('the diagram menu detaches a port (typing ip link set … nomaster); the next ping shows the drop and why in both panes', () => {
    const { store, svg, el, packets, link } = setup();
    const veth = link('bridge', 'eth0').peer!;
    const name = store.getState().world.kernel.links[veth].name;
    fireEvent.contextMenu(el('user', `port:${veth}`));
    const menu = screen.getByRole('menu');
    fireEvent.click(within(menu).getByRole('menuitem', { name: new RegExp(`Detach ${name} from docker0`) }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent(`root@docker-host:~# ip link set ${name} nomaster`);
    expect(store.getState().world.kernel.links[veth].master).toBeUndefined();

    act(() => store.getState().run('docker exec bridge ping -c 1 172.17.0.3'));
    expect(within(packets()).getAllByRole('listitem')[0]).toHaveTextContent('no ARP answer');
    const trace = store.getState().packets!.list[0].trace;
    const dropAt = trace.findIndex((h) => h.kind === 'drop');
    act(() => store.getState().packetGo(0, dropAt));
    const eth0 = link('bridge', 'eth0').id;
    for (const pane of ['kernel', 'user']) {
      expect(svg(pane)).toHaveAttribute('data-packet-drop', 'true');
      expect(el(pane, eth0)).toHaveClass('is-hop-drop');
      expect(svg(pane).querySelector('.packet-caption')).toHaveTextContent(
        '✕ dropped: ARP: nobody answers for 172.17.0.3 on eth0',
      );
    }
  });

  it('the diagram menu opens from the keyboard too (Shift+F10), and Escape closes it', () => {
    const { el, link } = setup();
    const veth = link('bridge', 'eth0').peer!;
    fireEvent.keyDown(el('kernel', veth), { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: /^Set down/ })).toHaveFocus();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('the inspector offers the fault injections of the selected element', () => {
    const { store } = setup();
    const c = Object.values(store.getState().world.docker.containers).find((x) => x.name === 'bridge')!;
    act(() => store.getState().select(`ctr:${c.id}`));
    const insp = screen.getByRole('region', { name: 'Inspector' });
    fireEvent.click(within(insp).getByRole('button', { name: 'Delete default route' }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent(
      'root@docker-host:~# docker exec --privileged bridge ip route del default',
    );
    act(() => store.getState().select(INIT_NET));
    fireEvent.click(within(insp).getByRole('button', { name: 'Flush the NAT rule' }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent('root@docker-host:~# iptables -t nat -F POSTROUTING');
  });
});
