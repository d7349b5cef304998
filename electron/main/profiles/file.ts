/**
 * The profiles file on disk: read with recovery, written atomically (write-file-atomic: a temp file
 * in the same folder, fsync, rename), never overwritten while it holds something this version could
 * not read. A damaged file is moved aside as `profiles.corrupt-<timestamp>.json`; a version-0 file
 * is copied to `profiles.v0-backup-<timestamp>.json` before it is migrated.
 */
import { constants } from 'node:fs'
import { access, copyFile, mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { Logger } from '../log'
import { readProfilesText } from './read'
import { PROFILES_FILE_NAME, serializeProfiles, type ProfilesData } from './schema'

export interface ProfilesFileOptions {
  dir: string
  log: Logger
  now: () => Date
  newId: () => string
}

export interface LoadResult {
  data: ProfilesData
  /** No file existed: the caller seeds the first-run profile. */
  firstRun: boolean
  /** The loaded data differs from the file (migrated or recovered) and must be written. */
  needsWrite: boolean
  /** False when the file could neither be read nor moved aside: saving would destroy it. */
  writable: boolean
  /** Sentences for the user (where the old file went, what was recovered). */
  notices: string[]
}

export interface ProfilesFile {
  readonly path: string
  load(): Promise<LoadResult>
  write(data: ProfilesData): Promise<void>
}

/** `2026-12-01T10-20-30-123Z`: sortable, and valid in file names on every OS. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** `1 profile`, `2 profiles`, `3 entries`. */
function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`
  return `${n} ${word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`
}

export function createProfilesFile(options: ProfilesFileOptions): ProfilesFile {
  const { dir, log } = options
  const path = join(dir, PROFILES_FILE_NAME)
  const empty = (): ProfilesData => ({ activeId: null, profiles: [] })

  /** `profiles.<label>-<stamp>.json`, or `…-2.json` etc. if that exists: never replaces a file. */
  async function freePath(label: string): Promise<string> {
    const stamp = fileStamp(options.now())
    for (let n = 1; ; n++) {
      const candidate = join(dir, `profiles.${label}-${stamp}${n === 1 ? '' : `-${n}`}.json`)
      try {
        await access(candidate)
      } catch {
        return candidate
      }
    }
  }

  async function moveAside(): Promise<string> {
    const target = await freePath('corrupt')
    await rename(path, target)
    return target
  }

  async function load(): Promise<LoadResult> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (e) {
      if (errorCode(e) === 'ENOENT')
        return { data: empty(), firstRun: true, needsWrite: false, writable: true, notices: [] }
      return unreadable(e)
    }

    const outcome = readProfilesText(text, { now: options.now().toISOString(), newId: options.newId })
    if (outcome.kind === 'ok')
      return { data: outcome.data, firstRun: false, needsWrite: false, writable: true, notices: [] }

    if (outcome.kind === 'migrated') {
      const backup = await freePath(`v${outcome.fromVersion}-backup`)
      await copyFile(path, backup, constants.COPYFILE_EXCL)
      log.info('Migrated the profiles file to the current format', { from: outcome.fromVersion, backup })
      const dropped =
        outcome.dropped > 0
          ? ` ${plural(outcome.dropped, 'entry')} could not be converted (no name, or an address that is not http or https); they are still in that copy.`
          : ''
      return {
        data: outcome.data,
        firstRun: false,
        needsWrite: true,
        writable: true,
        notices: [
          `Your connection profiles were converted to the current file format. A copy of the old file was kept at ${backup}.${dropped}`,
        ],
      }
    }

    const moved = await moveAside()
    log.warn('The profiles file was damaged and has been moved aside', {
      reason: outcome.reason,
      movedTo: moved,
    })
    const n = outcome.data.profiles.length
    const recovered =
      n > 0 ? `${plural(n, 'profile')} could be recovered from it` : 'No profile could be recovered from it'
    const lost =
      outcome.dropped === null
        ? ''
        : outcome.dropped > 0
          ? `, ${plural(outcome.dropped, 'other entry')} could not`
          : ''
    return {
      data: outcome.data,
      firstRun: false,
      needsWrite: true,
      writable: true,
      notices: [
        `The connection profiles file could not be read because ${outcome.reason}. It was moved, unchanged, to ${moved}. ${recovered}${lost}. Open the moved file to copy anything that is missing. API keys are in the OS keychain and were not affected.`,
      ],
    }
  }

  /** A file that exists but cannot be read: move it aside if possible, else refuse to save. */
  async function unreadable(cause: unknown): Promise<LoadResult> {
    const reason = errorCode(cause) ?? (cause instanceof Error ? cause.message : String(cause))
    try {
      const moved = await moveAside()
      log.warn('The profiles file could not be read and has been moved aside', { reason, movedTo: moved })
      return {
        data: empty(),
        firstRun: false,
        needsWrite: true,
        writable: true,
        notices: [
          `The connection profiles file could not be opened (${reason}). It was moved, unchanged, to ${moved}. The app starts without profiles; check that file's permissions to recover them.`,
        ],
      }
    } catch (e) {
      log.error('The profiles file can neither be read nor moved aside', { reason, move: errorCode(e) })
      return {
        data: empty(),
        firstRun: false,
        needsWrite: false,
        writable: false,
        notices: [
          `The connection profiles file ${path} could not be opened (${reason}). Changes to profiles cannot be saved until it can: check the permissions of that file and its folder, then restart the app.`,
        ],
      }
    }
  }

  async function write(data: ProfilesData): Promise<void> {
    await mkdir(dir, { recursive: true })
    await writeFileAtomic(path, serializeProfiles(data), { mode: 0o600 })
  }

  return { path, load, write }
}
