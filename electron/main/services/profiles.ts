/**
 * The `profiles.*` channels and the ConnectionResolver the user services use (issue 4).
 * State lives in memory and is saved to the profiles file after every change (atomic, serialized,
 * coalesced); API keys live only in the OS keychain, cached in memory for the session once read.
 * Changes run one at a time (a mutex), because several of them await the keychain half-way.
 */
import { randomUUID } from 'node:crypto'
import { stat, readFile } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import type { ProfilesState, ProfileView } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { decodeApiKey } from '../dqops/apikey'
import { DEFAULT_TIMEOUT_MS } from '../dqops/transport'
import { runConnectionTest } from '../profiles/connection-test'
import { MAX_IMPORT_BYTES, parseImport, serializeExport } from '../profiles/exchange'
import { createProfilesFile, type LoadResult } from '../profiles/file'
import { createKeyVault, validateApiKey } from '../profiles/keys'
import { freeName, nameKey, validateName } from '../profiles/names'
import type { ProfileRecord, ProfilesData } from '../profiles/schema'
import { createMutex, createSerialWriter } from '../profiles/serial'
import { isInsecureTransport, normalizeBaseUrl } from '../profiles/url'
import type { ConnectionResolver, HandlerGroup, ServiceDeps } from './types'

/** The profile a first run starts with: a local DQOps in authentication mode `none` needs no key. */
export const FIRST_RUN_PROFILE = { name: 'Local DQOps', baseUrl: 'http://localhost:8888' } as const

export interface ProfileService {
  handlers: HandlerGroup<'profiles'>
  connections: ConnectionResolver
  /** Resolves once the profiles file is loaded (or recovered) and the keychain probed. */
  ready: Promise<void>
}

function errorReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string') return code
  return e instanceof Error ? e.message : String(e)
}

function toView(p: ProfileRecord): ProfileView {
  return {
    id: p.id,
    name: p.name,
    baseUrl: p.baseUrl,
    notes: p.notes,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    lastUsedAt: p.lastUsedAt,
    hasApiKey: p.hasApiKey,
    keyOwner: p.keyOwner,
    insecureTransport: isInsecureTransport(p.baseUrl),
  }
}

/** The most recently used profile (else the first): who becomes active when the active one goes. */
function fallbackActive(profiles: readonly ProfileRecord[]): string | null {
  let best: ProfileRecord | undefined
  for (const p of profiles) if (!best || (p.lastUsedAt ?? '') > (best.lastUsedAt ?? '')) best = p
  return best?.id ?? null
}

export function createProfileService(deps: ServiceDeps): ProfileService {
  const { log } = deps
  const now = deps.now ?? (() => new Date())
  const file = createProfilesFile({ dir: deps.userDataDir, log, now, newId: randomUUID })
  const keys = createKeyVault({
    secrets: deps.secrets,
    redactor: deps.redactor,
    platform: deps.runtime.platform,
  })
  const changes = createMutex()
  let data: ProfilesData = { activeId: null, profiles: [] }
  let notices: string[] = []
  let writable = true
  const writer = createSerialWriter(() => file.write(data))

  function notWritable(): AppError {
    return new AppError(
      'file',
      `The change cannot be saved: the profiles file ${file.path} could not be opened at start. Check its permissions and restart the app.`,
    )
  }

  /** Writes the current state (coalesced with other saves in flight). */
  async function save(): Promise<void> {
    if (!writable) throw notWritable()
    try {
      await writer.request()
    } catch (e) {
      log.error('Saving the profiles file failed', { path: file.path, reason: errorReason(e) })
      throw new AppError(
        'file',
        `The change could not be saved to ${file.path} (${errorReason(e)}). Check that the folder exists and is writable and that the disk is not full; the change stays in effect until the app is closed.`,
      )
    }
  }

  const ready = (async () => {
    let loaded: LoadResult
    try {
      loaded = (await Promise.all([file.load(), keys.refreshStatus()]))[0]
    } catch (e) {
      // Never let a broken file stop the app from starting: say so, and refuse to save over it.
      log.error('Loading the profiles failed', { reason: errorReason(e) })
      writable = false
      notices = [
        `The connection profiles could not be loaded from ${file.path} (${errorReason(e)}). Changes to profiles will not be saved until this is fixed and the app restarted.`,
      ]
      return
    }
    data = loaded.data
    notices = loaded.notices
    writable = loaded.writable
    if (loaded.firstRun) {
      const seed = record({ ...FIRST_RUN_PROFILE, notes: '' }, now().toISOString())
      data = { activeId: seed.id, profiles: [seed] }
    }
    // A failed first write is logged by save(); the next change tries again.
    if (loaded.firstRun || loaded.needsWrite) await save().catch(() => undefined)
  })()

  function record(fields: { name: string; baseUrl: string; notes: string }, at: string): ProfileRecord {
    return {
      id: randomUUID(),
      ...fields,
      createdAt: at,
      updatedAt: at,
      lastUsedAt: null,
      hasApiKey: false,
      keyOwner: null,
    }
  }

  function find(id: string): ProfileRecord {
    const p = data.profiles.find((x) => x.id === id)
    if (!p)
      throw new AppError(
        'profile-not-found',
        'This connection profile no longer exists. It may have been deleted; pick another one.',
      )
    return p
  }

  function namesExcept(id: string | null): string[] {
    return data.profiles.filter((p) => p.id !== id).map((p) => p.name)
  }

  /** Replaces one record in the state (a new array: a write in flight keeps a consistent snapshot). */
  function replace(next: ProfileRecord): ProfileRecord {
    data = { ...data, profiles: data.profiles.map((p) => (p.id === next.id ? next : p)) }
    return next
  }

  function insert(next: ProfileRecord, after?: string): void {
    const profiles = [...data.profiles]
    const at = after === undefined ? -1 : profiles.findIndex((p) => p.id === after)
    profiles.splice(at < 0 ? profiles.length : at + 1, 0, next)
    data = { activeId: data.activeId ?? next.id, profiles }
  }

  function state(): ProfilesState {
    return {
      profiles: data.profiles.map(toView),
      activeId: data.activeId,
      notices: [...notices],
      keychain: keys.status(),
    }
  }

  /**
   * Runs a change alone, then saves; the result is returned once it is on disk. Refused before it
   * runs when nothing can be saved: a change (a key written to the keychain, a profile deleted)
   * must not take effect while the caller is told it failed.
   */
  async function change<T>(run: () => Promise<T> | T): Promise<T> {
    await ready
    if (!writable) throw notWritable()
    const result = await changes.run(async () => run())
    await save()
    return result
  }

  /** The key the record says it has; a key missing from the keychain corrects the record. */
  async function keyOf(p: ProfileRecord): Promise<string | null> {
    if (!p.hasApiKey) return null
    const key = await keys.read(p.id)
    if (key === null) {
      log.warn('A profile’s API key is missing from the keychain; marking the profile as having none', {
        profileId: p.id,
      })
      const current = data.profiles.find((x) => x.id === p.id)
      if (current?.hasApiKey) {
        replace({ ...current, hasApiKey: false, keyOwner: null })
        await save().catch(() => undefined) // already logged by save(); the caller still gets its answer
      }
    }
    return key
  }

  const handlers: HandlerGroup<'profiles'> = {
    async 'profiles.list'() {
      await ready
      if (!keys.status().available) await keys.refreshStatus()
      return state()
    },

    'profiles.create': (req) =>
      change(async () => {
        const name = validateName(req.name, namesExcept(null))
        const baseUrl = normalizeBaseUrl(req.baseUrl)
        const apiKey =
          req.apiKey !== undefined && req.apiKey.trim() !== '' ? validateApiKey(req.apiKey) : null
        let next = record({ name, baseUrl, notes: req.notes ?? '' }, now().toISOString())
        if (apiKey !== null) {
          await keys.write(next.id, apiKey) // a keychain failure creates nothing
          next = { ...next, hasApiKey: true, keyOwner: decodeApiKey(apiKey) }
        }
        insert(next)
        return toView(next)
      }),

    'profiles.update': (req) =>
      change(() => {
        const p = find(req.id)
        const name = req.name === undefined ? p.name : validateName(req.name, namesExcept(p.id))
        const baseUrl = req.baseUrl === undefined ? p.baseUrl : normalizeBaseUrl(req.baseUrl)
        const notes = req.notes ?? p.notes
        if (name === p.name && baseUrl === p.baseUrl && notes === p.notes) return toView(p)
        return toView(replace({ ...p, name, baseUrl, notes, updatedAt: now().toISOString() }))
      }),

    'profiles.delete': (req) =>
      change(async () => {
        const p = find(req.id)
        try {
          await keys.remove(p.id)
        } catch (e) {
          // A key we know of must not be orphaned silently; with no key, nothing is lost.
          if (p.hasApiKey) throw e
          log.warn('Could not check the keychain while deleting a profile without a key', { profileId: p.id })
        }
        const profiles = data.profiles.filter((x) => x.id !== p.id)
        data = { activeId: data.activeId === p.id ? fallbackActive(profiles) : data.activeId, profiles }
        return undefined
      }).then(() => state()),

    'profiles.duplicate': (req) =>
      change(async () => {
        const p = find(req.id)
        const at = now().toISOString()
        let copy = record(
          { name: freeName(p.name, 'copy', namesExcept(null)), baseUrl: p.baseUrl, notes: p.notes },
          at,
        )
        const apiKey = await keyOf(p)
        if (apiKey !== null) {
          await keys.write(copy.id, apiKey)
          copy = { ...copy, hasApiKey: true, keyOwner: decodeApiKey(apiKey) }
        }
        insert(copy, p.id)
        return toView(copy)
      }),

    'profiles.setActive': (req) =>
      change(() => {
        const p = find(req.id)
        replace({ ...p, lastUsedAt: now().toISOString() })
        data = { ...data, activeId: p.id }
        return undefined
      }).then(() => state()),

    'profiles.setApiKey': (req) =>
      change(async () => {
        const p = find(req.id)
        const apiKey = validateApiKey(req.apiKey)
        await keys.write(p.id, apiKey)
        return toView(
          replace({ ...p, hasApiKey: true, keyOwner: decodeApiKey(apiKey), updatedAt: now().toISOString() }),
        )
      }),

    'profiles.removeApiKey': (req) =>
      change(async () => {
        const p = find(req.id)
        await keys.remove(p.id)
        return toView(replace({ ...p, hasApiKey: false, keyOwner: null, updatedAt: now().toISOString() }))
      }),

    async 'profiles.testConnection'(req) {
      await ready
      const p = find(req.id)
      const result = await runConnectionTest({
        profileId: p.id,
        baseUrl: p.baseUrl,
        readKey: () => keyOf(p),
        createClient: deps.createClient,
        timeoutMs: deps.dqopsTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        now,
        log,
      })
      log.info('Tested a connection', {
        profileId: p.id,
        reachable: result.reachable,
        keyAccepted: result.keyAccepted,
        error: result.error?.code,
      })
      return result
    },

    async 'profiles.export'(req) {
      await ready
      const chosen = req.ids === undefined ? data.profiles : req.ids.map(find)
      if (chosen.length === 0)
        throw new AppError('validation', 'There are no profiles to export. Create one first.')
      const path = await deps.dialogs.chooseSaveFile({
        title: 'Export connection profiles',
        defaultName: 'dqops-profiles.json',
      })
      if (path === null) return { file: null, count: 0 }
      try {
        await writeFileAtomic(path, serializeExport(chosen, now().toISOString()))
      } catch (e) {
        throw new AppError(
          'file',
          `The profiles could not be written to ${path} (${errorReason(e)}). Choose a folder you can write to.`,
        )
      }
      log.info('Exported profiles', { count: chosen.length, path })
      return { file: path, count: chosen.length }
    },

    async 'profiles.import'() {
      await ready
      const path = await deps.dialogs.chooseOpenFile({ title: 'Import connection profiles' })
      if (path === null) return { file: null, imported: [], skipped: [] }
      const parsed = parseImport(await readImportFile(path))
      const report = await change(() => {
        const imported: ProfileView[] = []
        const skipped = [...parsed.skipped]
        const at = now().toISOString()
        for (const entry of parsed.profiles) {
          const same = data.profiles.find((p) => nameKey(p.name) === nameKey(entry.name))
          if (same && same.baseUrl === entry.baseUrl) {
            skipped.push({
              name: entry.name,
              reason: `A profile named "${same.name}" with the same address already exists.`,
            })
            continue
          }
          // Never overwrite: a name in use gets " (imported)", visible in the imported list.
          const next = record({ ...entry, name: freeName(entry.name, 'imported', namesExcept(null)) }, at)
          insert(next)
          imported.push(toView(next))
        }
        return { file: path, imported, skipped }
      })
      log.info('Imported profiles', {
        path,
        imported: report.imported.length,
        skipped: report.skipped.length,
      })
      return report
    },
  }

  const connections: ConnectionResolver = {
    async resolve(profileId) {
      await ready
      const p = find(profileId)
      return { profileId: p.id, baseUrl: p.baseUrl, apiKey: await keyOf(p) }
    },
  }

  return { handlers, connections, ready }
}

/** The import file's text, refusing anything too large to be an export before reading it. */
async function readImportFile(path: string): Promise<string> {
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new AppError('file', `${path} is not a file. Choose a profiles export (.json).`)
    if (info.size > MAX_IMPORT_BYTES) {
      throw new AppError(
        'file',
        `This file is ${(info.size / 1024 / 1024).toFixed(1)} MB, far larger than any profiles export (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Choose the file exported from DQOps Users.`,
      )
    }
    return await readFile(path, 'utf8')
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError(
      'file',
      `The file ${path} could not be read (${errorReason(e)}). Check that it exists and that you may open it.`,
    )
  }
}
