/**
 * What the caller may do with users on the active connection, and why not: one place that turns
 * the session's capabilities, the licence's user limit and "is this my own row" into reasons, so
 * every button and dialog says the same thing.
 */
import { computed } from 'vue'
import type { Capabilities } from '../../../../shared/contract'
import type { DqopsDomain } from '../../../../shared/roles'
import { useProfilesStore } from '../../stores/profiles'
import { useSessionStore } from '../../stores/session'
import { useUsersStore } from '../../stores/users'

export const SELF_DELETE_REASON =
  'You cannot delete your own account: another admin must do it. (DQOps would allow it and lock you out.)'
export const SELF_DEMOTE_REASON =
  'You cannot remove your own admin role: you would lose user management. Ask another admin.'

/** The domains worth editing: only where the instance has data domains (ENTERPRISE). */
export function editableDomains(
  domains: readonly DqopsDomain[] | null,
  caps: Capabilities | null,
): readonly DqopsDomain[] {
  if (!domains || domains.length === 0) return []
  return caps?.canUseDataDomains || domains.length > 1 ? domains : []
}

export function limitReason(count: number, limit: number | null): string | null {
  if (limit === null || count < limit) return null
  return `The licence allows ${limit} user${limit === 1 ? '' : 's'} and the account has ${count}: delete a user you no longer need, or raise the licence's limit, before adding another.`
}

export function useUserActions() {
  const session = useSessionStore()
  const users = useUsersStore()
  const profiles = useProfilesStore()

  const manageReason = computed(() => session.reasonFor('manageUsers'))
  const myPasswordReason = computed(() => session.reasonFor('changeOwnPassword'))
  const usersLimit = computed(() => session.capabilities?.usersLimit ?? null)
  const addReason = computed(() => {
    if (manageReason.value) return manageReason.value
    if (!users.index) return 'Wait until the user list has loaded.'
    return limitReason(users.count, usersLimit.value)
  })
  const me = computed(() => session.me?.toLowerCase() ?? null)
  const isMe = (email: string) => me.value !== null && email.toLowerCase() === me.value
  const deleteReason = (email: string) => manageReason.value ?? (isMe(email) ? SELF_DELETE_REASON : null)
  /** Why this user's account role may not be changed by me (beyond manageReason): my own admin role. */
  const accountRoleReason = (user: { email: string; accountRole: string | null }) =>
    isMe(user.email) && user.accountRole === 'admin' ? SELF_DEMOTE_REASON : null
  const domains = computed(() => editableDomains(users.current?.domains ?? null, session.capabilities))

  return {
    profileId: computed(() => profiles.activeId),
    manageReason,
    myPasswordReason,
    addReason,
    usersLimit,
    me,
    isMe,
    deleteReason,
    accountRoleReason,
    domains,
  }
}
