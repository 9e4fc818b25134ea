// ui/embed/element.tsx — the <netns-lab> custom element, the entry of the library bundle
// (vite.lib.config.ts → lib/netns-lab.js). Each element has its own store and its own shadow root
// holding the styles, so several on one page neither share a world nor leak styles either way.
// Attributes: scenario (a share link/fragment, or command lines separated by newlines or `;`),
// panes, terminal, readonly, tour, step, theme, lang (see docs/embedding.md).
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { loadTools } from '../../store';
import { StoreProvider } from '../../store/react';
import appCss from '../app.css?inline';
import lessonCss from '../lesson.css?inline';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import embedCss from './embed.css?inline';
import { createEmbedStore } from './boot';
import { EmbedShell } from './EmbedShell';
import { readEmbedOptions, splitScenario } from './options';

/** The stylesheet of a shadow root: the app's rules, with the page root's variables on the host. */
function shadowCss(): string {
  return [appCss, lessonCss, xtermCss, embedCss].join('\n').replace(/:root\b/g, ':host');
}

/** A `scenario` value: a share link (a fragment, or a whole URL holding one), else command lines. */
function sourceOf(scenario: string | null): { hash?: string; lines?: string[] } {
  const text = (scenario ?? '').trim();
  const at = text.indexOf('#lab=');
  if (at >= 0) return { hash: text.slice(at) };
  if (text.startsWith('lab=')) return { hash: `#${text}` };
  return { lines: splitScenario(text) };
}

function reducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class NetnsLabElement extends HTMLElement {
  static observedAttributes = ['scenario', 'panes', 'terminal', 'readonly', 'tour', 'step', 'theme', 'lang'];
  private root: Root | null = null;
  private mount: HTMLDivElement | null = null;

  connectedCallback(): void {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!this.mount) {
      const style = document.createElement('style');
      style.textContent = shadowCss();
      this.mount = document.createElement('div');
      this.mount.style.height = '100%';
      shadow.append(style, this.mount);
    }
    this.render();
    // The shell's tools come after the element's first paint; its lines wait for them in the store.
    requestAnimationFrame(() => setTimeout(() => void loadTools().catch(() => undefined), 0));
  }

  disconnectedCallback(): void {
    this.root?.unmount();
    this.root = null;
  }

  attributeChangedCallback(): void {
    // A changed attribute starts the lab afresh from the attributes (a new store).
    if (this.root) this.render();
  }

  private render(): void {
    if (!this.mount) return;
    const options = readEmbedOptions((n) => this.getAttribute(n), true);
    const store = createEmbedStore(sourceOf(this.getAttribute('scenario')), options, reducedMotion());
    this.root?.unmount();
    this.root = createRoot(this.mount);
    this.root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <EmbedShell options={options} ownsDocument={false} />
        </StoreProvider>
      </StrictMode>,
    );
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('netns-lab')) {
  customElements.define('netns-lab', NetnsLabElement);
}
