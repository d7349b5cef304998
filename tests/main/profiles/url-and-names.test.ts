import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { freeName, validateName } from '../../../electron/main/profiles/names'
import { isInsecureTransport, isLoopbackHost, normalizeBaseUrl } from '../../../electron/main/profiles/url'

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('normalizeBaseUrl', () => {
  it.each([
    ['http://localhost:8888', 'http://localhost:8888'],
    ['http://localhost:8888/', 'http://localhost:8888'],
    ['  http://localhost:8888//  ', 'http://localhost:8888'],
    ['HTTPS://DQOps.Example.COM:443/', 'https://dqops.example.com'],
    ['http://dqops.example.com:80', 'http://dqops.example.com'],
    ['https://dqops.example.com:8443', 'https://dqops.example.com:8443'],
    ['https://proxy.example.com/dqops/', 'https://proxy.example.com/dqops'],
    ['https://proxy.example.com/a/b/', 'https://proxy.example.com/a/b'],
    ['http://[::1]:8888/', 'http://[::1]:8888'],
    ['http://127.0.0.1:8888', 'http://127.0.0.1:8888'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected)
  })

  it.each([
    ['', /Enter the address/],
    ['   ', /Enter the address/],
    ['localhost:8888', /http:\/\/ or https:\/\//],
    ['dqops.example.com', /not a valid address/],
    ['ftp://dqops.example.com', /http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['https://alice:s3cret@dqops.example.com', /user name or password/],
    ['https://token@dqops.example.com', /user name or password/],
    ['https://dqops.example.com/?x=1', /"\?" or "#"/],
    ['https://dqops.example.com/#top', /"\?" or "#"/],
    ['http://', /not a valid address/],
  ])('refuses %j with a form error on the base URL', (input, message) => {
    const e = refusal(() => normalizeBaseUrl(input))
    expect(e.code).toBe('validation')
    expect(e.details).toEqual({ field: 'baseUrl' })
    expect(e.message).toMatch(message)
  })

  it('never repeats credentials found in a URL', () => {
    const e = refusal(() => normalizeBaseUrl('https://alice:hunter2-secret@dqops.example.com'))
    expect(e.message).not.toContain('hunter2')
  })
})

describe('insecure transport: plain http to another machine', () => {
  it.each([
    ['http://localhost:8888', false],
    ['http://app.localhost:8888', false],
    ['http://127.0.0.1:8888', false],
    ['http://127.10.0.3', false],
    ['http://[::1]:8888', false],
    ['https://dqops.example.com', false],
    ['https://192.168.1.20', false],
    ['http://dqops.example.com', true],
    ['http://192.168.1.20:8888', true],
    ['http://0.0.0.0:8888', true],
    ['http://localhost.example.com', true],
    ['http://[fe80::1]', true],
  ])('%s → %s', (url, insecure) => {
    expect(isInsecureTransport(normalizeBaseUrl(url))).toBe(insecure)
  })

  it('recognises loopback host names', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
  })
})

describe('profile names', () => {
  it('trims and accepts a new name', () => {
    expect(validateName('  Production  ', ['Staging'])).toBe('Production')
  })

  it.each([
    ['', /Give the profile a name/],
    ['   ', /Give the profile a name/],
    ['Prod\nuction', /line breaks/],
    ['x'.repeat(201), /at most 200/],
    ['STAGING', /"Staging" already exists/],
    [' staging ', /"Staging" already exists/],
  ])('refuses %j', (input, message) => {
    const e = refusal(() => validateName(input, ['Staging']))
    expect(e.code).toBe('validation')
    expect(e.details).toEqual({ field: 'name' })
    expect(e.message).toMatch(message)
  })

  it('finds a free name for copies and imports, ignoring case, within the length limit', () => {
    expect(freeName('Prod', 'copy', ['Staging'])).toBe('Prod')
    expect(freeName('Prod', 'copy', ['prod'])).toBe('Prod (copy)')
    expect(freeName('Prod', 'copy', ['prod', 'PROD (COPY)'])).toBe('Prod (copy 2)')
    const long = freeName('x'.repeat(200), 'imported', ['x'.repeat(200)])
    expect(long.length).toBeLessThanOrEqual(200)
    expect(long.endsWith(' (imported)')).toBe(true)
  })
})
