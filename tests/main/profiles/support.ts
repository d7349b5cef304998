/**
 * What the profiles tests compose the real service from: the shared test ports (see
 * tests/support/main-services.ts) over a fresh temp user-data folder, on Linux (whose keychain
 * remedy the tests expect), with the real DQOps client.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import type { SecretStore } from '../../../electron/main/secrets/types'
import { createProfileService, type ProfileService } from '../../../electron/main/services/profiles'
import type { ServiceDeps } from '../../../electron/main/services/types'
import { composePorts, type PortOptions, type TestPorts } from '../../support/main-services'

export type TestDeps = TestPorts

export async function tempDir(
  prefix = 'dqops-profiles-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** The ports over `userDataDir`; `overrides` replace any port (a logger, a redactor, the runtime). */
export function makeDeps(
  userDataDir: string,
  { platform = 'linux', ...overrides }: Partial<ServiceDeps> & Pick<PortOptions, 'platform'> = {},
): TestDeps {
  return { ...composePorts(userDataDir, { platform, dqopsTimeoutMs: 3000 }), ...overrides }
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
