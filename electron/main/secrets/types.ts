/**
 * Where API keys live: the OS keychain in the app, memory in unit tests. Services see only this
 * interface, so moving off keytar (archived upstream) later touches one file.
 */
export interface KeychainStatus {
  available: boolean
  /** When unavailable: what is wrong and the OS-specific remedy, in one or two sentences. */
  message: string | null
}

export interface SecretStore {
  isAvailable(): Promise<KeychainStatus>
  /** The secret for an account, or null when there is none. Throws `KeychainError` when unusable. */
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** true when something was deleted. */
  delete(account: string): Promise<boolean>
}
