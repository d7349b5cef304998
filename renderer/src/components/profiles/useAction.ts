/**
 * Runs one user action with the feedback every action owes the user: a busy flag for the button
 * (disabled + "…ing" text), then a success toast or an error toast in the shared error words. The
 * error is also returned, for components that show it inline (a form field, the keychain remedy).
 */
import { ref } from 'vue'
import { toast } from 'vue-sonner'
import type { IpcError } from '../../../../shared/errors'
import { toIpcError } from '../../api/client'
import { describeError } from '../../api/messages'

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export interface ActionWords<T> {
  /** The toast on success, or null for none (the result is shown in place). */
  success: ((value: T) => string | null) | string | null
  /** Names what failed, e.g. "Could not delete the profile". */
  failure: string
  /** Show errors only inline, no toast. */
  quiet?: boolean
}

/** Toasts an error in the shared words: what failed, what happened, what to do. */
export function toastError(failure: string, error: IpcError) {
  const words = describeError(error)
  toast.error(`${failure}: ${words.title}`, { description: `${words.message} ${words.hint}` })
}

export function useAction() {
  /** The name of the action running now, or null. One at a time per component. */
  const busy = ref<string | null>(null)

  async function run<T>(
    name: string,
    work: () => Promise<T>,
    words: ActionWords<T>,
  ): Promise<ActionOutcome<T>> {
    busy.value = name
    try {
      const value = await work()
      const text = typeof words.success === 'function' ? words.success(value) : words.success
      if (text) toast.success(text)
      return { ok: true, value }
    } catch (e) {
      const error = toIpcError(e)
      if (!words.quiet) toastError(words.failure, error)
      return { ok: false, error }
    } finally {
      busy.value = null
    }
  }

  return { busy, run }
}
