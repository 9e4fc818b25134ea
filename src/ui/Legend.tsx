// ui/Legend.tsx — what the colours and line styles of both panes mean. Nothing is told by colour
// alone: every namespace also carries its name in its label, and the three kinds of line differ
// in pattern (solid, dotted, dashed), as the legend says in words.
import { useT } from './i18n';

export function Legend() {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('legend.label')}>
      <li>
        <span className="sw tone-0" aria-hidden="true" /> {t('legend.host')}
      </li>
      <li>
        <span className="sw tone-1" aria-hidden="true" />
        <span className="sw tone-2" aria-hidden="true" />
        <span className="sw tone-3" aria-hidden="true" /> {t('legend.tones')}
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-veth" />
        </svg>{' '}
        {t('legend.veth')}
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-port" />
        </svg>{' '}
        {t('legend.port')}
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-tether" />
        </svg>{' '}
        {t('legend.tether')}
      </li>
      <li>
        <span className="sw sw-dim" aria-hidden="true" /> {t('legend.dim')}
      </li>
    </ul>
  );
}
