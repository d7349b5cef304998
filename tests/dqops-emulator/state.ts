/**
 * The emulator's data: configuration that tests may change at runtime, the account's users, the
 * data domains, and the logs tests assert on (every request, every password received).
 */
import { DEFAULT_DOMAIN, type Role } from '../../shared/dqops'
import { FaultBook } from './faults'

/** FREE is a standalone (never paired) instance: DQOps Cloud keeps no users for it. */
export type Licence = 'FREE' | 'PERSONAL' | 'TEAM' | 'ENTERPRISE'
/** `bearer`: a valid key is required. `none`: no Authorization header means the local admin. */
export type AuthMode = 'bearer' | 'none'

/** What can change while the emulator runs (`configure()`, `PATCH /__emulator/config`). */
export interface RuntimeConfig {
  licence: Licence
  auth: AuthMode
  usersLimit: number
  /** false: `/api/ishealthy` answers 503 UNAVAILABLE. */
  healthy: boolean
  /** Answer like a server before 1.8: user models without `dataDomainRoles`. */
  legacyUserModel: boolean
}

export interface UserSeed {
  email: string
  accountRole: Role
  dataDomainRoles?: Record<string, Role> | undefined
  password?: string | undefined
}

/** A user as the emulator keeps it: domain roles without `none` entries (the server drops them). */
export interface StoredUser {
  email: string
  accountRole: Role
  dataDomainRoles: Record<string, Role>
  password: string | null
}

export interface RequestRecord {
  method: string
  /** The raw URL as received, query included. */
  url: string
  /** The path below the base path, still percent-encoded, without the query. */
  apiPath: string
  /** The route that handled it (e.g. `/api/users/:email`), or null when none matched. */
  route: string | null
  /** The Authorization header: none sent, a key this instance signed, or anything else. */
  auth: 'absent' | 'valid' | 'invalid'
  /** The caller's email, when authenticated. */
  caller: string | null
  /** null while in flight, or when a fault dropped or hung the connection. */
  status: number | null
  contentType: string | null
  /** The fault action applied (`reset`, `hang`, `status`...), if any. */
  fault: string | null
}

/** One password as it arrived: who for, the exact bytes, the content type, and the answer. */
export interface PasswordRecord {
  /** The target user's email, or `me` for `PUT /api/mypassword`. */
  target: string
  raw: Buffer
  /** The text the real server would read: UTF-8 when the charset says so, else ISO-8859-1. */
  text: string
  contentType: string | null
  status: number | null
}

export const DOMAIN_DISPLAY_NAMES: Record<string, string> = { [DEFAULT_DOMAIN]: 'Default domain' }

export class EmulatorState {
  readonly users = new Map<string, StoredUser>()
  readonly requests: RequestRecord[] = []
  readonly passwords: PasswordRecord[] = []
  readonly faults = new FaultBook()
  config: RuntimeConfig
  private listCache: string | null = null

  constructor(
    private readonly initialConfig: RuntimeConfig,
    private readonly initialUsers: readonly UserSeed[],
    /** The local data domains besides `(default)` (shown only on ENTERPRISE). */
    readonly domains: readonly string[],
    private readonly requestLogLimit: number,
  ) {
    this.config = { ...initialConfig }
    this.reset()
  }

  /** Back to the state at start: users, configuration, no faults, empty logs. */
  reset(): void {
    this.config = { ...this.initialConfig }
    this.users.clear()
    for (const u of this.initialUsers)
      this.putUser(u.email, u.accountRole, u.dataDomainRoles ?? {}, u.password ?? null)
    this.requests.length = 0
    this.passwords.length = 0
    this.faults.set(null)
    this.changed()
  }

  configure(patch: Partial<RuntimeConfig>): void {
    this.config = { ...this.config, ...patch }
    this.changed()
  }

  /** Call after any change that alters how users read. */
  changed(): void {
    this.listCache = null
  }

  get paired(): boolean {
    return this.config.licence !== 'FREE'
  }

  get hasDomains(): boolean {
    return this.config.licence === 'ENTERPRISE'
  }

  /** `(default)` first, then the other local domains. */
  allDomains(): string[] {
    return this.hasDomains ? [DEFAULT_DOMAIN, ...this.domains] : [DEFAULT_DOMAIN]
  }

  putUser(
    email: string,
    accountRole: Role,
    domainRoles: Record<string, Role>,
    password: string | null,
  ): void {
    const kept: Record<string, Role> = {}
    for (const [domain, role] of Object.entries(domainRoles)) if (role !== 'none') kept[domain] = role
    this.users.set(email, { email, accountRole, dataDomainRoles: kept, password })
    this.changed()
  }

  deleteUser(email: string): boolean {
    const existed = this.users.delete(email)
    if (existed) this.changed()
    return existed
  }

  /** A user as the server answers it: every local domain listed, `none` where there is no role. */
  toWire(user: StoredUser): Record<string, unknown> {
    if (this.config.legacyUserModel) return { email: user.email, accountRole: user.accountRole }
    const roles: Record<string, Role> = {}
    if (this.hasDomains) for (const d of this.allDomains()) roles[d] = user.dataDomainRoles[d] ?? 'none'
    return { email: user.email, accountRole: user.accountRole, dataDomainRoles: roles }
  }

  /** The JSON of `GET /api/users`, sorted by email (case-sensitive), cached until a change. */
  listJson(): string {
    if (this.listCache === null) {
      const emails = [...this.users.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      this.listCache = JSON.stringify(emails.map((e) => this.toWire(this.users.get(e) as StoredUser)))
    }
    return this.listCache
  }

  record(entry: RequestRecord): void {
    this.requests.push(entry)
    if (this.requests.length > this.requestLogLimit)
      this.requests.splice(0, this.requests.length - this.requestLogLimit)
  }
}

const SEED_ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'viewer', 'operator', 'admin']

/** `count` generated users `user00001@example.com`..., with varied roles; fast for 50,000+. */
export function generateUsers(count: number, domains: readonly string[]): UserSeed[] {
  const width = Math.max(5, String(count).length)
  const out: UserSeed[] = new Array<UserSeed>(count)
  for (let i = 0; i < count; i++) {
    const n = i + 1
    const accountRole = SEED_ROLES[n % SEED_ROLES.length] ?? 'viewer'
    const dataDomainRoles: Record<string, Role> = {}
    const domain = domains[n % (domains.length + 1)]
    if (domain !== undefined) dataDomainRoles[domain] = n % 2 === 0 ? 'editor' : 'viewer'
    out[i] = { email: `user${String(n).padStart(width, '0')}@example.com`, accountRole, dataDomainRoles }
  }
  return out
}
