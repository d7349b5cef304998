/**
 * The profiles service over the real OS keychain (keytar → Secret Service over D-Bus). The first
 * block runs inside scripts/with-keyring.sh (npm run test:keychain), which sets DQOPS_TEST_KEYRING.
 * The unavailable-keychain block runs the service in a child process whose D-Bus address names a
 * socket that does not exist: the real keytar fails exactly as on a desktop without a keyring.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKeytarSecretStore } from '../../electron/main/secrets/keytar'
import { makeDeps, startService, tempDir } from '../main/profiles/support'

const inKeyring = process.env['DQOPS_TEST_KEYRING'] === '1'
const service = `DQOps Users (test ${randomUUID()})`
/** Shaped like a DQOps key: hex of a JSON payload and 32 signature bytes. */
function key(email: string): string {
  const payload = Buffer.from(JSON.stringify({ usr: email, arl: 'editor', dr: {}, dp: 'ak' }))
  return Buffer.concat([payload, Buffer.alloc(32, 1)]).toString('hex')
}

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir('dqops-keychain-')))
afterEach(() => cleanup())

async function userDataText(): Promise<string> {
  const names = await readdir(dir)
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n')
}

describe.skipIf(!inKeyring)('profiles with the real keychain (needs scripts/with-keyring.sh)', () => {
  it('set, replace, read by main after a restart, delete: the keychain holds the key, the file never', async () => {
    const store = () => createKeytarSecretStore({ service })
    const first = await startService(makeDeps(dir, { secrets: store() }))
    expect((await first.handlers['profiles.list']({})).keychain).toEqual({ available: true, message: null })

    const alice = key('alice@example.com')
    const p = await first.handlers['profiles.create']({
      name: 'Prod',
      baseUrl: 'https://dqops.example.com',
      apiKey: alice,
    })
    expect(p).toMatchObject({
      hasApiKey: true,
      keyOwner: { email: 'alice@example.com', accountRole: 'editor' },
    })
    // Really in the OS keychain, under the profile's id, read by an independent store instance.
    expect(await store().get(p.id)).toBe(alice)

    const bob = key('bob@example.com')
    const replaced = await first.handlers['profiles.setApiKey']({ id: p.id, apiKey: bob })
    expect(replaced.keyOwner?.email).toBe('bob@example.com')
    expect(await store().get(p.id)).toBe(bob)
    expect(await userDataText()).not.toContain(bob)
    expect(await userDataText()).not.toContain(alice)

    // A restarted app (new service, new keytar store, empty cache) reads the key from the keychain.
    const restarted = await startService(makeDeps(dir, { secrets: store() }))
    expect(await restarted.connections.resolve(p.id)).toEqual({
      profileId: p.id,
      baseUrl: 'https://dqops.example.com',
      apiKey: bob,
    })

    const state = await restarted.handlers['profiles.delete']({ id: p.id })
    expect(state.profiles.some((x) => x.id === p.id)).toBe(false)
    expect(await store().get(p.id)).toBeNull()
  })

  it('remove API key deletes the keychain entry; duplicate copies it to the new id', async () => {
    const store = createKeytarSecretStore({ service })
    const profiles = await startService(makeDeps(dir, { secrets: store }))
    const p = await profiles.handlers['profiles.create']({
      name: 'A',
      baseUrl: 'http://localhost:8888',
      apiKey: key('a@example.com'),
    })
    const copy = await profiles.handlers['profiles.duplicate']({ id: p.id })
    expect(await store.get(copy.id)).toBe(key('a@example.com'))
    await profiles.handlers['profiles.removeApiKey']({ id: p.id })
    expect(await store.get(p.id)).toBeNull()
    expect((await profiles.connections.resolve(p.id)).apiKey).toBeNull()
    await profiles.handlers['profiles.delete']({ id: copy.id })
    expect(await store.get(copy.id)).toBeNull()
  })
})

describe('profiles with the keychain unreachable (real keytar, no D-Bus)', () => {
  it('setApiKey and create-with-key fail with keychain-unavailable and the Linux remedy; no key on disk', async () => {
    const run = promisify(execFile)
    const child = resolve(__dirname, 'fixtures/keychain-unavailable-child.ts')
    const apiKey = key('carol@example.com')
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/dqops-test-bus',
    }
    delete env['DISPLAY']
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child, dir, service, apiKey], {
      env,
      timeout: 30_000,
    })
    const out = JSON.parse(stdout) as {
      keychain: { available: boolean; message: string | null }
      setApiKey: {
        ok: boolean
        error: { code: string; message: string; details: { remedy: string; reason: string } }
      }
      create: { ok: boolean; error: { code: string } }
      after: { profiles: { name: string; hasApiKey: boolean }[] }
    }
    expect(out.keychain.available).toBe(false)
    expect(out.keychain.message).toMatch(/Secret Service/)
    expect(out.setApiKey.ok).toBe(false)
    expect(out.setApiKey.error.code).toBe('keychain-unavailable')
    expect(out.setApiKey.error.message).toMatch(/could not save the API key/)
    expect(out.setApiKey.error.message).toMatch(/not stored anywhere else/)
    expect(out.setApiKey.error.details.remedy).toMatch(/gnome-keyring/)
    expect(out.setApiKey.error.details.reason).toMatch(/connect|D-Bus|No such file/i)
    expect(out.create).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } })
    expect(out.after.profiles).toEqual([expect.objectContaining({ name: 'Local DQOps', hasApiKey: false })])
    expect(stdout).not.toContain(apiKey)
    expect(await userDataText()).not.toContain(apiKey)
  })
})
