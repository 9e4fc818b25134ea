// ui/ModeBar.tsx — the four "add a container" buttons. Each builds the `docker run` line the
// article uses and runs it through the store exactly as if typed (it shows in the terminal).
// Names follow the article (none, host, bridge, co_container), then get a number. Beside them, the
// presets (a pod, the CNI bridge plugin's plumbing) type their lines the same way, and the
// "NAT & filter" view option shows the netfilter hooks in the kernel view.
import { useState } from 'react';
import { presetApplied, PRESETS } from '../scenario/presets';
import { containersOf } from '../view/scene';
import { useApp, useAppStoreApi } from '../store/react';
import { useT } from './i18n';
import { useRovingToolbar } from './rovingToolbar';

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
  const t = useT();
  const natOverlay = useApp((s) => s.natOverlay);
  // One Tab stop for the whole bar; ← → Home End move between its controls (ARIA toolbar).
  const { ref: barRef, onKeyDown: onBarKeyDown } = useRovingToolbar<HTMLDivElement>();

  return (
    <div ref={barRef} onKeyDown={onBarKeyDown} className="modebar" role="toolbar" aria-label={t('modebar.label')}>
      <button
        type="button"
        className="mode mode-none"
        aria-label={t('modebar.none')}
        onClick={() => run(runLineFor('none', taken))}
      >
        + none
      </button>
      <button
        type="button"
        className="mode mode-host"
        aria-label={t('modebar.host')}
        onClick={() => run(runLineFor('host', taken))}
      >
        + host
      </button>
      <button
        type="button"
        className="mode mode-bridge"
        aria-label={t('modebar.bridge')}
        onClick={() => run(runLineFor('bridge', taken))}
      >
        + bridge
      </button>
      <span className="mode-group">
        <button
          type="button"
          className="mode mode-container"
          aria-label={t('modebar.container')}
          disabled={!target}
          title={target ? t('modebar.joins', { name: target }) : t('modebar.startFirst')}
          onClick={() => target && run(runLineFor('container', taken, target))}
        >
          + container:
        </button>
        <select
          aria-label={t('modebar.target')}
          value={target ?? ''}
          disabled={!target}
          onChange={(e) => setChosen(e.target.value)}
        >
          {targets.length === 0 && <option value="">{t('modebar.noneRunning')}</option>}
          {targets.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </span>
      <span className="mode-group presets" role="group" aria-label={t('preset.group')}>
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className={`mode preset preset-${p.id}`}
            title={t(presetApplied(p, world) ? 'preset.applied' : `preset.${p.id}.title`)}
            disabled={presetApplied(p, world)}
            data-preset={p.id}
            // A preset is its command lines, typed one after the other as if by hand.
            onClick={() => p.lines.forEach(run)}
          >
            {t(`preset.${p.id}.name`)}
          </button>
        ))}
      </span>
      <label className="view-option" title={t('view.natTitle')}>
        <input type="checkbox" checked={natOverlay} onChange={(e) => api.getState().setNatOverlay(e.target.checked)} />{' '}
        {t('view.nat')}
      </label>
    </div>
  );
}
