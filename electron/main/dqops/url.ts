/**
 * Base URLs and request paths. A base URL is http(s) only, may carry a path prefix (a reverse proxy
 * serving DQOps under `/dqops`), and loses any trailing slash. Emails become one percent-encoded
 * path segment that can never climb to another path.
 */
import { checkBaseUrl } from '../../../shared/base-url'
import { DqopsError } from './errors'

function refuse(message: string): DqopsError {
  return new DqopsError({ kind: 'rejected', message })
}

/** `https://host/prefix` without a trailing slash; throws `rejected` for anything else. */
export function normaliseBaseUrl(raw: string): string {
  const checked = checkBaseUrl(raw)
  if (!checked.ok) throw refuse(checked.problem)
  return checked.url
}

/** Lone UTF-16 surrogates: text that cannot be encoded as UTF-8 without being changed. */
const BROKEN_UNICODE = /\p{Cs}/u

export function hasBrokenUnicode(text: string): boolean {
  return BROKEN_UNICODE.test(text)
}

/** `/api/users/{email}` plus an optional suffix, the email as one encoded segment. */
export function userPath(email: string, suffix = ''): string {
  if (email === '' || email.trim() === '') throw refuse('The email address is empty.')
  // encodeURIComponent leaves dots alone, and URL parsing would resolve "." and ".." segments.
  if (email === '.' || email === '..') throw refuse(`"${email}" is not an email address.`)
  if (hasBrokenUnicode(email)) throw refuse('The email address contains characters that cannot be sent.')
  return `/api/users/${encodeURIComponent(email)}${suffix}`
}
