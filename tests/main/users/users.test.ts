/**
 * Every users.* channel through the real dispatcher, the real profile service and the real DQOps
 * client, against the emulator over loopback HTTP. The emulator's state after each call proves the
 * request really happened (or, for refusals, that nothing was sent).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startUsersHarness, type UsersHarness } from './support'

let h: UsersHarness
let admin: string
const PASSWORDS: string[] = []
/** A password used in a test, remembered so the suite can check it leaked nowhere. */
function pw(value: string): string {
  PASSWORDS.push(value)
  return value
}

beforeAll(async () => {
  h = await startUsersHarness()
  admin = await h.profile()
})
afterEach(() => h.emulator.setFaults(null))
afterAll(async () => {
  await h?.close()
})

describe('reading', () => {
  it('users.list answers every user with roles in every domain, in the server’s order', async () => {
    const users = await h.ok('users.list', { profileId: admin })
    expect(users.map((u) => u.email)).toEqual([
      'admin@example.com',
      'editor@example.com',
      'none@example.com',
      'operator@example.com',
      'viewer@example.com',
    ])
    expect(users.find((u) => u.email === 'viewer@example.com')).toEqual({
      email: 'viewer@example.com',
      accountRole: 'viewer',
      dataDomainRoles: { '(default)': 'none', sales: 'none', finance: 'editor' },
    })
  })

  it('users.get answers one user', async () => {
    const user = await h.ok('users.get', { profileId: admin, email: 'editor@example.com' })
    expect(user).toMatchObject({ email: 'editor@example.com', accountRole: 'editor' })
  })

  it('users.domains maps the snake_case list to {name, displayName}', async () => {
    const domains = await h.ok('users.domains', { profileId: admin })
    expect(domains).toEqual([
      { name: '(default)', displayName: 'Default domain' },
      { name: 'sales', displayName: 'Sales' },
      { name: 'finance', displayName: 'Finance' },
    ])
  })

  it('an unknown profile id is refused before any request', async () => {
    const before = h.requests()
    const error = await h.fail('users.list', { profileId: 'no-such-profile' })
    expect(error.code).toBe('profile-not-found')
    expect(h.requests()).toBe(before)
  })

  it('a viewer’s key gets DQOps’ own refusal, as a typed error', async () => {
    const viewer = await h.profile(h.emulator.keys.viewer)
    const error = await h.fail('users.list', { profileId: viewer })
    expect(error.code).toBe('forbidden')
    expect(error.status).toBe(403)
  })

  it('a refused key answers unauthorized', async () => {
    const bad = await h.profile(h.emulator.keys.invalid)
    const error = await h.fail('users.list', { profileId: bad })
    expect(error.code).toBe('unauthorized')
  })
})

describe('users.create', () => {
  it('creates a user without a password and answers the user as DQOps stores it', async () => {
    const result = await h.ok('users.create', {
      profileId: admin,
      user: {
        email: 'new1@example.com',
        accountRole: 'operator',
        dataDomainRoles: { sales: 'viewer', finance: 'none' },
      },
    })
    expect(result).toEqual({
      user: {
        email: 'new1@example.com',
        accountRole: 'operator',
        dataDomainRoles: { '(default)': 'none', sales: 'viewer', finance: 'none' },
      },
      password: 'not-requested',
      passwordError: null,
    })
    expect(h.emulator.state.users.get('new1@example.com')).toEqual({
      email: 'new1@example.com',
      accountRole: 'operator',
      dataDomainRoles: { sales: 'viewer' },
      password: null,
    })
  })

  it('creates, then sets the first password (sent as text/plain)', async () => {
    const password = pw('First-Passw0rd')
    const result = await h.ok('users.create', {
      profileId: admin,
      user: { email: 'new2@example.com', accountRole: 'viewer' },
      password,
    })
    expect(result.password).toBe('set')
    expect(result.passwordError).toBeNull()
    expect(h.emulator.state.users.get('new2@example.com')?.password).toBe(password)
    const record = h.emulator.state.passwords.at(-1)
    expect(record).toMatchObject({ target: 'new2@example.com', text: password, status: 204 })
    expect(record?.contentType).toMatch(/^text\/plain/)
  })

  it('reports a failed second step without throwing: the user stays created', async () => {
    h.emulator.setFaults({
      method: 'PUT',
      path: '/api/users/*',
      times: 1,
      action: { type: 'status', status: 500 },
    })
    const password = pw('Second-Passw0rd')
    const result = await h.ok('users.create', {
      profileId: admin,
      user: { email: 'new3@example.com', accountRole: 'editor' },
      password,
    })
    expect(result.password).toBe('failed')
    expect(result.passwordError).toMatchObject({ code: 'server', status: 500 })
    expect(result.user.email).toBe('new3@example.com')
    expect(h.emulator.state.users.get('new3@example.com')).toMatchObject({
      accountRole: 'editor',
      password: null,
    })
  })

  it('a duplicate gets DQOps’ empty 403, explained honestly', async () => {
    const error = await h.fail('users.create', {
      profileId: admin,
      user: { email: 'admin@example.com', accountRole: 'viewer' },
    })
    expect(error.code).toBe('forbidden')
    expect(error.message).toContain(
      'DQOps refused: the user may already exist, or this key or instance may not allow it',
    )
  })

  it('the user limit answers limit', async () => {
    h.emulator.configure({ usersLimit: h.emulator.state.users.size })
    try {
      const error = await h.fail('users.create', {
        profileId: admin,
        user: { email: 'over@example.com', accountRole: 'viewer' },
      })
      expect(error.code).toBe('limit')
      expect(h.emulator.state.users.has('over@example.com')).toBe(false)
    } finally {
      h.emulator.configure({ usersLimit: 100 })
    }
  })

  it.each([
    ['no at sign', 'not-an-email'],
    ['spaces around', ' a@example.com'],
    ['a path in it', 'a/b@example.com'],
  ])('refuses an email with %s, sending nothing', async (_what, email) => {
    const before = h.requests()
    const error = await h.fail('users.create', { profileId: admin, user: { email, accountRole: 'viewer' } })
    expect(error).toMatchObject({ code: 'validation', details: { field: 'email' } })
    expect(h.requests()).toBe(before)
  })

  it('still manages an existing user whose email new users could not have', async () => {
    const legacy = 'ops@localhost'
    h.emulator.state.users.set(legacy, {
      email: legacy,
      accountRole: 'viewer',
      dataDomainRoles: {},
      password: null,
    })
    await h.ok('users.setPassword', { profileId: admin, email: legacy, password: 'Legacy-Pass1' })
    expect(h.emulator.state.passwords.at(-1)).toMatchObject({ target: legacy, text: 'Legacy-Pass1' })
    await h.ok('users.delete', { profileId: admin, email: legacy })
    expect(h.emulator.state.users.has(legacy)).toBe(false)
  })

  it('refuses a first password below the policy before creating anything', async () => {
    const before = h.requests()
    const error = await h.fail('users.create', {
      profileId: admin,
      user: { email: 'weak@example.com', accountRole: 'viewer' },
      password: pw('weakpass'),
    })
    expect(error).toMatchObject({ code: 'validation', details: { field: 'password' } })
    expect(error.message).toMatch(/upper-case letter.*digit/)
    expect(h.requests()).toBe(before)
    expect(h.emulator.state.users.has('weak@example.com')).toBe(false)
  })

  it('refuses an unknown role at the contract, before the service runs', async () => {
    const before = h.requests()
    const error = await h.fail('users.create', {
      profileId: admin,
      // @ts-expect-error: the renderer's types forbid it; main must refuse it anyway.
      user: { email: 'role@example.com', accountRole: 'superuser' },
    })
    expect(error.code).toBe('invalid-request')
    expect(h.requests()).toBe(before)
  })
})

describe('users.update', () => {
  it('changes the roles and answers the user as read back from DQOps', async () => {
    const updated = await h.ok('users.update', {
      profileId: admin,
      email: 'operator@example.com',
      user: {
        email: 'operator@example.com',
        accountRole: 'editor',
        dataDomainRoles: { finance: 'operator' },
      },
    })
    expect(updated).toEqual({
      email: 'operator@example.com',
      accountRole: 'editor',
      dataDomainRoles: { '(default)': 'none', sales: 'none', finance: 'operator' },
    })
    expect(h.emulator.state.users.get('operator@example.com')).toMatchObject({
      accountRole: 'editor',
      dataDomainRoles: { finance: 'operator' },
    })
  })

  it('answers what was sent when the read-back fails after a successful update', async () => {
    h.emulator.setFaults({
      method: 'GET',
      path: '/api/users/*',
      times: 1,
      action: { type: 'status', status: 500 },
    })
    const updated = await h.ok('users.update', {
      profileId: admin,
      email: 'operator@example.com',
      user: { email: 'operator@example.com', accountRole: 'operator' },
    })
    expect(updated).toEqual({ email: 'operator@example.com', accountRole: 'operator', dataDomainRoles: {} })
    expect(h.emulator.state.users.get('operator@example.com')?.accountRole).toBe('operator')
  })

  it('refuses a body email that differs from the path email (case included), sending nothing', async () => {
    const before = h.requests()
    const error = await h.fail('users.update', {
      profileId: admin,
      email: 'operator@example.com',
      user: { email: 'Operator@example.com', accountRole: 'admin' },
    })
    expect(error).toMatchObject({ code: 'validation', details: { field: 'email' } })
    expect(h.requests()).toBe(before)
    expect(h.emulator.state.users.get('operator@example.com')?.accountRole).toBe('operator')
  })
})

describe('users.delete', () => {
  it('deletes the user', async () => {
    await h.ok('users.create', {
      profileId: admin,
      user: { email: 'gone@example.com', accountRole: 'viewer' },
    })
    expect(await h.ok('users.delete', { profileId: admin, email: 'gone@example.com' })).toEqual({
      email: 'gone@example.com',
    })
    expect(h.emulator.state.users.has('gone@example.com')).toBe(false)
  })

  it('an unknown user answers not-found', async () => {
    const error = await h.fail('users.delete', { profileId: admin, email: 'nobody@example.com' })
    expect(error.code).toBe('not-found')
  })
})

describe('users.setPassword', () => {
  it('sets the password, received exactly as typed', async () => {
    const password = pw('Ünïcode-Pässw0rd')
    expect(
      await h.ok('users.setPassword', { profileId: admin, email: 'editor@example.com', password }),
    ).toEqual({
      email: 'editor@example.com',
    })
    expect(h.emulator.state.passwords.at(-1)).toMatchObject({
      target: 'editor@example.com',
      text: password,
      status: 204,
    })
    expect(h.emulator.state.users.get('editor@example.com')?.password).toBe(password)
  })

  it.each([
    ['empty', ''],
    ['too short', 'Ab1cdef'],
    ['without upper case', 'abcdefg1'],
    ['without a digit', 'Abcdefgh'],
  ])('refuses a password that is %s, sending nothing', async (_what, password) => {
    const before = h.emulator.state.passwords.length
    const error = await h.fail('users.setPassword', {
      profileId: admin,
      email: 'editor@example.com',
      password: pw(password),
    })
    expect(error).toMatchObject({ code: 'validation', details: { field: 'password' } })
    expect(h.emulator.state.passwords.length).toBe(before)
  })
})

describe('users.changeMyPassword', () => {
  it('changes the caller’s own password (a viewer may) and says whose it was', async () => {
    const viewer = await h.profile(h.emulator.keys.viewer)
    const password = pw('Viewer-Passw0rd')
    expect(await h.ok('users.changeMyPassword', { profileId: viewer, password })).toEqual({
      email: 'viewer@example.com',
    })
    expect(h.emulator.state.passwords.at(-1)).toMatchObject({ target: 'me', text: password, status: 204 })
    expect(h.emulator.state.users.get('viewer@example.com')?.password).toBe(password)
  })

  it('refuses an empty password and one below the policy, sending nothing', async () => {
    const before = h.emulator.state.passwords.length
    for (const password of ['', 'short', 'alllowercase1']) {
      const error = await h.fail('users.changeMyPassword', { profileId: admin, password: pw(password) })
      expect(error).toMatchObject({ code: 'validation', details: { field: 'password' } })
    }
    expect(h.emulator.state.passwords.length).toBe(before)
  })

  it('refuses a password equal to the user name (the email), sending no password', async () => {
    const email = 'Mixed1Case@example.com'
    h.emulator.state.putUser(email, 'viewer', {}, null)
    const profile = await h.profile(h.emulator.issueKey({ email, accountRole: 'viewer' }))
    const before = h.emulator.state.passwords.length
    // The same name in other letter case: still the user name. (Not a secret: never sent.)
    const error = await h.fail('users.changeMyPassword', {
      profileId: profile,
      password: 'mixed1case@EXAMPLE.com',
    })
    expect(error).toMatchObject({ code: 'validation', details: { field: 'password' } })
    expect(error.message).toContain('user name')
    expect(h.emulator.state.passwords.length).toBe(before)
  })

  it('a standalone instance refuses with DQOps’ own 403', async () => {
    h.emulator.configure({ licence: 'FREE' })
    try {
      const error = await h.fail('users.changeMyPassword', {
        profileId: admin,
        password: pw('Standalone-Passw0rd'),
      })
      expect(error.code).toBe('forbidden')
    } finally {
      h.emulator.configure({ licence: 'ENTERPRISE' })
    }
  })
})

describe('secrets', () => {
  it('no password appears in any log line or IPC answer', () => {
    const used = PASSWORDS.filter((p) => p.length >= 6)
    expect(used.length).toBeGreaterThan(5)
    for (const p of used) {
      expect(h.logLines.filter((l) => l.includes(p))).toEqual([])
      expect(h.answers.filter((a) => a.includes(p))).toEqual([])
    }
  })
})
