import { describe, expect, it } from 'vitest'
import {
  checkPassword,
  generatePassword,
  MAX_PASSWORD_LENGTH,
  passwordProblem,
  sameAsUserName,
} from '../../shared/password-policy'
import { emailProblem, isValidEmail } from '../../shared/validation'

describe('password policy (the DQOps web UI rules, applied right)', () => {
  it.each([
    ['Abcdefg1', null],
    ['Ábcdéfg1', null],
    ['abcdefg1', 'The password needs: an upper-case letter.'],
    ['ABCDEFG1', 'The password needs: a lower-case letter.'],
    ['Abcdefgh', 'The password needs: a digit.'],
    ['Abc1', 'The password needs: at least 8 characters.'],
    ['', 'Enter a password.'],
  ])('%j → %j', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem)
  })

  it('accepts exactly 8 characters (the web UI wrongly refuses them)', () => {
    expect(checkPassword('Abcdef12').every((c) => c.met)).toBe(true)
  })

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('Ab1😀😀😀😀').find((c) => c.id === 'length')?.met).toBe(false)
  })

  it('refuses an absurdly long password', () => {
    expect(passwordProblem('Aa1' + 'x'.repeat(MAX_PASSWORD_LENGTH))).toMatch(/longer than/)
  })

  it('generates passwords that always meet the policy, of the asked length', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword(12)
      expect(p).toHaveLength(12)
      expect(passwordProblem(p)).toBeNull()
    }
    expect(generatePassword(3)).toHaveLength(8)
  })

  it('draws every character from the random source (deterministic with a fixed one)', () => {
    let n = 0
    const rng = (a: Uint32Array<ArrayBuffer>) => {
      a[0] = (n++ * 2654435761) >>> 0
    }
    let m = 0
    const rng2 = (a: Uint32Array<ArrayBuffer>) => {
      a[0] = (m++ * 2654435761) >>> 0
    }
    expect(generatePassword(20, rng)).toBe(generatePassword(20, rng2))
  })

  it('knows when a password is the user name', () => {
    expect(sameAsUserName(' Alice@Example.com ', 'alice@example.com')).toBe(true)
    expect(sameAsUserName('Alice@Example.com1', 'alice@example.com')).toBe(false)
    expect(sameAsUserName('x', null)).toBe(false)
  })
})

describe('email rules', () => {
  it.each(['a@b.io', 'a+b@x.io', "o'neil@x.io", 'ä@x.de'])('accepts %s', (e) => {
    expect(isValidEmail(e)).toBe(true)
  })
  it.each(['', 'a', 'a@b', 'a@b.c', 'a b@x.io', '../../api/users', 'a/b@x.io', 'a@x.io?x', 'a@x.io#'])(
    'refuses %j',
    (e) => {
      expect(isValidEmail(e)).toBe(false)
    },
  )
  it('says what is wrong', () => {
    expect(emailProblem('')).toBe('Enter an email address.')
    expect(emailProblem(' a@b.io')).toBe('Remove the spaces before or after the email address.')
    expect(emailProblem('nope')).toBe('Enter an email address like name@example.com.')
  })
})
