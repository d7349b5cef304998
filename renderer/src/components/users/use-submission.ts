/**
 * The life of one dialog submission: busy while the request runs (a second Enter does nothing),
 * the error kept to show in the dialog, and nothing else touched, so the form keeps what was typed.
 */
import { nextTick, ref, watch, type Ref } from 'vue'
import type { Role } from '../../../../shared/roles'
import type { IpcError } from '../../../../shared/errors'
import { toIpcError } from '../../api/client'
import { useProfilesStore } from '../../stores/profiles'

export function useSubmission() {
  const busy = ref(false)
  const error = ref<IpcError | null>(null)

  async function run(work: () => Promise<void>): Promise<void> {
    if (busy.value) return
    busy.value = true
    error.value = null
    try {
      await work()
    } catch (e) {
      error.value = toIpcError(e)
      await revealAlert()
    } finally {
      busy.value = false
    }
  }

  function reset() {
    busy.value = false
    error.value = null
  }

  /** A validation refusal from main that names this field, as the sentence to show under it. */
  function fieldError(field: string): string | null {
    const e = error.value
    return e && e.code === 'validation' && e.details?.['field'] === field ? e.message : null
  }

  return { busy, error, run, reset, fieldError }
}

/**
 * A dialog's submission bound to the connection it was opened on. Each time the dialog opens, the
 * active profile is remembered, the last error cleared and `onOpen` resets the fields; `run` hands
 * the work that profile, so switching connections while the dialog is open never sends the request
 * to another DQOps. A switch to another profile while the dialog is open (Ctrl+K works over a
 * dialog) closes it: what it shows and would send belongs to the connection left behind.
 */
export function useDialogSubmission(open: Ref<boolean>, onOpen: () => void) {
  const profiles = useProfilesStore()
  const submission = useSubmission()
  let openedOn: string | null = null
  watch(
    open,
    (isOpen) => {
      if (!isOpen) return
      openedOn = profiles.activeId
      submission.reset()
      onOpen()
    },
    { immediate: true },
  )
  watch(
    () => profiles.activeId,
    (id) => {
      if (open.value && id !== openedOn) open.value = false
    },
  )

  async function run(work: (profileId: string) => Promise<void>): Promise<void> {
    const profileId = openedOn
    if (profileId) await submission.run(() => work(profileId))
  }

  return { ...submission, run }
}

/**
 * Scrolls the open dialog's alert (an error, a warning) into view: the dialog body may be scrolled
 * to its bottom, where the submit button is, when the answer arrives.
 */
export async function revealAlert(): Promise<void> {
  await nextTick()
  const alert = document.querySelector<HTMLElement>('.dlg [role="alert"]')
  alert?.scrollIntoView?.({ block: 'nearest' })
}

/** The domain roles worth sending: DQOps drops `none` entries anyway. */
export function withoutNone(roles: Readonly<Record<string, Role>>): Record<string, Role> {
  const out: Record<string, Role> = {}
  for (const [domain, role] of Object.entries(roles)) if (role !== 'none') out[domain] = role
  return out
}
