// Component tests of the app (Testing Library, a fresh store each): the page layout, the mode bar
// typing its command into the terminal and both panes drawing the result, undo, and the step player.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { App } from '../../src/ui/App';

function setup() {
  const store = createAppStore();
  const utils = render(<App store={store} />);
  const kernel = () => utils.container.querySelector('[data-pane="kernel"]')!;
  const user = () => utils.container.querySelector('[data-pane="user"]')!;
  const live = (pane: Element, sel: string) => pane.querySelectorAll(`${sel}:not([data-leaving])`);
  return { store, ...utils, kernel, user, live };
}

describe('App', () => {
  it('shows the title, the kernel and user panes, and the terminal', () => {
    setup();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('netns-lab');
    expect(screen.getByRole('region', { name: 'Kernel view' })).toHaveAttribute('data-pane', 'kernel');
    expect(screen.getByRole('region', { name: 'User view' })).toHaveAttribute('data-pane', 'user');
    expect(screen.getByRole('region', { name: 'Terminal' })).toBeInTheDocument();
  });

  it('a mode button types its docker run line into the terminal and both panes draw the container', () => {
    const { kernel, user, live } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add bridge container' }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent(
      'root@docker-host:~# docker run --network=bridge -d --name bridge hwchiu/netutils',
    );
    for (const pane of [kernel(), user()]) {
      expect(live(pane, '[data-kind="container"]')).toHaveLength(1);
      expect(
        within(pane as HTMLElement).getByRole('img', { name: 'network namespace of container bridge' }),
      ).toHaveAttribute('data-kind', 'netns');
      expect(live(pane, '[data-kind="veth"]')).toHaveLength(1);
    }
    // The article's names, then numbered.
    fireEvent.click(screen.getByRole('button', { name: 'Add bridge container' }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent('--name bridge2 hwchiu/netutils');
    fireEvent.click(screen.getByRole('button', { name: 'Add container-mode container' }));
    expect(screen.getByTestId('terminal-text')).toHaveTextContent(
      'docker run --network=container:bridge -d --name co_container hwchiu/netutils',
    );
    expect(
      within(kernel() as HTMLElement).getByRole('img', {
        name: 'network namespace shared by containers bridge and co_container',
      }),
    ).toBeInTheDocument();
  });

  it('undo removes the last container from both panes and redo brings it back', () => {
    const { kernel, user, live } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add none container' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add host container' }));
    expect(live(kernel(), '[data-kind="container"]')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: /Undo/ }));
    expect(live(kernel(), '[data-kind="container"]')).toHaveLength(1);
    expect(live(user(), '[data-kind="container"]')).toHaveLength(1);
    fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(live(kernel(), '[data-kind="container"]')).toHaveLength(2);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(live(kernel(), '[data-kind="container"]')).toHaveLength(1);
  });

  it('the step player lists what Docker did and shows the state after each step', () => {
    const { kernel, live } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add bridge container' }));
    const player = screen.getByRole('region', { name: 'What Docker just did' });
    const items = within(player).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items[0]).toHaveTextContent(/^1/);
    expect(player).toHaveTextContent(/ip link add \S+ (\S+ \S+ )*type veth peer name \S+/);
    // Before step 1 there is no container namespace yet; after step 1 there is.
    fireEvent.click(within(player).getByRole('button', { name: 'First step' }));
    expect(live(kernel(), '[data-kind="netns"]')).toHaveLength(1);
    fireEvent.keyDown(player, { key: 'ArrowRight' });
    expect(live(kernel(), '[data-kind="netns"]')).toHaveLength(2);
    expect(live(kernel(), '[data-kind="veth"]')).toHaveLength(0);
    fireEvent.click(within(player).getByRole('button', { name: 'back to now' }));
    expect(live(kernel(), '[data-kind="veth"]')).toHaveLength(1);
  });

  it('selecting an element opens the inspector with its command and output, and hovering highlights its twin', () => {
    const { kernel, user } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add bridge container' }));
    const eth0 = within(kernel() as HTMLElement).getByRole('img', { name: /^interface eth0 \(172\.17\.0\.2\/16\)/ });
    act(() => {
      eth0.dispatchEvent(new MouseEvent('mouseenter'));
    });
    const key = eth0.getAttribute('data-key')!;
    expect(user().querySelector(`[data-key="${key}"]`)).toHaveClass('is-hl');
    act(() => {
      eth0.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    const insp = screen.getByRole('region', { name: 'Inspector' });
    expect(insp).toHaveTextContent('docker exec bridge ip addr show dev eth0');
    expect(insp).toHaveTextContent('inet 172.17.0.2/16');
    expect(within(insp).getByRole('button', { name: 'Set down' })).toBeInTheDocument();
  });
});
