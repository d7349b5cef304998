/**
 * The end-to-end harness: the real main-process services (same composition as Electron's main) run
 * in the Playwright worker; the built renderer runs in real Chromium; `window.dqops` is a bridge
 * whose functions route every call through Playwright's `exposeBinding` to the same dispatcher
 * `ipc.ts` uses, with the sender check fed the calling frame's URL.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { CHANNELS } from '../../../shared/channels'
import { createDispatcher, createSenderCheck, type Dispatcher } from '../../../electron/main/dispatch'
import { createDqopsClient } from '../../../electron/main/dqops/client'
import { createLogger, createRedactor, type LogLevel } from '../../../electron/main/log'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import { createServices, type Services } from '../../../electron/main/services'
import type { FileDialogs } from '../../../electron/main/services/types'
import type { SecretStore } from '../../../electron/main/secrets/types'
import { serveDirectory } from './static-server'

export const RENDERER_DIR = resolve(__dirname, '../../../out/renderer')

export interface AppHarness {
  services: Services
  dispatcher: Dispatcher
  rendererUrl: string
  userDataDir: string
  secrets: SecretStore
  /** Every line main logged (already redacted), for assertions that no secret leaks. */
  logLines: string[]
  /** What the next save/open dialog answers: a path, or null for "cancelled". */
  dialogAnswers: { save: string | null; open: string | null }
  /** Connects a page: installs the bridge, then opens the app. */
  open(page: Page, hash?: string): Promise<void>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Reuse a user-data folder (to "restart" the app over the same files). */
  userDataDir?: string
  secrets?: SecretStore
}

export async function startHarness(options: HarnessOptions = {}): Promise<AppHarness> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'dqops-users-e2e-')))
  const ownsDir = options.userDataDir === undefined
  const secrets = options.secrets ?? createMemorySecretStore()
  const logLines: string[] = []
  const redactor = createRedactor()
  const log = createLogger(redactor, (_level: LogLevel, line: string) => logLines.push(line))
  const dialogAnswers: AppHarness['dialogAnswers'] = { save: null, open: null }
  const dialogs: FileDialogs = {
    chooseSaveFile: async () => dialogAnswers.save,
    chooseOpenFile: async () => dialogAnswers.open,
  }
  const services = createServices({
    userDataDir,
    secrets,
    dialogs,
    log,
    redactor,
    createClient: createDqopsClient,
    dqopsTimeoutMs: 5000,
    runtime: {
      name: 'DQOps Users',
      version: '0.0.0-e2e',
      versions: { electron: null, chrome: null, node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
    },
  })
  await services.ready
  const server = await serveDirectory(RENDERER_DIR)
  const dispatcher = createDispatcher(services.handlers, createSenderCheck({ devServerUrl: server.url }), log)

  return {
    services,
    dispatcher,
    rendererUrl: server.url,
    userDataDir,
    secrets,
    logLines,
    dialogAnswers,
    async open(page, hash = '#/users') {
      await page.exposeBinding('__dqopsInvoke', (source, channel: string, payload: unknown) =>
        dispatcher.dispatch(channel, payload, source.frame.url()),
      )
      await page.addInitScript((channels: readonly string[]) => {
        const invoke = (window as unknown as { __dqopsInvoke: (c: string, p: unknown) => Promise<unknown> })
          .__dqopsInvoke
        const bridge: Record<string, (req?: unknown) => Promise<unknown>> = {}
        for (const c of channels) bridge[c] = (req?: unknown) => invoke(c, req ?? {})
        Object.defineProperty(window, 'dqops', { value: Object.freeze(bridge), writable: false })
      }, CHANNELS)
      await page.goto(server.url + hash)
    },
    async close() {
      await server.close()
      if (ownsDir) await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
