/**
 * The profile form's inline checks, run as the user types. Main validates again (and normalizes the
 * URL) on save; these exist so that mistakes show next to the field before anything is sent. The
 * base URL is checked by `checkBaseUrl`, the very rules (and words) main applies, so the form never
 * accepts an address that main then refuses.
 */
import { checkBaseUrl } from '../../../../shared/base-url'

export interface ProfileDraft {
  name: string
  baseUrl: string
  notes: string
}

export type DraftErrors = Partial<Record<keyof ProfileDraft, string>>

export function validateDraft(
  draft: ProfileDraft,
  others: readonly { id: string; name: string }[],
  selfId: string | null,
): DraftErrors {
  const errors: DraftErrors = {}
  const name = draft.name.trim()
  if (!name) errors.name = 'Enter a name, for example “Production”.'
  else if (others.some((p) => p.id !== selfId && p.name.trim().toLowerCase() === name.toLowerCase()))
    errors.name = `Another profile is already called “${name}”. Choose a different name.`

  const text = draft.baseUrl.trim()
  if (!text) errors.baseUrl = 'Enter the address of DQOps, for example https://dqops.example.com.'
  else {
    const url = checkBaseUrl(text)
    if (!url.ok) errors.baseUrl = url.problem
  }
  return errors
}
