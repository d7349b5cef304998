/**
 * How the tests launch Chromium: the Playwright config (end-to-end suite) and the renderer
 * benchmark use the same browser with the same flags.
 */
import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

/**
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH if set, else Debian's /usr/bin/chromium where it exists (these
 * machines cannot download Playwright's browser), else Playwright's own managed browser.
 *
 * Why these flags: these machines run as root, where Chromium will not start inside its sandbox
 * (--no-sandbox), and cannot reach the hosts Chromium's background services call (networking in
 * the background, component updates, sync, QUIC, the first-run setup), so those are switched off
 * rather than left to fail and retry while the tests run; --disable-gpu keeps rendering in software.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath =
    process.env['PLAYWRIGHT_CHROMIUM_PATH'] ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  }
}
