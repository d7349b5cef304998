/**
 * The users of each connection profile, kept apart per profile id.
 *
 * - The list lives in a `shallowRef` of frozen per-profile entries: with 10,000 users nothing is
 *   made deeply reactive, and the view's filter/sort works on precomputed rows (`user-rows.ts`).
 * - Successful mutations are applied to the profile's list locally: no refetch per click.
 * - A list answer that arrives after the active profile changed (or after a newer request for the
 *   same profile) is discarded, so one instance's users never show under another's name.
 * - A failed refresh keeps the last list and marks it stale (`error` set while `index` is kept).
 * - An entry belongs to the connection it was loaded from (the profile's URL and key): once the
 *   profile points at another server or holds another key, its entry starts over, empty, so one
 *   server's users (or what one key could see) are never shown, nor acted on, for another.
 * Mutations throw `ApiError` to their caller (a dialog), which shows it and keeps what was typed.
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { CreateUserResult, UserInput } from '../../../shared/contract'
import type { DqopsDomain, DqopsUser } from '../../../shared/roles'
import type { IpcError } from '../../../shared/errors'
import { call, toIpcError } from '../api/client'
import { buildIndex, removeUser, upsertUser, type UserIndex } from '../components/users/user-rows'
import { useProfilesStore } from './profiles'

export interface ProfileUsers {
  readonly profileId: string
  /** The profile's connection (`profiles.connectionOf`) this entry was filled from. */
  readonly connection: string | null
  /** null until a list has arrived once. */
  readonly index: UserIndex | null
  /** When the shown list arrived (ms since epoch). */
  readonly loadedAt: number | null
  readonly loading: boolean
  /** The last refresh failed; with an index, the list shown is stale. */
  readonly error: IpcError | null
  /** null until loaded; a failed domain load leaves it null (the editor then shows no domains). */
  readonly domains: readonly DqopsDomain[] | null
}

function empty(profileId: string, connection: string | null): ProfileUsers {
  return Object.freeze({
    profileId,
    connection,
    index: null,
    loadedAt: null,
    loading: false,
    error: null,
    domains: null,
  })
}

export const useUsersStore = defineStore('users', () => {
  const profiles = useProfilesStore()
  const lists = shallowRef<Readonly<Record<string, ProfileUsers>>>({})
  /** The latest list request per profile: an older answer is dropped. */
  const latest = new Map<string, number>()
  let seq = 0

  /** The profile's entry, or a fresh one if it has none for the profile's current connection. */
  function entry(profileId: string): ProfileUsers {
    const connection = profiles.connectionOf(profileId)
    const known = lists.value[profileId]
    return known && known.connection === connection ? known : empty(profileId, connection)
  }
  function patch(profileId: string, change: Partial<Omit<ProfileUsers, 'profileId' | 'connection'>>): void {
    lists.value = Object.freeze({
      ...lists.value,
      [profileId]: Object.freeze({ ...entry(profileId), ...change }),
    })
  }
  /** Applies a change to a profile's list only if that list has been loaded. */
  function mapIndex(profileId: string, fn: (index: UserIndex) => UserIndex): void {
    const index = entry(profileId).index
    if (index) patch(profileId, { index: fn(index) })
  }

  const current = computed<ProfileUsers | null>(() => {
    const id = profiles.activeId
    return id ? entry(id) : null
  })
  const index = computed(() => current.value?.index ?? null)
  const count = computed(() => index.value?.rows.length ?? 0)
  /** The list is shown but the last refresh failed. */
  const stale = computed(() => !!current.value?.index && !!current.value.error)

  /** Whether an answer for `profileId`, asked over `connection`, may still be applied. */
  function isCurrent(profileId: string, token: number, connection: string | null): boolean {
    return (
      profiles.activeId === profileId &&
      latest.get(profileId) === token &&
      profiles.connectionOf(profileId) === connection
    )
  }

  /** Loads (or refreshes) the list of a profile, by default the active one. */
  async function load(profileId: string | null = profiles.activeId): Promise<void> {
    if (!profileId) return
    const token = ++seq
    const connection = profiles.connectionOf(profileId)
    latest.set(profileId, token)
    patch(profileId, { loading: true })
    try {
      const users = await call('users.list', { profileId })
      if (!isCurrent(profileId, token, connection)) return
      patch(profileId, { index: buildIndex(users), loadedAt: Date.now(), error: null })
    } catch (e) {
      if (!isCurrent(profileId, token, connection)) return
      patch(profileId, { error: toIpcError(e) })
    } finally {
      if (latest.get(profileId) === token && profiles.connectionOf(profileId) === connection)
        patch(profileId, { loading: false })
    }
  }

  /** Loads the data domains of a profile (for the domain-role editors). Failures leave them unknown. */
  async function loadDomains(profileId: string | null = profiles.activeId): Promise<void> {
    if (!profileId) return
    const connection = profiles.connectionOf(profileId)
    try {
      const domains = await call('users.domains', { profileId })
      if (profiles.activeId === profileId && profiles.connectionOf(profileId) === connection)
        patch(profileId, { domains: Object.freeze(domains.slice()) })
    } catch {
      // Domain roles are then edited without the domain list; the list view says nothing is wrong.
    }
  }

  /** Confirmed changes update the list of the profile they were made on, whichever is active now. */
  async function create(profileId: string, user: UserInput, password?: string): Promise<CreateUserResult> {
    const request = password === undefined ? { profileId, user } : { profileId, user, password }
    const result = await call('users.create', request)
    mapIndex(profileId, (i) => upsertUser(i, result.user))
    return result
  }

  async function update(profileId: string, email: string, user: UserInput): Promise<DqopsUser> {
    const updated = await call('users.update', { profileId, email, user })
    mapIndex(profileId, (i) => upsertUser(i, updated))
    return updated
  }

  async function remove(profileId: string, email: string): Promise<void> {
    await call('users.delete', { profileId, email })
    mapIndex(profileId, (i) => removeUser(i, email))
  }

  async function setPassword(profileId: string, email: string, password: string): Promise<void> {
    await call('users.setPassword', { profileId, email, password })
  }

  async function changeMyPassword(profileId: string, password: string): Promise<{ email: string | null }> {
    return call('users.changeMyPassword', { profileId, password })
  }

  return {
    lists,
    current,
    index,
    count,
    stale,
    entry,
    load,
    loadDomains,
    create,
    update,
    remove,
    setPassword,
    changeMyPassword,
  }
})
