/**
 * The profile form's inline checks, run as the user types. Main validates again (and normalizes the
 * URL) on save; these exist so that mistakes show next to the field before anything is sent.
 */
export interface ProfileDraft {
  name: string
  baseUrl: string
  notes: string
}

export type DraftErrors = Partial<Record<keyof ProfileDraft, string>>

export function parseBaseUrl(text: string): URL | null {
  try {
    return new URL(text.trim())
  } catch {
    return null
  }
}

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
  const url = parseBaseUrl(text)
  if (!text) errors.baseUrl = 'Enter the address of DQOps, for example https://dqops.example.com.'
  else if (!url || !url.hostname)
    errors.baseUrl =
      'This is not a complete address. Start with https:// or http://, for example https://dqops.example.com.'
  else if (url.protocol !== 'http:' && url.protocol !== 'https:')
    errors.baseUrl = 'Only http:// and https:// addresses are supported.'
  return errors
}
