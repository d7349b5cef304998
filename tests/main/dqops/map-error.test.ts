/** The pure error mapping: statuses, transport codes (synthetic axios-like errors), server bodies. */
import { describe, expect, it } from 'vitest'
import { DqopsError } from '../../../electron/main/dqops'
import {
  errorFromResponse,
  errorFromTransport,
  kindForStatus,
  kindForTransportCode,
  parseErrorBody,
} from '../../../electron/main/dqops/map-error'

describe('kindForStatus', () => {
  it.each([
    [400, 'createUser', 'limit'],
    [400, 'updateUser', 'bad-request'],
    [401, 'listUsers', 'unauthorized'],
    [403, 'createUser', 'forbidden'],
    [404, 'getUser', 'not-found'],
    [406, 'updateUser', 'rejected'],
    [409, 'createUser', 'bad-request'],
    [415, 'setUserPassword', 'unsupported'],
    [500, 'updateUser', 'server'],
    [503, 'isHealthy', 'server'],
    [302, 'listUsers', 'invalid-response'],
  ] as const)('%i on %s is %s', (status, op, kind) => {
    expect(kindForStatus(op, status)).toBe(kind)
  })
})

describe('transport codes', () => {
  it.each([
    ['ECONNREFUSED', 'network'],
    ['ENOTFOUND', 'network'],
    ['EAI_AGAIN', 'network'],
    ['ECONNRESET', 'network'],
    ['EPIPE', 'network'],
    ['EHOSTUNREACH', 'network'],
    ['ENETUNREACH', 'network'],
    ['ECONNABORTED', 'timeout'],
    ['ETIMEDOUT', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['HPE_INVALID_CONSTANT', 'invalid-response'],
  ] as const)('%s is %s', (code, kind) => {
    expect(kindForTransportCode(code)).toBe(kind)
    // The same code on a synthetic axios error, with the request config (and its key) attached.
    const axiosLike = Object.assign(new Error('boom'), {
      code,
      isAxiosError: true,
      config: { headers: { Authorization: 'Bearer SECRETKEY123' } },
    })
    const e = errorFromTransport('listUsers', axiosLike, {
      path: '/api/users',
      timeoutMs: 15000,
      timedOut: false,
    })
    expect(e.kind).toBe(kind)
    expect(JSON.stringify(e)).not.toContain('SECRETKEY123')
    expect(e.message).not.toContain('boom')
  })

  it('"socket hang up" without a code is a reset; our deadline firing is a timeout', () => {
    expect(
      errorFromTransport('getUser', new Error('socket hang up'), {
        path: '/x',
        timeoutMs: 1000,
        timedOut: false,
      }).kind,
    ).toBe('network')
    const canceled = Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })
    const e = errorFromTransport('getUser', canceled, { path: '/x', timeoutMs: 2000, timedOut: true })
    expect(e).toMatchObject({ kind: 'timeout', causeCode: 'ETIMEDOUT' })
    expect(e.message).toMatch(/2 seconds/u)
  })

  it('a code nested in `cause` is found', () => {
    const wrapped = Object.assign(new Error('x'), { cause: { code: 'CERT_NOT_YET_VALID' } })
    expect(
      errorFromTransport('getProfile', wrapped, { path: '/x', timeoutMs: 1, timedOut: false }).kind,
    ).toBe('tls')
  })
})

describe('parseErrorBody', () => {
  it('reads Spring JSON: message first, error when the message is empty; the trace apart', () => {
    const body = JSON.stringify({
      status: 500,
      error: 'Internal Server Error',
      message: 'boom\n\tat x.y(Z.java:1)',
      trace: 'java.lang.X\n\tat a.b',
    })
    expect(parseErrorBody(body, 'application/json', null)).toEqual({
      serverMessage: 'boom',
      trace: 'java.lang.X\n\tat a.b',
    })
    expect(parseErrorBody('{"error":"Forbidden","message":""}', 'application/json', null)).toEqual({
      serverMessage: 'Forbidden',
    })
    expect(parseErrorBody('{"error":"Forbidden","message":"No message available"}', undefined, null)).toEqual(
      { serverMessage: 'Forbidden' },
    )
  })

  it('reads text/plain, ignores HTML and arrays, truncates long text', () => {
    expect(parseErrorBody('Access Denied', 'text/plain', null)).toEqual({ serverMessage: 'Access Denied' })
    expect(parseErrorBody('<html><body>502</body></html>', 'text/html', null)).toEqual({})
    expect(parseErrorBody('[]', 'application/json', null)).toEqual({})
    expect(parseErrorBody('', undefined, null)).toEqual({})
    const long = parseErrorBody('x'.repeat(1000), 'text/plain', null).serverMessage ?? ''
    expect(long.length).toBeLessThanOrEqual(300)
  })

  it('scrubs the key from anything the server echoes', () => {
    expect(parseErrorBody('bad key abcdef123456', 'text/plain', 'abcdef123456')).toEqual({
      serverMessage: 'bad key [redacted]',
    })
  })
})

describe('DqopsError', () => {
  it('toIpc carries code, message, status and details, never the trace', () => {
    const e = errorFromResponse(
      'updateUser',
      {
        status: 500,
        body: '{"message":"User x not found","path":"/api/users/x","trace":"java.lang.RuntimeException\\n\\tat a.b"}',
        contentType: 'application/json',
      },
      { path: '/api/users/x', apiKey: 'k' },
    )
    expect(e).toBeInstanceOf(DqopsError)
    expect(e.trace).toContain('RuntimeException')
    expect(e.toIpc()).toEqual({
      code: 'server',
      message:
        'DQOps failed with an internal error (HTTP 500); the user may no longer exist. Refresh the list and try again.',
      status: 500,
      details: { serverMessage: 'User x not found', path: '/api/users/x' },
    })
  })

  it('has a human sentence for every kind', () => {
    const ops = ['listUsers', 'createUser', 'getUser'] as const
    for (const op of ops) {
      for (const status of [300, 400, 401, 403, 404, 405, 406, 415, 500, 503]) {
        const e = errorFromResponse(
          op,
          { status, body: '', contentType: undefined },
          { path: '/p', apiKey: null },
        )
        expect(e.message).toMatch(/^[A-Z].+\.$/u)
        expect(e.message.length).toBeGreaterThan(30)
      }
    }
  })
})
