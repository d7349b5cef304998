/**
 * The users store against the real main services and the DQOps emulator: per-profile lists, the
 * discard of answers for a profile that is no longer active, local application of mutations, and
 * the stale list kept when a refresh fails. Plus the list index the view filters at 10,000 users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContractApi } from '../../shared/contract'
import type { DqopsUser } from '../../shared/roles'
import { setBridge } from '../../renderer/src/api/client'
import { buildIndex, queryRows, removeUser, upsertUser } from '../../renderer/src/components/users/user-rows'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useUsersStore } from '../../renderer/src/stores/users'
import { gateChannel, startDqopsEmulator, useRealMain, type Emulator } from './profiles.support'
import { activeProfile, until } from './users.support'

const env = useRealMain({ resetEmulator: true })
/** A second DQOps instance with other users, for switching a profile to another server. */
let other: Emulator
beforeAll(async () => {
  other = await startDqopsEmulator({
    identityUsers: false,
    users: [{ email: 'solo@other.example', accountRole: 'admin' }],
  })
})
afterAll(async () => {
  await other.close()
})

/** A bridge that counts the calls of each channel. */
function counting(bridge: ContractApi): { bridge: ContractApi; calls: Record<string, number> } {
  const calls: Record<string, number> = {}
  const wrapped: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(bridge)) {
    wrapped[name] = (req: unknown) => {
      calls[name] = (calls[name] ?? 0) + 1
      return (fn as (r: unknown) => Promise<unknown>)(req)
    }
  }
  return { bridge: wrapped as ContractApi, calls }
}

const emails = (users: ReturnType<typeof useUsersStore>) => users.index?.rows.map((r) => r.user.email) ?? []

describe('users store (real main services + emulator)', () => {
  it('keeps each profile’s list apart and shows the active one’s', async () => {
    const users = useUsersStore()
    const profiles = useProfilesStore()
    const a = await activeProfile(env.emulator.url, env.emulator.keys.admin, 'A')
    await users.load()
    const b = await activeProfile(other.url, other.keys.admin, 'B')
    await users.load()
    expect(emails(users)).toEqual(['solo@other.example'])
    await profiles.setActive(a)
    expect(emails(users)).toContain('admin@example.com')
    expect(users.entry(b).index?.rows).toHaveLength(1)
  })

  it('discards a list that arrives after the active profile changed', async () => {
    const gate = gateChannel(env.main.bridge, 'users.list')
    setBridge(gate.bridge)
    const users = useUsersStore()
    const profiles = useProfilesStore()
    const a = await activeProfile(env.emulator.url, env.emulator.keys.admin, 'A')
    const loading = users.load()
    await until(() => gate.pending() === 1, 'the list answer to be held back')
    const b = await activeProfile(other.url, other.keys.admin, 'B')
    gate.release(0)
    await loading
    expect(users.entry(a).index).toBeNull()
    expect(users.entry(a).loading).toBe(false)
    expect(users.current?.profileId).toBe(b)
    expect(users.index).toBeNull()
    expect(profiles.activeId).toBe(b)
  })

  it('discards an older answer for the same profile when a newer one came first', async () => {
    const gate = gateChannel(env.main.bridge, 'users.list')
    setBridge(gate.bridge)
    const users = useUsersStore()
    await activeProfile(env.emulator.url, env.emulator.keys.admin)
    const first = users.load()
    await until(() => gate.pending() === 1, 'the first answer')
    env.emulator.state.users.delete('none@example.com')
    env.emulator.configure({}) // drops the emulator's list cache
    const second = users.load()
    await until(() => gate.pending() === 2, 'the second answer')
    gate.release(1)
    await second
    expect(emails(users)).not.toContain('none@example.com')
    gate.release(0)
    await first
    expect(emails(users)).not.toContain('none@example.com')
  })

  it('applies create, update and delete locally, without reloading the list', async () => {
    const counted = counting(env.main.bridge)
    setBridge(counted.bridge)
    const users = useUsersStore()
    const id = await activeProfile(env.emulator.url, env.emulator.keys.admin)
    await users.load()
    expect(counted.calls['users.list']).toBe(1)

    await users.create(id, {
      email: 'zoe@example.com',
      accountRole: 'viewer',
      dataDomainRoles: { sales: 'editor' },
    })
    expect(emails(users)).toContain('zoe@example.com')
    await users.update(id, 'zoe@example.com', { email: 'zoe@example.com', accountRole: 'operator' })
    expect(users.index?.rows.find((r) => r.user.email === 'zoe@example.com')?.user.accountRole).toBe(
      'operator',
    )
    await users.remove(id, 'editor@example.com')
    expect(emails(users)).not.toContain('editor@example.com')

    expect(counted.calls['users.list']).toBe(1)
    expect(env.emulator.state.users.get('zoe@example.com')?.accountRole).toBe('operator')
    expect(env.emulator.state.users.has('editor@example.com')).toBe(false)
  })

  it('keeps the last list, marked stale, when a refresh cannot reach the server', async () => {
    const users = useUsersStore()
    await activeProfile(env.emulator.url, env.emulator.keys.admin)
    await users.load()
    const before = emails(users)
    env.emulator.setFaults({ action: { type: 'reset' } })
    await users.load()
    expect(users.current?.error?.code).toBe('network')
    expect(users.stale).toBe(true)
    expect(emails(users)).toEqual(before)
    env.emulator.setFaults(null)
    await users.load()
    expect(users.stale).toBe(false)
  })

  it.each([
    {
      what: 'URL (prod → staging)',
      change: (profiles: ReturnType<typeof useProfilesStore>, id: string) =>
        profiles.update({ id, baseUrl: other.url }),
      // The other instance does not know this key: its refusal shows, not the old server's users.
      after: (users: ReturnType<typeof useUsersStore>) => {
        expect(users.current?.error?.code).toBe('unauthorized')
        expect(users.index).toBeNull()
        expect(users.stale).toBe(false)
      },
    },
    {
      what: 'key (admin → another admin’s)',
      change: (profiles: ReturnType<typeof useProfilesStore>, id: string) =>
        profiles.setApiKey(id, env.emulator.issueKey({ email: 'editor@example.com', accountRole: 'admin' })),
      after: (users: ReturnType<typeof useUsersStore>) =>
        expect(emails(users)).toContain('admin@example.com'),
    },
  ])('forgets the list when the profile’s $what changes, before anything is loaded', async (c) => {
    const users = useUsersStore()
    const profiles = useProfilesStore()
    const id = await activeProfile(env.emulator.url, env.emulator.keys.admin)
    await users.load()
    await users.loadDomains()
    expect(emails(users)).toContain('admin@example.com')
    expect(users.current?.domains).not.toBeNull()
    await c.change(profiles, id)
    expect(users.index).toBeNull()
    expect(users.entry(id).index).toBeNull()
    expect(users.current?.domains).toBeNull()
    expect(users.stale).toBe(false)
    await users.load()
    c.after(users)
  })

  it('drops a list asked of the old URL that arrives after the URL changed', async () => {
    const gate = gateChannel(env.main.bridge, 'users.list')
    setBridge(gate.bridge)
    const users = useUsersStore()
    const profiles = useProfilesStore()
    const id = await activeProfile(env.emulator.url, env.emulator.keys.admin)
    const loading = users.load()
    await until(() => gate.pending() === 1, 'the list answer to be held back')
    await profiles.update({ id, baseUrl: other.url })
    gate.release(0)
    await loading
    expect(users.index).toBeNull()
    expect(users.current?.loading).toBe(false)
  })

  it('a failed mutation throws the typed error and changes nothing locally', async () => {
    const users = useUsersStore()
    const id = await activeProfile(env.emulator.url, env.emulator.keys.admin)
    await users.load()
    await expect(
      users.create(id, { email: 'admin@example.com', accountRole: 'viewer' }),
    ).rejects.toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('the user may already exist') },
    })
    expect(emails(users).filter((e) => e === 'admin@example.com')).toHaveLength(1)
  })
})

describe('the list index (10,000 users)', () => {
  const ROLES = ['admin', 'editor', 'operator', 'viewer', 'none'] as const
  const many: DqopsUser[] = Array.from({ length: 10_000 }, (_, i) => ({
    email: `user${String(10_000 - i).padStart(5, '0')}@example.com`,
    accountRole: ROLES[i % 5]!,
    dataDomainRoles: i % 3 === 0 ? { sales: 'editor', finance: 'none' } : {},
  }))
  const index = buildIndex(many)

  it('rows are frozen, so Vue never makes them deeply reactive', () => {
    expect(Object.isFrozen(index.rows)).toBe(true)
    expect(Object.isFrozen(index.rows[0])).toBe(true)
    expect(Object.isFrozen(index.rows[0]!.user)).toBe(true)
  })

  it('searches, filters by role and sorts both ways', () => {
    const q = { text: '', role: 'all', sort: 'email', dir: 'asc' } as const
    expect(queryRows(index, q)[0]!.user.email).toBe('user00001@example.com')
    expect(queryRows(index, { ...q, dir: 'desc' })[0]!.user.email).toBe('user10000@example.com')
    const admins = queryRows(index, { ...q, role: 'admin' })
    expect(admins).toHaveLength(2000)
    expect(admins.every((r) => r.user.accountRole === 'admin')).toBe(true)
    expect(queryRows(index, { ...q, text: 'USER0999' }).map((r) => r.user.email)).toEqual(
      Array.from({ length: 10 }, (_, i) => `user0999${i}@example.com`),
    )
    expect(queryRows(index, { ...q, text: 'sales: editor user0000' }).map((r) => r.domains)).toEqual(
      expect.arrayContaining(['sales: editor']),
    )
    const byRole = queryRows(index, { ...q, sort: 'role' })
    expect(byRole[0]!.user.accountRole).toBe('admin')
    expect(byRole.at(-1)!.user.accountRole).toBe('none')
  })

  // Speed is measured by `npm run bench`; this checks the design that makes it fast.
  it('a sort change is no sort: both orders are precomputed and handed out as they are', () => {
    const q = { text: '', role: 'all', sort: 'email', dir: 'asc' } as const
    expect(queryRows(index, q)).toBe(index.byEmail)
    expect(queryRows(index, { ...q, sort: 'role' })).toBe(index.byRole)
  })

  it('orders by role, then by email within a role, and emails case-insensitively', () => {
    const small = buildIndex([
      { email: 'b@x.io', accountRole: 'viewer', dataDomainRoles: {} },
      { email: 'C@x.io', accountRole: 'admin', dataDomainRoles: {} },
      { email: 'a@x.io', accountRole: 'viewer', dataDomainRoles: {} },
      { email: 'c@x.io', accountRole: 'admin', dataDomainRoles: {} },
      { email: 'z@x.io', accountRole: null, dataDomainRoles: {} },
    ])
    expect(small.byEmail.map((r) => r.id)).toEqual(['a@x.io', 'b@x.io', 'C@x.io', 'c@x.io', 'z@x.io'])
    expect(small.byRole.map((r) => r.id)).toEqual(['C@x.io', 'c@x.io', 'a@x.io', 'b@x.io', 'z@x.io'])
  })

  it('upsert and remove keep every order right', () => {
    const added = upsertUser(index, { email: 'aaa@example.com', accountRole: 'admin', dataDomainRoles: {} })
    expect(added.byEmail[0]!.user.email).toBe('aaa@example.com')
    expect(added.byRole[0]!.user.email).toBe('aaa@example.com')
    const replaced = upsertUser(added, { email: 'aaa@example.com', accountRole: 'none', dataDomainRoles: {} })
    expect(replaced.rows).toHaveLength(10_001)
    expect(replaced.byRole[0]!.user.email).not.toBe('aaa@example.com')
    expect(replaced.byRole.find((r) => r.user.accountRole === 'none')!.user.email).toBe('aaa@example.com')
    // DQOps compares emails case-sensitively: another case is another user.
    expect(removeUser(replaced, 'AAA@example.com').rows).toHaveLength(10_001)
    expect(removeUser(replaced, 'aaa@example.com').rows).toHaveLength(10_000)
  })
})
