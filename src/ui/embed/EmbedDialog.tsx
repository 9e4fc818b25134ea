// ui/embed/EmbedDialog.tsx — the "Embed" dialog of the Share menu: ready-to-copy snippets for an
// iframe and for the <netns-lab> element, made from the current state (its share link) and the
// options picked here. The snippets are shown as text in read-only fields, never as HTML.
import { useState } from 'react';
import { encodeShare, type SharePanes } from '../../scenario/share';
import type { AppState } from '../../store';
import { useApp } from '../../store/react';
import { useT } from '../i18n';
import { useModal } from '../useModal';
import { fullLabOf } from './boot';
import { embedQuery } from './options';

export interface SnippetOptions {
  panes: SharePanes;
  terminal: boolean;
  readonly: boolean;
  tour: boolean;
}

/** Escapes text for a double-quoted HTML attribute. */
function attr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The two snippets for a state; `base` is the site's address (ending in `/`). */
export function embedSnippets(s: AppState, o: SnippetOptions, base: string): { iframe: string; element: string } {
  const lab = fullLabOf(s);
  if (!o.tour) delete lab.tour;
  const hash = encodeShare(lab);
  const query = embedQuery({
    panes: o.panes,
    terminal: o.terminal,
    readonly: o.readonly,
    theme: s.theme,
    lang: s.lang,
    tour: o.tour ? (lab.tour ?? null) : null,
  });
  const iframe =
    `<iframe src="${attr(`${base}${query}${hash}`)}" title="netns-lab" ` +
    `width="100%" height="560" style="border:0" loading="lazy"></iframe>`;
  const attrs = [
    `scenario="${attr(hash)}"`,
    `panes="${o.panes}"`,
    `terminal="${o.terminal ? '1' : '0'}"`,
    `lang="${s.lang}"`,
    `theme="${s.theme}"`,
  ];
  if (o.readonly) attrs.push('readonly="1"');
  const element =
    `<script type="module" src="${attr(`${base}lib/netns-lab.js`)}"></script>\n` +
    `<netns-lab ${attrs.join(' ')}></netns-lab>`;
  return { iframe, element };
}

function siteBase(): string {
  // The page's folder (href, not origin + path: a file:// page's origin is "null").
  return window.location.href.split(/[?#]/)[0].replace(/[^/]*$/, '');
}

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const state = useApp((s) => s);
  const [o, setO] = useState<SnippetOptions>({ panes: 'both', terminal: true, readonly: false, tour: false });
  const [copied, setCopied] = useState('');
  const { ref, onKey } = useModal(onClose);
  const snippets = embedSnippets(state, o, siteBase());

  const copy = async (which: 'iframe' | 'element') => {
    try {
      await navigator.clipboard.writeText(snippets[which]);
      setCopied(which);
    } catch {
      setCopied('');
    }
  };

  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div
        ref={ref}
        className="shortcuts embed-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="embed-title"
        onKeyDown={onKey}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="shortcuts-head">
          <h2 id="embed-title">{t('embed.title')}</h2>
          <button type="button" onClick={onClose}>
            {t('embed.close')}
          </button>
        </div>
        <p>{t('embed.help')}</p>
        <fieldset>
          <label>
            {t('embed.panes')}{' '}
            <select value={o.panes} onChange={(e) => setO({ ...o, panes: e.target.value as SharePanes })}>
              <option value="both">{t('embed.panesBoth')}</option>
              <option value="kernel">{t('app.kernelView')}</option>
              <option value="user">{t('app.userView')}</option>
            </select>
          </label>{' '}
          <label>
            <input type="checkbox" checked={o.terminal} onChange={(e) => setO({ ...o, terminal: e.target.checked })} />{' '}
            {t('embed.terminal')}
          </label>{' '}
          <label>
            <input type="checkbox" checked={o.readonly} onChange={(e) => setO({ ...o, readonly: e.target.checked })} />{' '}
            {t('embed.readonly')}
          </label>{' '}
          <label>
            <input type="checkbox" checked={o.tour} onChange={(e) => setO({ ...o, tour: e.target.checked })} />{' '}
            {t('embed.tour')}
          </label>
        </fieldset>
        {(['iframe', 'element'] as const).map((which) => (
          <div key={which}>
            <label>
              {t(which === 'iframe' ? 'embed.iframe' : 'embed.element')}
              <textarea
                readOnly
                rows={which === 'iframe' ? 3 : 4}
                value={snippets[which]}
                data-testid={`embed-${which}`}
                onFocus={(e) => e.target.select()}
                style={{ width: '100%', fontFamily: 'monospace' }}
              />
            </label>
            <button type="button" onClick={() => void copy(which)}>
              {t('embed.copy')}
            </button>{' '}
            <span aria-live="polite">{copied === which ? t('embed.copied') : ''}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
