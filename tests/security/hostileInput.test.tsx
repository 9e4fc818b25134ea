// Security: markup and script typed as names, command lines and terminal text are shown as typed
// and never interpreted. The whole app renders (jsdom) a world built from hostile lines; no
// element may come from them, no event-handler attribute may appear, and alert is never called.
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store';
import { App } from '../../src/ui/App';

export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '<b>x',
];

const LINES = [
  // Refused by Docker (names.go): the refusal quotes the name back.
  `docker run -d --name '${HOSTILE[0]}' busybox`,
  // Accepted: a hostname, a netns name, link names and plain echoed text.
  `docker run -d --name c1 --hostname '${HOSTILE[2]}' hwchiu/netutils`,
  `ip netns add '${HOSTILE[2]}'`,
  `ip link add '${HOSTILE[4]}' type bridge`,
  `ip link add 'a"><svg' type veth peer name '<i>y'`,
  `echo '${HOSTILE[1]}'`,
  `echo "${HOSTILE[3]}"`,
  `${HOSTILE[0]}`,
];

/** Tags that could only have come from the hostile text. */
const FOREIGN = 'img, script, iframe, object, embed, b, i, [src], [href^="javascript"]';

describe('hostile input in the app', () => {
  const alert = vi.fn();
  beforeEach(() => {
    vi.stubGlobal('alert', alert);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    alert.mockReset();
  });

  it('shows names, command lines and output as typed text, and interprets none of it', () => {
    const store = createAppStore({ lines: LINES });
    const { container } = render(<App store={store} />);
    // The lines really did what they say (so the panes hold the hostile names).
    const w = store.getState().world;
    expect(Object.keys(w.kernel.netns).length).toBeGreaterThan(1);
    expect(Object.values(w.kernel.links).map((l) => l.name)).toEqual(
      expect.arrayContaining(['<b>x', 'a"><svg', '<i>y']),
    );

    expect(container.querySelectorAll(FOREIGN)).toHaveLength(0);
    const handlers = [...container.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
    );
    expect(handlers).toEqual([]);
    expect(alert).not.toHaveBeenCalled();

    // The terminal's text shows every line and every output exactly as typed.
    const term = screen.getByTestId('terminal-text').textContent ?? '';
    for (const line of LINES) expect(term).toContain(line);
    expect(term).toContain(`Invalid container name (${HOSTILE[0]})`);
    expect(term).toContain(`${HOSTILE[1]}\n`);
    expect(term).toContain(`${HOSTILE[3]}\n`);
    // bash reads the raw markup as a redirection, then stumbles on the parenthesis.
    expect(term).toContain("bash: syntax error near unexpected token `('");

    // The kernel pane names the interfaces as typed (as text or accessible names, never markup).
    const kernel = container.querySelector('[data-pane="kernel"]') as HTMLElement;
    const said =
      kernel.textContent +
      [...kernel.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join('\n');
    expect(said).toContain('<b>x');
  });
});
