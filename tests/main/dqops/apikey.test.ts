/** decodeApiKey: display-only reading of DQOps-issued local API keys. */
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeApiKey } from '../../../electron/main/dqops'
import { issueLocalKey } from '../../dqops-emulator/keys'

function localKey(payload: unknown, secret = 's'): string {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8')
  return Buffer.concat([bytes, createHmac('sha256', secret).update(bytes).digest()]).toString('hex')
}

describe('decodeApiKey', () => {
  const key = issueLocalKey('secret', 'tenant', {
    email: 'alice@example.com',
    accountRole: 'operator',
    domainRoles: { sales: 'editor' },
  })

  it('reads a local key: email, role, domain roles, disposition', () => {
    expect(decodeApiKey(key)).toEqual({
      email: 'alice@example.com',
      accountRole: 'operator',
      domainRoles: { sales: 'editor' },
      disposition: 'ak',
    })
  })

  it('accepts the key quoted (as issueapikey may return it), padded, or in upper case', () => {
    const expected = decodeApiKey(key)
    expect(decodeApiKey(`"${key}"`)).toEqual(expected)
    expect(decodeApiKey(`  ${key}\n`)).toEqual(expected)
    expect(decodeApiKey(key.toUpperCase())).toEqual(expected)
  })

  it('keeps what it can read when some fields are odd', () => {
    expect(
      decodeApiKey(localKey({ usr: 'bob@x.io', arl: 'noaccess', dr: { a: 'viewer', b: 'owner' } })),
    ).toEqual({
      email: 'bob@x.io',
      accountRole: null,
      domainRoles: { a: 'viewer' },
      disposition: null,
    })
    expect(decodeApiKey(localKey({ arl: 'admin', dp: 'ak', tid: 1 }))).toMatchObject({
      email: null,
      accountRole: 'admin',
    })
  })

  it.each([
    ['empty', ''],
    ['null', null],
    ['not hex', 'zz'.repeat(60)],
    ['odd length', `${key}a`],
    ['signature only', 'ab'.repeat(32)],
    ['random bytes (a pairing key)', 'c3'.repeat(20) + 'ff'.repeat(40)],
    ['JSON without usr or arl', localKey({ tid: 'x', tg: 1, dp: 'pk' })],
    ['JSON that is not an object', localKey(['usr'])],
    ['a uuid', '3f2b8c1e-5d4a-4b6f-9e7d-1a2b3c4d5e6f'],
  ])('%s is null', (_label, value) => {
    expect(decodeApiKey(value)).toBeNull()
  })
})
