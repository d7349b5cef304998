/**
 * The DQOps client against the emulator over real loopback HTTP: every method's success path and
 * every documented error status, emails in paths, passwords as raw text/plain, base URLs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDqopsClient, DqopsError } from '../../../electron/main/dqops'
import { leaks, startHarness, type Harness } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.emulator.close()
})
beforeEach(() => {
  h.emulator.reset()
})

const lastRequest = () => h.emulator.state.requests.at(-1)

describe('success paths', () => {
  it('lists users sorted by email, with every data domain filled in', async () => {
    const users = await h.client().listUsers()
    expect(users.map((u) => u.email)).toEqual([
      'admin@example.com',
      'editor@example.com',
      'none@example.com',
      'operator@example.com',
      'viewer@example.com',
    ])
    expect(users[1]).toEqual({
      email: 'editor@example.com',
      accountRole: 'editor',
      dataDomainRoles: { '(default)': 'none', sales: 'admin', finance: 'none' },
    })
  })

  it('creates (201, empty body), reads, updates (204), deletes (204) a user', async () => {
    const c = h.client()
    await c.createUser({
      email: 'new@x.io',
      accountRole: 'viewer',
      dataDomainRoles: { sales: 'editor', finance: 'none' },
    })
    expect(h.emulator.state.users.get('new@x.io')?.dataDomainRoles).toEqual({ sales: 'editor' })
    expect(await c.getUser('new@x.io')).toEqual({
      email: 'new@x.io',
      accountRole: 'viewer',
      dataDomainRoles: { '(default)': 'none', sales: 'editor', finance: 'none' },
    })
    await c.updateUser('new@x.io', {
      email: 'new@x.io',
      accountRole: 'operator',
      dataDomainRoles: { finance: 'viewer' },
    })
    expect(await c.getUser('new@x.io')).toMatchObject({
      accountRole: 'operator',
      dataDomainRoles: { sales: 'none', finance: 'viewer' },
    })
    await c.deleteUser('new@x.io')
    expect(h.emulator.state.users.has('new@x.io')).toBe(false)
  })

  it('creates a user without dataDomainRoles, sending none', async () => {
    await h.client().createUser({ email: 'plain@x.io', accountRole: 'editor' })
    expect(h.emulator.state.users.get('plain@x.io')).toMatchObject({
      accountRole: 'editor',
      dataDomainRoles: {},
    })
  })

  it('sets a password and changes my own password (204)', async () => {
    await h.client().setUserPassword('viewer@example.com', 'Secret123')
    expect(h.emulator.state.users.get('viewer@example.com')?.password).toBe('Secret123')
    await h.client({ apiKey: h.emulator.keys.viewer }).changeMyPassword('Mine4567')
    expect(h.emulator.state.users.get('viewer@example.com')?.password).toBe('Mine4567')
  })

  it('reads the profile with flags matching the caller', async () => {
    expect(await h.client().getProfile()).toMatchObject({
      user: 'admin@example.com',
      license_type: 'ENTERPRISE',
      account_role: 'admin',
      users_limit: 100,
      can_manage_users: true,
      can_change_own_password: true,
      can_use_data_domains: true,
    })
    expect(await h.client({ apiKey: h.emulator.keys.viewer }).getProfile()).toMatchObject({
      user: 'viewer@example.com',
      account_role: 'viewer',
      can_manage_users: false,
      can_change_own_password: true,
    })
  })

  it('lists data domains from /api/domains/ (trailing slash)', async () => {
    expect(await h.client().listDomains()).toEqual([
      { name: '(default)', displayName: 'Default domain' },
      { name: 'sales', displayName: 'Sales' },
      { name: 'finance', displayName: 'Finance' },
    ])
    expect(lastRequest()?.apiPath).toBe('/api/domains/')
  })

  it('checks health without ever sending the key, even a bad one', async () => {
    expect(await h.client({ apiKey: h.emulator.keys.invalid }).isHealthy()).toBe(true)
    expect(lastRequest()).toMatchObject({ apiPath: '/api/ishealthy', auth: 'absent' })
    h.emulator.configure({ healthy: false })
    expect(await h.client().isHealthy()).toBe(false)
  })

  it('sends "Bearer <key>" (trimmed) when a key is given, and no header without one', async () => {
    await h.client({ apiKey: `  ${h.emulator.keys.admin}\n` }).listUsers()
    expect(lastRequest()).toMatchObject({ auth: 'valid', caller: 'admin@example.com' })
    h.emulator.configure({ auth: 'none' })
    await h.client({ apiKey: null }).listUsers()
    expect(lastRequest()).toMatchObject({ auth: 'absent', caller: 'admin@example.com', status: 200 })
  })

  it('accepts an old server whose user models lack dataDomainRoles', async () => {
    h.emulator.configure({ legacyUserModel: true })
    const users = await h.client().listUsers()
    expect(users[0]).toEqual({ email: 'admin@example.com', accountRole: 'admin', dataDomainRoles: {} })
    expect(await h.client().getUser('viewer@example.com')).toEqual({
      email: 'viewer@example.com',
      accountRole: 'viewer',
      dataDomainRoles: {},
    })
  })

  it('on TEAM: no data domains in user models, only (default) in the domain list', async () => {
    h.emulator.configure({ licence: 'TEAM' })
    expect((await h.client().getUser('editor@example.com')).dataDomainRoles).toEqual({})
    expect(await h.client().listDomains()).toEqual([{ name: '(default)', displayName: 'Default domain' }])
    expect(await h.client().getProfile()).toMatchObject({ license_type: 'TEAM', can_use_data_domains: false })
  })
})

describe('HTTP errors map to kinds', () => {
  it('401 unauthorized: unknown key, key of another instance, no key', async () => {
    const e = await h.fails(h.client({ apiKey: 'deadbeef'.repeat(20) }).listUsers(), 'unauthorized', 401)
    expect(e.message).toMatch(/did not accept the API key/u)
    await h.fails(h.client({ apiKey: h.emulator.keys.invalid }).getProfile(), 'unauthorized', 401)
    const noKey = await h.fails(h.client({ apiKey: null }).getProfile(), 'unauthorized', 401)
    expect(noKey.message).toMatch(/requires an API key/u)
  })

  it('403 forbidden with "Access Denied" when the role lacks the permission', async () => {
    const e = await h.fails(h.client({ apiKey: h.emulator.keys.viewer }).listUsers(), 'forbidden', 403)
    expect(e.serverMessage).toBe('Access Denied')
    expect(e.toIpc()).toMatchObject({
      code: 'forbidden',
      status: 403,
      details: { serverMessage: 'Access Denied', path: '/api/users' },
    })
    await h.fails(h.client({ apiKey: h.emulator.keys.none }).getProfile(), 'forbidden', 403)
    await h.fails(h.client({ apiKey: h.emulator.keys.none }).changeMyPassword('Whatever1'), 'forbidden', 403)
    await h.fails(
      h.client({ apiKey: h.emulator.keys.editor }).deleteUser('viewer@example.com'),
      'forbidden',
      403,
    )
  })

  it('403 with an empty body for a duplicate user says it honestly', async () => {
    const e = await h.fails(
      h.client().createUser({ email: 'viewer@example.com', accountRole: 'viewer' }),
      'forbidden',
      403,
    )
    expect(e.message).toBe(
      'DQOps refused: the user may already exist, or this key or instance may not allow it.',
    )
    expect(e.serverMessage).toBeUndefined()
  })

  it('404 not-found for an unknown user on get and delete', async () => {
    const e = await h.fails(h.client().getUser('ghost@x.io'), 'not-found', 404)
    expect(e.message).toMatch(/no user with this email/u)
    await h.fails(h.client().deleteUser('ghost@x.io'), 'not-found', 404)
  })

  it('406 rejected: create with an empty email, an empty password for another user', async () => {
    await h.fails(h.client().createUser({ email: '', accountRole: 'viewer' }), 'rejected', 406)
    await h.fails(h.client().setUserPassword('viewer@example.com', ''), 'rejected', 406)
  })

  it('400 on create is the user limit; any other 400 is bad-request', async () => {
    h.emulator.configure({ usersLimit: h.emulator.state.users.size })
    const e = await h.fails(
      h.client().createUser({ email: 'one-more@x.io', accountRole: 'viewer' }),
      'limit',
      400,
    )
    expect(e.message).toMatch(/user limit/u)
    h.emulator.setFaults({ path: '/api/environment/profile', action: { type: 'status', status: 400 } })
    await h.fails(h.client().getProfile(), 'bad-request', 400)
  })

  it("415 unsupported, with the message from Spring's JSON body", async () => {
    h.emulator.setFaults({
      action: {
        type: 'body',
        status: 415,
        body: '{"status":415,"error":"Unsupported Media Type","message":"Content type \'text/plain\' not supported"}',
      },
    })
    const e = await h.fails(h.client().setUserPassword('viewer@example.com', 'Secret123'), 'unsupported', 415)
    expect(e.serverMessage).toBe("Content type 'text/plain' not supported")
  })

  it('500 server on update and password of an unknown user; the Java trace never reaches IPC', async () => {
    const e = await h.fails(
      h.client().updateUser('ghost@x.io', { email: 'ghost@x.io', accountRole: 'viewer' }),
      'server',
      500,
    )
    expect(e.serverMessage).toBe('User ghost@x.io not found')
    expect(e.trace).toMatch(/\tat com\.dqops/u)
    expect(e.message).not.toMatch(/\bat com\.|Exception/u)
    expect(JSON.stringify(e.toIpc())).not.toMatch(/trace|com\.dqops/u)
    await h.fails(h.client().setUserPassword('ghost@x.io', 'Secret123'), 'server', 500)
  })

  it('502 and 503 from a proxy or a starting server are server errors', async () => {
    h.emulator.setFaults({ action: { type: 'html', status: 502 }, times: 1 })
    const e = await h.fails(h.client().listUsers(), 'server', 502)
    expect(e.serverMessage).toBeUndefined()
    h.emulator.setFaults({ action: { type: 'status', status: 503, body: 'UNAVAILABLE' }, times: 1 })
    const busy = await h.fails(h.client().listUsers(), 'server', 503)
    expect(busy.message).toMatch(/starting or stopping/u)
  })
})

describe('standalone (FREE, unpaired) instance', () => {
  beforeEach(() => h.emulator.configure({ licence: 'FREE' }))

  it('lists no users, has no user to get, refuses every change', async () => {
    const c = h.client()
    expect(await c.listUsers()).toEqual([])
    await h.fails(c.getUser('viewer@example.com'), 'not-found', 404)
    await h.fails(c.createUser({ email: 'n@x.io', accountRole: 'viewer' }), 'forbidden', 403)
    await h.fails(
      c.updateUser('viewer@example.com', { email: 'viewer@example.com', accountRole: 'editor' }),
      'forbidden',
      403,
    )
    await h.fails(c.deleteUser('viewer@example.com'), 'forbidden', 403)
    await h.fails(c.setUserPassword('viewer@example.com', 'Secret123'), 'forbidden', 403)
    await h.fails(c.changeMyPassword('Secret123'), 'forbidden', 403)
  })

  it('answers a profile with tenant Standalone, no user, flags false', async () => {
    const profile = await h.client().getProfile()
    expect(profile).toMatchObject({
      tenant: 'Standalone',
      license_type: 'FREE',
      account_role: 'admin',
      can_manage_users: false,
      can_change_own_password: false,
      can_use_data_domains: false,
      can_manage_account: false,
    })
    expect(profile.user).toBeUndefined()
  })
})

describe('emails in paths', () => {
  const friendly = ['a+b@x.io', "o'neil@x.io", 'ä@x.de', 'Mixed.Case@X.io', 'space in@x.io']
  it.each(friendly)('%s round-trips through every user endpoint', async (email) => {
    const c = h.client()
    await c.createUser({ email, accountRole: 'viewer' })
    expect((await c.getUser(email)).email).toBe(email)
    await c.updateUser(email, { email, accountRole: 'editor' })
    await c.setUserPassword(email, 'Secret123')
    expect(h.emulator.state.users.get(email)).toMatchObject({ accountRole: 'editor', password: 'Secret123' })
    expect((await c.listUsers()).some((u) => u.email === email)).toBe(true)
    await c.deleteUser(email)
    expect(h.emulator.state.users.has(email)).toBe(false)
    const paths = h.emulator.state.requests.map((r) => r.apiPath)
    expect(paths).toContain(`/api/users/${encodeURIComponent(email)}`)
    expect(paths).toContain(`/api/users/${encodeURIComponent(email)}/password`)
  })

  const hostile = [
    '../../api/users',
    '../mypassword',
    'a/b@x.io',
    'x/password',
    'a?b@x.io',
    'a#b@x.io',
    '%2e%2e',
    '..%2f..',
  ]
  it.each(hostile)('%s stays one literal path segment and never reaches another path', async (email) => {
    const c = h.client()
    h.emulator.state.putUser(email, 'viewer', {}, null)
    const before = h.emulator.state.users.size
    const start = h.requestCount()
    expect((await c.getUser(email)).email).toBe(email)
    await c.updateUser(email, { email, accountRole: 'operator' })
    await c.setUserPassword(email, 'Secret123')
    await c.deleteUser(email)
    const seen = h.emulator.state.requests.slice(start)
    const encoded = `/api/users/${encodeURIComponent(email)}`
    expect(seen.map((r) => [r.apiPath, r.route, r.status])).toEqual([
      [encoded, '/api/users/:email', 200],
      [encoded, '/api/users/:email', 204],
      [`${encoded}/password`, '/api/users/:email/password', 204],
      [encoded, '/api/users/:email', 204],
    ])
    expect(h.emulator.state.users.size).toBe(before - 1)
    expect(h.emulator.state.users.get('viewer@example.com')?.password).toBeNull()
  })

  it.each(['', ' ', '.', '..'])('"%s" is refused locally, without a request', async (email) => {
    const start = h.requestCount()
    for (const call of [
      h.client().getUser(email),
      h.client().deleteUser(email),
      h.client().setUserPassword(email, 'Secret123'),
    ]) {
      const e = await h.fails(call, 'rejected')
      expect(e.status).toBeUndefined()
    }
    expect(h.requestCount()).toBe(start)
  })
})

describe('passwords', () => {
  const tricky = [
    'he said "hi"',
    `'single' \\back\\slash\\`,
    '  spaces around  ',
    'ünï¢ødé € 😀 日本',
    '{"json":"looking"}',
    'tab\there\nnewline',
  ]
  it.each(tricky)('setUserPassword sends %j byte for byte as text/plain UTF-8', async (password) => {
    await h.client().setUserPassword('viewer@example.com', password)
    const record = h.emulator.state.passwords.at(-1)
    expect(record?.target).toBe('viewer@example.com')
    expect(record?.raw.equals(Buffer.from(password, 'utf8'))).toBe(true)
    expect(record?.contentType).toBe('text/plain; charset=UTF-8')
    expect(record?.text).toBe(password)
    expect(record?.status).toBe(204)
    expect(h.emulator.state.users.get('viewer@example.com')?.password).toBe(password)
  })

  it('changeMyPassword sends the raw body too', async () => {
    const password = 'Mÿ "own" \\ pass'
    await h.client({ apiKey: h.emulator.keys.operator }).changeMyPassword(password)
    const record = h.emulator.state.passwords.at(-1)
    expect(record).toMatchObject({
      target: 'me',
      contentType: 'text/plain; charset=UTF-8',
      text: password,
      status: 204,
    })
    expect(record?.raw.equals(Buffer.from(password, 'utf8'))).toBe(true)
  })

  it('an empty password for changeMyPassword is refused locally, without a request', async () => {
    const start = h.requestCount()
    const e = await h.fails(h.client().changeMyPassword(''), 'rejected')
    expect(e.message).toMatch(/empty/u)
    expect(h.requestCount()).toBe(start)
  })

  it('a password with broken Unicode is refused locally instead of being altered', async () => {
    const start = h.requestCount()
    await h.fails(h.client().setUserPassword('viewer@example.com', 'abc\uD800def'), 'rejected')
    await h.fails(h.client().changeMyPassword('\uDC00'), 'rejected')
    expect(h.requestCount()).toBe(start)
  })

  it('updateUser with a body email differing from the path email is refused locally', async () => {
    const start = h.requestCount()
    const e = await h.fails(
      h.client().updateUser('viewer@example.com', { email: 'Viewer@example.com', accountRole: 'admin' }),
      'rejected',
    )
    expect(e.message).toMatch(/does not match/u)
    expect(h.requestCount()).toBe(start)
  })
})

describe('base URLs', () => {
  let prefixed: Harness
  beforeAll(async () => {
    prefixed = await startHarness({ basePath: '/dqops' })
  })
  afterAll(async () => {
    await prefixed.emulator.close()
    for (const key of prefixed.capture.keys) h.capture.keys.add(key)
    h.capture.errors.push(...prefixed.capture.errors)
    h.capture.lines.push(...prefixed.capture.lines)
  })

  it.each(['', '/', '//'])('a path prefix works with trailing "%s"', async (tail) => {
    const c = prefixed.client({ baseUrl: `${prefixed.emulator.url}${tail}` })
    expect(await c.isHealthy()).toBe(true)
    expect((await c.listUsers()).length).toBe(5)
    expect((await c.listDomains())[0]?.name).toBe('(default)')
    expect(prefixed.emulator.state.requests.at(-1)?.url).toBe('/dqops/api/domains/')
  })

  it('without the prefix, the server answers 404 and the message points at the base URL', async () => {
    const e = await prefixed.fails(
      prefixed.client({ baseUrl: prefixed.emulator.origin }).getProfile(),
      'not-found',
      404,
    )
    expect(e.message).toMatch(/base URL/u)
  })

  it('a base URL with a trailing slash works without a prefix too', async () => {
    expect((await h.client({ baseUrl: `${h.emulator.url}/` }).getProfile()).user).toBe('admin@example.com')
  })

  it.each([
    'ftp://127.0.0.1/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'localhost:8888',
    'not a url',
    'http://u:p@127.0.0.1:1/',
    'http://127.0.0.1:1/?x=1',
  ])('refuses %s when the client is created', (baseUrl) => {
    expect(() => createDqopsClient({ baseUrl })).toThrow(DqopsError)
    try {
      createDqopsClient({ baseUrl })
    } catch (e) {
      expect((e as DqopsError).kind).toBe('rejected')
    }
  })
})

it('benchmark-sized lists: 50,000 users through listUsers', async () => {
  const big = await startHarness({ seedUsers: 50_000, identityUsers: false })
  try {
    const started = performance.now()
    const users = await big.client().listUsers()
    const ms = performance.now() - started
    expect(users).toHaveLength(50_000)
    expect(users[0]?.email).toBe('user00001@example.com')
    expect(ms).toBeLessThan(10_000)
  } finally {
    await big.emulator.close()
  }
}, 30_000)

it('no API key appears in any error or log line of this suite', () => {
  expect(h.capture.errors.length).toBeGreaterThan(20)
  expect(h.capture.lines.length).toBeGreaterThan(50)
  expect(leaks(h.capture)).toEqual([])
})
