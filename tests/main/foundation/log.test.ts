import { describe, expect, it } from 'vitest'
import { createLogger, createRedactor } from '../../../electron/main/log'

describe('logger redaction', () => {
  it('scrubs every known secret from messages and extras, and stops after forget', () => {
    const r = createRedactor()
    const lines: string[] = []
    const log = createLogger(r, (_l, line) => lines.push(line))
    r.add('abcdef123456')
    log.info('key abcdef123456 used', { header: 'Bearer abcdef123456' })
    log.error('failed', new Error('abcdef123456 rejected'))
    expect(lines).toEqual([
      '[info] key [redacted] used {"header":"Bearer [redacted]"}',
      '[error] failed Error: [redacted] rejected',
    ])
    r.forget('abcdef123456')
    expect(r.redact('abcdef123456')).toBe('abcdef123456')
  })

  it('ignores values too short to be secrets (they would mangle ordinary words)', () => {
    const r = createRedactor()
    r.add('abc')
    expect(r.redact('abc def')).toBe('abc def')
  })
})
