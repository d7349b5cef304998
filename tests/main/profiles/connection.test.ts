/**
 * Test connection against the DQOps emulator over real loopback HTTP, with the real client and
 * the real profiles service.
 */
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import type { ProfileService } from '../../../electron/main/services/profiles'
import { startEmulator, type Emulator } from '../../dqops-emulator'
import { failingSecretStore, makeDeps, startService, tempDir, type TestDeps } from './support'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ usersLimit: 25 })
})
afterAll(() => emulator.close())

let dir: string
let cleanup: () => Promise<void>
let deps: TestDeps
let service: ProfileService
beforeEach(async () => {
  emulator.reset()
  ;({ dir, cleanup } = await tempDir())
  deps = makeDeps(dir)
  service = await startService(deps)
})
afterEach(() => cleanup())

async function profileFor(apiKey?: string, baseUrl = emulator.url) {
  const req =
    apiKey === undefined
      ? { name: `P ${Math.random()}`, baseUrl }
      : { name: `P ${Math.random()}`, baseUrl, apiKey }
  return service.handlers['profiles.create'](req)
}

/** Creates a profile with this key (none when undefined) and tests its connection. */
async function testConnection(apiKey?: string, baseUrl = emulator.url) {
  const p = await profileFor(apiKey, baseUrl)
  return service.handlers['profiles.testConnection']({ id: p.id })
}

/** Whether the profile call (the one that carries the key) reached the emulator. */
const keyTried = () => emulator.state.requests.some((r) => r.apiPath === '/api/environment/profile')

/** A loopback port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('test connection against the emulator', () => {
  it('an admin key on a paired ENTERPRISE instance: reachable, accepted, who, and every capability', async () => {
    const p = await profileFor(emulator.keys.admin)
    const result = await service.handlers['profiles.testConnection']({ id: p.id })
    expect(result).toMatchObject({
      profileId: p.id,
      baseUrl: emulator.url,
      reachable: true,
      healthy: true,
      keyAccepted: true,
      error: null,
      identity: {
        email: 'admin@example.com',
        accountRole: 'admin',
        tenant: 'Example Corp',
        licenseType: 'ENTERPRISE',
      },
      capabilities: {
        standalone: false,
        canManageUsers: true,
        canChangeOwnPassword: true,
        canUseDataDomains: true,
        usersLimit: 25,
      },
    })
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
    // The health check went without the key, the profile call with it.
    const calls = emulator.state.requests.filter(
      (r) => r.apiPath === '/api/ishealthy' || r.apiPath === '/api/environment/profile',
    )
    expect(calls.map((r) => [r.apiPath, r.caller])).toEqual([
      ['/api/ishealthy', null],
      ['/api/environment/profile', 'admin@example.com'],
    ])
  })

  it.each<
    [
      string,
      {
        config?: Parameters<Emulator['configure']>[0]
        key?: keyof Emulator['keys']
        expected: Record<string, unknown>
      },
    ]
  >([
    [
      'a viewer key: accepted, may change own password, may not manage users',
      {
        key: 'viewer',
        expected: {
          keyAccepted: true,
          error: null,
          identity: { email: 'viewer@example.com', accountRole: 'viewer' },
          capabilities: { standalone: false, canManageUsers: false, canChangeOwnPassword: true },
        },
      },
    ],
    [
      'a standalone (unpaired, FREE) instance: standalone, no user management, no own password',
      {
        config: { licence: 'FREE' },
        key: 'admin',
        expected: {
          reachable: true,
          keyAccepted: true,
          error: null,
          identity: { email: null, accountRole: 'admin', tenant: 'Standalone', licenseType: 'FREE' },
          capabilities: {
            standalone: true,
            canManageUsers: false,
            canChangeOwnPassword: false,
            usersLimit: null,
          },
        },
      },
    ],
    [
      'no key on an instance in authentication mode "none": the local admin',
      {
        config: { auth: 'none' },
        expected: { reachable: true, keyAccepted: true, error: null, identity: { accountRole: 'admin' } },
      },
    ],
    [
      'a key whose role is "none": known, but forbidden everything',
      {
        key: 'none',
        expected: { reachable: true, keyAccepted: true, identity: null, error: { code: 'forbidden' } },
      },
    ],
  ])('%s', async (_name, { config, key, expected }) => {
    if (config) emulator.configure(config)
    const result = await testConnection(key === undefined ? undefined : emulator.keys[key])
    expect(result).toMatchObject(expected)
  })

  it('a key this instance did not issue: reachable but the key is refused (401), explained', async () => {
    const result = await testConnection(emulator.keys.invalid)
    expect(result).toMatchObject({
      reachable: true,
      healthy: true,
      keyAccepted: false,
      identity: null,
      capabilities: { canManageUsers: false },
    })
    expect(result.error).toMatchObject({ code: 'unauthorized', status: 401 })
    expect(result.error?.message).toMatch(/did not accept the API key/)
  })

  it('no key on an instance that requires one: the error says to add a key', async () => {
    const result = await testConnection()
    expect(result.keyAccepted).toBe(false)
    expect(result.error?.message).toMatch(/requires an API key/)
  })

  it('a closed port: not reachable, refused, with what to check', async () => {
    const result = await testConnection(emulator.keys.admin, `http://127.0.0.1:${await closedPort()}`)
    expect(result).toMatchObject({ reachable: false, healthy: false, keyAccepted: null, identity: null })
    expect(result.error).toMatchObject({ code: 'network', details: { cause: 'ECONNREFUSED' } })
    expect(result.error?.message).toMatch(/connection was refused/)
  })

  it('DQOps starting up (503 on the health check): reachable, not healthy, the key not tried', async () => {
    emulator.configure({ healthy: false })
    const result = await testConnection(emulator.keys.admin)
    expect(result).toMatchObject({
      reachable: true,
      healthy: false,
      keyAccepted: null,
      error: { code: 'server', status: 503 },
    })
    expect(keyTried()).toBe(false)
  })

  it('something that is not DQOps answers (an HTML page from a proxy): reachable, explained, the key not sent', async () => {
    emulator.setFaults({ path: '/api/ishealthy', action: { type: 'html' } })
    const result = await testConnection(emulator.keys.admin)
    expect(result).toMatchObject({
      reachable: true,
      healthy: false,
      keyAccepted: null,
      error: { code: 'invalid-response' },
    })
    expect(result.error?.message).toMatch(/base URL points at DQOps/)
    expect(keyTried()).toBe(false)
  })

  it('a server that never answers: timeout, not reachable', async () => {
    const slow = makeDeps(dir, { dqopsTimeoutMs: 300 })
    const slowService = await startService(slow)
    emulator.setFaults({ path: '/api/ishealthy', action: { type: 'hang' } })
    const p = await slowService.handlers['profiles.create']({ name: 'Slow', baseUrl: emulator.url })
    const result = await slowService.handlers['profiles.testConnection']({ id: p.id })
    expect(result).toMatchObject({ reachable: false, error: { code: 'timeout' } })
  })

  it('an unknown profile id: profile-not-found', async () => {
    await expect(service.handlers['profiles.testConnection']({ id: 'missing' })).rejects.toMatchObject({
      code: 'profile-not-found',
    })
  })

  it('keychain unavailable: the health check still runs, then the keychain error explains why the key was not tried', async () => {
    const store = createMemorySecretStore()
    const first = await startService(makeDeps(dir, { secrets: store }))
    const p = await first.handlers['profiles.create']({
      name: 'With key',
      baseUrl: emulator.url,
      apiKey: emulator.keys.admin,
    })
    const broken = await startService(makeDeps(dir, { secrets: failingSecretStore() }))
    const result = await broken.handlers['profiles.testConnection']({ id: p.id })
    expect(result).toMatchObject({
      reachable: true,
      healthy: true,
      keyAccepted: null,
      identity: null,
      error: { code: 'keychain-unavailable' },
    })
    expect(result.error?.message).toMatch(/gnome-keyring/)
  })
})
