/**
 * The client when the network or the server misbehaves: timeouts, refused ports, dropped
 * connections, TLS failures, redirects, and 2xx answers that are not what DQOps sends.
 */
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DqopsClient } from '../../../electron/main/dqops'
import type { FaultAction } from '../../dqops-emulator'
import { selfSignedCertificate } from './self-signed'
import { leaks, startHarness, type Harness } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.emulator.close()
})
beforeEach(() => h.emulator.reset())

/** A port nothing listens on: bind, note it, release it. */
async function closedPort(): Promise<number> {
  const server = createHttpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('no answer', () => {
  it('a server that never answers is a timeout', async () => {
    h.emulator.setFaults({ action: { type: 'hang' } })
    const started = Date.now()
    const e = await h.fails(h.client({ timeoutMs: 300 }).listUsers(), 'timeout')
    expect(Date.now() - started).toBeLessThan(3000)
    expect(e.message).toMatch(/did not answer within 1 second/u)
  })

  it('an answer slower than the timeout is a timeout', async () => {
    h.emulator.setFaults({ latencyMs: 1500, times: 1 })
    await h.fails(h.client({ timeoutMs: 250 }).getProfile(), 'timeout')
  })

  it('added latency below the timeout only slows the call down', async () => {
    h.emulator.setFaults({ latencyMs: 150, path: '/api/users' })
    const started = Date.now()
    expect(await h.client().listUsers()).toHaveLength(5)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('a refused port is a network error', async () => {
    const port = await closedPort()
    const e = await h.fails(h.client({ baseUrl: `http://127.0.0.1:${port}` }).isHealthy(), 'network')
    expect(e.toIpc().details).toMatchObject({ cause: 'ECONNREFUSED' })
    expect(e.message).toMatch(/refused/u)
  })

  it('an unknown host is a network error', async () => {
    await h.fails(h.client({ baseUrl: 'http://no-such-host.invalid' }).getProfile(), 'network')
  })

  it.each<[string, FaultAction]>([
    ['a TCP reset', { type: 'reset' }],
    ['a connection closed without an answer', { type: 'close' }],
  ])('%s is a network error', async (_label, action) => {
    h.emulator.setFaults({ action, times: 1 })
    const e = await h.fails(h.client().listUsers(), 'network')
    expect(e.toIpc().details).toMatchObject({ cause: 'ECONNRESET' })
    expect(await h.client().listUsers()).toHaveLength(5)
  })

  it('a self-signed HTTPS certificate is a tls error', async () => {
    const { cert, key } = selfSignedCertificate()
    expect(new X509Certificate(cert).subject).toBe('CN=localhost')
    const server = createHttpsServer({ cert, key }, (_req, res) => res.end('OK'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const e = await h.fails(h.client({ baseUrl: `https://127.0.0.1:${port}` }).isHealthy(), 'tls')
      expect(e.toIpc().details).toMatchObject({ cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
      expect(e.message).toMatch(/certificate/u)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('speaking HTTPS to a plain HTTP server is a tls error', async () => {
    await h.fails(h.client({ baseUrl: h.emulator.url.replace('http:', 'https:') }).isHealthy(), 'tls')
  })
})

describe('answers that are not what DQOps sends are invalid-response', () => {
  const cases: Array<[string, string, (c: DqopsClient) => Promise<unknown>, FaultAction]> = [
    ['malformed JSON on list', '/api/users', (c) => c.listUsers(), { type: 'malformed-json' }],
    ['an HTML page with 200 on list', '/api/users', (c) => c.listUsers(), { type: 'html' }],
    ['an empty 200 on list', '/api/users', (c) => c.listUsers(), { type: 'body', body: '' }],
    [
      'an object instead of an array',
      '/api/users',
      (c) => c.listUsers(),
      { type: 'body', body: '{"users":[]}' },
    ],
    [
      'a number as email',
      '/api/users',
      (c) => c.listUsers(),
      { type: 'body', body: '[{"email":1,"accountRole":"admin"}]' },
    ],
    [
      'an unknown role spelling',
      '/api/users',
      (c) => c.listUsers(),
      { type: 'body', body: '[{"email":"a@x.io","accountRole":"noaccess"}]' },
    ],
    [
      'a user without email on get',
      '/api/users/viewer%40example.com',
      (c) => c.getUser('viewer@example.com'),
      { type: 'body', body: '{"accountRole":"viewer"}' },
    ],
    ['an array as profile', '/api/environment/profile', (c) => c.getProfile(), { type: 'body', body: '[]' }],
    [
      'a string flag in the profile',
      '/api/environment/profile',
      (c) => c.getProfile(),
      { type: 'body', body: '{"can_manage_users":"yes"}' },
    ],
    [
      'a domain without a name',
      '/api/domains/',
      (c) => c.listDomains(),
      { type: 'body', body: '[{"display_name":"x"}]' },
    ],
    ['an HTML page as health', '/api/ishealthy', (c) => c.isHealthy(), { type: 'html' }],
  ]
  it.each(cases)('%s', async (_label, path, call, action) => {
    h.emulator.setFaults({ path, action })
    const e = await h.fails(call(h.client()), 'invalid-response')
    expect(e.message).toMatch(/not what DQOps sends/u)
    expect(e.message).not.toMatch(/noaccess|<html|broken@/iu)
  })

  it('a redirect is not followed: invalid-response naming the redirect', async () => {
    h.emulator.setFaults({ action: { type: 'status', status: 302, body: '' }, path: '/api/users' })
    const e = await h.fails(h.client().listUsers(), 'invalid-response', 302)
    expect(e.message).toMatch(/redirected/u)
  })

  it('rows without an email are dropped from the list, not shown', async () => {
    h.emulator.setFaults({
      path: '/api/users',
      action: { type: 'body', body: '[{"email":null,"accountRole":"viewer"},{"email":"b@x.io"}]' },
    })
    expect(await h.client().listUsers()).toEqual([
      { email: 'b@x.io', accountRole: null, dataDomainRoles: {} },
    ])
  })

  it('tolerates 200 instead of 201/204, with or without a body, and quoted health', async () => {
    h.emulator.setFaults([
      {
        method: 'POST',
        path: '/api/users',
        action: { type: 'body', status: 200, body: '{"whatever":true}' },
      },
      { method: 'DELETE', action: { type: 'status', status: 200 } },
      { path: '/api/ishealthy', action: { type: 'body', body: '"OK"' } },
    ])
    await h.client().createUser({ email: 'n@x.io', accountRole: 'viewer' })
    await h.client().deleteUser('viewer@example.com')
    expect(await h.client().isHealthy()).toBe(true)
  })

  it('a server message echoing the key is scrubbed', async () => {
    const key = h.emulator.keys.admin
    h.emulator.setFaults({ action: { type: 'body', status: 500, body: `{"message":"bad token ${key}"}` } })
    const e = await h.fails(h.client().listUsers(), 'server', 500)
    expect(e.serverMessage).toBe('bad token [redacted]')
  })
})

it('no API key appears in any error or log line of this suite', () => {
  expect(h.capture.errors.length).toBeGreaterThan(20)
  expect(leaks(h.capture)).toEqual([])
})
