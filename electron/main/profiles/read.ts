/**
 * Turns the text of a profiles file into profiles, whatever state the file is in:
 * - a valid current file is taken as is;
 * - a version-0 file (a bare array of `{ name, url }`) is migrated;
 * - anything else is "damaged": every entry that is still a valid profile is salvaged, whether the
 *   JSON parses (wrong types in some entries, a bad version) or not (truncated, garbage), so that no
 *   valid profile is lost. The caller moves the damaged file aside; nothing here touches the disk.
 */
import type { z } from 'zod'
import { freeName, nameKey, validateName } from './names'
import {
  CURRENT_VERSION,
  profileRecordSchema,
  profilesFileV1Schema,
  profileV0Schema,
  type ProfileRecord,
  type ProfilesData,
} from './schema'
import { normalizeBaseUrl } from './url'

export interface ReadContext {
  /** ISO time used for migrated entries' createdAt/updatedAt. */
  now: string
  newId: () => string
}

export type ReadOutcome =
  | { kind: 'ok'; data: ProfilesData }
  | { kind: 'migrated'; fromVersion: number; data: ProfilesData; dropped: number }
  | {
      kind: 'damaged'
      /** Why, completing "the file could not be used because …". */
      reason: string
      data: ProfilesData
      /** Entries seen but not recoverable; null when the text was too broken to count them. */
      dropped: number | null
    }

type UnknownRecord = Record<string, unknown>
function isRecord(v: unknown): v is UnknownRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function readProfilesText(text: string, ctx: ReadContext): ReadOutcome {
  const clean = text.replace(/^\uFEFF/, '')
  let doc: unknown
  try {
    doc = JSON.parse(clean)
  } catch {
    const found = scanForEntries(clean, ctx)
    const activeId = /"activeId"\s*:\s*"([^"\\]{1,100})"/.exec(clean)?.[1] ?? null
    return damaged(
      ctx,
      clean.trim() ? 'it is not complete, valid JSON' : 'it is empty',
      found,
      activeId,
      null,
    )
  }

  if (Array.isArray(doc)) {
    const entries = doc.map((raw) => fromV0(raw, ctx))
    const kept = entries.filter((e): e is ProfileRecord => e !== null)
    return {
      kind: 'migrated',
      fromVersion: 0,
      data: finish(kept, null, ctx),
      dropped: entries.length - kept.length,
    }
  }
  if (!isRecord(doc)) return damaged(ctx, 'it does not hold a list of profiles', [], null, null)

  const activeId = typeof doc['activeId'] === 'string' ? doc['activeId'] : null
  const rawEntries = Array.isArray(doc['profiles']) ? doc['profiles'] : null
  const salvage = (reason: string) => {
    if (!rawEntries) return damaged(ctx, reason, [], activeId, null)
    const entries = rawEntries.map((raw) => fromAnyEntry(raw, ctx))
    const kept = entries.filter((e): e is ProfileRecord => e !== null)
    return damaged(ctx, reason, kept, activeId, entries.length - kept.length)
  }

  const version = doc['version']
  if (version === CURRENT_VERSION) {
    const parsed = profilesFileV1Schema.safeParse(doc)
    if (parsed.success)
      return { kind: 'ok', data: { activeId: parsed.data.activeId, profiles: parsed.data.profiles } }
    return salvage(`some of its content is invalid (${describeIssue(parsed.error.issues[0])})`)
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_VERSION) {
    return salvage(
      `it was written by a newer version of DQOps Users (file format ${version}; this version reads ${CURRENT_VERSION})`,
    )
  }
  return salvage('its format version is missing or unknown')
}

function damaged(
  ctx: ReadContext,
  reason: string,
  kept: ProfileRecord[],
  activeId: string | null,
  dropped: number | null,
): ReadOutcome {
  return { kind: 'damaged', reason, data: finish(kept, activeId, ctx), dropped }
}

/** "profile 2, field baseUrl: …" for the first problem zod found. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unknown problem'
  const [top, index, field] = issue.path
  const where =
    top === 'profiles' && typeof index === 'number'
      ? `profile ${index + 1}${field === undefined ? '' : `, field ${String(field)}`}`
      : issue.path.length
        ? `field ${issue.path.map(String).join('.')}`
        : 'the top level'
  return `${where}: ${issue.message}`
}

/** A version-0 entry as a current record (new id, times now, URL normalised), or null. */
function fromV0(raw: unknown, ctx: ReadContext): ProfileRecord | null {
  const parsed = profileV0Schema.safeParse(raw)
  if (!parsed.success) return null
  try {
    const name = validateName(parsed.data.name, [])
    const baseUrl = normalizeBaseUrl(parsed.data.url)
    return {
      id: ctx.newId(),
      name,
      baseUrl,
      notes: '',
      createdAt: ctx.now,
      updatedAt: ctx.now,
      lastUsedAt: null,
      hasApiKey: false,
      keyOwner: null,
    }
  } catch {
    return null
  }
}

/**
 * A current-format entry, forgiving what can be fixed without guessing (a name with spaces around
 * it, a URL not yet in canonical form), or failing that a version-0 entry; null when neither.
 */
function fromAnyEntry(raw: unknown, ctx: ReadContext): ProfileRecord | null {
  if (!isRecord(raw)) return null
  const candidate: UnknownRecord = { ...raw }
  if (typeof candidate['name'] === 'string') candidate['name'] = candidate['name'].trim()
  if (typeof candidate['baseUrl'] === 'string') {
    try {
      candidate['baseUrl'] = normalizeBaseUrl(candidate['baseUrl'])
    } catch {
      // Left as is: the schema refuses it below.
    }
  }
  const parsed = profileRecordSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  return 'url' in raw ? fromV0(raw, ctx) : null
}

/**
 * Every profile entry that survives in broken JSON (a truncated write, stray bytes): each balanced
 * `{…}` outside strings is tried as an entry. Objects nested in an entry (its keyOwner) are tried
 * first and fail; an object that encloses an accepted entry (the file's root) is skipped.
 */
function scanForEntries(text: string, ctx: ReadContext): ProfileRecord[] {
  const found: { start: number; record: ProfileRecord }[] = []
  const open: number[] = []
  let inString = false
  let escaped = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (c === '\\') escaped = true
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') open.push(i)
    else if (c === '}') {
      const start = open.pop()
      if (start === undefined) continue
      const last = found[found.length - 1]
      if (last && last.start > start) continue
      let value: unknown
      try {
        value = JSON.parse(text.slice(start, i + 1))
      } catch {
        continue
      }
      const record = fromAnyEntry(value, ctx)
      if (record) found.push({ start, record })
    }
  }
  return found.map((f) => f.record)
}

/**
 * Makes salvaged or migrated entries a valid whole: unique ids (a repeated id gets a new one),
 * unique names (a repeat becomes "Name (recovered)"), an active id that names one of them.
 */
function finish(records: ProfileRecord[], activeId: string | null, ctx: ReadContext): ProfilesData {
  const ids = new Set<string>()
  const names: string[] = []
  const profiles: ProfileRecord[] = []
  for (const r of records) {
    let id = r.id
    if (ids.has(id)) id = ctx.newId()
    ids.add(id)
    const name = names.some((n) => nameKey(n) === nameKey(r.name))
      ? freeName(r.name, 'recovered', names)
      : r.name
    names.push(name)
    profiles.push({ ...r, id, name })
  }
  const active = activeId !== null && ids.has(activeId) ? activeId : (profiles[0]?.id ?? null)
  return { activeId: active, profiles }
}
