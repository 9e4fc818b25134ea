// playwright.config.ts — end-to-end tests against the built site (dist/, served by `vite preview`),
// driving Debian's Chromium at /usr/bin/chromium. Must never download a browser.
import { defineConfig, devices } from '@playwright/test';

// Several engineers may run the browser tests side by side on one machine: each can pick its own
// port and build directory (PW_PORT, PW_DIST, PW_OUT); CI uses the defaults.
const PORT = Number(process.env.PW_PORT ?? 4173);
const DIST = process.env.PW_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.PW_OUT ?? 'test-results',
  fullyParallel: false,
  // Guards against hangs, not time budgets: on a loaded 2-core machine a spec that runs axe
  // twice and replays presets can pass 30 s, and an assertion can wait longer than 5 s.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: process.env.CI ? 1 : 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['json', { outputFile: `${process.env.PW_OUT ?? 'test-results'}/playwright.json` }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
