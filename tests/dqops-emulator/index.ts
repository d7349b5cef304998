/**
 * A standalone DQOps server for tests, benchmarks and demos (README.md beside this file). It speaks
 * the wire contract of ../../../shared/dqops/API.md, binds 127.0.0.1 only, and can be driven from
 * the same process (the returned handle) or another one (the control API under `/__emulator/`).
 */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import type { Role } from '../../shared/dqops'
import { dqopsApi } from './api'
import { CONTROL_PREFIX, controlApi } from './control'
import type { FaultRule } from './faults'
import { issueLocalKey, type Identity } from './keys'
import {
  EmulatorState,
  generateUsers,
  type AuthMode,
  type Licence,
  type RuntimeConfig,
  type UserSeed,
} from './state'

export type { FaultAction, FaultRule } from './faults'
export type { Identity } from './keys'
export type {
  AuthMode,
  EmulatorState,
  Licence,
  PasswordRecord,
  RequestRecord,
  RuntimeConfig,
  StoredUser,
  UserSeed,
} from './state'
export { CONTROL_PREFIX } from './control'

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number
  /** Serve the API under this prefix, like a reverse proxy would (e.g. `/dqops`). Default: none. */
  basePath?: string
  /** Default ENTERPRISE. FREE is a standalone, unpaired instance (no users). */
  licence?: Licence
  /** Default `bearer`. */
  auth?: AuthMode
  /** Users the account may have; create answers 400 beyond it. Default 100 (or seeded users + 100). */
  usersLimit?: number
  /** Data domains besides `(default)`; listed on ENTERPRISE only. Default `['sales', 'finance']`. */
  domains?: string[]
  /** Add the five demo identities (one per role) as users. Default true. */
  identityUsers?: boolean
  /** More users to start with. */
  users?: UserSeed[]
  /** Generate this many users `user00001@example.com`... (for benchmarks). */
  seedUsers?: number
  /** Answer user models without `dataDomainRoles`, like DQOps before 1.8. */
  legacyUserModel?: boolean
  /** false: `/api/ishealthy` answers 503 from the start. Default true. */
  healthy?: boolean
  /** The HMAC secret keys are signed with. Default: random, so keys differ per run. */
  secret?: string
  /** The DQOps Cloud tenant name in the profile. */
  tenant?: string
  /** Keep at most this many entries in the request log. Default 10,000. */
  requestLogLimit?: number
}

/** The five demo identities' keys, plus one well-formed key this instance did not sign. */
export type EmulatorKeys = Record<Role | 'invalid', string>

export interface Emulator {
  /** The base URL to give the client: `http://127.0.0.1:<port><basePath>`. */
  url: string
  /** `http://127.0.0.1:<port>` (the control API lives at `<origin>/__emulator/`). */
  origin: string
  port: number
  /** The live state: users, configuration, request log, password log, faults. */
  state: EmulatorState
  keys: EmulatorKeys
  /** The email of each demo identity. */
  identities: Record<Role, Identity>
  /** A key for any identity, signed by this instance. */
  issueKey(who: Identity): string
  /** Replace the fault rules (null or [] clears them). */
  setFaults(rules: FaultRule | readonly FaultRule[] | null): void
  /** Change licence, auth mode, user limit, health, legacy model while running. */
  configure(patch: Partial<RuntimeConfig>): void
  /** Back to the starting users and configuration; faults and logs cleared. */
  reset(): void
  close(): Promise<void>
}

export const DEMO_IDENTITIES: Record<Role, Identity> = {
  admin: { email: 'admin@example.com', accountRole: 'admin' },
  editor: { email: 'editor@example.com', accountRole: 'editor', domainRoles: { sales: 'admin' } },
  operator: { email: 'operator@example.com', accountRole: 'operator' },
  viewer: { email: 'viewer@example.com', accountRole: 'viewer', domainRoles: { finance: 'editor' } },
  none: { email: 'none@example.com', accountRole: 'none' },
}

const TENANT_ID = 'emulator-tenant'

function normaliseBasePath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/\/+$/u, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const basePath = normaliseBasePath(options.basePath)
  const domains = options.domains ?? ['sales', 'finance']
  const secret = options.secret ?? randomBytes(32).toString('hex')
  const issueKey = (who: Identity): string => issueLocalKey(secret, TENANT_ID, who)

  const seeds: UserSeed[] = []
  if (options.identityUsers ?? true) {
    for (const who of Object.values(DEMO_IDENTITIES)) {
      seeds.push({ email: who.email, accountRole: who.accountRole, dataDomainRoles: who.domainRoles })
    }
  }
  seeds.push(...(options.users ?? []))
  if (options.seedUsers) seeds.push(...generateUsers(options.seedUsers, domains))

  const config: RuntimeConfig = {
    licence: options.licence ?? 'ENTERPRISE',
    auth: options.auth ?? 'bearer',
    usersLimit: options.usersLimit ?? (seeds.length >= 100 ? seeds.length + 100 : 100),
    healthy: options.healthy ?? true,
    legacyUserModel: options.legacyUserModel ?? false,
  }
  const state = new EmulatorState(config, seeds, domains, options.requestLogLimit ?? 10_000)

  const keys: EmulatorKeys = {
    admin: issueKey(DEMO_IDENTITIES.admin),
    editor: issueKey(DEMO_IDENTITIES.editor),
    operator: issueKey(DEMO_IDENTITIES.operator),
    viewer: issueKey(DEMO_IDENTITIES.viewer),
    none: issueKey(DEMO_IDENTITIES.none),
    invalid: issueLocalKey(`${secret}-not-this-instance`, TENANT_ID, DEMO_IDENTITIES.admin),
  }

  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 16 * 1024 * 1024,
    routerOptions: { maxParamLength: 4096 },
  })
  // Every body arrives as raw bytes: the routes decide, like Spring's message converters do.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  const reset = (): void => state.reset()
  await app.register(async (control) => controlApi(control, { state, keys, issueKey, reset }), {
    prefix: CONTROL_PREFIX,
  })
  await app.register(
    async (api) =>
      dqopsApi(api, {
        state,
        basePath,
        secret,
        tenantId: TENANT_ID,
        tenantName: options.tenant ?? 'Example Corp',
        localAdmin: DEMO_IDENTITIES.admin,
      }),
    { prefix: basePath },
  )

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 })
  const port = (app.server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}${basePath}`,
    origin,
    port,
    state,
    keys,
    identities: DEMO_IDENTITIES,
    issueKey,
    setFaults: (rules) => state.faults.set(rules),
    configure: (patch) => state.configure(patch),
    reset,
    close: () => app.close(),
  }
}
