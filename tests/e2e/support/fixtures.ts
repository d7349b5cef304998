/**
 * Playwright fixtures: `harness` (real main services + the served renderer) and `shot(name)`, which
 * saves a screenshot under test-results/screenshots/ for people to look at.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startHarness, type AppHarness } from './harness'

export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-results/screenshots')

export const test = base.extend<{
  harness: AppHarness
  shot: (name: string, page?: Page) => Promise<void>
  cspViolations: string[]
}>({
  harness: async ({}, use) => {
    const h = await startHarness()
    await use(h)
    await h.close()
  },
  cspViolations: async ({ page }, use) => {
    const seen: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(m.text())
    })
    await use(seen)
  },
  shot: async ({ page }, use) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await use(async (name, p = page) => {
      await p.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
    })
  },
})

export { expect }
