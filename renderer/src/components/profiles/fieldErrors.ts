/**
 * Picks the per-field messages out of a `validation` error from main, so a rule only main can check
 * (e.g. a name taken meanwhile) shows next to its field like the inline checks do. Main may send
 * `details.field` + message, or `details.fields` as a map; anything else stays a general error.
 */
import type { IpcError } from '../../../../shared/errors'

export function fieldErrorsOf<F extends string>(
  error: IpcError,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {}
  if (error.code !== 'validation' || !error.details) return out
  const known = (f: unknown): f is F => typeof f === 'string' && (fields as readonly string[]).includes(f)
  const { field, fields: map } = error.details
  if (known(field)) out[field] = error.message
  if (map && typeof map === 'object') {
    for (const [k, v] of Object.entries(map)) if (known(k) && typeof v === 'string') out[k] = v
  }
  return out
}
