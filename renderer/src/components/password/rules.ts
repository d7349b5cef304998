/**
 * The live checklist of a password form: the shared policy (shared/password-policy.ts), plus
 * "differs from the user name" where the form knows whose password it is, plus "both entries
 * match". One function decides whether the form may be submitted, so the checklist the user sees
 * and the rule the submit button follows cannot drift apart.
 */
import { checkPassword, MAX_PASSWORD_LENGTH, sameAsUserName } from '../../../../shared/password-policy'

export interface ChecklistItem {
  id: string
  label: string
  met: boolean
}

export function passwordChecklist(password: string, userName?: string | null): ChecklistItem[] {
  const items: ChecklistItem[] = checkPassword(password).map((c) => ({
    id: c.id,
    label: c.label,
    met: c.met,
  }))
  if (userName) {
    items.push({
      id: 'not-user-name',
      label: 'Differs from the user name (email)',
      met: password.length > 0 && !sameAsUserName(password, userName),
    })
  }
  return items
}

/** null when the form may be submitted; else the first thing still missing, as a sentence. */
export function passwordFormProblem(
  password: string,
  confirm: string,
  userName?: string | null,
): string | null {
  if (password.length === 0) return 'Enter a password.'
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password is longer than ${MAX_PASSWORD_LENGTH} characters.`
  const missing = passwordChecklist(password, userName).filter((i) => !i.met)
  if (missing.length > 0)
    return `The password needs: ${missing.map((m) => m.label.toLowerCase()).join(', ')}.`
  if (confirm !== password) return 'The two passwords do not match.'
  return null
}
