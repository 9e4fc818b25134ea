// Component tests of the lesson panel and presenter keys (a fresh store each): the steps and
// progress, "Run this step" sending each line through the terminal, a prediction checked against
// the model's result and scored, undo and reset bringing the tour step back, the language
// switch with <html lang>, and presenter mode's keys.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../src/scenario/tour';
import { createAppStore } from '../../src/store';
import { App } from '../../src/ui/App';

function setup(opts: Parameters<typeof createAppStore>[0] = {}) {
  const store = createAppStore(opts);
  const utils = render(<App store={store} />);
  const panel = () => screen.getByRole('region', { name: /Guided tour|導覽/ });
  return { store, ...utils, panel };
}

const stepIndex = (id: string) => TOUR.findIndex((s) => s.id === id);

describe('LessonPanel', () => {
  it('shows the first step, its progress and its commands, and moves with next and previous', () => {
    const { store, panel } = setup();
    expect(within(panel()).getByText(`Step 1 of ${TOUR.length}`)).toBeInTheDocument();
    expect(within(panel()).getByRole('button', { name: '← Previous' })).toBeDisabled();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Next →' }));
    expect(store.getState().tourStep).toBe(1);
    expect(within(panel()).getByText('docker run --network=none -d --name none hwchiu/netutils')).toBeInTheDocument();
    fireEvent.click(within(panel()).getByRole('button', { name: '← Previous' }));
    expect(store.getState().tourStep).toBe(0);
  });

  it('runs the step through the terminal, as typed lines', () => {
    const { panel } = setup();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Run this step' }));
    const text = screen.getByTestId('terminal-text').textContent ?? '';
    expect(text).toContain('root@docker-host:~# ip link');
    expect(text).toContain('root@docker-host:~# docker network ls');
    expect(within(panel()).getByRole('button', { name: 'Run this step' })).toBeDisabled();
  });

  it('checks a prediction against the model and keeps a score', () => {
    const { store, panel } = setup();
    act(() => store.getState().tourGo(stepIndex('none')));
    // A wrong prediction: the none container has no way out.
    fireEvent.click(within(panel()).getByRole('radio', { name: 'Yes, through the host' }));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Run this step' }));
    expect(store.getState().tourAnswers['none-reach']).toEqual({ picked: 'yes', actual: 'no' });
    expect(within(panel()).getByRole('status')).toHaveAttribute('data-verdict', 'wrong');
    expect(screen.getByTestId('tour-score')).toHaveTextContent('Score: 0 of 1');
    // The terminal shows ping's own failure.
    expect(screen.getByTestId('terminal-text')).toHaveTextContent('ping: connect: Network is unreachable');

    act(() => store.getState().tourGo(stepIndex('host')));
    fireEvent.click(within(panel()).getByRole('radio', { name: 'All of the host’s interfaces' }));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Run this step' }));
    expect(within(panel()).getByRole('status')).toHaveAttribute('data-verdict', 'right');
    expect(screen.getByTestId('tour-score')).toHaveTextContent('Score: 1 of 2');
  });

  it('highlights the step’s elements in both panes once it has run', () => {
    const { store, container, panel } = setup();
    act(() => store.getState().tourGo(stepIndex('none')));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Run this step' }));
    const id = Object.values(store.getState().world.docker.containers)[0].id;
    for (const pane of ['kernel', 'user']) {
      const el = container.querySelector(`[data-pane="${pane}"] [data-key="ctr:${id}"]`);
      expect(el).toHaveClass('is-hl');
    }
  });

  it('brings the tour step back on undo, and to the start on reset', () => {
    const { store, panel } = setup();
    act(() => store.getState().tourGo(stepIndex('none')));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Run this step' }));
    act(() => store.getState().tourGo(stepIndex('host')));
    act(() => store.getState().undo());
    // The undone line ran at the none step.
    expect(store.getState().tourStep).toBe(stepIndex('none'));
    expect(within(panel()).getByRole('button', { name: 'Run this step' })).toBeEnabled();
    act(() => store.getState().reset());
    expect(store.getState().tourStep).toBe(0);
    expect(store.getState().tourAnswers).toEqual({});
  });

  it('switches to Traditional Chinese, with <html lang>', async () => {
    const { store, panel } = setup();
    fireEvent.change(screen.getByTestId('lang-select'), { target: { value: 'zh-TW' } });
    expect(store.getState().lang).toBe('zh-TW');
    expect(document.documentElement.lang).toBe('zh-TW');
    // The Chinese catalogue loads on first use.
    expect(await within(panel()).findByRole('button', { name: '執行這一步' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '核心視角' })).toBeInTheDocument();
  });

  it('credits and links the article', () => {
    const { panel } = setup();
    expect(within(panel()).getByRole('link', { name: 'Docker network model' })).toHaveAttribute(
      'href',
      'https://www.hwchiu.com/docker-network-model.html',
    );
  });
});

describe('presenter mode', () => {
  const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }));

  it('answers → ← Space U R + − ? and Esc', async () => {
    // jsdom cannot interpolate SVG transforms (no baseVal): the panes must not animate here.
    const { store, container } = setup({ reducedMotion: true });
    fireEvent.click(screen.getByRole('button', { name: 'Presenter mode' }));
    expect(container.querySelector('main')).toHaveClass('is-presenter');
    // Presenter mode's keys load with it, on first use. The lazy chunk's commit may leave its
    // effects (the key listener) pending; an empty act flushes them before the first key.
    await screen.findByRole('button', { name: 'Leave presenter mode' });
    await act(async () => {});
    key('ArrowRight');
    expect(store.getState().tourStep).toBe(1);
    key(' ');
    expect(store.getState().entries.map((e) => e.line)[0]).toBe(TOUR[1].lines[0].line);
    key('u');
    expect(store.getState().index).toBe(0);
    key('ArrowLeft');
    expect(store.getState().tourStep).toBe(0);
    key('+');
    expect(store.getState().presenterZoom).toBeGreaterThan(1);
    key('-');
    key('-');
    expect(store.getState().presenterZoom).toBeLessThan(1);
    key('ArrowRight');
    key('r');
    expect(store.getState().tourStep).toBe(0);
    key('?');
    expect(screen.getByRole('dialog', { name: 'Presenter keys' })).toBeInTheDocument();
    key('Escape');
    expect(screen.queryByRole('dialog', { name: 'Presenter keys' })).toBeNull();
    key('Escape');
    expect(container.querySelector('main')).not.toHaveClass('is-presenter');
    // Outside presenter mode the arrows are not the tour's.
    key('ArrowRight');
    expect(store.getState().tourStep).toBe(0);
  });
});
