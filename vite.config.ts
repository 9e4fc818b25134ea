// vite.config.ts — build, dev server and Vitest projects for netns-lab.
// The built site is static files that must work from any path (base './'), with no server.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const CONFORMANCE_TIMEOUT_MS = 5 * 60_000;
// A guard against hangs, not a time budget (tests never time anything): on a loaded 2-core
// machine a test that parses every source file can take longer than Vitest's default 5 s.
const TEST_TIMEOUT_MS = 60_000;

export default defineConfig({
  base: './',
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: { outDir: 'dist', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          testTimeout: TEST_TIMEOUT_MS,
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/conformance/**', 'tests/e2e/**', 'node_modules/**'],
          setupFiles: ['tests/setup/tools.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          testTimeout: TEST_TIMEOUT_MS,
          include: ['tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          setupFiles: ['tests/setup/tools.ts', 'tests/setup/component.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          environment: 'node',
          include: ['tests/conformance/**/*.test.ts'],
          setupFiles: ['tests/setup/tools.ts'],
          testTimeout: CONFORMANCE_TIMEOUT_MS,
          hookTimeout: CONFORMANCE_TIMEOUT_MS,
          fileParallelism: false,
        },
      },
    ],
  },
});
