// ui/PacketPlayer.tsx — packets in the app: a "Ping" action (from/to pickers; it types the real
// command into the terminal), and the player of the packets the last command sent: play/pause,
// speed, a hop back or forward, the list of packets with their outcome and the current packet's
// hops. Both panes read the same position from the store, so their dots move in step.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PACKET_SPEEDS, pingEndpoints, pingLine, selectPacketFrame } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { isMessageKey, useT } from './i18n';

/** Time one hop takes at a speed (the dot moves during most of it). */
export function packetHopMs(speed: number): number {
  return Math.round(900 / (speed > 0 ? speed : 1));
}

function PingForm() {
  const api = useAppStoreApi();
  const world = useApp((s) => s.world);
  const stepping = useApp((s) => s.step !== null);
  const { sources, targets } = useMemo(() => pingEndpoints(world), [world]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const t = useT();
  const src = sources.find((e) => e.id === from) ?? sources.find((e) => e.kind === 'container') ?? sources[0];
  // By default, another container than the source, else the outside world.
  const dst =
    targets.find((e) => e.id === to) ??
    targets.find((e) => e.kind === 'container' && e.id !== src.id) ??
    targets.find((e) => e.kind === 'outside')!;
  return (
    <form
      className="ping-form"
      aria-label={t('packets.ping')}
      onSubmit={(e) => {
        e.preventDefault();
        api.getState().run(pingLine(world, src, dst), { echo: true });
      }}
    >
      <label>
        {t('packets.from')}{' '}
        <select aria-label={t('packets.pingFrom')} value={src.id} onChange={(e) => setFrom(e.target.value)}>
          {sources.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('packets.to')}{' '}
        <select aria-label={t('packets.pingTo')} value={dst.id} onChange={(e) => setTo(e.target.value)}>
          {targets.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={stepping} title={pingLine(world, src, dst)}>
        {t('packets.ping')}
      </button>
    </form>
  );
}

export function PacketPlayer() {
  const t = useT();
  const outcomeText = (o: string) => {
    const key = `packets.outcome.${o}`;
    return isMessageKey(key) ? t(key) : o;
  };
  const api = useAppStoreApi();
  const run = useApp((s) => s.packets);
  const pos = useApp((s) => s.packetPos);
  const playing = useApp((s) => s.packetPlaying);
  const speed = useApp((s) => s.packetSpeed);
  const kernel = useApp((s) => selectPacketFrame(s, 'kernel'));
  const user = useApp((s) => selectPacketFrame(s, 'user'));
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    const apply = () => api.getState().setReducedMotion(mq.matches);
    apply();
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [api]);

  // The clock of the animation lives here, in the UI: the store only holds the position.
  useEffect(() => {
    if (!playing) return;
    const t = window.setTimeout(() => api.getState().packetStep(1), packetHopMs(speed));
    return () => window.clearTimeout(t);
  }, [api, playing, pos, speed, run]);

  // Keep the hop being shown in view in the (scrolling) hop list.
  useEffect(() => {
    const log = ref.current?.querySelector<HTMLElement>('.hop-log');
    const cur = log?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!log || !cur) return;
    // Scroll the list only, never the page (the learner may be looking at the diagrams).
    // The list is positioned (app.css), so offsetTop counts from its top.
    const top = cur.offsetTop;
    if (top < log.scrollTop) log.scrollTop = top;
    else if (top + cur.offsetHeight > log.scrollTop + log.clientHeight)
      log.scrollTop = top + cur.offsetHeight - log.clientHeight;
  }, [pos, run]);

  const list = run?.list ?? [];
  const current = list[pos.packet];
  const total = list.reduce((n, p) => n + p.trace.length, 0);
  const done = kernel ? kernel.global + 1 : 0;
  const atStart = done <= 1;
  const atEnd = done >= total;
  const state = !kernel ? 'idle' : playing ? 'playing' : atEnd ? 'done' : 'paused';

  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'SELECT') return;
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      api.getState().packetPlay(false);
      api.getState().packetStep(-1);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      api.getState().packetPlay(false);
      api.getState().packetStep(1);
    }
  };

  return (
    <section
      ref={ref}
      className="packets"
      aria-labelledby="packets-title"
      data-packet-state={state}
      onKeyDown={onKey}
      tabIndex={-1}
    >
      <h2 id="packets-title">{t('packets.title')}</h2>
      <div className="ping-row">
        <PingForm />
        <label className="packet-speed">
          {t('packets.speed')}{' '}
          <select
            aria-label={t('packets.speedLabel')}
            value={speed}
            onChange={(e) => api.getState().setPacketSpeed(Number(e.target.value))}
          >
            {PACKET_SPEEDS.map((x) => (
              <option key={x} value={x}>
                {x}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {!run ? (
        <p className="muted">{t('packets.help')}</p>
      ) : list.length === 0 ? (
        <p className="muted">
          {/* The command stays code; the sentence around it comes from the catalogue. */}
          {t('packets.none', { line: '\u0000' })
            .split('\u0000')
            .map((part, i) => (i === 0 ? part : [<code key="line">{run.line}</code>, part]))}
        </p>
      ) : (
        <>
          <div className="packet-controls" role="group" aria-label={t('packets.player')}>
            <button
              type="button"
              aria-label={t('packets.prevHop')}
              disabled={atStart}
              onClick={() => {
                api.getState().packetPlay(false);
                api.getState().packetStep(-1);
              }}
            >
              ←
            </button>
            <button
              type="button"
              className="primary"
              aria-label={playing ? t('packets.pause') : atEnd ? t('packets.replay') : t('packets.play')}
              onClick={() => api.getState().packetPlay(!playing)}
            >
              {playing ? '❚❚' : atEnd ? '↺' : '▶'}
            </button>
            <button
              type="button"
              aria-label={t('packets.nextHop')}
              disabled={atEnd}
              onClick={() => {
                api.getState().packetPlay(false);
                api.getState().packetStep(1);
              }}
            >
              →
            </button>
            <span className="packet-pos" aria-live="polite">
              {t('packets.pos', { done, total })}
            </span>
          </div>
          <ol className="packet-list" aria-label={t('packets.list')}>
            {list.map((p, i) => (
              <li
                key={i}
                className={`outcome-${p.outcome}${i === pos.packet ? ' is-current' : ''}`}
                aria-current={i === pos.packet ? 'true' : undefined}
              >
                <button type="button" onClick={() => api.getState().packetGo(i)} disabled={p.trace.length === 0}>
                  {p.label}
                </button>
                <span className="outcome">{outcomeText(p.outcome)}</span>
              </li>
            ))}
          </ol>
          {current && kernel && user && (
            <ol className="hop-log" aria-label={t('packets.hops', { packet: current.label })}>
              {current.trace.map((h, i) => (
                <li
                  key={i}
                  data-kernel-key={kernel.stops[i]?.key}
                  data-user-key={user.stops[i]?.key}
                  className={`hop-${h.kind}${i === pos.hop ? ' is-current' : i < pos.hop ? ' is-done' : ''}`}
                  aria-current={i === pos.hop ? 'step' : undefined}
                >
                  <button
                    type="button"
                    aria-label={t('packets.showHop', { n: i + 1 })}
                    onClick={() => api.getState().packetGo(pos.packet, i)}
                  >
                    {i + 1}
                  </button>
                  <span>{h.text}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
