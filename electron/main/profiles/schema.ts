/**
 * The profiles file (`<userData>/profiles.json`), one zod schema per format version. The file holds
 * no secret: API keys live only in the OS keychain; `hasApiKey` and `keyOwner` (decoded from the key,
 * display only) are recorded here so that listing profiles never needs the keychain.
 * docs/decisions/profiles-file.md explains the format, the versions and the recovery rules.
 *
 * Version 0 (the first prototype, before a version field existed) was a bare JSON array of
 * `{ "name": string, "url": string }`: no ids, no times, no notes, no active profile.
 * Version 1 (current): `{ version: 1, activeId, profiles: [ProfileRecord] }`.
 */
import { z } from 'zod'
import { roleSchema } from '../../../shared/dqops'
import { nameKey, MAX_NAME_LENGTH } from './names'
import { normalizeBaseUrl } from './url'

export const CURRENT_VERSION = 1
export const PROFILES_FILE_NAME = 'profiles.json'

const isoTime = z.iso.datetime({ offset: true })

/** A base URL as stored: must already be in the canonical form `normalizeBaseUrl` gives. */
const storedBaseUrl = z
  .string()
  .max(2048)
  .refine((url) => {
    try {
      return normalizeBaseUrl(url) === url
    } catch {
      return false
    }
  }, 'not a normalized http(s) base URL')

const storedName = z
  .string()
  .max(MAX_NAME_LENGTH)
  .refine((n) => n.trim() === n && n.length > 0, 'a name must be non-empty and trimmed')

export const apiKeyOwnerSchema = z.object({
  email: z.string().max(320).nullable(),
  accountRole: roleSchema.nullable(),
  domainRoles: z.record(z.string(), roleSchema),
  disposition: z.string().nullable(),
})

/** One profile in a version-1 file. Unknown fields (from a later minor change) are dropped. */
export const profileRecordSchema = z.object({
  id: z.string().min(1).max(100),
  name: storedName,
  baseUrl: storedBaseUrl,
  notes: z.string().max(4000).default(''),
  createdAt: isoTime,
  updatedAt: isoTime,
  lastUsedAt: isoTime.nullable().default(null),
  /** A key for this profile's id was saved in the keychain (the keychain stays the truth). */
  hasApiKey: z.boolean().default(false),
  keyOwner: apiKeyOwnerSchema.nullable().default(null),
})
export type ProfileRecord = z.output<typeof profileRecordSchema>

export interface ProfilesData {
  activeId: string | null
  profiles: ProfileRecord[]
}

/** A whole version-1 file: ids and names unique, the active id one of the profiles (or null). */
export const profilesFileV1Schema = z
  .object({
    version: z.literal(1),
    activeId: z.string().nullable(),
    profiles: z.array(profileRecordSchema),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>()
    const names = new Set<string>()
    file.profiles.forEach((p, i) => {
      if (ids.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: 'duplicate id' })
      if (names.has(nameKey(p.name)))
        ctx.addIssue({ code: 'custom', path: ['profiles', i, 'name'], message: 'duplicate name' })
      ids.add(p.id)
      names.add(nameKey(p.name))
    })
    if (file.activeId !== null && !ids.has(file.activeId))
      ctx.addIssue({ code: 'custom', path: ['activeId'], message: 'names no profile' })
  })

/** One entry of a version-0 file. */
export const profileV0Schema = z.object({ name: z.string(), url: z.string() })
export type ProfileV0 = z.output<typeof profileV0Schema>

/** What is written: the current version, keys in a stable order for readable diffs. */
export function serializeProfiles(data: ProfilesData): string {
  const file = { version: CURRENT_VERSION, activeId: data.activeId, profiles: data.profiles }
  return `${JSON.stringify(file, null, 2)}\n`
}
