/**
 * Turns what went wrong on the wire into a `DqopsError`: an HTTP status (with the server's own
 * words, if any) or a transport failure (no answer at all). Pure functions, unit-testable with
 * synthetic inputs.
 */
import type { DqopsErrorKind } from '../../../shared/errors'
import {
  DqopsError,
  httpErrorMessage,
  invalidResponseMessage,
  transportErrorMessage,
  type DqopsOperation,
} from './errors'

/** Server messages longer than this are cut (they are shown in a details view, not parsed). */
export const SERVER_MESSAGE_MAX = 300
const TRACE_MAX = 8000

/** The kind an HTTP status maps to (DESIGN.md): 400 on create is the user limit. */
export function kindForStatus(op: DqopsOperation, status: number): DqopsErrorKind {
  if (status >= 500) return 'server'
  switch (status) {
    case 400:
      return op === 'createUser' ? 'limit' : 'bad-request'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not-found'
    case 406:
      return 'rejected'
    case 415:
      return 'unsupported'
    default:
      // Other 4xx: the server did not accept what we sent. 1xx/3xx: not an answer DQOps gives.
      return status >= 400 ? 'bad-request' : 'invalid-response'
  }
}

export interface ErrorBody {
  serverMessage?: string
  trace?: string
}

/** Replaces every occurrence of the secret (e.g. a server echoing the key back) with `[redacted]`. */
export function scrub(text: string, secret: string | null): string {
  return secret ? text.split(secret).join('[redacted]') : text
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** One line of the server's words: no stack trace lines, no HTML, bounded length. */
function oneLine(text: string): string | undefined {
  const first = text.trim().split(/\r?\n/u, 1)[0]?.trim() ?? ''
  return first === '' ? undefined : shorten(first, SERVER_MESSAGE_MAX)
}

function pickString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key]
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

/**
 * Reads the server's message from an error body: Spring's JSON error (`message`, else `error`;
 * `trace` kept apart) or a text/plain body such as "Access Denied". HTML pages yield nothing.
 */
export function parseErrorBody(
  body: string,
  contentType: string | undefined,
  secret: string | null,
): ErrorBody {
  const text = body.trim()
  if (text === '') return {}
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('html') || text.startsWith('<')) return {}
  if (type.includes('json') || text.startsWith('{') || text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return {}
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
    const obj = parsed as Record<string, unknown>
    const raw = pickString(obj, 'message')
    const message = raw && raw !== 'No message available' ? raw : pickString(obj, 'error')
    const out: ErrorBody = {}
    const line = message === undefined ? undefined : oneLine(scrub(message, secret))
    if (line !== undefined) out.serverMessage = line
    const trace = pickString(obj, 'trace')
    if (trace !== undefined) out.trace = shorten(scrub(trace, secret), TRACE_MAX)
    return out
  }
  const line = oneLine(scrub(text, secret))
  return line === undefined ? {} : { serverMessage: line }
}

export interface HttpAnswer {
  status: number
  body: string
  contentType: string | undefined
}

/** The error for a non-2xx answer. */
export function errorFromResponse(
  op: DqopsOperation,
  answer: HttpAnswer,
  ctx: { path: string; apiKey: string | null },
): DqopsError {
  const kind = kindForStatus(op, answer.status)
  const parsed = parseErrorBody(answer.body, answer.contentType, ctx.apiKey)
  const message = httpErrorMessage({
    op,
    kind,
    status: answer.status,
    hasServerMessage: parsed.serverMessage !== undefined,
    hasKey: ctx.apiKey !== null,
  })
  return new DqopsError({ kind, message, status: answer.status, path: ctx.path, ...parsed })
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'])
const TLS_PREFIXES = [
  'CERT_',
  'SELF_SIGNED',
  'UNABLE_TO_VERIFY',
  'UNABLE_TO_GET_ISSUER',
  'ERR_TLS',
  'ERR_SSL',
  'DEPTH_ZERO',
  'HOSTNAME_MISMATCH',
]
/** Answers that are not HTTP at all, or bodies too large to be DQOps'. */
const INVALID_RESPONSE_PREFIXES = [
  'HPE_',
  'ERR_BAD_RESPONSE',
  'ERR_FR_MAX_CONTENT_LENGTH',
  'ERR_FR_MAX_BODY_LENGTH',
]

export type TransportKind = Extract<DqopsErrorKind, 'network' | 'timeout' | 'tls' | 'invalid-response'>

/**
 * Classifies a low-level error code (node's, axios's or OpenSSL's). Everything not recognised as a
 * timeout, a TLS failure or a non-HTTP answer is a network failure (refused, DNS, reset, unreachable).
 */
export function kindForTransportCode(code: string): TransportKind {
  if (TIMEOUT_CODES.has(code)) return 'timeout'
  if (code === 'EPROTO' || TLS_PREFIXES.some((p) => code.startsWith(p))) return 'tls'
  if (INVALID_RESPONSE_PREFIXES.some((p) => code.startsWith(p))) return 'invalid-response'
  return 'network'
}

function readCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string' && code !== '') return code
  // axios wraps some errors: look one level down.
  return readCode((e as { cause?: unknown }).cause)
}

function readMessage(e: unknown): string {
  return e instanceof Error ? e.message : ''
}

/**
 * The error for a request that got no usable HTTP answer. `timedOut` says our own deadline fired.
 * Only the error's code and message are read: axios errors carry the request config (with the
 * Authorization header), so the original error is never kept.
 */
export function errorFromTransport(
  op: DqopsOperation,
  e: unknown,
  ctx: { path: string; timeoutMs: number; timedOut: boolean },
): DqopsError {
  const message = readMessage(e)
  let code = readCode(e) ?? (/socket hang up/iu.test(message) ? 'ECONNRESET' : 'UNKNOWN')
  const kind: TransportKind = ctx.timedOut ? 'timeout' : kindForTransportCode(code)
  if (kind === 'timeout' && (code === 'UNKNOWN' || code === 'ERR_CANCELED')) code = 'ETIMEDOUT'
  if (kind === 'invalid-response') {
    return new DqopsError({ kind, message: invalidResponseMessage(op), path: ctx.path, cause: code })
  }
  return new DqopsError({
    kind,
    message: transportErrorMessage(kind, code, ctx.timeoutMs),
    path: ctx.path,
    cause: code,
  })
}
