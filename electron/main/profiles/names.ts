/**
 * Profile names: required, trimmed, unique regardless of case ("Prod" and "prod" would be
 * impossible to tell apart in a switcher). One helper finds a free name for copies and imports.
 */
import { AppError } from '../../../shared/errors'

export const MAX_NAME_LENGTH = 200

/** The comparison key: case-insensitive and Unicode-normalised. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('en')
}

function invalid(message: string): AppError {
  return new AppError('validation', message, { details: { field: 'name' } })
}

/**
 * The trimmed name, or AppError('validation') when it is empty, too long, has line breaks or is
 * already used by another profile (`taken` holds the names of the others).
 */
export function validateName(input: string, taken: Iterable<string>): string {
  const name = input.trim().normalize('NFC')
  if (!name) throw invalid('Give the profile a name, for example "Production".')
  if (name.length > MAX_NAME_LENGTH)
    throw invalid(`Shorten the name to at most ${MAX_NAME_LENGTH} characters.`)
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw invalid('The name cannot contain line breaks or other control characters.')
  const key = nameKey(name)
  for (const other of taken) {
    if (nameKey(other) === key) {
      throw invalid(
        `A profile named "${other}" already exists. Choose another name (names are compared ignoring case).`,
      )
    }
  }
  return name
}

/**
 * `base` if free, otherwise `base (suffix)`, `base (suffix 2)`, … (the first one not in `taken`).
 * Used for duplicates ("copy"), imports ("imported") and salvaged files ("recovered").
 */
export function freeName(base: string, suffix: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map(nameKey))
  const trimmed = base.trim()
  if (!used.has(nameKey(trimmed))) return trimmed
  for (let n = 1; ; n++) {
    const tail = ` (${n === 1 ? suffix : `${suffix} ${n}`})`
    // Keep the result within the name limit by shortening the base, never the suffix.
    const candidate = `${trimmed.slice(0, MAX_NAME_LENGTH - tail.length).trimEnd()}${tail}`
    if (!used.has(nameKey(candidate))) return candidate
  }
}
