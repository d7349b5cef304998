/**
 * One HTTP exchange with DQOps over axios, configured so nothing happens behind our back: no
 * redirects followed, no proxy from the environment, no JSON guessing (bodies come back as text and
 * the client parses them), no status treated as an exception by axios. Every failure becomes a
 * `DqopsError`; the API key appears only in the Authorization header.
 */
import axios, { type AxiosInstance, type Method } from 'axios'
import type { Logger } from '../log'
import { errorFromResponse, errorFromTransport, type HttpAnswer } from './map-error'
import type { DqopsError, DqopsOperation } from './errors'

export const DEFAULT_TIMEOUT_MS = 15_000
/**
 * Far above 50,000 users with domain roles (about 10 MB); a bigger answer is not DQOps', and
 * parsing one could exhaust main's memory (it would also be copied to the renderer).
 */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** A raw request body and its content type. */
export interface HttpBody {
  data: Buffer
  contentType: string
}

export interface HttpRequest {
  op: DqopsOperation
  method: Method
  /** The path below the base URL, already encoded (e.g. `/api/users/a%2Bb%40x.io`). */
  path: string
  body?: HttpBody
  /** Send the Authorization header (all calls but the health check). */
  auth: boolean
}

export interface TransportOptions {
  baseUrl: string
  apiKey: string | null
  timeoutMs: number
  log?: Logger | undefined
}

export interface Transport {
  /** Any HTTP answer (the caller decides what a status means); throws only when there is none. */
  exchange(req: HttpRequest): Promise<HttpAnswer>
  /** A 2xx answer, or the `DqopsError` its status maps to. */
  send(req: HttpRequest): Promise<HttpAnswer>
  fail(req: HttpRequest, answer: HttpAnswer): DqopsError
}

function createAxios(timeoutMs: number): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    maxRedirects: 0,
    proxy: false,
    responseType: 'text',
    responseEncoding: 'utf8',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxContentLength: MAX_RESPONSE_BYTES,
    headers: { Accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'User-Agent': 'DQOps-Users' },
  })
}

export function createTransport(options: TransportOptions): Transport {
  const http = createAxios(options.timeoutMs)
  const { apiKey, log, timeoutMs } = options

  async function exchange(req: HttpRequest): Promise<HttpAnswer> {
    const headers: Record<string, string> = {}
    if (req.auth && apiKey !== null) headers.Authorization = `Bearer ${apiKey}`
    if (req.body) headers['Content-Type'] = req.body.contentType
    const deadline = AbortSignal.timeout(timeoutMs)
    const started = Date.now()
    try {
      const res = await http.request<unknown>({
        method: req.method,
        url: `${options.baseUrl}${req.path}`,
        headers,
        data: req.body?.data,
        signal: deadline,
      })
      const contentType = res.headers['content-type']
      const answer: HttpAnswer = {
        status: res.status,
        body: typeof res.data === 'string' ? res.data : '',
        contentType: typeof contentType === 'string' ? contentType : undefined,
      }
      log?.debug(`DQOps ${req.method} ${req.path} -> ${answer.status} in ${Date.now() - started} ms`)
      return answer
    } catch (e) {
      const error = errorFromTransport(req.op, e, { path: req.path, timeoutMs, timedOut: deadline.aborted })
      log?.debug(
        `DQOps ${req.method} ${req.path} failed after ${Date.now() - started} ms: ${error.kind} (${error.causeCode ?? '?'})`,
      )
      throw error
    }
  }

  function fail(req: HttpRequest, answer: HttpAnswer): DqopsError {
    return errorFromResponse(req.op, answer, { path: req.path, apiKey })
  }

  return {
    exchange,
    fail,
    async send(req) {
      const answer = await exchange(req)
      if (answer.status < 200 || answer.status > 299) throw fail(req, answer)
      return answer
    },
  }
}
