// vite.lib.config.ts — the library bundle: the <netns-lab> custom element as one ES module,
// lib/netns-lab.js inside the site's build directory, styles inside each element's shadow root.
// Run after the site build (it writes only its own lib/ folder): `vite build --config vite.lib.config.ts`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The bundle runs inside other sites' pages: no process.env lookups left in React.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    // The whole app with xterm in one module is about 1 MB; that is expected here.
    chunkSizeWarningLimit: 1500,
    copyPublicDir: false,
    lib: {
      entry: 'src/ui/embed/element.tsx',
      formats: ['es'],
      fileName: () => 'netns-lab.js',
    },
    rollupOptions: {
      // One file: the lazy parts (xterm, the second language, dialogs) go inside it.
      output: { codeSplitting: false, minify: true },
    },
  },
});
