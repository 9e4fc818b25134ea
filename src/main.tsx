// main.tsx — the browser entry: mounts the React app into #root.
// Must not hold application logic; everything starts from <App />.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('netns-lab: #root element missing from index.html');

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
