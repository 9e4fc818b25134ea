// The error boundary around each pane and panel: a pane that throws while rendering shows a
// message and "Reset view" in its place; the other panes, the terminal and the world live on,
// and Reset view clears selection, hover and step without touching the world or its history.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store';
import { App } from '../../src/ui/App';

const boom = vi.hoisted(() => ({ pane: null as string | null }));

vi.mock('../../src/ui/PaneView', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ui/PaneView')>();
  return {
    ...real,
    PaneView: (props: Parameters<typeof real.PaneView>[0]) => {
      if (boom.pane === props.pane) throw new Error('scene failed for <img src=x onerror=alert(1)>');
      return real.PaneView(props);
    },
  };
});

describe('ErrorBoundary', () => {
  beforeEach(() => {
    // React reports the caught error on the console; the boundary logs it too. Keep the output quiet.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    boom.pane = null;
    vi.restoreAllMocks();
  });

  it('fences a pane that throws: message and Reset view there, the rest of the app and the world intact', () => {
    const store = createAppStore({ lines: ['docker run -d --name c1 hwchiu/netutils'] });
    const world = store.getState().world;
    const entries = store.getState().entries;
    boom.pane = 'kernel';
    const { container } = render(<App store={store} />);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveAttribute('data-fence', 'Kernel view');
    expect(alert).toHaveTextContent('Kernel view could not be drawn.');
    // The error's text is shown as text, never parsed as markup.
    expect(alert).toHaveTextContent('scene failed for <img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    expect(within(alert).getByRole('button', { name: 'Reset view' })).toBeInTheDocument();

    // The other pane and the terminal still render; the world is the same value.
    expect(screen.getByRole('region', { name: 'User view' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Terminal' })).toBeInTheDocument();
    expect(store.getState().world).toBe(world);
    expect(store.getState().entries).toBe(entries);

    // Commands still run while the pane is fenced off.
    store.getState().run('ip netns add ns1');
    expect(store.getState().entries).toHaveLength(2);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('Reset view clears selection, hover and step, keeps the world, and draws the pane again', () => {
    const store = createAppStore({ lines: ['docker run -d --name c1 hwchiu/netutils'] });
    store.getState().select('ctr:c1');
    store.getState().hoverOn('ctr:c1');
    store.getState().stepTo(1);
    const world = store.getState().world;
    const entries = store.getState().entries;
    boom.pane = 'user';
    render(<App store={store} />);
    expect(screen.getByRole('alert')).toHaveAttribute('data-fence', 'User view');

    boom.pane = null;
    fireEvent.click(screen.getByRole('button', { name: 'Reset view' }));
    const s = store.getState();
    expect(s.selection).toBeNull();
    expect(s.hover).toBeNull();
    expect(s.step).toBeNull();
    expect(s.world).toBe(world);
    expect(s.entries).toBe(entries);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('region', { name: 'User view' })).toBeInTheDocument();
  });
});
