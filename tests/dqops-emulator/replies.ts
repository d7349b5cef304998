/** How DQOps (Spring Boot 3 on WebFlux) shapes its answers, for the routes to reuse. */
import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error'
}

/** A status with an empty body (DQOps' 201, 204, 401, and its 403/404 refusals). */
export function empty(reply: FastifyReply, status: number): FastifyReply {
  return reply.code(status).send()
}

/** Spring Security's refusal when the role lacks the permission. */
export function accessDenied(reply: FastifyReply): FastifyReply {
  return reply.code(403).type('text/plain;charset=UTF-8').send('Access Denied')
}

/** A fake Java stack trace, as DQOps includes in its 500 bodies. */
function javaTrace(exception: string, message: string): string {
  return [
    `${exception}: ${message}`,
    '\tat com.dqops.core.dqocloud.users.DqoCloudUserManagementServiceImpl.updateUser(DqoCloudUserManagementServiceImpl.java:131)',
    '\tat com.dqops.rest.controllers.UsersController.lambda$updateUser$3(UsersController.java:212)',
    '\tat reactor.core.publisher.MonoCallable.call(MonoCallable.java:72)',
    '\tat java.base/java.lang.Thread.run(Thread.java:840)',
  ].join('\n')
}

/** Spring Boot's JSON error body: `{timestamp, path, status, error, message, requestId[, trace]}`. */
export function springError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  exception?: string,
): FastifyReply {
  const body: Record<string, unknown> = {
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    path: request.url.split('?', 1)[0],
    status,
    error: reasonPhrase(status),
    message,
    requestId: randomBytes(4).toString('hex'),
  }
  if (exception !== undefined) body.trace = javaTrace(exception, message)
  return reply.code(status).type('application/json').send(JSON.stringify(body))
}

/** A JSON answer from an already serialised string or a value. */
export function json(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send(typeof value === 'string' ? value : JSON.stringify(value))
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(header: string | undefined): string | null {
  if (!header) return null
  return header.split(';', 1)[0]?.trim().toLowerCase() ?? null
}

/** The text Spring's StringHttpMessageConverter would read: the declared charset, else ISO-8859-1. */
export function decodeText(raw: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/iu.exec(contentType ?? '')?.[1]?.toLowerCase()
  return charset === 'utf-8' || charset === 'utf8' ? raw.toString('utf8') : raw.toString('latin1')
}
