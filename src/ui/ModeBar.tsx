// ui/ModeBar.tsx — the four "add a container" buttons. Each builds the `docker run` line the
// article uses and runs it through the store exactly as if typed (it shows in the terminal).
// Names follow the article (none, host, bridge, co_container), then get a number.
import { useState } from 'react';
import { containersOf } from '../view/scene';
import { useApp, useAppStoreApi } from '../store/react';

const IMAGE = 'hwchiu/netutils';

/** The first free name: `base`, then `base2`, `base3` … */
export function freeName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** The `docker run` line a mode button types. */
export function runLineFor(
  mode: 'none' | 'host' | 'bridge' | 'container',
  taken: ReadonlySet<string>,
  target?: string,
): string {
  const base = mode === 'container' ? 'co_container' : mode;
  const net = mode === 'container' ? `container:${target}` : mode;
  return `docker run --network=${net} -d --name ${freeName(taken, base)} ${IMAGE}`;
}

export function ModeBar() {
  const api = useAppStoreApi();
  const world = useApp((s) => s.world);
  const containers = containersOf(world);
  const taken = new Set(containers.map((c) => c.name));
  // container: mode needs a running container that has its own namespace to join.
  const targets = containers.filter((c) => c.running && c.mode !== 'container');
  const [chosen, setChosen] = useState<string>('');
  const target =
    targets.find((c) => c.name === chosen)?.name ?? targets.find((c) => c.mode === 'bridge')?.name ?? targets[0]?.name;
  const run = (line: string) => api.getState().run(line, { echo: true });

  return (
    <nav className="modebar" aria-label="Add a container">
      <button
        type="button"
        className="mode mode-none"
        aria-label="Add none container"
        onClick={() => run(runLineFor('none', taken))}
      >
        + none
      </button>
      <button
        type="button"
        className="mode mode-host"
        aria-label="Add host container"
        onClick={() => run(runLineFor('host', taken))}
      >
        + host
      </button>
      <button
        type="button"
        className="mode mode-bridge"
        aria-label="Add bridge container"
        onClick={() => run(runLineFor('bridge', taken))}
      >
        + bridge
      </button>
      <span className="mode-group">
        <button
          type="button"
          className="mode mode-container"
          aria-label="Add container-mode container"
          disabled={!target}
          title={target ? `joins the network of ${target}` : 'start a container first'}
          onClick={() => target && run(runLineFor('container', taken, target))}
        >
          + container:
        </button>
        <select
          aria-label="Container to share the network of"
          value={target ?? ''}
          disabled={!target}
          onChange={(e) => setChosen(e.target.value)}
        >
          {targets.length === 0 && <option value="">(none running)</option>}
          {targets.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </span>
    </nav>
  );
}
