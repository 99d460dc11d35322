// Playwright Test for the end-to-end suite: the release build in dist/,
// served on 127.0.0.1 by our own test server (server.mjs, started by the
// `server` fixture in fixtures.mjs because it injects faults and counts
// requests), driven in Debian's Chromium. Nothing here downloads a browser.
//
// Run: `make test-e2e` (builds first), or after a build:
//   npx playwright test -c tests/e2e
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** What a failed test leaves behind: a trace, a screenshot and the page's log. */
export const RESULTS_DIR = 'test-results/e2e';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: `../../${RESULTS_DIR}`,
  // One worker: the scale tests load 10,000 articles, and two browsers at
  // once on a 2-core CI machine only make each slower. No test asserts a
  // duration (that is `make bench`'s), so a busy machine cannot fail one.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM,
      // This machine reaches only package registries: keep Chromium from
      // trying anything else at start-up.
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      chromiumSandbox: false,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
