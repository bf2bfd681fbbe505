import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is not
// available here. The flags keep Chromium from reaching for the network at start.
const chromiumPath = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron\/.*/,
      use: {
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    {
      // Runs the real Electron app where its binary exists; skipped (with the reason) elsewhere.
      name: 'electron',
      testMatch: /electron\/.*\.spec\.ts/,
    },
  ],
})
