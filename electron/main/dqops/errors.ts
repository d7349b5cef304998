/**
 * `DqopsError`: the one error type the DQOps client throws (DESIGN.md "The DQOps client"), and the
 * human sentences it carries. A message names what happened and what to do; it never holds the API
 * key, a raw response body or a Java stack trace.
 */
import type { DqopsErrorKind, IpcError } from '../../../shared/errors'

/** The client method an error came from; it picks the most helpful sentence. */
export type DqopsOperation =
  | 'listUsers'
  | 'getUser'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'setUserPassword'
  | 'changeMyPassword'
  | 'getProfile'
  | 'isHealthy'
  | 'listDomains'

export interface DqopsErrorInit {
  kind: DqopsErrorKind
  message: string
  /** The HTTP status, when the server answered. */
  status?: number | undefined
  /** The server's own words (Spring's `message`/`error`, or a text/plain body), one line, short. */
  serverMessage?: string | undefined
  /** The URL path that was called (never a query, never the key). */
  path?: string | undefined
  /** The low-level cause code (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`...). */
  cause?: string | undefined
  /** Spring's Java stack trace, kept for main's own diagnostics; never sent over IPC. */
  trace?: string | undefined
}

export class DqopsError extends Error {
  override readonly name = 'DqopsError'
  readonly kind: DqopsErrorKind
  readonly status?: number
  readonly serverMessage?: string
  readonly path?: string
  readonly causeCode?: string
  readonly trace?: string

  constructor(init: DqopsErrorInit) {
    super(init.message)
    this.kind = init.kind
    if (init.status !== undefined) this.status = init.status
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage
    if (init.path !== undefined) this.path = init.path
    if (init.cause !== undefined) this.causeCode = init.cause
    if (init.trace !== undefined) this.trace = init.trace
  }

  /** The secret-free, trace-free description that crosses IPC. */
  toIpc(): IpcError {
    const error: IpcError = { code: this.kind, message: this.message }
    if (this.status !== undefined) error.status = this.status
    const details: Record<string, unknown> = {}
    if (this.serverMessage !== undefined) details.serverMessage = this.serverMessage
    if (this.path !== undefined) details.path = this.path
    if (this.causeCode !== undefined) details.cause = this.causeCode
    if (Object.keys(details).length > 0) error.details = details
    return error
  }
}

export function isDqopsError(e: unknown): e is DqopsError {
  return e instanceof DqopsError
}

/** What each operation tries to do, to finish the sentence "... while trying to ___". */
const ACTION: Record<DqopsOperation, string> = {
  listUsers: 'list the users',
  getUser: 'read the user',
  createUser: 'create the user',
  updateUser: "change the user's roles",
  deleteUser: 'delete the user',
  setUserPassword: "set the user's password",
  changeMyPassword: 'change your password',
  getProfile: 'read your DQOps profile',
  isHealthy: 'check that DQOps is running',
  listDomains: 'list the data domains',
}

/** Operations whose 404/500 most likely means "that user is gone". */
const USER_TARGETED: ReadonlySet<DqopsOperation> = new Set([
  'getUser',
  'updateUser',
  'deleteUser',
  'setUserPassword',
])

export interface HttpMessageContext {
  op: DqopsOperation
  kind: DqopsErrorKind
  status: number
  /** The server explained itself (e.g. "Access Denied"); an empty 403 means a DQOps Cloud refusal. */
  hasServerMessage: boolean
  /** A key was sent with the request. */
  hasKey: boolean
}

/** The sentence for an HTTP error answer. */
export function httpErrorMessage(c: HttpMessageContext): string {
  const action = ACTION[c.op]
  switch (c.kind) {
    case 'unauthorized':
      return c.hasKey
        ? 'DQOps did not accept the API key (401). Check the key saved in this profile, or generate a new one in DQOps (your portrait, top right, then "Generate API key").'
        : 'DQOps requires an API key (401). Add your API key to this profile: in DQOps, click your portrait (top right), then "Generate API key".'
    case 'forbidden':
      if (c.hasServerMessage) {
        return `DQOps denied access: this key's role may not ${action}. Use the API key of a user with the needed role (managing users needs an account admin).`
      }
      return c.op === 'createUser'
        ? 'DQOps refused: the user may already exist, or this key or instance may not allow it.'
        : `DQOps refused to ${action}: this key or instance may not allow it (user management needs an admin key on an instance paired with DQOps Cloud).`
    case 'not-found':
      return USER_TARGETED.has(c.op)
        ? 'DQOps has no user with this email. Refresh the list: the user may have been deleted.'
        : 'DQOps answered 404 Not Found. Check the base URL (including any path prefix such as /dqops) and that it points at DQOps.'
    case 'rejected':
      return REJECTED[c.op] ?? `DQOps rejected the request to ${action} as incomplete (406).`
    case 'limit':
      return "DQOps refused to add the user (400): the account's user limit is probably reached. Delete a user you no longer need, or raise the licence's user limit."
    case 'bad-request':
      return `DQOps could not accept the request to ${action} (HTTP ${c.status}). This app and the server may disagree on the API version.`
    case 'unsupported':
      return `DQOps refused the format of the request to ${action} (415). The server's version may not match this app.`
    case 'server':
      if (c.status === 503)
        return 'DQOps is not ready (503): it may be starting or stopping. Try again in a minute.'
      return USER_TARGETED.has(c.op)
        ? `DQOps failed with an internal error (HTTP ${c.status}); the user may no longer exist. Refresh the list and try again.`
        : `DQOps failed with an internal error (HTTP ${c.status}) while trying to ${action}. Try again; if it persists, check the DQOps server's log.`
    case 'invalid-response':
      if (c.status >= 300 && c.status < 400) {
        return `DQOps redirected the request (HTTP ${c.status}) instead of answering. Use the address it redirects to as the base URL (for example https:// instead of http://).`
      }
      return invalidResponseMessage(c.op)
    default:
      return `DQOps answered HTTP ${c.status} to the request to ${action}.`
  }
}

const REJECTED: Partial<Record<DqopsOperation, string>> = {
  createUser: 'DQOps rejected the new user (406): the email is empty or the request was incomplete.',
  updateUser: "DQOps rejected the change (406): the email in the request does not match the user's email.",
  setUserPassword: 'DQOps rejected the password (406): it is empty.',
}

/** The sentence for a 2xx answer whose body is not what DQOps sends. */
export function invalidResponseMessage(op: DqopsOperation): string {
  return `The server's answer to the request to ${ACTION[op]} is not what DQOps sends. Check that the base URL points at DQOps and that its version is supported.`
}

/** The sentence for a failure below HTTP: no answer at all. */
export function transportErrorMessage(
  kind: 'network' | 'timeout' | 'tls',
  code: string,
  timeoutMs: number,
): string {
  if (kind === 'timeout') {
    const seconds = Math.max(1, Math.round(timeoutMs / 1000))
    return `DQOps did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. The server may be overloaded or unreachable; try again later.`
  }
  if (kind === 'tls') {
    return `The secure (HTTPS) connection to DQOps could not be verified (${code}). Check the host name in the base URL. If your organisation signs its servers with its own certificate authority, start the app with the environment variable NODE_EXTRA_CA_CERTS set to that authority's certificate file (PEM).`
  }
  switch (code) {
    case 'ECONNREFUSED':
      return 'Nothing answered at this address: the connection was refused. Check the base URL and port, and that DQOps is running.'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name in the base URL could not be found. Check its spelling, and your network or VPN.'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'The DQOps host cannot be reached from this computer. Check your network or VPN.'
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The connection to DQOps was dropped before it answered. Try again; if it keeps happening, check any proxy or firewall between you and DQOps.'
    default:
      return 'Could not connect to DQOps. Check the base URL and your network connection.'
  }
}
