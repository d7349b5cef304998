/**
 * The end-to-end harness: the real main-process services (same composition as Electron's main) run
 * in the Playwright worker; the built renderer runs in real Chromium; `window.dqops` is a bridge
 * whose functions route every call through Playwright's `exposeBinding` to the same dispatcher
 * `ipc.ts` uses, with the sender check fed the calling frame's URL.
 */
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { CHANNELS } from '../../../shared/channels'
import { composeMain, type ComposedMain, type ComposeOptions } from '../../support/main-services'
import { serveDirectory } from './static-server'

export const RENDERER_DIR = resolve(__dirname, '../../../out/renderer')

export interface AppHarness extends ComposedMain {
  rendererUrl: string
  /** Connects a page: installs the bridge, then opens the app at a route. */
  open(page: Page, hash?: string): Promise<void>
}

export type HarnessOptions = Omit<ComposeOptions, 'trustedUrl'>

export async function startHarness(options: HarnessOptions = {}): Promise<AppHarness> {
  const server = await serveDirectory(RENDERER_DIR)
  const main = await composeMain({ ...options, trustedUrl: server.url })
  return {
    ...main,
    rendererUrl: server.url,
    async open(page, hash = '#/users') {
      await installBridge(page, main)
      await page.goto(server.url + hash)
    },
    async close() {
      await server.close()
      await main.close()
    },
  }
}

/**
 * `window.dqops` in the page, shaped like the preload's bridge, backed by the real dispatcher.
 * `beforeBridge` runs in the page after the binding exists and before the bridge captures it (the
 * benchmarks wrap `__dqopsInvoke` there to time answers).
 */
export async function installBridge(
  page: Page,
  main: Pick<ComposedMain, 'dispatcher'>,
  beforeBridge?: () => void,
): Promise<void> {
  await page.exposeBinding('__dqopsInvoke', (source, channel: string, payload: unknown) =>
    main.dispatcher.dispatch(channel, payload, source.frame.url()),
  )
  if (beforeBridge) await page.addInitScript(beforeBridge)
  await page.addInitScript((channels: readonly string[]) => {
    const invoke = (window as unknown as { __dqopsInvoke: (c: string, p: unknown) => Promise<unknown> })
      .__dqopsInvoke
    const bridge: Record<string, (req?: unknown) => Promise<unknown>> = {}
    for (const c of channels) bridge[c] = (req?: unknown) => invoke(c, req ?? {})
    Object.defineProperty(window, 'dqops', { value: Object.freeze(bridge), writable: false })
  }, CHANNELS)
}
