/** The fast user-list validator must agree with the zod schema (the reference) on every input. */
import { describe, expect, it } from 'vitest'
import { readUserListFast, toDqopsUsers, userListSchema } from '../../shared/dqops'

function reference(json: unknown) {
  const parsed = userListSchema.safeParse(json)
  return parsed.success ? toDqopsUsers(parsed.data) : null
}

const CASES: [string, unknown][] = [
  ['an empty list', []],
  [
    'a full model',
    [{ email: 'a@x.io', accountRole: 'admin', dataDomainRoles: { '(default)': 'editor', sales: 'none' } }],
  ],
  ['an old server without domain roles', [{ email: 'a@x.io', accountRole: 'viewer' }]],
  ['null fields', [{ email: 'a@x.io', accountRole: null, dataDomainRoles: null }]],
  [
    'a row without email (dropped)',
    [{ accountRole: 'viewer' }, { email: '', accountRole: 'viewer' }, { email: 'b@x.io' }],
  ],
  ['extra fields', [{ email: 'a@x.io', accountRole: 'editor', lastLogin: 5 }]],
  ['a bad role', [{ email: 'a@x.io', accountRole: 'noaccess' }]],
  ['a bad domain role', [{ email: 'a@x.io', accountRole: 'admin', dataDomainRoles: { sales: 'owner' } }]],
  ['domain roles as an array', [{ email: 'a@x.io', dataDomainRoles: ['admin'] }]],
  ['a numeric email', [{ email: 42 }]],
  ['a row that is not an object', ['a@x.io']],
  ['a null row', [null]],
  ['an array row', [[]]],
  ['not a list', { users: [] }],
  ['a string', 'OK'],
]

describe('readUserListFast', () => {
  it.each(CASES)('agrees with the zod schema on %s', (_what, json) => {
    expect(readUserListFast(json)).toEqual(reference(json))
  })

  it('agrees on a large generated list', () => {
    const roles = ['admin', 'editor', 'operator', 'viewer', 'none'] as const
    const json = Array.from({ length: 5000 }, (_, i) => ({
      email: `u${i}@x.io`,
      accountRole: roles[i % 5],
      ...(i % 3 ? { dataDomainRoles: { '(default)': roles[(i + 1) % 5], sales: roles[(i + 2) % 5] } } : {}),
    }))
    const fast = readUserListFast(json)
    expect(fast).toHaveLength(5000)
    expect(fast).toEqual(reference(json))
  })
})
