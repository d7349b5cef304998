/** The emulator's own behaviour, over raw HTTP (fetch): the quirks of API.md and the control API. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from './index'
import { verifyLocalKey } from './keys'

let em: Emulator
beforeAll(async () => {
  em = await startEmulator({
    basePath: '/dqops',
    users: [
      { email: 'Zed@x.io', accountRole: 'viewer' },
      { email: 'adam@x.io', accountRole: 'viewer' },
    ],
  })
})
afterAll(async () => {
  await em.close()
})
beforeEach(() => em.reset())

const auth = (key = em.keys.admin): Record<string, string> => ({ Authorization: `Bearer ${key}` })
async function call(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${em.url}${path}`, {
    ...init,
    headers: { ...auth(), ...(init.headers as Record<string, string>) },
  })
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() }
}
const put = (
  path: string,
  body: string | Buffer,
  type?: string,
): Promise<{ status: number; type: string | null; body: string }> =>
  call(path, { method: 'PUT', body, headers: type ? { 'Content-Type': type } : {} })

describe('binding and keys', () => {
  it('listens on 127.0.0.1 with a random port, under the base path', () => {
    expect(em.url).toBe(`http://127.0.0.1:${em.port}/dqops`)
    expect(em.port).toBeGreaterThan(0)
  })

  it('issues keys in the DQOps local format that verify with its secret only', () => {
    expect(verifyLocalKey('wrong', em.keys.admin)).toBeNull()
    const hex = em.keys.viewer
    const payload = JSON.parse(Buffer.from(hex, 'hex').subarray(0, -32).toString('utf8')) as Record<
      string,
      unknown
    >
    expect(payload).toMatchObject({
      usr: 'viewer@example.com',
      arl: 'viewer',
      dp: 'ak',
      dr: { finance: 'editor' },
    })
    expect(Object.keys(payload).sort()).toEqual(['arl', 'dp', 'dr', 'tg', 'tid', 'usr'])
  })
})

describe('authentication', () => {
  it('401 with an empty body for bad keys on every path, health and unknown paths included', async () => {
    for (const path of ['/api/users', '/api/ishealthy', '/api/nope', '/api/environment/profile']) {
      expect(await call(path, { headers: auth(em.keys.invalid) })).toMatchObject({ status: 401, body: '' })
    }
    expect((await call('/api/users', { headers: { Authorization: `bearer ${em.keys.admin}` } })).status).toBe(
      401,
    )
    expect(
      (await call('/api/users', { headers: { Authorization: `Bearer  ${em.keys.admin}` } })).status,
    ).toBe(401)
  })

  it('strips surrounding quotes from the key, like the server', async () => {
    expect((await call('/api/users', { headers: auth(`"${em.keys.admin}"`) })).status).toBe(200)
  })

  it('without a header: health answers, the rest is 401; auth mode none makes the caller the local admin', async () => {
    const bare = (path: string) => fetch(`${em.url}${path}`)
    expect((await bare('/api/ishealthy')).status).toBe(200)
    expect((await bare('/api/users')).status).toBe(401)
    em.configure({ auth: 'none' })
    expect(await (await bare('/api/environment/profile')).json()).toMatchObject({
      user: 'admin@example.com',
      can_manage_users: true,
    })
  })

  it('403 text/plain "Access Denied" for a missing permission; role none is refused everywhere', async () => {
    expect(await call('/api/users', { headers: auth(em.keys.editor) })).toMatchObject({
      status: 403,
      body: 'Access Denied',
    })
    for (const path of ['/api/environment/profile', '/api/domains/', '/api/environment/issueapikey']) {
      expect((await call(path, { headers: auth(em.keys.none) })).status).toBe(403)
      expect((await call(path, { headers: auth(em.keys.viewer) })).status).toBe(200)
    }
  })
})

describe('user endpoints', () => {
  it('lists users sorted case-sensitively (upper case first)', async () => {
    const emails = (JSON.parse((await call('/api/users')).body) as Array<{ email: string }>).map(
      (u) => u.email,
    )
    expect(emails[0]).toBe('Zed@x.io')
    expect(emails).toEqual([...emails].sort())
  })

  it('create: 201 empty; 406 without body or email; 500 without role; 400 on a bad enum; 403 duplicate; 400 at the limit', async () => {
    const post = (body: string) =>
      call('/api/users', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })
    expect(
      await post('{"email":"n@x.io","accountRole":"viewer","dataDomainRoles":{"sales":"none"}}'),
    ).toMatchObject({ status: 201, body: '' })
    expect(em.state.users.get('n@x.io')?.dataDomainRoles).toEqual({})
    expect((await post('')).status).toBe(406)
    expect((await post('{"accountRole":"viewer"}')).status).toBe(406)
    const noRole = await post('{"email":"r@x.io"}')
    expect(noRole.status).toBe(500)
    expect(JSON.parse(noRole.body)).toMatchObject({
      status: 500,
      error: 'Internal Server Error',
      trace: expect.stringContaining('\tat ') as unknown,
    })
    expect((await post('{"email":"r@x.io","accountRole":"noaccess"}')).status).toBe(400)
    expect(await post('{"email":"n@x.io","accountRole":"viewer"}')).toMatchObject({ status: 403, body: '' })
    em.configure({ usersLimit: em.state.users.size })
    expect(await post('{"email":"m@x.io","accountRole":"viewer"}')).toMatchObject({ status: 400, body: '' })
  })

  it('update: 204; 406 on an email mismatch (case-sensitive); 500 with a trace for an unknown user', async () => {
    const json = 'application/json'
    expect(
      (await put('/api/users/adam%40x.io', '{"email":"adam@x.io","accountRole":"editor"}', json)).status,
    ).toBe(204)
    expect(
      (await put('/api/users/adam%40x.io', '{"email":"Adam@x.io","accountRole":"editor"}', json)).status,
    ).toBe(406)
    const unknown = await put(
      '/api/users/ghost%40x.io',
      '{"email":"ghost@x.io","accountRole":"editor"}',
      json,
    )
    expect(unknown.status).toBe(500)
    expect(JSON.parse(unknown.body)).toHaveProperty('trace')
  })

  it('get and delete: 404 with an empty body for an unknown user', async () => {
    expect(await call('/api/users/ghost%40x.io')).toMatchObject({ status: 404, body: '' })
    expect(await call('/api/users/ghost%40x.io', { method: 'DELETE' })).toMatchObject({
      status: 404,
      body: '',
    })
    expect((await call('/api/users/adam%40x.io', { method: 'DELETE' })).status).toBe(204)
  })

  it('password: 415 unless text/plain; 400 without a body; 406 when empty; every attempt recorded', async () => {
    expect((await put('/api/users/adam%40x.io/password', '"Secret1"', 'application/json')).status).toBe(415)
    expect((await put('/api/users/adam%40x.io/password', Buffer.alloc(0))).status).toBe(400)
    expect((await put('/api/users/adam%40x.io/password', '', 'text/plain')).status).toBe(406)
    expect((await put('/api/users/adam%40x.io/password', 'pä', 'text/plain;charset=UTF-8')).status).toBe(204)
    expect((await put('/api/users/ghost%40x.io/password', 'x', 'text/plain')).status).toBe(500)
    expect(em.state.passwords.map((p) => [p.target, p.contentType, p.status])).toEqual([
      ['adam@x.io', 'application/json', 415],
      ['adam@x.io', null, 400],
      ['adam@x.io', 'text/plain', 406],
      ['adam@x.io', 'text/plain;charset=UTF-8', 204],
      ['ghost@x.io', 'text/plain', 500],
    ])
    expect(em.state.users.get('adam@x.io')?.password).toBe('pä')
  })

  it('text/plain without a charset is read as ISO-8859-1, as Spring does', async () => {
    await put('/api/users/adam%40x.io/password', Buffer.from('pä', 'utf8'), 'text/plain')
    expect(em.state.passwords.at(-1)?.text).toBe('pÃ¤')
  })

  it('mypassword accepts even an empty password (the server does not check)', async () => {
    expect((await put('/api/mypassword', '', 'text/plain')).status).toBe(204)
    expect(em.state.passwords.at(-1)).toMatchObject({ target: 'me', text: '' })
  })
})

describe('profile, health, domains, issueapikey', () => {
  it('profile: snake_case, no nulls, flags per caller and licence', async () => {
    const profile = JSON.parse(
      (await call('/api/environment/profile', { headers: auth(em.keys.operator) })).body,
    ) as Record<string, unknown>
    expect(profile).toMatchObject({
      user: 'operator@example.com',
      account_role: 'operator',
      can_run_checks: true,
      can_manage_users: false,
    })
    expect(Object.values(profile)).not.toContain(null)
    em.configure({ licence: 'FREE' })
    const free = JSON.parse((await call('/api/environment/profile')).body) as Record<string, unknown>
    expect(free).toMatchObject({
      tenant: 'Standalone',
      license_type: 'FREE',
      can_manage_users: false,
      can_change_own_password: false,
    })
    expect(free).not.toHaveProperty('user')
  })

  it('health: OK, or 503 UNAVAILABLE', async () => {
    expect(await call('/api/ishealthy')).toMatchObject({ status: 200, body: 'OK' })
    em.configure({ healthy: false })
    expect(await call('/api/ishealthy')).toMatchObject({ status: 503, body: 'UNAVAILABLE' })
  })

  it('domains only with the trailing slash; only (default) below ENTERPRISE', async () => {
    expect((await call('/api/domains')).status).toBe(404)
    expect(JSON.parse((await call('/api/domains/')).body)).toHaveLength(3)
    em.configure({ licence: 'TEAM' })
    expect(JSON.parse((await call('/api/domains/')).body)).toEqual([
      expect.objectContaining({ domain_name: '(default)' }),
    ])
  })

  it("issueapikey returns the caller's key as a JSON string", async () => {
    const res = await call('/api/environment/issueapikey', { headers: auth(em.keys.viewer) })
    expect(JSON.parse(res.body)).toBe(em.keys.viewer)
  })
})

describe('faults', () => {
  it('answers a status for N requests, then normally', async () => {
    em.setFaults({ path: '/api/users', action: { type: 'status', status: 502 }, times: 2 })
    expect((await call('/api/users')).status).toBe(502)
    expect((await call('/api/users')).status).toBe(502)
    expect((await call('/api/users')).status).toBe(200)
  })

  it('matches by method and path prefix', async () => {
    em.setFaults({ method: 'delete', path: '/api/users/*', action: { type: 'html' } })
    expect((await call('/api/users')).status).toBe(200)
    const res = await call('/api/users/adam%40x.io', { method: 'DELETE' })
    expect(res.type).toContain('text/html')
  })

  it('drops and hangs connections; close() still ends promptly', async () => {
    em.setFaults({ action: { type: 'reset' }, times: 1 })
    await expect(call('/api/users')).rejects.toThrow()
    em.setFaults({ action: { type: 'hang' } })
    await expect(call('/api/users', { signal: AbortSignal.timeout(200) })).rejects.toThrow()
    expect(em.state.requests.at(-1)).toMatchObject({ fault: 'hang', status: null })
  })
})

describe('control API', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${em.origin}/__emulator${path}`, init)

  it('dumps state, sets faults and config, lists requests and passwords, resets', async () => {
    const state = (await (await control('/state')).json()) as {
      config: { licence: string }
      userCount: number
      keys: Record<string, string>
    }
    expect(state).toMatchObject({ config: { licence: 'ENTERPRISE' }, userCount: 7 })
    expect(state.keys.admin).toBe(em.keys.admin)

    await control('/faults', {
      method: 'PUT',
      body: JSON.stringify([{ path: '/api/users', action: { type: 'status', status: 503 }, times: 1 }]),
    })
    expect((await call('/api/users')).status).toBe(503)

    await control('/config', { method: 'PATCH', body: JSON.stringify({ licence: 'FREE' }) })
    expect((await call('/api/users')).body).toBe('[]')
    expect((await control('/config', { method: 'PATCH', body: '{"nope":1}' })).status).toBe(400)

    await put('/api/users/adam%40x.io/password', 'a "b"', 'text/plain')
    const passwords = (await (await control('/passwords')).json()) as Array<{
      base64: string
      target: string
    }>
    expect(Buffer.from(passwords[0]?.base64 ?? '', 'base64').toString('utf8')).toBe('a "b"')
    const requests = (await (await control('/requests')).json()) as Array<{ apiPath: string }>
    expect(requests.map((r) => r.apiPath)).toContain('/api/users/adam%40x.io/password')

    const { key } = (await (
      await control('/keys', { method: 'POST', body: '{"email":"k@x.io","accountRole":"editor"}' })
    ).json()) as { key: string }
    expect(verifyLocalKey('x', key)).toBeNull()
    expect((await call('/api/environment/profile', { headers: auth(key) })).status).toBe(200)

    expect((await control('/reset', { method: 'POST' })).status).toBe(204)
    expect(em.state.config.licence).toBe('ENTERPRISE')
    expect(em.state.requests).toHaveLength(0)
  })
})

it('seeds 10,000 users quickly', async () => {
  const started = performance.now()
  const big = await startEmulator({ seedUsers: 10_000 })
  try {
    expect(big.state.users.size).toBe(10_005)
    expect(big.state.config.usersLimit).toBe(10_105)
    const res = await fetch(`${big.url}/api/users`, {
      headers: { Authorization: `Bearer ${big.keys.admin}` },
    })
    expect(((await res.json()) as unknown[]).length).toBe(10_005)
    expect(performance.now() - started).toBeLessThan(5000)
  } finally {
    await big.close()
  }
})
