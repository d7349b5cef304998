/**
 * Base URL rules for a connection profile (DESIGN.md "Security"): http(s) only, no credentials,
 * one canonical spelling so that two profiles for the same server compare equal, and a flag for
 * plain http to another machine (the API key would cross the network unencrypted).
 */
import { AppError } from '../../../shared/errors'
import { isDqopsError } from '../dqops/errors'
import { normaliseBaseUrl } from '../dqops/url'

/** Thrown for a base URL the user must fix; `details.field` lets a form highlight the input. */
function invalid(message: string): AppError {
  return new AppError('validation', message, { details: { field: 'baseUrl' } })
}

/**
 * The canonical form of a DQOps base URL: scheme and host lower case, default port dropped,
 * path prefix kept, trailing slashes removed (`https://Host:443/dqops/` → `https://host/dqops`).
 * The rules are the DQOps client's own (`normaliseBaseUrl`), so a profile can only hold a URL the
 * client will accept; here a refusal becomes a form error on the base URL field.
 */
export function normalizeBaseUrl(input: string): string {
  if (!input.trim())
    throw invalid('Enter the address of the DQOps server, for example http://localhost:8888.')
  try {
    return normaliseBaseUrl(input)
  } catch (e) {
    if (isDqopsError(e)) throw invalid(e.message)
    throw e
  }
}

export { isInsecureTransport, isLoopbackHost } from '../../../shared/transport'
