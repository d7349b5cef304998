/**
 * The DQOps REST API as API.md describes the real server: authentication, permissions, the seven
 * user endpoints with their quirks, profile, health, domains and key issuing. Registered as a
 * fastify plugin under the emulator's base path; faults and the request log hook in here.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ROLES, roleRank, type Role } from '../../shared/dqops'
import { HTML_PAGE, MALFORMED_JSON, type FaultAction } from './faults'
import { issueLocalKey, verifyLocalKey, type Identity } from './keys'
import { accessDenied, decodeText, empty, json, mediaType, springError } from './replies'
import { DOMAIN_DISPLAY_NAMES, type EmulatorState, type PasswordRecord, type RequestRecord } from './state'

export interface ApiOptions {
  state: EmulatorState
  basePath: string
  secret: string
  tenantId: string
  tenantName: string
  /** Who the caller is when auth mode is `none` and no Authorization header is sent. */
  localAdmin: Identity
}

interface RequestContext {
  caller: Identity | null
  record: RequestRecord
  password?: PasswordRecord
}

/** What each permission needs at least, as a role rank (admin 0 ... viewer 3). */
const NEEDS = { view: 3, operate: 2, edit: 1, manage: 0 } as const
type Permission = keyof typeof NEEDS

const HEALTH_PATH = '/api/ishealthy'
const DOMAIN_CREATED_AT = Date.UTC(2024, 0, 15)

export function dqopsApi(app: FastifyInstance, opts: ApiOptions): void {
  const { state, basePath } = opts
  const contexts = new WeakMap<FastifyRequest, RequestContext>()
  const ctx = (request: FastifyRequest): RequestContext => contexts.get(request) as RequestContext

  app.addHook('onRequest', async (request, reply) => {
    const [pathWithBase = ''] = request.url.split('?', 1)
    const apiPath = pathWithBase.slice(basePath.length) || '/'
    const route = request.routeOptions.url
    const record: RequestRecord = {
      method: request.method,
      url: request.url,
      apiPath,
      route: route === undefined ? null : route.slice(basePath.length),
      auth: 'absent',
      caller: null,
      status: null,
      contentType: request.headers['content-type'] ?? null,
      fault: null,
    }
    state.record(record)
    contexts.set(request, { caller: null, record })

    const rule = state.faults.take(request.method, apiPath)
    if (rule?.latencyMs) await sleep(rule.latencyMs)
    if (rule?.action) {
      record.fault = rule.action.type
      return applyFault(request, reply, rule.action)
    }
    const header = request.headers.authorization
    const caller = authenticate(header, apiPath === HEALTH_PATH)
    if (header !== undefined) record.auth = caller === 'unauthorized' ? 'invalid' : 'valid'
    if (caller === 'unauthorized') return empty(reply, 401)
    ctx(request).caller = caller
    record.caller = caller?.email ?? null
    return undefined
  })

  app.addHook('onResponse', async (request, reply) => {
    const c = contexts.get(request)
    if (!c) return
    c.record.status = reply.statusCode
    if (c.password) c.password.status = reply.statusCode
  })

  /** The caller, null (health check without a key), or 'unauthorized' (401, empty body). */
  function authenticate(header: string | undefined, isHealth: boolean): Identity | null | 'unauthorized' {
    if (header === undefined) {
      if (state.config.auth === 'none') return opts.localAdmin
      return isHealth ? null : 'unauthorized'
    }
    // `Bearer`, case-sensitive, exactly one space.
    if (!/^Bearer \S/u.test(header)) return 'unauthorized'
    return verifyLocalKey(opts.secret, header.slice('Bearer '.length)) ?? 'unauthorized'
  }

  /** The caller if their account role grants the permission; otherwise answers 403 and returns null. */
  function allow(request: FastifyRequest, reply: FastifyReply, permission: Permission): Identity | null {
    const caller = ctx(request).caller
    if (!caller) {
      void empty(reply, 401)
      return null
    }
    if (roleRank(caller.accountRole) > NEEDS[permission]) {
      void accessDenied(reply)
      return null
    }
    return caller
  }

  app.setNotFoundHandler((request, reply) => springError(request, reply, 404, 'No static resource found.'))

  app.get(HEALTH_PATH, async (_request, reply) =>
    state.config.healthy
      ? reply.type('text/plain;charset=UTF-8').send('OK')
      : reply.code(503).type('text/plain;charset=UTF-8').send('UNAVAILABLE'),
  )

  app.get('/api/environment/profile', async (request, reply) => {
    const caller = allow(request, reply, 'view')
    return caller ? json(reply, 200, profileFor(state, caller, opts.tenantName)) : reply
  })

  app.get('/api/environment/issueapikey', async (request, reply) => {
    const caller = allow(request, reply, 'view')
    return caller
      ? json(reply, 200, JSON.stringify(issueLocalKey(opts.secret, opts.tenantId, caller)))
      : reply
  })

  app.get('/api/domains/', async (request, reply) => {
    if (!allow(request, reply, 'view')) return reply
    return json(
      reply,
      200,
      state.allDomains().map((name) => ({
        domain_name: name,
        display_name: DOMAIN_DISPLAY_NAMES[name] ?? name.charAt(0).toUpperCase() + name.slice(1),
        created_at: DOMAIN_CREATED_AT,
        enable_scheduler: true,
      })),
    )
  })

  app.get('/api/users', async (request, reply) => {
    if (!allow(request, reply, 'manage')) return reply
    return json(reply, 200, state.paired ? state.listJson() : '[]')
  })

  app.get<{ Params: { email: string } }>('/api/users/:email', async (request, reply) => {
    if (!allow(request, reply, 'manage')) return reply
    const user = state.paired ? state.users.get(request.params.email) : undefined
    return user ? json(reply, 200, state.toWire(user)) : empty(reply, 404)
  })

  app.post('/api/users', async (request, reply) => {
    if (!allow(request, reply, 'manage')) return reply
    const model = readUserModel(request, reply)
    if (!model) return reply
    if (!model.email) return empty(reply, 406)
    if (!model.accountRole)
      return springError(request, reply, 500, 'accountRole is null', 'java.lang.NullPointerException')
    // DQOps Cloud refuses with an empty 403: unpaired, a licence without users, or a duplicate.
    if (!state.paired || state.config.licence === 'PERSONAL') return empty(reply, 403)
    if (state.users.size >= state.config.usersLimit) return empty(reply, 400)
    if (state.users.has(model.email)) return empty(reply, 403)
    state.putUser(model.email, model.accountRole, model.dataDomainRoles, null)
    return empty(reply, 201)
  })

  app.put<{ Params: { email: string } }>('/api/users/:email', async (request, reply) => {
    if (!allow(request, reply, 'manage')) return reply
    const model = readUserModel(request, reply)
    if (!model) return reply
    const email = request.params.email
    if (model.email !== email) return empty(reply, 406)
    if (!model.accountRole)
      return springError(request, reply, 500, 'accountRole is null', 'java.lang.NullPointerException')
    if (!state.paired) return empty(reply, 403)
    const user = state.users.get(email)
    if (!user) return unknownUser(request, reply, email)
    state.putUser(email, model.accountRole, model.dataDomainRoles, user.password)
    return empty(reply, 204)
  })

  app.delete<{ Params: { email: string } }>('/api/users/:email', async (request, reply) => {
    if (!allow(request, reply, 'manage')) return reply
    if (!state.paired) return empty(reply, 403)
    return state.deleteUser(request.params.email) ? empty(reply, 204) : empty(reply, 404)
  })

  app.put<{ Params: { email: string } }>('/api/users/:email/password', async (request, reply) => {
    const email = request.params.email
    recordPassword(request, email)
    if (!allow(request, reply, 'manage')) return reply
    const password = readPassword(request, reply)
    if (password === null) return reply
    if (password === '') return empty(reply, 406)
    if (!state.paired) return empty(reply, 403)
    const user = state.users.get(email)
    if (!user) return unknownUser(request, reply, email)
    user.password = password
    return empty(reply, 204)
  })

  app.put('/api/mypassword', async (request, reply) => {
    recordPassword(request, 'me')
    const caller = allow(request, reply, 'view')
    if (!caller) return reply
    const password = readPassword(request, reply)
    if (password === null) return reply
    if (!state.paired) return empty(reply, 403)
    const me = state.users.get(caller.email)
    if (me) me.password = password
    return empty(reply, 204)
  })

  function unknownUser(request: FastifyRequest, reply: FastifyReply, email: string): FastifyReply {
    // The real server does not catch its not-found exception here.
    return springError(
      request,
      reply,
      500,
      `User ${email} not found`,
      'com.dqops.core.dqocloud.users.DqoUserNotFoundException',
    )
  }

  function recordPassword(request: FastifyRequest, target: string): void {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const contentType = request.headers['content-type']
    const record: PasswordRecord = {
      target,
      raw,
      text: decodeText(raw, contentType),
      contentType: contentType ?? null,
      status: null,
    }
    state.passwords.push(record)
    ctx(request).password = record
  }

  /** The text/plain body, or null after answering 415 (other content type) or 400 (no body). */
  function readPassword(request: FastifyRequest, reply: FastifyReply): string | null {
    const raw = Buffer.isBuffer(request.body) ? request.body : null
    const type = mediaType(request.headers['content-type'])
    if (type !== 'text/plain' && (type !== null || raw !== null)) {
      void springError(
        request,
        reply,
        415,
        `Content type '${type ?? 'application/octet-stream'}' not supported`,
      )
      return null
    }
    if (raw === null) {
      void springError(request, reply, 400, 'No request body')
      return null
    }
    return decodeText(raw, request.headers['content-type'])
  }

  /** The JSON user model, or null after answering 406 (no body), 415 or 400 (unreadable). */
  function readUserModel(request: FastifyRequest, reply: FastifyReply): UserModelBody | null {
    const raw = Buffer.isBuffer(request.body) ? request.body : null
    if (raw === null || raw.length === 0) {
      void empty(reply, 406)
      return null
    }
    const type = mediaType(request.headers['content-type'])
    if (type === null || !(type === 'application/json' || type.endsWith('+json'))) {
      void springError(
        request,
        reply,
        415,
        `Content type '${type ?? 'application/octet-stream'}' not supported`,
      )
      return null
    }
    const model = parseUserModel(raw.toString('utf8'))
    if (!model) {
      void springError(request, reply, 400, 'Failed to read HTTP message')
      return null
    }
    return model
  }
}

interface UserModelBody {
  email: string | null
  accountRole: Role | null
  dataDomainRoles: Record<string, Role>
}

function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v)
}

/** Jackson's reading of `DqoUserRolesModel`: unknown fields ignored, a bad enum spelling fails. */
function parseUserModel(text: string): UserModelBody | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const { email, accountRole, dataDomainRoles } = value as Record<string, unknown>
  if (email !== undefined && email !== null && typeof email !== 'string') return null
  if (accountRole !== undefined && accountRole !== null && !isRole(accountRole)) return null
  const roles: Record<string, Role> = {}
  if (dataDomainRoles !== undefined && dataDomainRoles !== null) {
    if (typeof dataDomainRoles !== 'object' || Array.isArray(dataDomainRoles)) return null
    for (const [domain, role] of Object.entries(dataDomainRoles)) {
      if (!isRole(role)) return null
      roles[domain] = role
    }
  }
  return { email: email ?? null, accountRole: accountRole ?? null, dataDomainRoles: roles }
}

/** `DqoUserProfileModel` for the caller: snake_case, absent fields omitted (never null). */
export function profileFor(
  state: EmulatorState,
  caller: Identity,
  tenantName: string,
): Record<string, unknown> {
  const paired = state.paired
  const rank = roleRank(caller.accountRole)
  const can = (p: Permission): boolean => rank <= NEEDS[p]
  const profile: Record<string, unknown> = {
    user: paired ? caller.email : undefined,
    tenant: paired ? tenantName : 'Standalone',
    license_type: state.config.licence,
    account_role: paired ? caller.accountRole : 'admin',
    users_limit: paired ? state.config.usersLimit : undefined,
    data_domains_limit: state.hasDomains ? 10 : undefined,
    connections_limit: paired ? 100 : 2,
    can_manage_account: paired && can('manage'),
    can_view_any_object: can('view'),
    can_run_checks: can('operate'),
    can_manage_data_sources: can('edit'),
    can_manage_users: paired && state.config.licence !== 'PERSONAL' && can('manage'),
    can_change_own_password: paired && can('view'),
    can_use_data_domains: state.hasDomains && can('view'),
  }
  return JSON.parse(JSON.stringify(profile)) as Record<string, unknown>
}

/** Answers a faulty response, drops the connection, or never answers. */
function applyFault(request: FastifyRequest, reply: FastifyReply, action: FaultAction): FastifyReply {
  const socket = request.raw.socket
  switch (action.type) {
    case 'status':
      return reply
        .code(action.status)
        .type(action.contentType ?? 'text/plain')
        .send(action.body ?? '')
    case 'body':
      return reply
        .code(action.status ?? 200)
        .type(action.contentType ?? 'application/json')
        .send(action.body)
    case 'malformed-json':
      return reply
        .code(action.status ?? 200)
        .type('application/json')
        .send(MALFORMED_JSON)
    case 'html':
      return reply
        .code(action.status ?? 200)
        .type('text/html; charset=utf-8')
        .send(HTML_PAGE)
    case 'reset':
      reply.hijack()
      socket.resetAndDestroy()
      return reply
    case 'close':
      reply.hijack()
      socket.destroy()
      return reply
    case 'hang':
      reply.hijack()
      return reply
  }
}
