/**
 * What the profiles tests compose the real service from: a fresh temp user-data folder, a secret
 * store (memory unless given), a logger that keeps every line, file dialogs answered by the test,
 * and the real DQOps client.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDqopsClient } from '../../../electron/main/dqops/client'
import { createLogger, createRedactor, type Redactor } from '../../../electron/main/log'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import type { SecretStore } from '../../../electron/main/secrets/types'
import { createProfileService, type ProfileService } from '../../../electron/main/services/profiles'
import type { ServiceDeps } from '../../../electron/main/services/types'

export interface TestDeps extends ServiceDeps {
  logLines: string[]
  dialogAnswers: { save: string | null; open: string | null }
  redactor: Redactor
}

export async function tempDir(
  prefix = 'dqops-profiles-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export function makeDeps(userDataDir: string, overrides: Partial<ServiceDeps> = {}): TestDeps {
  const logLines: string[] = []
  const redactor = overrides.redactor ?? createRedactor()
  const dialogAnswers: TestDeps['dialogAnswers'] = { save: null, open: null }
  return {
    userDataDir,
    secrets: createMemorySecretStore(),
    dialogs: {
      chooseSaveFile: async () => dialogAnswers.save,
      chooseOpenFile: async () => dialogAnswers.open,
    },
    log: createLogger(redactor, (_level, line) => logLines.push(line)),
    redactor,
    createClient: createDqopsClient,
    dqopsTimeoutMs: 3000,
    runtime: {
      name: 'DQOps Users',
      version: '0.0.0-test',
      versions: { electron: null, chrome: null, node: process.versions.node },
      platform: 'linux',
      arch: process.arch,
    },
    ...overrides,
    logLines,
    dialogAnswers,
  }
}

/** A started service over `deps` (its file loaded). */
export async function startService(deps: ServiceDeps): Promise<ProfileService> {
  const service = createProfileService(deps)
  await service.ready
  return service
}

/** A secret store whose every operation fails the way keytar does without a Secret Service. */
export function failingSecretStore(
  message = 'Cannot autolaunch D-Bus without X11 $DISPLAY',
): SecretStore & { calls: string[] } {
  const calls: string[] = []
  const fail = async (op: string): Promise<never> => {
    calls.push(op)
    throw new Error(message)
  }
  return {
    calls,
    isAvailable: async () => ({
      available: false,
      message: `The OS keychain could not be reached. ${message}`,
    }),
    get: () => fail('get'),
    set: () => fail('set'),
    delete: () => fail('delete'),
  }
}

/** A memory store that counts reads, to prove the session cache. */
export function countingSecretStore(): SecretStore & {
  entries: ReadonlyMap<string, string>
  reads: () => number
} {
  const inner = createMemorySecretStore()
  let reads = 0
  return {
    entries: inner.entries,
    reads: () => reads,
    isAvailable: () => inner.isAvailable(),
    get: (account) => {
      reads++
      return inner.get(account)
    },
    set: (account, secret) => inner.set(account, secret),
    delete: (account) => inner.delete(account),
  }
}
