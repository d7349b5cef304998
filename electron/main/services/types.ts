/** The ports every service is composed from: the same in Electron's main and in the tests. */
import type { Handlers } from '../../../shared/contract'
import type { CreateDqopsClient } from '../dqops/types'
import type { Logger, Redactor } from '../log'
import type { SecretStore } from '../secrets/types'

/** The native file pickers (an Electron edge; the tests pass paths directly). */
export interface FileDialogs {
  /** A path to write to, or null when the user cancelled. */
  chooseSaveFile(options: { title: string; defaultName: string }): Promise<string | null>
  /** A path to read from, or null when the user cancelled. */
  chooseOpenFile(options: { title: string }): Promise<string | null>
}

export interface RuntimeInfo {
  name: string
  version: string
  versions: { electron: string | null; chrome: string | null; node: string }
  platform: NodeJS.Platform
  arch: string
}

export interface ServiceDeps {
  /** The app's user-data folder; the profiles file lives here. */
  userDataDir: string
  secrets: SecretStore
  dialogs: FileDialogs
  log: Logger
  redactor: Redactor
  runtime: RuntimeInfo
  createClient: CreateDqopsClient
  /** Per-request DQOps timeout. */
  dqopsTimeoutMs?: number
  now?: () => Date
}

/** What the user services need from profiles: where to connect and with which key. */
export interface Connection {
  profileId: string
  baseUrl: string
  apiKey: string | null
}
export interface ConnectionResolver {
  /** Throws AppError('profile-not-found') for an unknown id, KeychainError when the key is unreadable. */
  resolve(profileId: string): Promise<Connection>
}

export type HandlerGroup<Prefix extends string> = {
  [C in keyof Handlers as C extends `${Prefix}.${string}` ? C : never]: Handlers[C]
}
