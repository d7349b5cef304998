/**
 * The shape of the DQOps client (DESIGN.md "The DQOps client"). `client.ts` implements it;
 * services depend on this interface only.
 */
import type { Logger } from '../log'
import type { DqopsDomain, DqopsUser, DqopsUserProfile, Role } from '../../../shared/dqops'

export interface DqopsClientOptions {
  baseUrl: string
  apiKey?: string | null | undefined
  /** Whole-request deadline; default `DEFAULT_TIMEOUT_MS` (15 s). */
  timeoutMs?: number | undefined
  /** Where to write one debug line per request (method, path, status, duration; never the key). */
  log?: Logger | undefined
}

export interface UserModelInput {
  email: string
  accountRole: Role
  dataDomainRoles?: Record<string, Role> | undefined
}

export interface DqopsClient {
  listUsers(): Promise<DqopsUser[]>
  getUser(email: string): Promise<DqopsUser>
  createUser(model: UserModelInput): Promise<void>
  updateUser(email: string, model: UserModelInput): Promise<void>
  deleteUser(email: string): Promise<void>
  setUserPassword(email: string, password: string): Promise<void>
  changeMyPassword(password: string): Promise<void>
  getProfile(): Promise<DqopsUserProfile>
  /** true: 200 OK; false: the server answered but is not ready (503). Network faults throw. */
  isHealthy(): Promise<boolean>
  listDomains(): Promise<DqopsDomain[]>
}

export type CreateDqopsClient = (options: DqopsClientOptions) => DqopsClient
