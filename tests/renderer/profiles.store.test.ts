/**
 * The profiles and session stores against the REAL main services (temp profiles dir, memory
 * keychain, real DQOps client) and the real DQOps emulator over loopback HTTP.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError, setBridge } from '../../renderer/src/api/client'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSessionStore } from '../../renderer/src/stores/session'
import { closedPort, gateChannel, startMainBridge, useRealMain } from './profiles.support'

const env = useRealMain()

/** Waits until the session has an answer (or an error) for the given profile. */
async function settled(session: ReturnType<typeof useSessionStore>) {
  for (let i = 0; i < 200 && session.checking; i++) await new Promise((r) => setTimeout(r, 10))
  await flushPromises()
}

/** Creates a profile, makes it active and waits for the session's check of it. */
async function activeAndChecked(fields: Parameters<ReturnType<typeof useProfilesStore>['create']>[0]) {
  const store = useProfilesStore()
  const session = useSessionStore()
  await store.load()
  const p = await store.create(fields)
  await store.setActive(p.id)
  await flushPromises()
  await settled(session)
  return { store, session, p }
}

describe('profiles store (real main services)', () => {
  it('loads the first-run profile: Local DQOps, no key, active', async () => {
    const store = useProfilesStore()
    await store.load()
    expect(store.loaded).toBe(true)
    expect(store.profiles.map((p) => p.name)).toEqual(['Local DQOps'])
    expect(store.active?.baseUrl).toBe('http://localhost:8888')
    expect(store.active?.hasApiKey).toBe(false)
  })

  it('creates a profile with a key: the store learns whose key it is, never the key', async () => {
    const store = useProfilesStore()
    await store.load()
    const created = await store.create({
      name: 'Emulator',
      baseUrl: env.emulator.url + '/',
      apiKey: env.emulator.keys.admin,
    })
    expect(created.hasApiKey).toBe(true)
    expect(created.keyOwner?.email).toBe('admin@example.com')
    expect(created.keyOwner?.accountRole).toBe('admin')
    expect(created.baseUrl).toBe(env.emulator.url) // normalized by main
    expect(store.profiles.map((p) => p.name)).toEqual(['Local DQOps', 'Emulator'])
    await store.testConnection(created.id)
    await store.load()
    for (const r of env.main.responses) expect(r).not.toContain(env.emulator.keys.admin)
    for (const l of env.main.logLines) expect(l).not.toContain(env.emulator.keys.admin)
    expect(JSON.stringify(store.$state)).not.toContain(env.emulator.keys.admin)
  })

  it('replaces and removes a key; update keeps the list order', async () => {
    const store = useProfilesStore()
    await store.load()
    const p = await store.create({ name: 'E', baseUrl: env.emulator.url })
    expect(p.hasApiKey).toBe(false)
    await store.setApiKey(p.id, env.emulator.keys.viewer)
    expect(store.byId(p.id)?.keyOwner?.accountRole).toBe('viewer')
    await store.removeApiKey(p.id)
    expect(store.byId(p.id)?.hasApiKey).toBe(false)
    await store.update({ id: store.profiles[0]!.id, name: 'Local renamed' })
    expect(store.profiles.map((x) => x.name)).toEqual(['Local renamed', 'E'])
  })

  it('duplicates and deletes; deleting the active profile moves the session on', async () => {
    const store = useProfilesStore()
    await store.load()
    const copy = await store.duplicate(store.profiles[0]!.id)
    expect(copy.name).not.toBe('Local DQOps')
    expect(store.profiles).toHaveLength(2)
    await store.remove(copy.id)
    expect(store.profiles.map((p) => p.id)).not.toContain(copy.id)
  })

  it('turns main’s validation refusal into an ApiError with the field', async () => {
    const store = useProfilesStore()
    await store.load()
    const err = await store
      .create({ name: 'Local DQOps', baseUrl: env.emulator.url })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('validation')
    expect((err as ApiError).error.details?.['field']).toBe('name')
  })

  it('a keychain failure marks the keychain unavailable in the store', async () => {
    await env.main.close()
    env.main = await startMainBridge({ keychain: 'unavailable' })
    setBridge(env.main.bridge)
    const store = useProfilesStore()
    await store.load()
    const p = await store.create({ name: 'No keychain', baseUrl: env.emulator.url })
    const err = await store.setApiKey(p.id, env.emulator.keys.admin).catch((e: unknown) => e)
    expect((err as ApiError).code).toBe('keychain-unavailable')
    expect(store.keychain.available).toBe(false)
    expect(store.keychain.message).toMatch(/Secret Service|gnome-keyring/i)
    expect(store.byId(p.id)?.hasApiKey).toBe(false)
  })

  it('a dismissed notice stays dismissed when main repeats it', async () => {
    const store = useProfilesStore()
    await store.load()
    const state = { profiles: store.profiles, activeId: store.activeId, keychain: store.keychain }
    store.apply({ ...state, notices: ['The profiles file was damaged and moved to x.json.'] })
    expect(store.notices).toHaveLength(1)
    store.dismissNotice('The profiles file was damaged and moved to x.json.')
    store.apply({ ...state, notices: ['The profiles file was damaged and moved to x.json.'] })
    expect(store.notices).toEqual([])
  })

  it('exports and re-imports, reporting what was skipped', async () => {
    const store = useProfilesStore()
    await store.load()
    await store.create({ name: 'Emulator', baseUrl: env.emulator.url, apiKey: env.emulator.keys.admin })
    env.main.dialogAnswers.save = `${env.main.userDataDir}/export.json`
    const exported = await store.exportProfiles()
    expect(exported).toEqual({ file: env.main.dialogAnswers.save, count: 2 })
    env.main.dialogAnswers.open = env.main.dialogAnswers.save
    const report = await store.importProfiles()
    expect(report.file).toBe(env.main.dialogAnswers.open)
    // Both names exist already: main must say so rather than overwrite silently.
    expect(report.imported.length + report.skipped.length).toBe(2)
    for (const p of report.imported) expect(store.byId(p.id)).not.toBeNull()
    env.main.dialogAnswers.open = null
    expect((await store.importProfiles()).file).toBeNull()
  })
})

describe('session store (real main services + emulator)', () => {
  it('checks the active profile as soon as the profiles are loaded', async () => {
    const store = useProfilesStore()
    const session = useSessionStore()
    await store.load()
    const p = await store.create({
      name: 'Emulator',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    await store.setActive(p.id)
    await flushPromises()
    expect(session.profileId).toBe(p.id)
    expect(session.checking).toBe(true)
    await settled(session)
    expect(session.status).toBe('ok')
    expect(session.me).toBe('admin@example.com')
    expect(session.identity?.accountRole).toBe('admin')
    expect(session.capabilities?.canManageUsers).toBe(true)
    expect(session.reasonFor('manageUsers')).toBeNull()
    // The profiles view shows the same answer.
    expect(store.tests[p.id]).toBe(session.test)
  })

  it('a closed port is an error with the reason', async () => {
    const { session } = await activeAndChecked({
      name: 'Closed',
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
    })
    expect(session.status).toBe('error')
    expect(session.test?.reachable).toBe(false)
    expect(session.test?.error?.code).toBe('network')
    expect(session.reasonFor('manageUsers')).toMatch(/cannot be used/)
  })

  it('re-checks when the active profile’s key changes', async () => {
    const { store, session, p } = await activeAndChecked({
      name: 'Emulator',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    expect(session.identity?.accountRole).toBe('admin')
    await store.setApiKey(p.id, env.emulator.keys.viewer)
    await flushPromises()
    await settled(session)
    expect(session.identity?.accountRole).toBe('viewer')
    expect(session.reasonFor('manageUsers')).toMatch(/your role is viewer/)
  })

  it('drops a stale answer: a slow check of the old profile never overwrites the new one', async () => {
    const store = useProfilesStore()
    const session = useSessionStore()
    await store.load()
    const a = await store.create({
      name: 'Admin',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    const b = await store.create({
      name: 'Viewer',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.viewer,
    })
    const gate = gateChannel(env.main.bridge, 'profiles.testConnection')
    setBridge(gate.bridge)

    await store.setActive(a.id)
    await flushPromises()
    await store.setActive(b.id)
    await flushPromises()
    await gate.waitFor(2)
    expect(gate.pending()).toBe(2)

    gate.release(1) // B answers first...
    await flushPromises()
    expect(session.checking).toBe(false)
    expect(session.identity?.email).toBe('viewer@example.com')
    gate.release(0) // ...then A's late answer arrives
    await flushPromises()
    expect(session.profileId).toBe(b.id)
    expect(session.identity?.email).toBe('viewer@example.com')
    expect(session.test?.profileId).toBe(b.id)
  })
})

describe('connection tests that answer for a connection that is gone', () => {
  /**
   * A Test click on a profile whose answer is slow; meanwhile the profile's URL or key is fixed and
   * the session re-checks it (green). The first test's late answer must not replace the newer one.
   */
  it.each([
    {
      what: 'URL',
      start: async () => ({
        baseUrl: `http://127.0.0.1:${await closedPort()}`,
        apiKey: env.emulator.keys.admin,
      }),
      fix: (store: ReturnType<typeof useProfilesStore>, id: string) =>
        store.update({ id, baseUrl: env.emulator.url }),
    },
    {
      what: 'key',
      start: async () => ({ baseUrl: env.emulator.url, apiKey: env.emulator.keys.invalid }),
      fix: (store: ReturnType<typeof useProfilesStore>, id: string) =>
        store.setApiKey(id, env.emulator.keys.admin),
    },
  ])('drops a test of the old $what that finishes after the fixed profile was re-checked', async (c) => {
    const { store, session, p } = await activeAndChecked({ name: 'Broken', ...(await c.start()) })
    expect(session.status).toBe('error')

    const gate = gateChannel(env.main.bridge, 'profiles.testConnection')
    setBridge(gate.bridge)
    const first = store.testConnection(p.id) // the Test click in the profiles view
    await gate.waitFor(1)
    await c.fix(store, p.id) // the session re-checks the fixed profile
    await flushPromises()
    await gate.waitFor(2)
    expect(gate.pending()).toBe(2)

    gate.release(1)
    await settled(session)
    expect(session.status).toBe('ok')
    gate.release(0) // the old, red answer arrives last
    const stale = await first
    await flushPromises()
    expect(stale.keyAccepted === false || !stale.reachable).toBe(true)
    expect(store.tests[p.id]?.keyAccepted).toBe(true)
    expect(session.status).toBe('ok')
    expect(session.me).toBe('admin@example.com')
    expect(session.reasonFor('manageUsers')).toBeNull()
  })

  it('an older test of the same connection never replaces a newer one', async () => {
    const { store, p } = await activeAndChecked({
      name: 'E',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    const gate = gateChannel(env.main.bridge, 'profiles.testConnection')
    setBridge(gate.bridge)
    env.emulator.setFaults({ path: '/api/ishealthy', action: { type: 'status', status: 503 } })
    try {
      const older = store.testConnection(p.id)
      await gate.waitFor(1)
      env.emulator.setFaults(null)
      const newer = store.testConnection(p.id)
      await gate.waitFor(2)
      gate.release(1)
      expect((await newer).healthy).toBe(true)
      gate.release(0)
      expect((await older).healthy).toBe(false)
      expect(store.tests[p.id]?.healthy).toBe(true)
    } finally {
      env.emulator.setFaults(null)
    }
  })
})

describe('a check that could not say what the key may do', () => {
  it.each([
    {
      what: 'DQOps is starting (503 on the health check)',
      fault: { path: '/api/ishealthy', action: { type: 'status', status: 503 } } as const,
      says: /not ready \(503\)/,
    },
    {
      what: 'a 500 on the caller’s DQOps profile',
      fault: { path: '/api/environment/profile', action: { type: 'status', status: 500 } } as const,
      says: /internal error \(HTTP 500\)/,
    },
  ])('$what: the reason is what happened, not “you may not”', async (c) => {
    const store = useProfilesStore()
    const session = useSessionStore()
    await store.load()
    env.emulator.setFaults(c.fault)
    try {
      const p = await store.create({ name: 'E', baseUrl: env.emulator.url, apiKey: env.emulator.keys.admin })
      await store.setActive(p.id)
      await flushPromises()
      await settled(session)
      expect(session.test?.keyAccepted).toBeNull()
      expect(session.incomplete).toBe(true)
      expect(session.status).toBe('error') // the top bar's dot: not green when nothing is known
      const reason = session.reasonFor('manageUsers')
      expect(reason).toMatch(/^Could not check what this key may do: /)
      expect(reason).toMatch(c.says)
      expect(reason).not.toMatch(/licence or role/)
      expect(session.reasonFor('changeOwnPassword')).toMatch(c.says)
    } finally {
      env.emulator.setFaults(null)
    }
  })

  it('a 403 on the profile (key known, role may do nothing) still says “may not”', async () => {
    const store = useProfilesStore()
    const session = useSessionStore()
    await store.load()
    env.emulator.setFaults({ path: '/api/environment/profile', action: { type: 'status', status: 403 } })
    try {
      const p = await store.create({ name: 'E', baseUrl: env.emulator.url, apiKey: env.emulator.keys.admin })
      await store.setActive(p.id)
      await flushPromises()
      await settled(session)
      expect(session.test?.keyAccepted).toBe(true)
      expect(session.incomplete).toBe(false)
      expect(session.reasonFor('manageUsers')).toMatch(/does not allow this key to manage users/)
    } finally {
      env.emulator.setFaults(null)
    }
  })
})
