/**
 * The DQOps REST client (DESIGN.md "The DQOps client", API.md): the seven user endpoints plus
 * health, profile and domains. Each call is independent; every failure is a `DqopsError`.
 */
import type { ZodType } from 'zod'
import {
  domainListSchema,
  toDqopsDomain,
  toDqopsUser,
  toDqopsUsers,
  userListSchema,
  userModelSchema,
  userProfileSchema,
  readUserListFast,
} from '../../../shared/dqops'
import { DqopsError, invalidResponseMessage } from './errors'
import type { HttpAnswer } from './map-error'
import {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  type HttpBody,
  type HttpRequest,
  type Transport,
} from './transport'
import type { DqopsClient, DqopsClientOptions, UserModelInput } from './types'
import { hasBrokenUnicode, normaliseBaseUrl, userPath } from './url'

const JSON_TYPE = 'application/json'
/** Spring reads text/plain as ISO-8859-1 unless told otherwise: say UTF-8 explicitly. */
const TEXT_TYPE = 'text/plain; charset=UTF-8'

function jsonBody(value: unknown): HttpBody {
  return { data: Buffer.from(JSON.stringify(value), 'utf8'), contentType: JSON_TYPE }
}

/** The password, byte for byte, as the whole body. */
function passwordBody(password: string): HttpBody {
  if (typeof password !== 'string') throw refuse('The password must be text.')
  if (hasBrokenUnicode(password)) throw refuse('The password contains characters that cannot be sent.')
  return { data: Buffer.from(password, 'utf8'), contentType: TEXT_TYPE }
}

/** The user model as DQOps reads it; `dataDomainRoles` only when given (older servers lack it). */
function userModelBody(model: UserModelInput): HttpBody {
  const wire: Record<string, unknown> = { email: model.email, accountRole: model.accountRole }
  if (model.dataDomainRoles !== undefined) wire.dataDomainRoles = model.dataDomainRoles
  return jsonBody(wire)
}

function refuse(message: string): DqopsError {
  return new DqopsError({ kind: 'rejected', message })
}

function invalid(req: HttpRequest): DqopsError {
  return new DqopsError({ kind: 'invalid-response', message: invalidResponseMessage(req.op), path: req.path })
}

/** The answer's JSON; anything else is `invalid-response` (the body is never quoted). */
function parseJson(req: HttpRequest, answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body)
  } catch {
    throw invalid(req)
  }
}

/** Parses and validates a JSON answer against its schema. */
function readJson<T>(req: HttpRequest, answer: HttpAnswer, schema: ZodType<T>): T {
  const parsed = schema.safeParse(parseJson(req, answer))
  if (!parsed.success) throw invalid(req)
  return parsed.data
}

/** `/api/ishealthy` says `OK` (tolerating JSON quotes); anything else is not DQOps. */
function isOkBody(body: string): boolean {
  return /^"?ok"?$/iu.test(body.trim())
}

export function createDqopsClient(options: DqopsClientOptions): DqopsClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl)
  // Sent as given, only trimmed: the server itself strips surrounding quotes.
  const key = options.apiKey?.trim() ?? ''
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw refuse('The timeout must be a positive number of milliseconds.')
  const http: Transport = createTransport({
    baseUrl,
    apiKey: key === '' ? null : key,
    timeoutMs,
    log: options.log,
  })

  const get = (op: HttpRequest['op'], path: string): HttpRequest => ({ op, method: 'GET', path, auth: true })

  async function getJson<T>(req: HttpRequest, schema: ZodType<T>): Promise<T> {
    return readJson(req, await http.send(req), schema)
  }

  return {
    async listUsers() {
      const req = get('listUsers', '/api/users')
      const answer = await http.send(req)
      // The fast validator accepts every valid list; zod (the reference) judges what it refuses.
      const fast = readUserListFast(parseJson(req, answer))
      return fast ?? toDqopsUsers(readJson(req, answer, userListSchema))
    },

    async getUser(email) {
      const req = get('getUser', userPath(email))
      const user = toDqopsUser(await getJson(req, userModelSchema))
      if (!user) throw invalid(req)
      return user
    },

    async createUser(model) {
      await http.send({
        op: 'createUser',
        method: 'POST',
        path: '/api/users',
        body: userModelBody(model),
        auth: true,
      })
    },

    async updateUser(email, model) {
      if (model.email !== email) {
        throw refuse(
          "The email in the changes does not match the user being changed. DQOps cannot change a user's email.",
        )
      }
      await http.send({
        op: 'updateUser',
        method: 'PUT',
        path: userPath(email),
        body: userModelBody(model),
        auth: true,
      })
    },

    async deleteUser(email) {
      await http.send({ op: 'deleteUser', method: 'DELETE', path: userPath(email), auth: true })
    },

    async setUserPassword(email, password) {
      const path = userPath(email, '/password')
      await http.send({
        op: 'setUserPassword',
        method: 'PUT',
        path,
        body: passwordBody(password),
        auth: true,
      })
    },

    async changeMyPassword(password) {
      if (password === '') throw refuse('The new password is empty. Type a password.')
      await http.send({
        op: 'changeMyPassword',
        method: 'PUT',
        path: '/api/mypassword',
        body: passwordBody(password),
        auth: true,
      })
    },

    async getProfile() {
      return getJson(get('getProfile', '/api/environment/profile'), userProfileSchema)
    },

    async isHealthy() {
      const req: HttpRequest = { op: 'isHealthy', method: 'GET', path: '/api/ishealthy', auth: false }
      const answer = await http.exchange(req)
      if (answer.status === 503) return false
      if (answer.status < 200 || answer.status > 299) throw http.fail(req, answer)
      if (!isOkBody(answer.body)) throw invalid(req)
      return true
    },

    async listDomains() {
      const domains = await getJson(get('listDomains', '/api/domains/'), domainListSchema)
      return domains.map(toDqopsDomain)
    },
  }
}
