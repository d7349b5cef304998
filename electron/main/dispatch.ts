/**
 * The heart of the IPC binding, with no Electron in it: given a channel name, a payload and the
 * URL of the frame that sent it, check the sender, validate the payload against the contract, run
 * the service and wrap the outcome in the result envelope. `ipc.ts` binds it to `ipcMain`; the
 * end-to-end harness binds it to Playwright's `exposeBinding`. Nothing here lets a stack trace or a
 * secret cross to the renderer.
 */
import { CHANNELS, type ChannelName } from '../../shared/channels'
import { contract, type Handlers } from '../../shared/contract'
import type { IpcError, Result } from '../../shared/errors'
import type { Logger } from './log'

/** Anything thrown on purpose that knows how to describe itself to the renderer. */
interface ToIpc {
  toIpc(): IpcError
}
function hasToIpc(e: unknown): e is ToIpc {
  return typeof e === 'object' && e !== null && typeof (e as ToIpc).toIpc === 'function'
}

const INTERNAL_MESSAGE = 'Something unexpected went wrong in the app. Details are in the app’s log.'

/** What the renderer may learn of a thrown value: its own description, or a generic sentence. */
export function errorToIpc(e: unknown): IpcError {
  if (hasToIpc(e)) return e.toIpc()
  return { code: 'internal', message: INTERNAL_MESSAGE }
}

export type SenderCheck = (senderUrl: string | undefined) => boolean

const channelSet: ReadonlySet<string> = new Set(CHANNELS)
export function isChannel(name: string): name is ChannelName {
  return channelSet.has(name)
}

export interface Dispatcher {
  dispatch(channel: string, payload: unknown, senderUrl: string | undefined): Promise<Result<unknown>>
}

export function createDispatcher(handlers: Handlers, isTrustedSender: SenderCheck, log: Logger): Dispatcher {
  return {
    async dispatch(channel, payload, senderUrl) {
      if (!isChannel(channel)) {
        return fail({ code: 'invalid-request', message: `There is no channel named "${channel}".` })
      }
      if (!isTrustedSender(senderUrl)) {
        log.warn(`Refused ${channel}: the sender is not the app's own page`, { senderUrl })
        return fail({
          code: 'forbidden-sender',
          message: 'This request did not come from the app’s own window and was refused.',
        })
      }
      const parsed = contract[channel].request.safeParse(payload ?? {})
      if (!parsed.success) {
        // Paths and codes only: an issue's input could be a password or a key.
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }))
        log.warn(`Refused ${channel}: the request does not match the contract`, issues)
        return fail({
          code: 'invalid-request',
          message: 'The app sent a request that does not match what this action expects.',
          details: { channel, issues },
        })
      }
      try {
        const run = handlers[channel] as (req: unknown) => Promise<unknown>
        return { ok: true, data: await run(parsed.data) }
      } catch (e) {
        if (hasToIpc(e)) {
          const error = e.toIpc()
          log.info(`${channel} failed: ${error.code}`, { status: error.status })
          return fail(error)
        }
        log.error(`${channel} failed unexpectedly`, e)
        return fail(errorToIpc(e))
      }
    },
  }
}

function fail(error: IpcError): Result<never> {
  return { ok: false, error }
}

/**
 * Trust only the app's own page: in development the electron-vite dev server's origin, when
 * packaged the exact `index.html` file URL (query and hash ignored).
 */
export function createSenderCheck(allowed: {
  devServerUrl?: string | undefined
  indexFileUrl?: string | undefined
}): SenderCheck {
  const devOrigin = allowed.devServerUrl ? safeUrl(allowed.devServerUrl)?.origin : undefined
  const fileUrl = allowed.indexFileUrl ? stripSuffix(allowed.indexFileUrl) : undefined
  return (senderUrl) => {
    if (!senderUrl) return false
    const u = safeUrl(senderUrl)
    if (!u) return false
    if (devOrigin && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === devOrigin)
      return true
    if (fileUrl && u.protocol === 'file:' && stripSuffix(u.href) === fileUrl) return true
    return false
  }
}

function safeUrl(s: string): URL | null {
  try {
    return new URL(s)
  } catch {
    return null
  }
}
function stripSuffix(href: string): string {
  const u = new URL(href)
  u.hash = ''
  u.search = ''
  return u.href
}
