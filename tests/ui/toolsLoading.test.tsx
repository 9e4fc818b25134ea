// Component test of the app while the shell's tools are still loading (the browser fetches them
// after the first paint): the boot world is drawn, a short "Loading tools…" status shows, a mode
// button's line waits instead of failing, the tour's Run is disabled, and it runs (and the status goes) once they arrive.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAppStore, type ToolsGate } from '../../src/store';
import { App } from '../../src/ui/App';

describe('App before the tools are loaded', () => {
  it('draws the host, says it is loading, and runs a waiting line once the tools are there', async () => {
    let ready = false;
    let finish = () => {};
    const loaded = new Promise<void>((resolve) => {
      finish = () => {
        ready = true;
        resolve();
      };
    });
    const gate: ToolsGate = { loaded: () => ready, load: () => loaded, ready: () => loaded };
    const store = createAppStore({ tools: gate });
    const { container } = render(<App store={store} />);
    expect(screen.getByTestId('tools-loading')).toHaveTextContent('Loading tools…');
    expect(screen.getByTestId('tools-loading')).toHaveAttribute('role', 'status');
    // The boot world's diagram is there already: the host's namespace in the kernel view.
    expect(container.querySelector('[data-pane="kernel"] [data-key="netns:0"]')).not.toBeNull();

    // The tour reads each line's result as it runs: its Run waits for the tools.
    const runStep = container.querySelector<HTMLButtonElement>('.lesson-run')!;
    expect(runStep).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Add bridge container' }));
    expect(store.getState().pending).toHaveLength(1);
    expect(screen.getByTestId('terminal-text')).not.toHaveTextContent('command not found');

    await act(async () => {
      finish();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.queryByTestId('tools-loading')).toBeNull();
    expect(runStep).toBeEnabled();
    expect(store.getState().entries).toHaveLength(1);
    expect(screen.getByTestId('terminal-text')).toHaveTextContent(
      'root@docker-host:~# docker run --network=bridge -d --name bridge hwchiu/netutils',
    );
  });
});
