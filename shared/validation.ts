/**
 * Input rules the DQOps server does not enforce but its web UI does (API.md), shared by the
 * renderer (live feedback) and main (the rule that counts).
 */

/** `local@domain.tld`: no spaces, one @, a dot in the domain, no path characters. */
const EMAIL_RE = /^[^\s@/\\?#]+@[^\s@/\\?#]+\.[^\s@/\\?#.]{2,}$/u

export function isValidEmail(email: string): boolean {
  return email.length <= 320 && EMAIL_RE.test(email)
}

export function emailProblem(email: string): string | null {
  if (email.trim() === '') return 'Enter an email address.'
  if (email !== email.trim()) return 'Remove the spaces before or after the email address.'
  if (!isValidEmail(email)) return 'Enter an email address like name@example.com.'
  return null
}
