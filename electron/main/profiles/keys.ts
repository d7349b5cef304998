/**
 * API keys for profiles: the OS keychain (one account per profile id) behind a session cache.
 * A key is read from the keychain once per session (no keychain round trip per DQOps call) and the
 * cache is updated on set, remove and delete. Every key seen is registered with the log redactor
 * before anything else happens to it. Keychain trouble is tracked so the profiles list can show it.
 */
import { AppError } from '../../../shared/errors'
import { normaliseApiKey } from '../dqops/apikey'
import type { Redactor } from '../log'
import { KeychainError } from '../secrets/keytar'
import type { KeychainStatus, SecretStore } from '../secrets/types'

export interface KeyVault {
  /** The profile's key (cached after the first read), or null. Throws KeychainError. */
  read(profileId: string): Promise<string | null>
  write(profileId: string, apiKey: string): Promise<void>
  /** Deletes the keychain entry (whether or not one exists). Throws KeychainError. */
  remove(profileId: string): Promise<void>
  /** The last known keychain status (a failed operation marks it unavailable). */
  status(): KeychainStatus
  /** Asks the keychain again (at start, and while it is known to be unavailable). */
  refreshStatus(): Promise<KeychainStatus>
}

export function createKeyVault(deps: {
  secrets: SecretStore
  redactor: Redactor
  platform: NodeJS.Platform
}): KeyVault {
  // Promises, not values: a burst of calls shares one keychain read, and a set or remove that
  // happens while a read is in flight replaces the entry instead of being overwritten by it.
  const cache = new Map<string, Promise<string | null>>()
  let current: KeychainStatus = { available: true, message: null }

  /** Runs a keychain operation; a failure of any type becomes KeychainError and marks it unavailable. */
  async function guard<T>(action: string, op: () => Promise<T>): Promise<T> {
    try {
      const result = await op()
      current = { available: true, message: null }
      return result
    } catch (e) {
      const error =
        e instanceof AppError && e.code === 'keychain-unavailable'
          ? e
          : new KeychainError(action, e, deps.platform)
      current = { available: false, message: error.message }
      throw error
    }
  }

  return {
    read(profileId) {
      const cached = cache.get(profileId)
      if (cached) return cached
      const reading = guard('read the API key', () => deps.secrets.get(profileId)).then((key) => {
        deps.redactor.add(key)
        return key
      })
      cache.set(profileId, reading)
      // A failed read is not remembered: the next call asks the keychain again.
      reading.catch(() => {
        if (cache.get(profileId) === reading) cache.delete(profileId)
      })
      return reading
    },
    async write(profileId, apiKey) {
      deps.redactor.add(apiKey)
      await guard('save the API key', () => deps.secrets.set(profileId, apiKey))
      cache.set(profileId, Promise.resolve(apiKey))
    },
    async remove(profileId) {
      await guard('delete the API key', () => deps.secrets.delete(profileId))
      cache.set(profileId, Promise.resolve(null))
    },
    status: () => current,
    async refreshStatus() {
      try {
        current = await deps.secrets.isAvailable()
      } catch (e) {
        current = { available: false, message: new KeychainError('be reached', e, deps.platform).message }
      }
      return current
    },
  }
}

/**
 * The key as it will be stored: trimmed, surrounding quotes removed (as the server does; a key
 * copied from a JSON answer has them). Refused when empty or not one unbroken line. The messages
 * never repeat the key.
 */
export function validateApiKey(input: string): string {
  const key = normaliseApiKey(input)
  const invalid = (message: string) => new AppError('validation', message, { details: { field: 'apiKey' } })
  if (!key)
    throw invalid('Paste the API key. In DQOps: click your portrait (top right), then "Generate API key".')
  if (/[\s\u0000-\u001f\u007f]/.test(key)) {
    throw invalid(
      'An API key is one unbroken line of letters and digits; this one has spaces or line breaks. Copy it again from DQOps.',
    )
  }
  return key
}
