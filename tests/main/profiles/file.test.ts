/**
 * The profiles file on real disk (temp folders): first run, migration from version 0, recovery
 * from damaged files (the bad file is kept, no valid profile is lost), serialized atomic writes.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profilesFileV1Schema, serializeProfiles } from '../../../electron/main/profiles/schema'
import { FIRST_RUN_PROFILE } from '../../../electron/main/services/profiles'
import { makeDeps, startService, tempDir } from './support'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

const filePath = () => join(dir, 'profiles.json')
async function readJson(path = filePath()): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'))
}
async function filesInDir(): Promise<string[]> {
  return (await readdir(dir)).sort()
}

const T = '2026-11-02T10:00:00.000Z'
function entry(id: string, name: string, baseUrl: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    baseUrl,
    notes: '',
    createdAt: T,
    updatedAt: T,
    lastUsedAt: null,
    hasApiKey: false,
    keyOwner: null,
    ...extra,
  }
}
/** A valid version-1 file with three profiles, the second active. */
function goodFile() {
  return {
    version: 1,
    activeId: 'b',
    profiles: [
      entry('a', 'Production', 'https://dqops.example.com'),
      entry('b', 'Staging', 'https://staging.example.com/dqops', { notes: 'VPN needed' }),
      entry('c', 'Laptop', 'http://localhost:8888'),
    ],
  }
}

describe('first run', () => {
  it('creates one active "Local DQOps" profile at http://localhost:8888 without a key, and writes the file', async () => {
    const service = await startService(makeDeps(dir))
    const state = await service.handlers['profiles.list']({})
    expect(state.profiles).toHaveLength(1)
    const [local] = state.profiles
    expect(local).toMatchObject({
      name: FIRST_RUN_PROFILE.name,
      baseUrl: 'http://localhost:8888',
      hasApiKey: false,
      keyOwner: null,
      insecureTransport: false,
    })
    expect(state.activeId).toBe(local!.id)
    expect(state.notices).toEqual([])
    expect(profilesFileV1Schema.safeParse(await readJson()).success).toBe(true)
  })

  it('does not recreate the default profile once the user deleted every profile', async () => {
    const first = await startService(makeDeps(dir))
    const { profiles } = await first.handlers['profiles.list']({})
    await first.handlers['profiles.delete']({ id: profiles[0]!.id })
    const again = await startService(makeDeps(dir))
    expect((await again.handlers['profiles.list']({})).profiles).toEqual([])
  })
})

describe('a valid file', () => {
  it('is read as is, with no notice and no file moved', async () => {
    await writeFile(filePath(), JSON.stringify(goodFile()))
    const state = await (await startService(makeDeps(dir))).handlers['profiles.list']({})
    expect(state.profiles.map((p) => p.name)).toEqual(['Production', 'Staging', 'Laptop'])
    expect(state.activeId).toBe('b')
    expect(state.notices).toEqual([])
    expect(await filesInDir()).toEqual(['profiles.json'])
  })
})

describe('migration from version 0 (a bare array of { name, url })', () => {
  it('converts every entry, keeps a backup copy of the old file, and says where it is', async () => {
    const v0 = [
      { name: 'Production', url: 'https://dqops.example.com/' },
      { name: ' Laptop ', url: 'http://localhost:8888' },
      { name: 'Broken', url: 'ftp://nowhere' },
    ]
    await writeFile(filePath(), JSON.stringify(v0))
    const state = await (await startService(makeDeps(dir))).handlers['profiles.list']({})

    expect(state.profiles.map((p) => [p.name, p.baseUrl, p.hasApiKey])).toEqual([
      ['Production', 'https://dqops.example.com', false],
      ['Laptop', 'http://localhost:8888', false],
    ])
    expect(state.activeId).toBe(state.profiles[0]!.id)
    const files = await filesInDir()
    const backup = files.find((f) => /^profiles\.v0-backup-.+\.json$/.test(f))
    expect(backup).toBeDefined()
    expect(await readJson(join(dir, backup!))).toEqual(v0)
    expect(state.notices).toHaveLength(1)
    expect(state.notices[0]).toContain(join(dir, backup!))
    expect(state.notices[0]).toMatch(/1 entry could not be converted/)

    // The new file is the current version and reads back without a notice.
    expect(profilesFileV1Schema.safeParse(await readJson()).success).toBe(true)
    const again = await (await startService(makeDeps(dir))).handlers['profiles.list']({})
    expect(again.profiles.map((p) => p.id)).toEqual(state.profiles.map((p) => p.id))
    expect(again.notices).toEqual([])
  })
})

describe('recovery from a damaged file', () => {
  async function startOver(text: string) {
    await writeFile(filePath(), text)
    const state = await (await startService(makeDeps(dir))).handlers['profiles.list']({})
    const files = await filesInDir()
    const corrupt = files.filter((f) => /^profiles\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/.test(f))
    expect(corrupt).toHaveLength(1)
    // The bad file is kept byte for byte, and the user is told where.
    expect(await readFile(join(dir, corrupt[0]!), 'utf8')).toBe(text)
    expect(state.notices).toHaveLength(1)
    expect(state.notices[0]).toContain(join(dir, corrupt[0]!))
    // The new file is valid and holds what was recovered.
    const written = profilesFileV1Schema.parse(await readJson())
    expect(written.profiles.map((p) => p.id)).toEqual(state.profiles.map((p) => p.id))
    return state
  }

  it('garbage: starts empty, keeps the file, explains', async () => {
    const state = await startOver('\u0000\u0007this is not json at all }{')
    expect(state.profiles).toEqual([])
    expect(state.notices[0]).toMatch(/not complete, valid JSON/)
    expect(state.notices[0]).toMatch(/No profile could be recovered/)
  })

  it('an empty file: same, and says it was empty', async () => {
    const state = await startOver('')
    expect(state.profiles).toEqual([])
    expect(state.notices[0]).toMatch(/it is empty/)
  })

  it('truncated JSON (a write cut short): every complete profile before the cut is recovered, with the active one', async () => {
    const full = serializeProfiles(profilesFileV1Schema.parse(goodFile()))
    const cut = full.indexOf('"name": "Laptop"')
    const state = await startOver(full.slice(0, cut))
    expect(state.profiles.map((p) => [p.id, p.name, p.baseUrl, p.notes])).toEqual([
      ['a', 'Production', 'https://dqops.example.com', ''],
      ['b', 'Staging', 'https://staging.example.com/dqops', 'VPN needed'],
    ])
    expect(state.activeId).toBe('b')
    expect(state.notices[0]).toMatch(/2 profiles could be recovered/)
  })

  it('truncated inside a string that contains braces: still recovers the complete entries', async () => {
    const doc = goodFile()
    doc.profiles[0]!.notes = 'tricky } { "notes" with \\"quotes\\" and } braces'
    const full = JSON.stringify(doc)
    const cut = full.indexOf('"Laptop"')
    const state = await startOver(full.slice(0, cut))
    expect(state.profiles.map((p) => p.name)).toEqual(['Production', 'Staging'])
    expect(state.profiles[0]!.notes).toBe(doc.profiles[0]!.notes)
  })

  it('wrong types in one entry: that entry is dropped and counted, every valid one is kept', async () => {
    const doc = goodFile() as { version: number; activeId: string; profiles: Record<string, unknown>[] }
    doc.profiles.splice(
      1,
      0,
      { id: 42, name: ['x'], baseUrl: true },
      { ...entry('d', 'Not a URL', 'https://x.example.com'), baseUrl: 'ftp://x' },
    )
    const state = await startOver(JSON.stringify(doc))
    expect(state.profiles.map((p) => p.name)).toEqual(['Production', 'Staging', 'Laptop'])
    expect(state.activeId).toBe('b')
    expect(state.notices[0]).toMatch(/some of its content is invalid \(profile 2, field id: /)
    expect(state.notices[0]).toMatch(/3 profiles could be recovered from it, 2 other entries could not/)
  })

  it('wrong types at the top (a string where the list should be): nothing to recover, the file is kept', async () => {
    const state = await startOver(JSON.stringify({ version: 1, activeId: null, profiles: 'oops' }))
    expect(state.profiles).toEqual([])
  })

  it('fixable entries (untrimmed name, URL not in canonical form) are repaired, duplicate names renamed', async () => {
    const doc = goodFile()
    doc.profiles[0]!.baseUrl = 'https://DQOPS.example.com:443/'
    doc.profiles[2]!.name = ' production '
    const state = await startOver(JSON.stringify(doc))
    expect(state.profiles.map((p) => [p.name, p.baseUrl])).toEqual([
      ['Production', 'https://dqops.example.com'],
      ['Staging', 'https://staging.example.com/dqops'],
      ['production (recovered)', 'http://localhost:8888'],
    ])
  })

  it('a file from a newer version of the app is moved aside too (never overwritten), its readable entries kept', async () => {
    const doc = { ...goodFile(), version: 7, somethingNew: true }
    const state = await startOver(JSON.stringify(doc))
    expect(state.profiles).toHaveLength(3)
    expect(state.notices[0]).toMatch(/newer version of DQOps Users \(file format 7/)
  })

  it('keeps each damaged file: a second recovery does not replace the first one', async () => {
    await startOver('garbage one')
    await writeFile(filePath(), 'garbage two')
    await startService(makeDeps(dir))
    const corrupt = (await filesInDir()).filter((f) => f.startsWith('profiles.corrupt-'))
    expect(corrupt).toHaveLength(2)
    const contents = await Promise.all(corrupt.map((f) => readFile(join(dir, f), 'utf8')))
    expect(contents.sort()).toEqual(['garbage one', 'garbage two'])
  })

  it('a folder where the file should be (unreadable): moved aside, the app starts and can save', async () => {
    await mkdir(filePath())
    const service = await startService(makeDeps(dir))
    const state = await service.handlers['profiles.list']({})
    expect(state.notices[0]).toMatch(/could not be opened \(EISDIR\)/)
    await service.handlers['profiles.create']({ name: 'New', baseUrl: 'http://localhost:9999' })
    expect(profilesFileV1Schema.parse(await readJson()).profiles.map((p) => p.name)).toEqual(['New'])
  })
})

describe('writes', () => {
  it('100 concurrent saves all land: the file is valid and holds every change', async () => {
    const deps = makeDeps(dir)
    const service = await startService(deps)
    const creates = Array.from({ length: 100 }, (_, i) =>
      service.handlers['profiles.create']({
        name: `Instance ${i}`,
        baseUrl: `https://dqops-${i}.example.com`,
        notes: `n${i}`,
      }),
    )
    const created = await Promise.all(creates)
    const file = profilesFileV1Schema.parse(await readJson())
    expect(file.profiles).toHaveLength(101)

    // And 100 concurrent updates of different fields of those profiles.
    await Promise.all(
      created.map((p, i) => service.handlers['profiles.update']({ id: p.id, notes: `updated ${i}` })),
    )
    const after = profilesFileV1Schema.parse(await readJson())
    for (const [i, p] of created.entries()) {
      expect(after.profiles.find((x) => x.id === p.id)?.notes).toBe(`updated ${i}`)
    }
    // No temp files left behind by the atomic writes.
    expect(await filesInDir()).toEqual(['profiles.json'])
    // A fresh start reads exactly what the running service holds.
    const reread = await (await startService(makeDeps(dir))).handlers['profiles.list']({})
    expect(reread).toEqual(await service.handlers['profiles.list']({}))
  })

  it('concurrent creates with the same name: exactly one wins, the rest are refused', async () => {
    const service = await startService(makeDeps(dir))
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        service.handlers['profiles.create']({ name: 'Same', baseUrl: 'https://a.example.com' }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const names = profilesFileV1Schema.parse(await readJson()).profiles.map((p) => p.name)
    expect(names.filter((n) => n === 'Same')).toHaveLength(1)
  })

  it('a failed write is reported as a file error naming the path and what to check', async () => {
    const service = await startService(makeDeps(dir))
    // A directory in the file's place: the atomic rename onto it fails (as root, permissions would not).
    await rm(filePath())
    await mkdir(join(filePath(), 'blocker'), { recursive: true })
    const error = await service.handlers['profiles.create']({
      name: 'X',
      baseUrl: 'http://localhost:1',
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'file' })
    expect((error as Error).message).toContain(filePath())
    expect((error as Error).message).toMatch(/writable/)
  })
})
