/**
 * Who I am on the active connection and what I may do there: the result of the last connection
 * test of the active profile. Other stores and views read `capabilities` and `reasonFor(...)`, so
 * every action the caller may not perform is disabled with the reason.
 *
 * The store follows the profiles store by itself: whenever the active profile changes (app start,
 * a switch, its URL or key edited, it was deleted), it checks the new one. Answers that arrive for
 * a check that is no longer the latest are dropped, so a slow server never overwrites a newer one.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Capabilities, ConnectionTest } from '../../../shared/contract'
import type { IpcError } from '../../../shared/errors'
import { toIpcError } from '../api/client'
import { useProfilesStore } from './profiles'

export type Action = 'manageUsers' | 'changeOwnPassword'
/** What the top bar's dot shows. */
export type SessionStatus = 'idle' | 'checking' | 'ok' | 'error'

export const useSessionStore = defineStore('session', () => {
  const profiles = useProfilesStore()
  const profileId = ref<string | null>(null)
  const test = shallowRef<ConnectionTest | null>(null)
  const checking = ref(false)
  const error = ref<IpcError | null>(null)
  /** Increases with every check; an answer is kept only if its check is still the latest. */
  let generation = 0

  const capabilities = computed<Capabilities | null>(() => test.value?.capabilities ?? null)
  const identity = computed(() => test.value?.identity ?? null)
  /** The caller's email on the active connection (null when unknown or standalone). */
  const me = computed(() => identity.value?.email ?? null)

  /**
   * The check stopped before DQOps said what the key may do (not ready, a timeout or a 5xx on the
   * caller's profile, the keychain could not be read): the capabilities are unknown, not "none".
   */
  const incomplete = computed(() => {
    const t = test.value
    return !!t && t.error !== null && (t.keyAccepted !== true || !t.healthy)
  })

  const status = computed<SessionStatus>(() => {
    if (checking.value) return 'checking'
    if (error.value) return 'error'
    const t = test.value
    if (!t) return 'idle'
    return t.reachable && t.healthy && t.keyAccepted !== false && !incomplete.value ? 'ok' : 'error'
  })

  /** Tests the connection of a profile and makes it the session's. Stale answers are dropped. */
  async function check(id: string | null) {
    const mine = ++generation
    profileId.value = id
    test.value = null
    error.value = null
    checking.value = id !== null
    if (!id) return
    try {
      // Through the profiles store, so the profiles view shows the same result.
      const result = await profiles.testConnection(id)
      // The profiles store keeps the newest answer for the profile's current URL and key; ours
      // unless a test started later (from the profiles view) has answered first.
      if (mine === generation) test.value = profiles.tests[id] ?? result
    } catch (e) {
      if (mine === generation) error.value = toIpcError(e)
    } finally {
      if (mine === generation) checking.value = false
    }
  }

  /** A test of the session's profile run elsewhere (the profiles view) is the newest word. */
  watch(
    () => (profileId.value ? profiles.tests[profileId.value] : undefined),
    (t) => {
      if (!t || t === test.value || checking.value) return
      generation++
      test.value = t
      error.value = null
    },
  )

  /** Re-check when the active profile, its URL or its key changes. */
  watch(
    () => {
      const id = profiles.activeId
      return id ? `${id}\n${profiles.connectionOf(id) ?? ''}` : ''
    },
    () => {
      if (profiles.loaded) void check(profiles.activeId)
    },
    { immediate: true },
  )

  /** null when allowed; else one sentence saying why not (shown next to the disabled control). */
  function reasonFor(action: Action): string | null {
    if (!profileId.value) return 'Choose a connection profile first.'
    if (checking.value) return 'Checking the connection…'
    const t = test.value
    if (!t) return 'The connection has not been checked yet.'
    if (!t.reachable || t.keyAccepted === false)
      return 'The DQOps server cannot be used right now: see the connection status.'
    // "Could not check" is not "you may not": say what happened.
    if (incomplete.value && t.error) return `Could not check what this key may do: ${t.error.message}`
    const caps = t.capabilities
    if (caps.standalone) {
      return action === 'manageUsers'
        ? 'This DQOps instance is not paired with DQOps Cloud (FREE licence): user management needs a TEAM or ENTERPRISE instance.'
        : 'This DQOps instance is not paired with DQOps Cloud, so it has no user accounts or passwords to change.'
    }
    if (action === 'manageUsers' && !caps.canManageUsers) {
      const role = t.identity?.accountRole
      return role && role !== 'admin'
        ? `Only account admins can manage users; your role is ${role}.`
        : 'DQOps does not allow this key to manage users (licence or role).'
    }
    if (action === 'changeOwnPassword' && !caps.canChangeOwnPassword) {
      return 'DQOps does not allow changing your own password on this instance.'
    }
    return null
  }

  return {
    profileId,
    test,
    checking,
    error,
    status,
    capabilities,
    identity,
    me,
    incomplete,
    check,
    reasonFor,
  }
})
