// ui/App.tsx — placeholder page: the title, the two empty diagram panes and the terminal area.
// Replaced by the real app shell later; must not reach into kernel/docker/shell directly.
import type { CSSProperties } from 'react';

const layout: CSSProperties = {
  display: 'grid',
  gridTemplateRows: 'auto 1fr 14rem',
  gridTemplateColumns: '1fr 1fr',
  gap: '0.75rem',
  height: '100vh',
  margin: 0,
  padding: '0.75rem',
  boxSizing: 'border-box',
  fontFamily: 'system-ui, sans-serif',
  background: '#f7f9fc',
  color: '#1a202c',
};

const pane: CSSProperties = {
  border: '1px solid #cbd5e0',
  borderRadius: 6,
  background: '#ffffff',
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
};

const paneTitle: CSSProperties = {
  margin: 0,
  padding: '0.4rem 0.6rem',
  fontSize: '0.95rem',
  borderBottom: '1px solid #e2e8f0',
};

/** The top-level component of netns-lab. */
export function App() {
  return (
    <main style={layout}>
      <header style={{ gridColumn: '1 / -1' }}>
        <h1 style={{ margin: 0, fontSize: '1.3rem' }}>netns-lab</h1>
      </header>
      <section data-pane="kernel" aria-labelledby="pane-kernel-title" style={pane}>
        <h2 id="pane-kernel-title" style={paneTitle}>
          Kernel view
        </h2>
      </section>
      <section data-pane="user" aria-labelledby="pane-user-title" style={pane}>
        <h2 id="pane-user-title" style={paneTitle}>
          User view
        </h2>
      </section>
      <section
        data-pane="terminal"
        aria-label="Terminal"
        style={{ ...pane, gridColumn: '1 / -1', background: '#1a202c' }}
      />
    </main>
  );
}
