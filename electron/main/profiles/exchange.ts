/**
 * Export and import of profiles as JSON, never with secrets. The export format is
 * `{ format: 'dqops-users-profiles', version: 1, exportedAt, profiles: [{ name, baseUrl, notes }] }`:
 * no ids (they only tie a profile to its keychain entry on one computer) and no keys.
 * Import also accepts a copy of the app's own profiles file (any version, even a damaged one moved
 * aside), so "copy what is missing from the moved file" is one click.
 */
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { validateName } from './names'
import { readProfilesText } from './read'
import type { ProfileRecord } from './schema'
import { normalizeBaseUrl } from './url'

export const EXPORT_FORMAT = 'dqops-users-profiles'
export const EXPORT_VERSION = 1
/** A real export of thousands of profiles is well under this; anything bigger is not one. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024
export const MAX_IMPORT_ENTRIES = 10_000
const MAX_NOTES = 4000

export interface PortableProfile {
  name: string
  baseUrl: string
  notes: string
}

export function serializeExport(profiles: readonly ProfileRecord[], exportedAt: string): string {
  const doc = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    profiles: profiles.map((p): PortableProfile => ({ name: p.name, baseUrl: p.baseUrl, notes: p.notes })),
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

export interface ParsedImport {
  profiles: PortableProfile[]
  skipped: { name: string; reason: string }[]
}

function fileError(message: string): AppError {
  return new AppError('file', message)
}

const exportHeader = z.looseObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.number(),
  profiles: z.unknown(),
})

/**
 * The profiles in an import file, each entry checked on its own: the valid ones are returned, the
 * others listed with the reason. Throws AppError('file') when the file as a whole is unusable.
 */
export function parseImport(text: string): ParsedImport {
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    // Perhaps a damaged profiles file moved aside: take the profiles that survive in it.
    const salvaged = parseProfilesFileCopy(text)
    if (salvaged) return salvaged
    throw fileError(
      'This file is not valid JSON, so it is not a profiles export. Choose a file exported from DQOps Users (Export profiles).',
    )
  }
  const header = exportHeader.safeParse(doc)
  if (!header.success) {
    const copy = parseProfilesFileCopy(text)
    if (copy) return copy
    throw fileError(
      'This file is neither a DQOps Users profiles export nor a profiles file. Choose a file exported from DQOps Users (Export profiles).',
    )
  }
  if (header.data.version > EXPORT_VERSION) {
    throw fileError(
      `This export was made by a newer version of DQOps Users (format ${header.data.version}). Update the app to import it.`,
    )
  }
  const entries = header.data.profiles
  if (!Array.isArray(entries))
    throw fileError('This export has no list of profiles. It may have been edited by hand; export it again.')
  if (entries.length > MAX_IMPORT_ENTRIES) {
    throw fileError(
      `This export holds ${entries.length} profiles; at most ${MAX_IMPORT_ENTRIES} can be imported at once.`,
    )
  }
  const out: ParsedImport = { profiles: [], skipped: [] }
  entries.forEach((raw, i) => {
    const entry = portableEntry(raw, i)
    if ('reason' in entry) out.skipped.push(entry)
    else out.profiles.push(entry)
  })
  return out
}

function portableEntry(raw: unknown, index: number): PortableProfile | { name: string; reason: string } {
  const label = `Entry ${index + 1}`
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { name: label, reason: 'It is not a profile (not a JSON object).' }
  const r = raw as Record<string, unknown>
  const shownName = typeof r['name'] === 'string' && r['name'].trim() ? r['name'].trim().slice(0, 200) : label
  if (typeof r['name'] !== 'string') return { name: shownName, reason: 'It has no name.' }
  if (typeof r['baseUrl'] !== 'string') return { name: shownName, reason: 'It has no base URL.' }
  const notes = r['notes'] === undefined || r['notes'] === null ? '' : r['notes']
  if (typeof notes !== 'string') return { name: shownName, reason: 'Its notes are not text.' }
  if (notes.length > MAX_NOTES)
    return { name: shownName, reason: `Its notes are longer than ${MAX_NOTES} characters.` }
  try {
    return { name: validateName(r['name'], []), baseUrl: normalizeBaseUrl(r['baseUrl']), notes }
  } catch (e) {
    return { name: shownName, reason: e instanceof Error ? e.message : String(e) }
  }
}

/** A copy of the app's own profiles file: whatever `readProfilesText` recovers; null when nothing. */
function parseProfilesFileCopy(text: string): ParsedImport | null {
  let n = 0
  const outcome = readProfilesText(text, { now: new Date(0).toISOString(), newId: () => `import-${n++}` })
  const profiles = outcome.data.profiles.map((p) => ({ name: p.name, baseUrl: p.baseUrl, notes: p.notes }))
  if (outcome.kind === 'damaged' && profiles.length === 0) return null
  const dropped = outcome.kind === 'ok' ? 0 : (outcome.dropped ?? 0)
  const skipped =
    dropped > 0
      ? [
          {
            name: `${dropped} other entr${dropped === 1 ? 'y' : 'ies'}`,
            reason: 'Not a valid profile (a missing name, or an address that is not http or https).',
          },
        ]
      : []
  return { profiles, skipped }
}
