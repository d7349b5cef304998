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
import type { ServiceDeps } from '../../electron/main/services/types'

export interface ComposedMain {
  services: Services
  dispatcher: Dispatcher
  /** The sender URL the dispatcher trusts (the page's origin in the harness). */
  trustedUrl: string
  userDataDir: string
  secrets: SecretStore
  logLines: TestPorts['logLines']
  dialogAnswers: TestPorts['dialogAnswers']
  close(): Promise<void>
}

/** The ports every service is composed from, plus what the tests read back from them. */
export interface TestPorts extends ServiceDeps {
  /** Every line main logged (already redacted), for assertions that no secret leaks. */
  logLines: string[]
  /** What the next save/open dialog answers: a path, or null for "cancelled". */
  dialogAnswers: { save: string | null; open: string | null }
}

export interface PortOptions {
  secrets?: SecretStore
  dqopsTimeoutMs?: number
  /** The platform the runtime reports (it picks the keychain remedy); defaults to this machine's. */
  platform?: NodeJS.Platform
}

export interface ComposeOptions extends PortOptions {
  /** Reuse a user-data folder (to "restart" the app over the same files); else a new temp folder. */
  userDataDir?: string
  /** The origin the sender check trusts; defaults to a placeholder for in-process callers. */
  trustedUrl?: string
}

/**
 * The test ports over `userDataDir`, without composing anything from them: for tests that compose
 * one service themselves (the profiles service alone, or several "restarts" over the same folder).
 */
export function composePorts(userDataDir: string, options: PortOptions = {}): TestPorts {
  const logLines: string[] = []
  const redactor = createRedactor()
  const dialogAnswers: TestPorts['dialogAnswers'] = { save: null, open: null }
  return {
    userDataDir,
    secrets: options.secrets ?? createMemorySecretStore(),
    dialogs: {
      chooseSaveFile: async () => dialogAnswers.save,
      chooseOpenFile: async () => dialogAnswers.open,
    },
    log: createLogger(redactor, (_level: LogLevel, line: string) => logLines.push(line)),
    redactor,
    createClient: createDqopsClient,
    dqopsTimeoutMs: options.dqopsTimeoutMs ?? 5000,
    runtime: {
      name: 'DQOps Users',
      version: '0.0.0-e2e',
      versions: { electron: null, chrome: null, node: process.versions.node },
      platform: options.platform ?? process.platform,
      arch: process.arch,
    },
    logLines,
    dialogAnswers,
  }
}

export async function composeMain(options: ComposeOptions = {}): Promise<ComposedMain> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'dqops-users-test-')))
  const ownsDir = options.userDataDir === undefined
  const trustedUrl = options.trustedUrl ?? 'http://app.test/'
  const ports = composePorts(userDataDir, options)
  const services = createServices(ports)
  await services.ready
  const dispatcher = createDispatcher(
    services.handlers,
    createSenderCheck({ devServerUrl: trustedUrl }),
    ports.log,
  )
  return {
    services,
    dispatcher,
    trustedUrl,
    userDataDir,
    secrets: ports.secrets,
    logLines: ports.logLines,
    dialogAnswers: ports.dialogAnswers,
    async close() {
      if (ownsDir) await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
