// Component tests of the accessibility pieces (Testing Library, a fresh store each): the live
// region updates after a command, undo and reset; the text twin is an ARIA tree driven by the
// arrow keys whose Enter selects through the store; the shortcuts help opens and closes and lists
// presenter mode's keys; the mode bar and the toolbar are ARIA toolbars with a roving tabindex.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { App } from '../../src/ui/App';
import { t } from '../../src/ui/i18n';
import { PRESENTER_KEYS } from '../../src/ui/presenterKeys';
import { SHORTCUTS } from '../../src/ui/ShortcutsHelp';

function setup(lines: string[] = []) {
  const store = createAppStore({ lines });
  const utils = render(<App store={store} />);
  return { store, ...utils };
}

describe('the live region', () => {
  it('is polite and says what a command changed, then what undo and reset did', () => {
    const { store } = setup();
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('');
    fireEvent.click(screen.getByRole('button', { name: 'Add none container' }));
    expect(region).toHaveTextContent(
      'Container none started: Docker created network namespace 1 with only the loopback interface lo (none mode).',
    );
    act(() => store.getState().run('ip netns add blue'));
    expect(region).toHaveTextContent('Created network namespace blue.');
    act(() => store.getState().undo());
    expect(region).toHaveTextContent(
      'Undone: ip netns add blue. The host now has 2 network namespaces and 1 container (1 running).',
    );
    act(() => store.getState().reset());
    expect(region).toHaveTextContent('Fresh Docker host (profile classic). The host now has 1 network namespace');
  });

  it('stays as it was after a line that changes nothing', () => {
    const { store } = setup();
    act(() => store.getState().run('ip netns add blue'));
    act(() => store.getState().run('ip link show'));
    expect(screen.getByRole('status')).toHaveTextContent('Created network namespace blue.');
  });
});

describe('the text twin', () => {
  const tree = () => screen.getByRole('tree', { name: 'Diagram as text' });
  const focused = () => document.activeElement as HTMLElement;

  it('lists namespaces and containers and follows the world', () => {
    const { store } = setup();
    expect(within(tree()).getByRole('treeitem', { name: /^network namespaces: 1/ })).toBeInTheDocument();
    act(() => store.getState().run('docker run --network=bridge -d --name bridge hwchiu/netutils'));
    expect(
      within(tree()).getByRole('treeitem', { name: /^network namespace 1, 2 interfaces, container bridge/ }),
    ).toHaveAttribute('aria-level', '2');
  });

  it('moves with the arrow keys, opens and closes items, and Enter selects through the store', () => {
    const { store } = setup(['docker run --network=bridge -d --name bridge hwchiu/netutils']);
    const first = within(tree()).getAllByRole('treeitem')[0];
    expect(first).toHaveAttribute('tabindex', '0');
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(focused()).toHaveAccessibleName(/^host network namespace \(init_net\)/);
    fireEvent.keyDown(focused(), { key: 'ArrowLeft' });
    // An open item closes first; its interfaces leave the tree.
    expect(focused()).toHaveAttribute('aria-expanded', 'false');
    expect(within(tree()).queryByRole('treeitem', { name: /^ens5:/ })).toBeNull();
    fireEvent.keyDown(focused(), { key: 'ArrowRight' });
    expect(focused()).toHaveAttribute('aria-expanded', 'true');
    fireEvent.keyDown(focused(), { key: 'ArrowRight' });
    expect(focused()).toHaveAccessibleName(/^lo: loopback, up/);
    fireEvent.keyDown(focused(), { key: 'ArrowLeft' });
    expect(focused()).toHaveAccessibleName(/^host network namespace/);
    fireEvent.keyDown(focused(), { key: 'Enter' });
    expect(store.getState().selection).toBe('netns:0');
    expect(focused()).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('region', { name: 'Inspector' })).toHaveTextContent('host docker-host (init_net)');
    fireEvent.keyDown(focused(), { key: 'End' });
    expect(focused()).toHaveAccessibleName(/^container bridge: bridge mode, running, 172\.17\.0\.2\/16/);
    fireEvent.keyDown(focused(), { key: ' ' });
    expect(store.getState().selection).toMatch(/^ctr:/);
    fireEvent.keyDown(focused(), { key: 'Home' });
    expect(focused()).toBe(first);
  });

  it('highlights the focused item in the panes through hover, and stops on blur', () => {
    const { store } = setup(['docker run --network=none -d --name none hwchiu/netutils']);
    const ns1 = within(tree()).getByRole('treeitem', { name: /^network namespace 1,/ });
    act(() => ns1.focus());
    expect(store.getState().hover).toBe('netns:1');
    act(() => ns1.blur());
    expect(store.getState().hover).toBeNull();
  });
});

describe('the keyboard shortcuts help', () => {
  it('opens from the toolbar and with ?, lists every shortcut, and closes with Esc', async () => {
    setup();
    const button = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    fireEvent.click(button);
    // The dialog's code loads on first use.
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    for (const s of SHORTCUTS) expect(dialog).toHaveTextContent(t('en', s.what));
    // Presenter mode's keys are listed here too, not only in presenter mode's own list.
    const presenterKeys = within(screen.getByTestId('presenter-keys'));
    for (const k of PRESENTER_KEYS) {
      expect(presenterKeys.getByText(k.keys, { selector: 'kbd' })).toBeInTheDocument();
      expect(presenterKeys.getByText(t('en', k.what))).toBeInTheDocument();
    }
    expect(dialog).toHaveTextContent('Esc');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?' });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('turns the single-key shortcuts off on request', async () => {
    setup();
    fireEvent.keyDown(document.body, { key: '?' });
    fireEvent.click(await screen.findByRole('checkbox', { name: /single-key shortcuts/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(document.body, { key: '?' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does not fire while typing in a field', () => {
    setup();
    const select = screen.getByRole('combobox', { name: 'Theme' });
    fireEvent.keyDown(select, { key: '?' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the legend', () => {
  it('tells line kinds apart by pattern, in words', () => {
    setup();
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(legend).toHaveTextContent('solid line: veth pair');
    expect(legend).toHaveTextContent('dotted line: bridge port');
    expect(legend).toHaveTextContent('dashed line: container lives in');
  });
});

describe('toolbars with a roving tabindex', () => {
  for (const name of ['Add a container', 'History and settings']) {
    it(`${name}: one Tab stop, ← → Home End move between its controls`, () => {
      setup();
      const bar = screen.getByRole('toolbar', { name });
      const items = [...bar.querySelectorAll<HTMLElement>('button, select, input')].filter(
        (e) => !(e as HTMLButtonElement).disabled,
      );
      expect(items.length).toBeGreaterThan(2);
      // Exactly one control of the row is in the Tab order.
      const stops = () =>
        [...bar.querySelectorAll<HTMLElement>('button, select, input')].filter((e) => e.tabIndex === 0);
      expect(stops()).toEqual([items[0]]);
      items[0].focus();
      fireEvent.keyDown(items[0], { key: 'ArrowRight' });
      expect(document.activeElement).toBe(items[1]);
      expect(stops()).toEqual([items[1]]);
      fireEvent.keyDown(items[1], { key: 'End' });
      expect(document.activeElement).toBe(items[items.length - 1]);
      // ← from the first wraps to the last, → from the last wraps to the first.
      fireEvent.keyDown(items[items.length - 1], { key: 'ArrowRight' });
      expect(document.activeElement).toBe(items[0]);
      fireEvent.keyDown(items[0], { key: 'ArrowLeft' });
      expect(document.activeElement).toBe(items[items.length - 1]);
      fireEvent.keyDown(items[items.length - 1], { key: 'Home' });
      expect(document.activeElement).toBe(items[0]);
      expect(stops()).toEqual([items[0]]);
    });
  }
});
