/**
 * The OS keychain through keytar: one service name for the app, one account per profile id.
 * Every keytar failure becomes a `KeychainError` with the remedy for this OS; nothing ever falls
 * back to writing a key to disk.
 */
import { AppError } from '../../../shared/errors'
import type { KeychainStatus, SecretStore } from './types'

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<{ account: string; password: string }[]>
}

/** The service name under which the app's keys are stored. Dev and test builds use another. */
export const KEYCHAIN_SERVICE = 'DQOps Users'
export const KEYCHAIN_SERVICE_DEV = 'DQOps Users (development)'

export function keychainRemedy(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Open Keychain Access, unlock the "login" keychain, and allow DQOps Users to use it when macOS asks.'
    case 'win32':
      return 'Sign in to Windows with your own account so that Windows Credential Manager is available, then try again.'
    default:
      return 'Install and unlock a Secret Service provider (GNOME Keyring or KWallet; on Debian or Ubuntu: `sudo apt install gnome-keyring`), make sure you are in a desktop session with D-Bus, then try again.'
  }
}

export class KeychainError extends AppError {
  /** `action` completes "The OS keychain could not …"; `consequence` says what that means for the user. */
  constructor(
    action: string,
    cause: unknown,
    platform: NodeJS.Platform = process.platform,
    consequence = 'The API key was not stored anywhere else.',
  ) {
    super(
      'keychain-unavailable',
      `The OS keychain could not ${action}. ${keychainRemedy(platform)} ${consequence}`.trim(),
      { details: { reason: reasonOf(cause), remedy: keychainRemedy(platform) } },
    )
    this.name = 'KeychainError'
  }
}

function reasonOf(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause)
  return text.slice(0, 300)
}

async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as Keytar & { default?: Keytar }
  return mod.default ?? mod
}

export function createKeytarSecretStore(options: {
  service: string
  platform?: NodeJS.Platform
  load?: () => Promise<Keytar>
}): SecretStore {
  const platform = options.platform ?? process.platform
  const load = options.load ?? loadKeytar
  let keytar: Promise<Keytar> | null = null
  const lib = () => (keytar ??= load())

  async function guard<T>(action: string, run: (k: Keytar) => Promise<T>): Promise<T> {
    try {
      return await run(await lib())
    } catch (e) {
      throw new KeychainError(action, e, platform)
    }
  }

  return {
    async isAvailable(): Promise<KeychainStatus> {
      try {
        // A read of an account that never exists: touches the keychain without changing it.
        await (await lib()).getPassword(options.service, '__availability_probe__')
        return { available: true, message: null }
      } catch (e) {
        const consequence =
          'Until then, profiles can be used without API keys only; no key is ever written to a file.'
        return {
          available: false,
          message: new KeychainError('be reached', e, platform, consequence).message,
        }
      }
    },
    get: (account) => guard('read the API key', (k) => k.getPassword(options.service, account)),
    set: (account, secret) =>
      guard('save the API key', (k) => k.setPassword(options.service, account, secret)),
    delete: (account) => guard('delete the API key', (k) => k.deletePassword(options.service, account)),
  }
}
