/**
 * Connection profiles as the renderer knows them (never an API key: only `hasApiKey`/`keyOwner`).
 * Owner of the active profile id; the session and users stores follow it.
 * Every mutation applies main's answer locally (no full reload per click) and throws `ApiError`
 * on failure, so the calling component decides how to show it.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  ConnectionTest,
  ExportReport,
  ImportReport,
  ProfileCreate,
  ProfilesState,
  ProfileUpdate,
  ProfileView,
} from '../../../shared/contract'
import type { IpcError } from '../../../shared/errors'
import { ApiError, call as callMain, toIpcError } from '../api/client'
import type { ChannelName } from '../../../shared/channels'
import type { RequestOf, ResponseOf } from '../../../shared/contract'

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = shallowRef<ProfileView[]>([])
  const activeId = ref<string | null>(null)
  const notices = ref<string[]>([])
  const keychain = ref<ProfilesState['keychain']>({ available: true, message: null })
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<IpcError | null>(null)
  /** The last connection test of each profile (the session store adopts the active one's). */
  const tests = shallowRef<Readonly<Record<string, ConnectionTest>>>({})
  /** Bumped whenever a profile's key changes, so whoever follows the profile re-checks it. */
  const keyRevision = shallowRef<Readonly<Record<string, number>>>({})
  /** Notices the user dismissed: main may repeat them in every state it sends. */
  const dismissed = new Set<string>()
  /** Connection tests are numbered; per profile, the number of the test whose answer is kept. */
  let testSeq = 0
  const keptTest = new Map<string, number>()

  /** Calls main; a keychain failure also updates the keychain banner (main marks it unavailable). */
  async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    try {
      return await callMain(channel, request)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'keychain-unavailable') {
        keychain.value = { available: false, message: e.message }
      }
      throw e
    }
  }

  const active = computed(() => profiles.value.find((p) => p.id === activeId.value) ?? null)
  const byId = (id: string) => profiles.value.find((p) => p.id === id) ?? null

  /**
   * What a profile connects to, as one string: its URL and its key (whether it has one, and the
   * key's revision). Anything learnt from a server (a connection test, a user list) is only valid
   * while this stays the same. null for a profile that does not exist.
   */
  function connectionOf(id: string): string | null {
    const p = byId(id)
    return p ? `${p.baseUrl}\n${p.hasApiKey}\n${keyRevision.value[id] ?? 0}` : null
  }

  function apply(state: ProfilesState) {
    profiles.value = state.profiles
    activeId.value = state.activeId
    notices.value = state.notices.filter((n) => !dismissed.has(n))
    keychain.value = state.keychain
    loaded.value = true
    const known = new Set(state.profiles.map((p) => p.id))
    tests.value = Object.fromEntries(Object.entries(tests.value).filter(([id]) => known.has(id)))
  }

  /** Replaces a profile in place (keeping the list order) or appends a new one. */
  function upsert(view: ProfileView): ProfileView {
    const i = profiles.value.findIndex((p) => p.id === view.id)
    profiles.value = i < 0 ? [...profiles.value, view] : profiles.value.map((p, j) => (j === i ? view : p))
    return view
  }

  function forgetTest(id: string) {
    const { [id]: _gone, ...rest } = tests.value
    tests.value = rest
  }

  function bumpKey(id: string) {
    keyRevision.value = { ...keyRevision.value, [id]: (keyRevision.value[id] ?? 0) + 1 }
    forgetTest(id)
  }

  async function load() {
    loading.value = true
    error.value = null
    try {
      apply(await call('profiles.list', {}))
    } catch (e) {
      error.value = toIpcError(e)
    } finally {
      loading.value = false
    }
  }

  /** Loads once (the switcher and the profiles view both ask on mount). */
  async function ensureLoaded() {
    if (!loaded.value && !loading.value) await load()
  }

  async function setActive(id: string) {
    apply(await call('profiles.setActive', { id }))
  }

  async function create(input: ProfileCreate): Promise<ProfileView> {
    return upsert(await call('profiles.create', input))
  }

  async function update(input: ProfileUpdate): Promise<ProfileView> {
    const before = byId(input.id)
    const view = upsert(await call('profiles.update', input))
    // A test of the old URL says nothing about the new one.
    if (before && before.baseUrl !== view.baseUrl) forgetTest(view.id)
    return view
  }

  async function remove(id: string) {
    apply(await call('profiles.delete', { id }))
  }

  async function duplicate(id: string): Promise<ProfileView> {
    return upsert(await call('profiles.duplicate', { id }))
  }

  async function setApiKey(id: string, apiKey: string): Promise<ProfileView> {
    const view = upsert(await call('profiles.setApiKey', { id, apiKey }))
    bumpKey(id)
    return view
  }

  async function removeApiKey(id: string): Promise<ProfileView> {
    const view = upsert(await call('profiles.removeApiKey', { id }))
    bumpKey(id)
    return view
  }

  /** Keeps a test result (from the profiles view or the session's own check). */
  function recordTest(result: ConnectionTest) {
    if (byId(result.profileId)) tests.value = { ...tests.value, [result.profileId]: result }
  }

  /**
   * Tests a profile's connection and keeps the answer, unless it is stale: the profile's URL or key
   * changed while the test ran (it answers for a connection that is gone), or a test started later
   * has already answered. A stale answer is still returned to the caller, but never stored.
   */
  async function testConnection(id: string): Promise<ConnectionTest> {
    const asked = connectionOf(id)
    const seq = ++testSeq
    const result = await call('profiles.testConnection', { id })
    if (connectionOf(id) === asked && seq > (keptTest.get(id) ?? 0)) {
      keptTest.set(id, seq)
      recordTest(result)
    }
    return result
  }

  async function exportProfiles(ids?: string[]): Promise<ExportReport> {
    return call('profiles.export', ids ? { ids } : {})
  }

  async function importProfiles(): Promise<ImportReport> {
    const report = await call('profiles.import', {})
    for (const p of report.imported) upsert(p)
    return report
  }

  function dismissNotice(notice: string) {
    dismissed.add(notice)
    notices.value = notices.value.filter((n) => n !== notice)
  }

  return {
    profiles,
    activeId,
    active,
    notices,
    keychain,
    loaded,
    loading,
    error,
    tests,
    keyRevision,
    byId,
    connectionOf,
    apply,
    load,
    ensureLoaded,
    setActive,
    create,
    update,
    remove,
    duplicate,
    setApiKey,
    removeApiKey,
    recordTest,
    testConnection,
    exportProfiles,
    importProfiles,
    dismissNotice,
  }
})
