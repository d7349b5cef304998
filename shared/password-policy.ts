/**
 * The password policy DQOps' own web UI applies (API.md): at least 8 characters, with lower case,
 * upper case and a digit. The server checks none of it, so the app does, in the renderer for
 * live feedback and in main as the rule that counts.
 */

export const MIN_PASSWORD_LENGTH = 8
/** A sanity bound: DQOps stores the password in DQOps Cloud; nothing sensible is longer. */
export const MAX_PASSWORD_LENGTH = 1024

export interface PolicyRule {
  id: 'length' | 'lower' | 'upper' | 'digit'
  label: string
  test: (password: string) => boolean
}

export const PASSWORD_RULES: readonly PolicyRule[] = [
  {
    id: 'length',
    label: `At least ${MIN_PASSWORD_LENGTH} characters`,
    test: (p) => [...p].length >= MIN_PASSWORD_LENGTH,
  },
  { id: 'lower', label: 'A lower-case letter', test: (p) => /\p{Ll}/u.test(p) },
  { id: 'upper', label: 'An upper-case letter', test: (p) => /\p{Lu}/u.test(p) },
  { id: 'digit', label: 'A digit', test: (p) => /\p{Nd}/u.test(p) },
]

export interface PolicyCheck {
  id: PolicyRule['id']
  label: string
  met: boolean
}

export function checkPassword(password: string): PolicyCheck[] {
  return PASSWORD_RULES.map((r) => ({ id: r.id, label: r.label, met: r.test(password) }))
}

/** null when the password meets the policy, else one sentence saying what is missing. */
export function passwordProblem(password: string): string | null {
  if (password.length === 0) return 'Enter a password.'
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password is longer than ${MAX_PASSWORD_LENGTH} characters.`
  const missing = checkPassword(password).filter((c) => !c.met)
  if (missing.length === 0) return null
  return `The password needs: ${missing.map((m) => m.label.toLowerCase()).join(', ')}.`
}

/** True when the password is the user's own name (email), ignoring case and spaces around it. */
export function sameAsUserName(password: string, userName: string | null | undefined): boolean {
  return !!userName && password.trim().toLowerCase() === userName.trim().toLowerCase()
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const SYMBOLS = '!#$%&*+-=?@^_'
const ALL = LOWER + UPPER + DIGITS + SYMBOLS

/** Uniform index in [0, n) from crypto random bytes (rejection sampling: no modulo bias). */
function randomIndex(n: number, rng: (a: Uint32Array<ArrayBuffer>) => void): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  const buf = new Uint32Array(1)
  for (;;) {
    rng(buf)
    if (buf[0]! < limit) return buf[0]! % n
  }
}

/**
 * A strong random password that always meets the policy: one of each class, the rest from all
 * classes, shuffled. Uses the Web Crypto API (present in Chromium and Node).
 */
export function generatePassword(
  length = 20,
  rng: (a: Uint32Array<ArrayBuffer>) => void = (a) => globalThis.crypto.getRandomValues(a),
): string {
  const n = Math.max(length, MIN_PASSWORD_LENGTH)
  const pick = (set: string) => set[randomIndex(set.length, rng)]!
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)]
  while (chars.length < n) chars.push(pick(ALL))
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, rng)
    ;[chars[i], chars[j]] = [chars[j]!, chars[i]!]
  }
  return chars.join('')
}
