/**
 * The real OS keychain (Secret Service over D-Bus), through the app's keytar secret store.
 * Runs inside scripts/with-keyring.sh (npm run test:keychain), which sets DQOPS_TEST_KEYRING.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createKeytarSecretStore } from '../../electron/main/secrets/keytar'

const inKeyring = process.env['DQOPS_TEST_KEYRING'] === '1'
const service = `DQOps Users (test ${randomUUID()})`

describe.skipIf(!inKeyring)('real keychain via keytar (needs scripts/with-keyring.sh)', () => {
  it('reports the keychain as available', async () => {
    const store = createKeytarSecretStore({ service })
    expect(await store.isAvailable()).toEqual({ available: true, message: null })
  })

  it('stores, reads, replaces and deletes a secret', async () => {
    const store = createKeytarSecretStore({ service })
    const account = `profile-${randomUUID()}`
    expect(await store.get(account)).toBeNull()
    await store.set(account, 'first-secret-value')
    expect(await store.get(account)).toBe('first-secret-value')
    await store.set(account, 'second-secret-value ünïcode')
    expect(await store.get(account)).toBe('second-secret-value ünïcode')
    expect(await store.delete(account)).toBe(true)
    expect(await store.get(account)).toBeNull()
    expect(await store.delete(account)).toBe(false)
  })
})
