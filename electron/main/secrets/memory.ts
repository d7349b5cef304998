/** An in-memory secret store for unit tests and the end-to-end harness (never used by the app). */
import type { KeychainStatus, SecretStore } from './types'

export function createMemorySecretStore(
  status: KeychainStatus = { available: true, message: null },
): SecretStore & { readonly entries: ReadonlyMap<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    async isAvailable() {
      return status
    },
    async get(account) {
      return entries.get(account) ?? null
    },
    async set(account, secret) {
      entries.set(account, secret)
    },
    async delete(account) {
      return entries.delete(account)
    },
  }
}
