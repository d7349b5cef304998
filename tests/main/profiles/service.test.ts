/**
 * The profiles service through its handlers (real files in a temp folder, the in-memory secret
 * store, or a failing one for the keychain-unavailable path).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../shared/contract'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import { MAX_IMPORT_BYTES } from '../../../electron/main/profiles/exchange'
import { countingSecretStore, failingSecretStore, makeDeps, startService, tempDir } from './support'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

/** A DQOps-style key: hex of a JSON payload + 32 signature bytes (decodable, never verified here). */
function fakeKey(email: string, role: string): string {
  const payload = Buffer.from(JSON.stringify({ usr: email, arl: role, dr: {}, dp: 'ak', tid: 't', tg: 1 }))
  return Buffer.concat([payload, Buffer.alloc(32, 7)]).toString('hex')
}
const ALICE = fakeKey('alice@example.com', 'admin')
const BOB = fakeKey('bob@example.com', 'viewer')

/** Profile "A" on localhost:1 with Alice's key: where most key tests start. */
const A_WITH_KEY = { name: 'A', baseUrl: 'http://localhost:1', apiKey: ALICE }

/** The service over `dir`, with a memory secret store the test can look into. */
async function withMemoryStore() {
  const secrets = createMemorySecretStore()
  return { secrets, service: await startService(makeDeps(dir, { secrets })) }
}

async function rejection(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const e = await p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (err: unknown) => err,
  )
  return e as { code: string; message: string; details?: Record<string, unknown> }
}

describe('when nothing can be saved', () => {
  it('refuses every change before it takes effect: no key reaches the keychain, nothing is deleted', async () => {
    // A user-data "folder" that is a file: the profiles file can be neither read nor moved aside.
    const notADir = join(dir, 'not-a-folder')
    await writeFile(notADir, 'x')
    const secrets = createMemorySecretStore()
    const service = await startService(makeDeps(notADir, { secrets }))
    const before = await service.handlers['profiles.list']({})
    expect(before.notices.join(' ')).toMatch(/will not be saved|could not be opened/)

    const created = await rejection(service.handlers['profiles.create'](A_WITH_KEY))
    expect(created).toMatchObject({ code: 'file' })
    expect(created.message).toMatch(/cannot be saved/)
    expect(secrets.entries.size).toBe(0)
    expect((await service.handlers['profiles.list']({})).profiles).toEqual(before.profiles)

    for (const p of before.profiles) {
      expect(await rejection(service.handlers['profiles.delete']({ id: p.id }))).toMatchObject({
        code: 'file',
      })
    }
    expect((await service.handlers['profiles.list']({})).profiles).toEqual(before.profiles)
  })
})

describe('create, update, duplicate, delete', () => {
  it('creates a profile with a key: the view shows whose key it is, never the key; the key is only in the store', async () => {
    const { secrets, service } = await withMemoryStore()
    const view = await service.handlers['profiles.create']({
      name: '  Production ',
      baseUrl: 'https://DQOps.example.com/',
      notes: 'main',
      apiKey: `  "${ALICE}"  `,
    })
    expect(view).toMatchObject({
      name: 'Production',
      baseUrl: 'https://dqops.example.com',
      notes: 'main',
      hasApiKey: true,
      keyOwner: { email: 'alice@example.com', accountRole: 'admin' },
      insecureTransport: false,
      lastUsedAt: null,
    })
    expect(JSON.stringify(view)).not.toContain(ALICE)
    expect(secrets.entries.get(view.id)).toBe(ALICE)
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain(ALICE)
  })

  it('an empty key field means no key', async () => {
    const { secrets, service } = await withMemoryStore()
    const view = await service.handlers['profiles.create']({
      name: 'A',
      baseUrl: 'http://localhost:1',
      apiKey: '   ',
    })
    expect(view.hasApiKey).toBe(false)
    expect(secrets.entries.size).toBe(0)
  })

  it('flags plain http to another machine', async () => {
    const service = await startService(makeDeps(dir))
    const view = await service.handlers['profiles.create']({
      name: 'LAN',
      baseUrl: 'http://192.168.1.20:8888',
    })
    expect(view.insecureTransport).toBe(true)
  })

  it('refuses a duplicate name (ignoring case), an empty name, a bad URL, a key with spaces: nothing is created', async () => {
    const { secrets, service } = await withMemoryStore()
    expect(
      await rejection(
        service.handlers['profiles.create']({ name: 'local dqops', baseUrl: 'http://localhost:1' }),
      ),
    ).toMatchObject({ code: 'validation', details: { field: 'name' } })
    expect(
      await rejection(service.handlers['profiles.create']({ name: ' ', baseUrl: 'http://localhost:1' })),
    ).toMatchObject({ code: 'validation', details: { field: 'name' } })
    expect(
      await rejection(service.handlers['profiles.create']({ name: 'X', baseUrl: 'ftp://x' })),
    ).toMatchObject({ code: 'validation', details: { field: 'baseUrl' } })
    const badKey = await rejection(
      service.handlers['profiles.create']({ name: 'X', baseUrl: 'http://x', apiKey: 'abc def-secret' }),
    )
    expect(badKey).toMatchObject({ code: 'validation', details: { field: 'apiKey' } })
    expect(badKey.message).not.toContain('def-secret')
    expect((await service.handlers['profiles.list']({})).profiles).toHaveLength(1)
    expect(secrets.entries.size).toBe(0)
  })

  it('updates name, URL and notes; renaming to another profile’s name is refused; to its own name in other case is fine', async () => {
    const service = await startService(makeDeps(dir))
    const a = await service.handlers['profiles.create']({ name: 'Alpha', baseUrl: 'http://localhost:1' })
    await service.handlers['profiles.create']({ name: 'Beta', baseUrl: 'http://localhost:2' })
    const updated = await service.handlers['profiles.update']({
      id: a.id,
      name: 'ALPHA',
      baseUrl: 'https://alpha.example.com/dqops/',
      notes: 'n',
    })
    expect(updated).toMatchObject({ name: 'ALPHA', baseUrl: 'https://alpha.example.com/dqops', notes: 'n' })
    expect(updated.updatedAt >= a.updatedAt).toBe(true)
    expect(await rejection(service.handlers['profiles.update']({ id: a.id, name: 'beta' }))).toMatchObject({
      code: 'validation',
    })
    expect(await rejection(service.handlers['profiles.update']({ id: 'nope', notes: '' }))).toMatchObject({
      code: 'profile-not-found',
    })
  })

  it('duplicates a profile with its key under a free name, right after the original', async () => {
    const { secrets, service } = await withMemoryStore()
    const a = await service.handlers['profiles.create']({
      name: 'Prod',
      baseUrl: 'https://p.example.com',
      notes: 'x',
      apiKey: ALICE,
    })
    await service.handlers['profiles.create']({ name: 'Zed', baseUrl: 'https://z.example.com' })
    const copy = await service.handlers['profiles.duplicate']({ id: a.id })
    const copy2 = await service.handlers['profiles.duplicate']({ id: a.id })
    expect(copy).toMatchObject({
      name: 'Prod (copy)',
      baseUrl: a.baseUrl,
      notes: 'x',
      hasApiKey: true,
      keyOwner: a.keyOwner,
    })
    expect(copy2.name).toBe('Prod (copy 2)')
    expect(copy.id).not.toBe(a.id)
    expect(secrets.entries.get(copy.id)).toBe(ALICE)
    const names = (await service.handlers['profiles.list']({})).profiles.map((p) => p.name)
    expect(names).toEqual(['Local DQOps', 'Prod', 'Prod (copy 2)', 'Prod (copy)', 'Zed'])
  })

  it('deleting a profile removes its keychain entry; deleting the active one activates the most recently used', async () => {
    const { secrets, service } = await withMemoryStore()
    const local = (await service.handlers['profiles.list']({})).profiles[0]!
    const a = await service.handlers['profiles.create'](A_WITH_KEY)
    const b = await service.handlers['profiles.create']({
      name: 'B',
      baseUrl: 'http://localhost:2',
      apiKey: BOB,
    })
    await service.handlers['profiles.setActive']({ id: b.id })
    await service.handlers['profiles.setActive']({ id: a.id })
    expect(secrets.entries.has(a.id)).toBe(true)

    const state = await service.handlers['profiles.delete']({ id: a.id })
    expect(secrets.entries.has(a.id)).toBe(false)
    expect(secrets.entries.get(b.id)).toBe(BOB)
    expect(state.profiles.map((p) => p.id)).toEqual([local.id, b.id])
    expect(state.activeId).toBe(b.id)
    await expect(service.connections.resolve(a.id)).rejects.toMatchObject({ code: 'profile-not-found' })
  })
})

describe('active profile', () => {
  it('setActive marks it active, records lastUsedAt, and survives a restart', async () => {
    let clock = new Date('2026-12-01T09:00:00.000Z')
    const deps = makeDeps(dir, { now: () => clock })
    const service = await startService(deps)
    const a = await service.handlers['profiles.create']({ name: 'A', baseUrl: 'http://localhost:1' })
    clock = new Date('2026-12-01T10:00:00.000Z')
    const state = await service.handlers['profiles.setActive']({ id: a.id })
    expect(state.activeId).toBe(a.id)
    expect(state.profiles.find((p) => p.id === a.id)?.lastUsedAt).toBe('2026-12-01T10:00:00.000Z')
    const again = await startService(makeDeps(dir))
    expect((await again.handlers['profiles.list']({})).activeId).toBe(a.id)
    await expect(service.handlers['profiles.setActive']({ id: 'gone' })).rejects.toMatchObject({
      code: 'profile-not-found',
    })
  })
})

describe('API keys', () => {
  it('set, replace and remove; main reads the key back, the renderer never', async () => {
    const { secrets, service } = await withMemoryStore()
    const a = await service.handlers['profiles.create']({ name: 'A', baseUrl: 'http://localhost:1' })
    expect((await service.connections.resolve(a.id)).apiKey).toBeNull()

    const set = await service.handlers['profiles.setApiKey']({ id: a.id, apiKey: ALICE })
    expect(set).toMatchObject({ hasApiKey: true, keyOwner: { email: 'alice@example.com' } })
    expect(await service.connections.resolve(a.id)).toEqual({
      profileId: a.id,
      baseUrl: 'http://localhost:1',
      apiKey: ALICE,
    })

    const replaced = await service.handlers['profiles.setApiKey']({ id: a.id, apiKey: BOB })
    expect(replaced.keyOwner).toMatchObject({ email: 'bob@example.com', accountRole: 'viewer' })
    expect((await service.connections.resolve(a.id)).apiKey).toBe(BOB)

    const removed = await service.handlers['profiles.removeApiKey']({ id: a.id })
    expect(removed).toMatchObject({ hasApiKey: false, keyOwner: null })
    expect(secrets.entries.has(a.id)).toBe(false)
    expect((await service.connections.resolve(a.id)).apiKey).toBeNull()
  })

  it('a key that is not a DQOps-issued one (e.g. a pairing key) is stored with an unknown owner', async () => {
    const service = await startService(makeDeps(dir))
    const view = await service.handlers['profiles.create']({
      name: 'A',
      baseUrl: 'http://localhost:1',
      apiKey: 'deadbeef'.repeat(8),
    })
    expect(view).toMatchObject({ hasApiKey: true, keyOwner: null })
  })

  it('reads each key from the keychain once per session, and after a restart reads it again', async () => {
    const secrets = countingSecretStore()
    const service = await startService(makeDeps(dir, { secrets }))
    const a = await service.handlers['profiles.create'](A_WITH_KEY)
    for (let i = 0; i < 50; i++) expect((await service.connections.resolve(a.id)).apiKey).toBe(ALICE)
    expect(secrets.reads()).toBe(0) // set fills the cache
    const restarted = await startService(makeDeps(dir, { secrets }))
    // A burst of concurrent calls right after start shares one keychain read.
    await Promise.all(Array.from({ length: 20 }, () => restarted.connections.resolve(a.id)))
    expect(secrets.reads()).toBe(1)
    const afterBurst = secrets.reads()
    for (let i = 0; i < 50; i++) await restarted.connections.resolve(a.id)
    expect(secrets.reads()).toBe(afterBurst)
    // Profiles without a key never touch the keychain.
    const local = (await restarted.handlers['profiles.list']({})).profiles.find((p) => !p.hasApiKey)!
    await restarted.connections.resolve(local.id)
    expect(secrets.reads()).toBe(afterBurst)
  })

  it('a key replaced while an earlier keychain read is still in flight is not overwritten by that read', async () => {
    const store = createMemorySecretStore()
    const first = await startService(makeDeps(dir, { secrets: store }))
    const a = await first.handlers['profiles.create'](A_WITH_KEY)
    const slow = {
      ...store,
      isAvailable: () => store.isAvailable(),
      get: async (account: string) => {
        const value = await store.get(account)
        await new Promise((r) => setTimeout(r, 50))
        return value
      },
      set: (account: string, secret: string) => store.set(account, secret),
      delete: (account: string) => store.delete(account),
    }
    const restarted = await startService(makeDeps(dir, { secrets: slow }))
    const early = restarted.connections.resolve(a.id) // reads ALICE slowly
    await restarted.handlers['profiles.setApiKey']({ id: a.id, apiKey: BOB })
    expect((await early).apiKey).toBe(ALICE)
    expect((await restarted.connections.resolve(a.id)).apiKey).toBe(BOB)
  })

  it('a key missing from the keychain (deleted outside the app) corrects the profile instead of failing', async () => {
    const { secrets, service } = await withMemoryStore()
    const a = await service.handlers['profiles.create'](A_WITH_KEY)
    await secrets.delete(a.id)
    const restarted = await startService(makeDeps(dir, { secrets }))
    expect((await restarted.connections.resolve(a.id)).apiKey).toBeNull()
    expect(
      (await restarted.handlers['profiles.list']({})).profiles.find((p) => p.id === a.id)?.hasApiKey,
    ).toBe(false)
  })
})

describe('keychain unavailable', () => {
  it('setApiKey and create-with-key fail with keychain-unavailable and the OS remedy; nothing is written to disk', async () => {
    const secrets = failingSecretStore()
    const service = await startService(makeDeps(dir, { secrets }))
    const listed = await service.handlers['profiles.list']({})
    expect(listed.keychain.available).toBe(false)
    expect(listed.keychain.message).toMatch(/keychain/)

    const local = listed.profiles[0]!
    const error = await rejection(service.handlers['profiles.setApiKey']({ id: local.id, apiKey: ALICE }))
    expect(error.code).toBe('keychain-unavailable')
    expect(error.message).toMatch(/gnome-keyring/)
    expect(error.message).toMatch(/not stored anywhere else/)
    expect(error.details?.['remedy']).toMatch(/Secret Service/)
    expect(JSON.stringify(error)).not.toContain(ALICE)

    const onCreate = await rejection(
      service.handlers['profiles.create']({ name: 'New', baseUrl: 'http://localhost:1', apiKey: ALICE }),
    )
    expect(onCreate.code).toBe('keychain-unavailable')
    const state = await service.handlers['profiles.list']({})
    expect(state.profiles.map((p) => p.name)).toEqual(['Local DQOps'])
    expect(state.profiles[0]!.hasApiKey).toBe(false)
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain(ALICE)
  })

  it('the macOS remedy on a Mac', async () => {
    const service = await startService(
      makeDeps(dir, { secrets: failingSecretStore('User interaction is not allowed.'), platform: 'darwin' }),
    )
    const local = (await service.handlers['profiles.list']({})).profiles[0]!
    const error = await rejection(service.handlers['profiles.setApiKey']({ id: local.id, apiKey: ALICE }))
    expect(error).toMatchObject({
      code: 'keychain-unavailable',
      details: { remedy: expect.stringMatching(/login" keychain/) },
    })
  })

  it('profiles without keys still work: list, create, update, set active, delete', async () => {
    const service = await startService(makeDeps(dir, { secrets: failingSecretStore() }))
    const a = await service.handlers['profiles.create']({ name: 'A', baseUrl: 'http://localhost:1' })
    await service.handlers['profiles.update']({ id: a.id, notes: 'n' })
    await service.handlers['profiles.setActive']({ id: a.id })
    const state = await service.handlers['profiles.delete']({ id: a.id })
    expect(state.profiles.map((p) => p.name)).toEqual(['Local DQOps'])
  })

  it('a profile with a key cannot be deleted while the keychain is unavailable (its key would be orphaned)', async () => {
    const store = createMemorySecretStore()
    const first = await startService(makeDeps(dir, { secrets: store }))
    const a = await first.handlers['profiles.create'](A_WITH_KEY)
    const broken = await startService(makeDeps(dir, { secrets: failingSecretStore() }))
    expect(await rejection(broken.handlers['profiles.delete']({ id: a.id }))).toMatchObject({
      code: 'keychain-unavailable',
    })
    expect((await broken.handlers['profiles.list']({})).profiles.map((p) => p.id)).toContain(a.id)
    await expect(broken.connections.resolve(a.id)).rejects.toMatchObject({ code: 'keychain-unavailable' })
  })

  it('the status recovers once the keychain works again', async () => {
    let failing = true
    const store = createMemorySecretStore()
    const flaky = {
      isAvailable: async () =>
        failing ? { available: false, message: 'locked' } : { available: true, message: null },
      get: (a: string) => store.get(a),
      set: async (a: string, s: string) => {
        if (failing) throw new Error('locked')
        return store.set(a, s)
      },
      delete: (a: string) => store.delete(a),
    }
    const service = await startService(makeDeps(dir, { secrets: flaky }))
    expect((await service.handlers['profiles.list']({})).keychain.available).toBe(false)
    failing = false
    expect((await service.handlers['profiles.list']({})).keychain).toEqual({ available: true, message: null })
    const local = (await service.handlers['profiles.list']({})).profiles[0]!
    failing = true
    await expect(
      service.handlers['profiles.setApiKey']({ id: local.id, apiKey: ALICE }),
    ).rejects.toMatchObject({ code: 'keychain-unavailable' })
    expect((await service.handlers['profiles.list']({})).keychain.available).toBe(false)
  })
})

describe('export and import', () => {
  async function seeded() {
    const deps = makeDeps(dir)
    const service = await startService(deps)
    await service.handlers['profiles.create']({
      name: 'Production',
      baseUrl: 'https://dqops.example.com',
      notes: 'prod',
      apiKey: ALICE,
    })
    await service.handlers['profiles.create']({
      name: 'Staging',
      baseUrl: 'https://staging.example.com/dqops',
      apiKey: BOB,
    })
    return { deps, service }
  }

  it('exports names, URLs and notes only (no ids, no keys) to the chosen file', async () => {
    const { deps, service } = await seeded()
    deps.dialogAnswers.save = join(dir, 'export.json')
    const report = await service.handlers['profiles.export']({})
    expect(report).toEqual({ file: join(dir, 'export.json'), count: 3 })
    const text = await readFile(join(dir, 'export.json'), 'utf8')
    expect(text).not.toContain(ALICE)
    expect(text).not.toContain(BOB)
    const doc = JSON.parse(text) as {
      format: string
      version: number
      exportedAt: string
      profiles: unknown[]
    }
    expect(doc).toMatchObject({ format: 'dqops-users-profiles', version: 1 })
    expect(Number.isNaN(Date.parse(doc.exportedAt))).toBe(false)
    expect(doc.profiles).toEqual([
      { name: 'Local DQOps', baseUrl: 'http://localhost:8888', notes: '' },
      { name: 'Production', baseUrl: 'https://dqops.example.com', notes: 'prod' },
      { name: 'Staging', baseUrl: 'https://staging.example.com/dqops', notes: '' },
    ])
  })

  it('exports a chosen subset; a cancelled dialog writes nothing', async () => {
    const { deps, service } = await seeded()
    const ids = (await service.handlers['profiles.list']({})).profiles
      .filter((p) => p.name !== 'Local DQOps')
      .map((p) => p.id)
    deps.dialogAnswers.save = join(dir, 'two.json')
    expect((await service.handlers['profiles.export']({ ids })).count).toBe(2)
    deps.dialogAnswers.save = null
    expect(await service.handlers['profiles.export']({})).toEqual({ file: null, count: 0 })
    await expect(service.handlers['profiles.export']({ ids: ['nope'] })).rejects.toMatchObject({
      code: 'profile-not-found',
    })
  })

  it('round trip into a fresh app: every profile arrives, without keys', async () => {
    const { deps, service } = await seeded()
    deps.dialogAnswers.save = join(dir, 'export.json')
    await service.handlers['profiles.export']({})

    const other = await tempDir()
    try {
      const otherDeps = makeDeps(other.dir)
      const fresh = await startService(otherDeps)
      otherDeps.dialogAnswers.open = join(dir, 'export.json')
      const report = await fresh.handlers['profiles.import']({})
      expect(report.file).toBe(join(dir, 'export.json'))
      expect(report.imported.map((p) => [p.name, p.baseUrl, p.notes, p.hasApiKey])).toEqual([
        ['Production', 'https://dqops.example.com', 'prod', false],
        ['Staging', 'https://staging.example.com/dqops', '', false],
      ])
      expect(report.skipped).toEqual([
        {
          name: 'Local DQOps',
          reason: 'A profile named "Local DQOps" with the same address already exists.',
        },
      ])
      const reread = await startService(makeDeps(other.dir))
      expect((await reread.handlers['profiles.list']({})).profiles.map((p) => p.name)).toEqual([
        'Local DQOps',
        'Production',
        'Staging',
      ])
    } finally {
      await other.cleanup()
    }
  })

  it('never overwrites: a taken name with another address is imported as "X (imported)"; the existing one is unchanged', async () => {
    const { deps, service } = await seeded()
    const before = (await service.handlers['profiles.list']({})).profiles
    const file = join(dir, 'in.json')
    await writeFile(
      file,
      JSON.stringify({
        format: 'dqops-users-profiles',
        version: 1,
        exportedAt: '2026-01-01T00:00:00Z',
        profiles: [
          { name: 'production', baseUrl: 'https://other.example.com', notes: 'theirs' },
          { name: 'Production', baseUrl: 'https://third.example.com' },
          { name: 'New one', baseUrl: 'http://10.0.0.5:8888' },
        ],
      }),
    )
    deps.dialogAnswers.open = file
    const report = await service.handlers['profiles.import']({})
    expect(report.imported.map((p) => [p.name, p.baseUrl, p.insecureTransport])).toEqual([
      ['production (imported)', 'https://other.example.com', false],
      ['Production (imported 2)', 'https://third.example.com', false],
      ['New one', 'http://10.0.0.5:8888', true],
    ])
    expect(report.skipped).toEqual([])
    const after = (await service.handlers['profiles.list']({})).profiles
    for (const p of before) expect(after.find((x) => x.id === p.id)).toEqual(p)
  })

  it('skips each invalid entry with its reason and imports the rest', async () => {
    const { deps, service } = await seeded()
    const file = join(dir, 'mixed.json')
    await writeFile(
      file,
      JSON.stringify({
        format: 'dqops-users-profiles',
        version: 1,
        profiles: [
          { name: 'Good', baseUrl: 'https://good.example.com/' },
          { name: 'No URL' },
          { name: 'FTP', baseUrl: 'ftp://x.example.com' },
          { name: 'Creds', baseUrl: 'https://u:hunter2pass@x.example.com' },
          { name: '', baseUrl: 'https://x.example.com' },
          'just a string',
          { name: 'Notes', baseUrl: 'https://n.example.com', notes: 5 },
        ],
      }),
    )
    deps.dialogAnswers.open = file
    const report = await service.handlers['profiles.import']({})
    expect(report.imported.map((p) => p.name)).toEqual(['Good'])
    expect(report.skipped.map((s) => s.name)).toEqual([
      'No URL',
      'FTP',
      'Creds',
      'Entry 5',
      'Entry 6',
      'Notes',
    ])
    expect(report.skipped[0]!.reason).toMatch(/no base URL/)
    expect(report.skipped[1]!.reason).toMatch(/http:\/\/ or https:\/\//)
    expect(report.skipped[2]!.reason).toMatch(/user name or password/)
    expect(JSON.stringify(report)).not.toContain('hunter2pass')
    expect(report.skipped[3]!.reason).toMatch(/name/)
    expect(report.skipped[4]!.reason).toMatch(/not a JSON object/)
    expect(report.skipped[5]!.reason).toMatch(/notes are not text/)
  })

  it.each([
    ['not JSON', 'name,url\nProd,https://x', /not valid JSON/],
    [
      'another JSON document',
      JSON.stringify({ hello: 'world' }),
      /neither a DQOps Users profiles export nor a profiles file/,
    ],
    [
      'an export from a newer app',
      JSON.stringify({ format: 'dqops-users-profiles', version: 2, profiles: [] }),
      /newer version/,
    ],
    [
      'an export without a list',
      JSON.stringify({ format: 'dqops-users-profiles', version: 1, profiles: {} }),
      /no list of profiles/,
    ],
  ])('refuses %s as a whole, changing nothing', async (_label, content, message) => {
    const { deps, service } = await seeded()
    const before = await service.handlers['profiles.list']({})
    const file = join(dir, 'bad.json')
    await writeFile(file, content)
    deps.dialogAnswers.open = file
    const error = await rejection(service.handlers['profiles.import']({}))
    expect(error.code).toBe('file')
    expect(error.message).toMatch(message)
    expect(await service.handlers['profiles.list']({})).toEqual(before)
  })

  it('refuses a file over the size cap before reading it, and a missing file', async () => {
    const { deps, service } = await seeded()
    const file = join(dir, 'huge.json')
    await writeFile(file, Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x20))
    deps.dialogAnswers.open = file
    expect((await rejection(service.handlers['profiles.import']({}))).message).toMatch(
      /far larger than any profiles export/,
    )
    deps.dialogAnswers.open = join(dir, 'missing.json')
    expect((await rejection(service.handlers['profiles.import']({}))).message).toMatch(
      /could not be read \(ENOENT\)/,
    )
  })

  it('a cancelled open dialog imports nothing', async () => {
    const { service } = await seeded()
    expect(await service.handlers['profiles.import']({})).toEqual({ file: null, imported: [], skipped: [] })
  })

  it('imports what is recoverable from a damaged profiles file that was moved aside', async () => {
    await writeFile(
      join(dir, 'profiles.json'),
      '{"version":1,"activeId":"a","profiles":[{"id":"a","name":"Old prod","baseUrl":"https://old.example.com","notes":"","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"},{"id":"b","na',
    )
    const deps = makeDeps(dir)
    const service = await startService(deps)
    const state = await service.handlers['profiles.list']({})
    await service.handlers['profiles.delete']({ id: state.profiles[0]!.id })
    const moved = /moved, unchanged, to (\S+\.json)/.exec(state.notices[0]!)?.[1]
    expect(moved).toBeDefined()
    deps.dialogAnswers.open = moved!
    const report = await service.handlers['profiles.import']({})
    expect(report.imported.map((p: ProfileView) => p.name)).toEqual(['Old prod'])
  })
})
