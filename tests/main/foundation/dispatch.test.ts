import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../shared/channels'
import type { Handlers } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { createDispatcher, createSenderCheck } from '../../../electron/main/dispatch'
import { createLogger, createRedactor } from '../../../electron/main/log'

const APP = 'file:///opt/DQOps%20Users/resources/app.asar/out/renderer/index.html'

/** Handlers where every channel is a spy, so a test can prove which ones ran. */
function spyHandlers(impl: (channel: string, req: unknown) => unknown = () => 'done') {
  const calls: string[] = []
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      vi.fn(async (req: unknown) => {
        calls.push(c)
        return impl(c, req)
      }),
    ]),
  ) as unknown as Handlers
  return { handlers, calls }
}

function setup(impl?: (channel: string, req: unknown) => unknown) {
  const lines: string[] = []
  const redactor = createRedactor()
  const log = createLogger(redactor, (_l, line) => lines.push(line))
  const { handlers, calls } = spyHandlers(impl)
  const dispatcher = createDispatcher(handlers, createSenderCheck({ indexFileUrl: APP }), log)
  return { dispatcher, calls, lines, redactor }
}

describe('dispatch: the IPC gate', () => {
  it('runs the service for the app page and wraps the answer', async () => {
    const { dispatcher, calls } = setup()
    expect(await dispatcher.dispatch('app.info', {}, APP + '#/about')).toEqual({ ok: true, data: 'done' })
    expect(calls).toEqual(['app.info'])
  })

  it.each([
    ['another file', 'file:///tmp/evil.html'],
    ['a web page', 'https://evil.example/'],
    ['no frame (navigated away)', undefined],
    ['garbage', 'not a url'],
  ])('refuses a call from %s before any service runs', async (_what, sender) => {
    const { dispatcher, calls } = setup()
    const r = await dispatcher.dispatch('users.list', { profileId: 'p1' }, sender)
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(calls).toEqual([])
  })

  it.each([
    ['a missing field', 'users.get', { profileId: 'p1' }],
    ['a wrong type', 'users.list', { profileId: 42 }],
    ['an unknown field', 'profiles.setActive', { id: 'p1', extra: true }],
    ['a bad role', 'users.create', { profileId: 'p', user: { email: 'a@b.io', accountRole: 'noaccess' } }],
    ['not an object', 'profiles.list', 'hello'],
  ])('refuses a payload with %s before any service runs', async (_what, channel, payload) => {
    const { dispatcher, calls } = setup()
    const r = await dispatcher.dispatch(channel, payload, APP)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(calls).toEqual([])
  })

  it('never echoes a refused payload value (it could be a password)', async () => {
    const { dispatcher, lines } = setup()
    const secret = 'Sup3r-Secret-Password'
    const r = await dispatcher.dispatch(
      'users.setPassword',
      { profileId: 'p', email: 7, password: secret },
      APP,
    )
    expect(JSON.stringify(r)).not.toContain(secret)
    expect(lines.join('\n')).not.toContain(secret)
  })

  it('refuses an unknown channel', async () => {
    const { dispatcher, calls } = setup()
    const r = await dispatcher.dispatch('shell.exec', {}, APP)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(calls).toEqual([])
  })

  it('passes an AppError through as typed data', async () => {
    const { dispatcher } = setup(() => {
      throw new AppError('profile-not-found', 'No such profile.', { details: { id: 'x' } })
    })
    expect(await dispatcher.dispatch('profiles.delete', { id: 'x' }, APP)).toEqual({
      ok: false,
      error: { code: 'profile-not-found', message: 'No such profile.', details: { id: 'x' } },
    })
  })

  it('hides an unexpected error behind a generic message and logs it redacted', async () => {
    const key = 'deadbeefcafebabe0123456789'
    const { dispatcher, lines, redactor } = setup(() => {
      throw new TypeError(`boom with ${key} inside`)
    })
    redactor.add(key)
    const r = await dispatcher.dispatch('app.info', {}, APP)
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(r)).not.toMatch(/boom|TypeError|at /)
    expect(lines.some((l) => l.includes('boom with [redacted] inside'))).toBe(true)
    expect(lines.join('\n')).not.toContain(key)
  })

  it('applies schema defaults before the service sees the request', async () => {
    const { dispatcher } = setup((_c, req) => req)
    const r = await dispatcher.dispatch(
      'users.update',
      { profileId: 'p', email: 'a@b.io', user: { email: 'a@b.io', accountRole: 'viewer' } },
      APP,
    )
    expect(r).toEqual({
      ok: true,
      data: {
        profileId: 'p',
        email: 'a@b.io',
        user: { email: 'a@b.io', accountRole: 'viewer', dataDomainRoles: {} },
      },
    })
  })
})

describe('createSenderCheck', () => {
  it('trusts the dev server origin only, and the exact index file', () => {
    const check = createSenderCheck({ devServerUrl: 'http://localhost:5173/', indexFileUrl: APP })
    expect(check('http://localhost:5173/#/users')).toBe(true)
    expect(check('http://localhost:5174/')).toBe(false)
    expect(check('http://127.0.0.1:5173/')).toBe(false)
    expect(check(APP + '?x=1#/a')).toBe(true)
    expect(check('file:///opt/DQOps%20Users/resources/app.asar/out/renderer/other.html')).toBe(false)
  })

  it('trusts nothing when nothing is configured', () => {
    const check = createSenderCheck({})
    expect(check(APP)).toBe(false)
    expect(check('http://localhost:5173/')).toBe(false)
  })
})
