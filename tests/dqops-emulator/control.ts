/**
 * The control API under `/__emulator/`: lets another process (Playwright tests, a person running
 * `npm run emulator`) inspect and drive the emulator. No authentication: it binds 127.0.0.1 only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ROLES, type Role } from '../../shared/dqops'
import type { FaultRule } from './faults'
import type { Identity } from './keys'
import { json } from './replies'
import type { EmulatorState, RuntimeConfig } from './state'

export const CONTROL_PREFIX = '/__emulator'

export interface ControlOptions {
  state: EmulatorState
  keys: Record<string, string>
  issueKey(who: Identity): string
  reset(): void
}

function readJsonBody(request: FastifyRequest): unknown {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : ''
  if (raw.trim() === '') return null
  try {
    return JSON.parse(raw) as unknown
  } catch {
    // fastify answers with the error's statusCode.
    throw Object.assign(new Error('The body is not valid JSON.'), { statusCode: 400 })
  }
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return json(reply, 400, { error: message })
}

const CONFIG_KEYS: ReadonlySet<string> = new Set([
  'licence',
  'auth',
  'usersLimit',
  'healthy',
  'legacyUserModel',
])

export function controlApi(app: FastifyInstance, opts: ControlOptions): void {
  const { state } = opts

  app.get('/state', async (_request, reply) =>
    json(reply, 200, {
      config: state.config,
      domains: state.allDomains(),
      userCount: state.users.size,
      users: [...state.users.values()].map((u) => ({
        ...u,
        password: undefined,
        hasPassword: u.password !== null,
      })),
      keys: opts.keys,
      faults: state.faults.list(),
      requestCount: state.requests.length,
    }),
  )

  app.get('/requests', async (_request, reply) => json(reply, 200, state.requests))
  app.delete('/requests', async (_request, reply) => {
    state.requests.length = 0
    return reply.code(204).send()
  })

  app.get('/passwords', async (_request, reply) =>
    json(
      reply,
      200,
      state.passwords.map((p) => ({ ...p, raw: undefined, base64: p.raw.toString('base64') })),
    ),
  )

  app.get('/faults', async (_request, reply) => json(reply, 200, state.faults.list()))
  app.put('/faults', async (request, reply) => {
    const body = readJsonBody(request)
    if (body !== null && typeof body !== 'object')
      return badRequest(reply, 'Send a fault rule or an array of them.')
    state.faults.set(body as FaultRule | FaultRule[] | null)
    return json(reply, 200, state.faults.list())
  })
  app.delete('/faults', async (_request, reply) => {
    state.faults.set(null)
    return reply.code(204).send()
  })

  app.patch('/config', async (request, reply) => {
    const body = readJsonBody(request)
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return badRequest(reply, 'Send a JSON object.')
    const unknown = Object.keys(body).filter((k) => !CONFIG_KEYS.has(k))
    if (unknown.length > 0) return badRequest(reply, `Unknown settings: ${unknown.join(', ')}`)
    state.configure(body as Partial<RuntimeConfig>)
    return json(reply, 200, state.config)
  })

  app.post('/reset', async (_request, reply) => {
    opts.reset()
    return reply.code(204).send()
  })

  app.post('/keys', async (request, reply) => {
    const body = readJsonBody(request) as Partial<Identity> | null
    const role = body?.accountRole
    if (
      typeof body?.email !== 'string' ||
      typeof role !== 'string' ||
      !(ROLES as readonly string[]).includes(role)
    ) {
      return badRequest(
        reply,
        'Send {"email": "...", "accountRole": "admin|editor|operator|viewer|none", "domainRoles"?: {...}}.',
      )
    }
    const who: Identity = {
      email: body.email,
      accountRole: role as Role,
      domainRoles: body.domainRoles ?? {},
    }
    return json(reply, 200, { key: opts.issueKey(who) })
  })
}
