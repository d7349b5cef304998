/**
 * The one IPC contract (DESIGN.md "One contract, three users"). Each channel: a zod schema for its
 * request (checked in main before any service runs) and the type of its response.
 * - main: `electron/main/dispatch.ts` validates and runs the service for each channel;
 * - preload: exposes one function per channel name (`shared/channels.ts`);
 * - renderer: `renderer/src/api/client.ts` is typed from `ContractApi` below.
 * Every request is one plain object, so the bridge is `(request) => Promise<Result<Response>>`.
 */
import { z } from 'zod'
import type { ChannelName } from './channels'
import { roleSchema, type ApiKeyOwner, type DqopsDomain, type DqopsUser, type Role } from './dqops'
import type { IpcError, Result } from './errors'

export type ProfileCreate = z.input<(typeof contract)['profiles.create']['request']>
export type ProfileUpdate = z.input<(typeof contract)['profiles.update']['request']>

// ---- request building blocks ------------------------------------------------------------------
const id = z.string().min(1).max(100)
const profileName = z.string().max(200)
const baseUrl = z.string().max(2048)
const notes = z.string().max(4000)
const apiKey = z.string().max(16_384)
const email = z.string().min(1).max(320)
const password = z.string().max(4096)
const none = z.strictObject({})

export const userInputSchema = z.strictObject({
  email,
  accountRole: roleSchema,
  dataDomainRoles: z.record(z.string().min(1).max(200), roleSchema).default({}),
})
export type UserInput = z.input<typeof userInputSchema>

// ---- response types ---------------------------------------------------------------------------
export interface AppInfo {
  name: string
  version: string
  platform: string
  arch: string
  versions: { electron: string | null; chrome: string | null; node: string }
  keychain: { available: boolean; message: string | null }
  userDataDir: string
}

/** A profile as the renderer sees it: never the key, only whether there is one and whose it is. */
export interface ProfileView {
  id: string
  name: string
  baseUrl: string
  notes: string
  createdAt: string
  updatedAt: string
  lastUsedAt: string | null
  hasApiKey: boolean
  keyOwner: ApiKeyOwner | null
  /** Plain http to a host that is not loopback: the key would travel unencrypted. */
  insecureTransport: boolean
}

export interface ProfilesState {
  profiles: ProfileView[]
  activeId: string | null
  /** Things the user must be told once, e.g. "the profiles file was damaged and moved to …". */
  notices: string[]
  keychain: { available: boolean; message: string | null }
}

export interface Capabilities {
  /** Unpaired (FREE) instance: DQOps keeps no users there. */
  standalone: boolean
  canManageUsers: boolean
  canChangeOwnPassword: boolean
  canUseDataDomains: boolean
  usersLimit: number | null
}

export interface ConnectionTest {
  profileId: string
  checkedAt: string
  baseUrl: string
  /** The health check answered at all (any HTTP answer). */
  reachable: boolean
  /** `GET /api/ishealthy` said OK (false while DQOps is starting or stopping). */
  healthy: boolean
  /** null when the profile step was not reached. */
  keyAccepted: boolean | null
  /** Why the connection or the key failed, as an error the renderer can explain. */
  error: IpcError | null
  identity: {
    email: string | null
    accountRole: Role | null
    tenant: string | null
    licenseType: string | null
  } | null
  capabilities: Capabilities
}

export interface CreateUserResult {
  user: DqopsUser
  /** The optional first password: not asked for, set, or failed after the user was created. */
  password: 'not-requested' | 'set' | 'failed'
  passwordError: IpcError | null
}

export interface ImportReport {
  /** null when the user cancelled the file dialog. */
  file: string | null
  imported: ProfileView[]
  skipped: { name: string; reason: string }[]
}

export interface ExportReport {
  file: string | null
  count: number
}

// ---- the contract -----------------------------------------------------------------------------
/** `channel<Response>()(requestSchema)`: the request type is inferred from the schema. */
function channel<Res>() {
  return <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res })
}

const byId = z.strictObject({ id })
const byProfile = z.strictObject({ profileId: id })
const byUser = z.strictObject({ profileId: id, email })

export const contract = {
  'app.info': channel<AppInfo>()(none),

  'profiles.list': channel<ProfilesState>()(none),
  'profiles.create': channel<ProfileView>()(
    z.strictObject({ name: profileName, baseUrl, notes: notes.optional(), apiKey: apiKey.optional() }),
  ),
  'profiles.update': channel<ProfileView>()(
    z.strictObject({
      id,
      name: profileName.optional(),
      baseUrl: baseUrl.optional(),
      notes: notes.optional(),
    }),
  ),
  'profiles.delete': channel<ProfilesState>()(byId),
  'profiles.duplicate': channel<ProfileView>()(byId),
  'profiles.setActive': channel<ProfilesState>()(byId),
  'profiles.setApiKey': channel<ProfileView>()(z.strictObject({ id, apiKey })),
  'profiles.removeApiKey': channel<ProfileView>()(byId),
  'profiles.testConnection': channel<ConnectionTest>()(byId),
  'profiles.export': channel<ExportReport>()(z.strictObject({ ids: z.array(id).max(10_000).optional() })),
  'profiles.import': channel<ImportReport>()(none),

  'users.list': channel<DqopsUser[]>()(byProfile),
  'users.get': channel<DqopsUser>()(byUser),
  'users.create': channel<CreateUserResult>()(
    z.strictObject({ profileId: id, user: userInputSchema, password: password.optional() }),
  ),
  'users.update': channel<DqopsUser>()(z.strictObject({ profileId: id, email, user: userInputSchema })),
  'users.delete': channel<{ email: string }>()(byUser),
  'users.setPassword': channel<{ email: string }>()(z.strictObject({ profileId: id, email, password })),
  'users.changeMyPassword': channel<{ email: string | null }>()(z.strictObject({ profileId: id, password })),
  'users.domains': channel<DqopsDomain[]>()(byProfile),
} as const

export type Contract = typeof contract
/** What the renderer sends (defaults not yet applied). */
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>
/** What a service receives: the request after validation (defaults applied). */
export type ValidRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>
export type ResponseOf<C extends ChannelName> = Contract[C]['response']

/** What main implements: one async function per channel, taking the validated request. */
export type Handlers = {
  [C in ChannelName]: (request: ValidRequestOf<C>) => Promise<ResponseOf<C>>
}

/** What the preload exposes as `window.dqops` and the renderer calls. */
export type ContractApi = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
}

// Compile-time check: the channel list and the contract name the same channels.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _sameChannels: Exact<keyof Contract, ChannelName> = true
void _sameChannels
