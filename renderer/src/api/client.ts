/**
 * The renderer's typed client of the contract. Stores call `call(channel, request)`, which returns
 * the data or throws an `ApiError` carrying the typed error from main.
 */
import type { ChannelName } from '../../../shared/channels'
import type { ContractApi, RequestOf, ResponseOf } from '../../../shared/contract'
import type { IpcError, Result } from '../../../shared/errors'

export class ApiError extends Error {
  readonly error: IpcError
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'ApiError'
    this.error = error
  }
  get code() {
    return this.error.code
  }
}

let override: ContractApi | null = null

/** Tests install a bridge of their own; the app uses the preload's `window.dqops`. */
export function setBridge(bridge: ContractApi | null): void {
  override = bridge
}

export function bridge(): ContractApi {
  const b = override ?? (typeof window !== 'undefined' ? window.dqops : undefined)
  if (!b) {
    throw new ApiError({
      code: 'internal',
      message: 'The app’s bridge to its main process is missing. Restart the app.',
    })
  }
  return b
}

export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const fn = bridge()[channel] as unknown as (r: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
  let result: Result<ResponseOf<C>>
  try {
    result = await fn(request)
  } catch {
    // ipcRenderer.invoke itself failed (main crashed or the handler is missing).
    throw new ApiError({
      code: 'internal',
      message: 'The app’s main process did not answer. Restart the app.',
    })
  }
  if (result.ok) return result.data
  throw new ApiError(result.error)
}

/** Any thrown value as an IpcError (for stores that keep the error to show it). */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof ApiError) return e.error
  return { code: 'internal', message: e instanceof Error ? e.message : 'Something unexpected went wrong.' }
}
