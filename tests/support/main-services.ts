/**
 * The main process composed the way Electron's `index.ts` composes it, with test ports: a temp
 * user-data folder, an in-memory (or given) secret store, scripted file dialogs, and a logger that
 * keeps every (redacted) line. Used by the end-to-end harness, the benchmarks and service tests.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDispatcher, createSenderCheck, type Dispatcher } from '../../electron/main/dispatch'
import { createDqopsClient } from '../../electron/main/dqops/client'
import { createLogger, createRedactor, type LogLevel } from '../../electron/main/log'
import { createMemorySecretStore } from '../../electron/main/secrets/memory'
import type { SecretStore } from '../../electron/main/secrets/types'
import { createServices, type Services } from '../../electron/main/services'
import type { FileDialogs } from '../../electron/main/services/types'

export interface ComposedMain {
  services: Services
  dispatcher: Dispatcher
  /** The sender URL the dispatcher trusts (the page's origin in the harness). */
  trustedUrl: string
  userDataDir: string
  secrets: SecretStore
  /** Every line main logged (already redacted), for assertions that no secret leaks. */
  logLines: string[]
  /** What the next save/open dialog answers: a path, or null for "cancelled". */
  dialogAnswers: { save: string | null; open: string | null }
  close(): Promise<void>
}

export interface ComposeOptions {
  /** Reuse a user-data folder (to "restart" the app over the same files); else a new temp folder. */
  userDataDir?: string
  secrets?: SecretStore
  /** The origin the sender check trusts; defaults to a placeholder for in-process callers. */
  trustedUrl?: string
  dqopsTimeoutMs?: number
}

export async function composeMain(options: ComposeOptions = {}): Promise<ComposedMain> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'dqops-users-test-')))
  const ownsDir = options.userDataDir === undefined
  const secrets = options.secrets ?? createMemorySecretStore()
  const trustedUrl = options.trustedUrl ?? 'http://app.test/'
  const logLines: string[] = []
  const redactor = createRedactor()
  const log = createLogger(redactor, (_level: LogLevel, line: string) => logLines.push(line))
  const dialogAnswers: ComposedMain['dialogAnswers'] = { save: null, open: null }
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
    dqopsTimeoutMs: options.dqopsTimeoutMs ?? 5000,
    runtime: {
      name: 'DQOps Users',
      version: '0.0.0-e2e',
      versions: { electron: null, chrome: null, node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
    },
  })
  await services.ready
  const dispatcher = createDispatcher(services.handlers, createSenderCheck({ devServerUrl: trustedUrl }), log)
  return {
    services,
    dispatcher,
    trustedUrl,
    userDataDir,
    secrets,
    logLines,
    dialogAnswers,
    async close() {
      if (ownsDir) await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
