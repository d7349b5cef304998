/**
 * "Test connection" for a profile, in two steps (issue 4): the health check without the key (is
 * anything there, is it DQOps, is it ready?), then the caller's DQOps profile with the key (is the
 * key accepted, who is it, what may they do?). Every failure becomes part of the result, not a
 * thrown error: the renderer shows one panel whatever happened.
 */
import type { Capabilities, ConnectionTest } from '../../../shared/contract'
import type { DqopsUserProfile } from '../../../shared/dqops'
import type { IpcError } from '../../../shared/errors'
import type { CreateDqopsClient } from '../dqops/types'
import type { Logger } from '../log'

export const NO_CAPABILITIES: Capabilities = {
  standalone: false,
  canManageUsers: false,
  canChangeOwnPassword: false,
  canUseDataDomains: false,
  usersLimit: null,
}

/** An unpaired instance: DQOps Cloud keeps its users, so there are none to manage. */
export function isStandalone(profile: DqopsUserProfile): boolean {
  return profile.tenant === 'Standalone' || (profile.license_type === 'FREE' && !profile.user)
}

/** What the app lets the caller do, straight from the flags DQOps reports for the key. */
export function capabilitiesOf(profile: DqopsUserProfile): Capabilities {
  const standalone = isStandalone(profile)
  return {
    standalone,
    canManageUsers: !standalone && profile.can_manage_users === true,
    canChangeOwnPassword: profile.can_change_own_password === true,
    canUseDataDomains: profile.can_use_data_domains === true,
    usersLimit: profile.users_limit ?? null,
  }
}

interface ToIpc {
  toIpc(): IpcError
}
function hasToIpc(e: unknown): e is ToIpc {
  return typeof e === 'object' && e !== null && typeof (e as ToIpc).toIpc === 'function'
}

/** The error as the renderer may see it; anything unexpected becomes a generic `internal`. */
export function asIpcError(e: unknown, log: Logger): IpcError {
  if (hasToIpc(e)) return e.toIpc()
  log.error('Connection test failed unexpectedly', e)
  return {
    code: 'internal',
    message: 'The connection test failed unexpectedly. Details are in the app’s log.',
  }
}

/** Kinds meaning "no HTTP answer at all". */
const UNREACHABLE: ReadonlySet<string> = new Set(['network', 'timeout', 'tls'])

const NOT_READY: IpcError = {
  code: 'server',
  status: 503,
  message: 'DQOps is running but not ready (503): it may be starting or stopping. Try again in a minute.',
}

export interface ConnectionTestInput {
  profileId: string
  baseUrl: string
  /** The profile's key (may throw KeychainError). */
  readKey: () => Promise<string | null>
  createClient: CreateDqopsClient
  timeoutMs: number
  now: () => Date
  log: Logger
}

export async function runConnectionTest(input: ConnectionTestInput): Promise<ConnectionTest> {
  const result: ConnectionTest = {
    profileId: input.profileId,
    checkedAt: input.now().toISOString(),
    baseUrl: input.baseUrl,
    reachable: false,
    healthy: false,
    keyAccepted: null,
    error: null,
    identity: null,
    capabilities: NO_CAPABILITIES,
  }

  // Step 1: health, without the key (a wrong key would turn even this into a 401).
  try {
    result.healthy = await input
      .createClient({ baseUrl: input.baseUrl, timeoutMs: input.timeoutMs })
      .isHealthy()
    result.reachable = true
  } catch (e) {
    const error = asIpcError(e, input.log)
    result.reachable = !UNREACHABLE.has(error.code)
    result.error = error
    return result
  }
  if (!result.healthy) {
    result.error = NOT_READY
    return result
  }

  // Step 2: who the key is, and what it may do.
  let apiKey: string | null
  try {
    apiKey = await input.readKey()
  } catch (e) {
    result.error = asIpcError(e, input.log)
    return result
  }
  try {
    const profile = await input
      .createClient({ baseUrl: input.baseUrl, apiKey, timeoutMs: input.timeoutMs })
      .getProfile()
    result.keyAccepted = true
    result.identity = {
      email: profile.user ?? null,
      accountRole: profile.account_role ?? null,
      tenant: profile.tenant ?? null,
      licenseType: profile.license_type ?? null,
    }
    result.capabilities = capabilitiesOf(profile)
  } catch (e) {
    const error = asIpcError(e, input.log)
    // 401: the key (or its absence) was refused. 403: the key is known but its role may do nothing.
    if (error.code === 'unauthorized') result.keyAccepted = false
    else if (error.code === 'forbidden') result.keyAccepted = true
    result.error = error
  }
  return result
}
