import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/**
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH if set, else Debian's /usr/bin/chromium where it exists (these
 * machines cannot download Playwright's browser), else Playwright's own managed browser.
 */
const chromiumPath =
  process.env['PLAYWRIGHT_CHROMIUM_PATH'] ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: process.env['CI'] ? 1 : 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1200, height: 780 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
})
