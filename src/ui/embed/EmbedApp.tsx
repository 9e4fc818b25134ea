// ui/embed/EmbedApp.tsx — the iframe embed (`?embed=1`) as one lazily loaded piece: it builds the
// embed's own store from the page's fragment and options and renders the chrome-less shell, so
// the full app's first paint carries none of it.
import { useState } from 'react';
import { StoreProvider } from '../../store/react';
import { createEmbedStore } from './boot';
import { EmbedShell } from './EmbedShell';
import { parseEmbedQuery } from './options';

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function EmbedApp() {
  const [options] = useState(() => parseEmbedQuery(window.location.search));
  const [store] = useState(() => createEmbedStore({ hash: window.location.hash }, options, prefersReducedMotion()));
  return (
    <StoreProvider store={store}>
      <EmbedShell options={options} ownsDocument />
    </StoreProvider>
  );
}
