/**
 * Every error code that can cross IPC. The DQOps client's kinds come first (DESIGN.md "The DQOps
 * client"), then the app's own. The renderer maps each code to a human message in one place
 * (renderer/src/api/messages.ts); the compiler checks that map is complete.
 */
export const DQOPS_ERROR_KINDS = [
  'unauthorized',
  'forbidden',
  'not-found',
  'rejected',
  'limit',
  'bad-request',
  'unsupported',
  'server',
  'network',
  'timeout',
  'tls',
  'invalid-response',
] as const
export type DqopsErrorKind = (typeof DQOPS_ERROR_KINDS)[number]

export const APP_ERROR_CODES = [
  /** The payload did not match the channel's schema. */
  'invalid-request',
  /** The call did not come from the app's own page. */
  'forbidden-sender',
  /** A value the user typed breaks a rule (email syntax, password policy, unique name...). */
  'validation',
  /** The OS keychain cannot be used (no Secret Service, locked, denied). */
  'keychain-unavailable',
  /** The profile id names no profile. */
  'profile-not-found',
  /** Reading or writing a file (profiles, import, export) failed. */
  'file',
  /** Anything unexpected; the message is generic, the details stay in main's log. */
  'internal',
] as const
export type AppErrorCode = (typeof APP_ERROR_CODES)[number]

export type ErrorCode = DqopsErrorKind | AppErrorCode

export interface IpcError {
  code: ErrorCode
  message: string
  status?: number
  /** Structured, secret-free extra facts (e.g. field errors, the server's error text, a remedy). */
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: IpcError }

/** An error a service throws on purpose; the binder turns it into the envelope as is. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status?: number
  readonly details?: Record<string, unknown>
  constructor(
    code: ErrorCode,
    message: string,
    opts: { status?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (opts.status !== undefined) this.status = opts.status
    if (opts.details !== undefined) this.details = opts.details
  }

  toIpc(): IpcError {
    const e: IpcError = { code: this.code, message: this.message }
    if (this.status !== undefined) e.status = this.status
    if (this.details !== undefined) e.details = this.details
    return e
  }
}
