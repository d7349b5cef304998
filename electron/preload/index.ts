/**
 * The sandboxed preload: exposes `window.dqops`, one function per contract channel, and nothing
 * else (never `ipcRenderer`, never a generic invoke). It must bundle to code that imports only
 * `electron`, so it takes the channel names from `shared/channels.ts`, which has no dependencies.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS, ipcChannel, type ChannelName } from '../../shared/channels'

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>

export function buildBridge(
  invoke: Invoke,
): Readonly<Record<ChannelName, (request?: unknown) => Promise<unknown>>> {
  const bridge = {} as Record<ChannelName, (request?: unknown) => Promise<unknown>>
  for (const name of CHANNELS) bridge[name] = (request?: unknown) => invoke(ipcChannel(name), request ?? {})
  return Object.freeze(bridge)
}

contextBridge.exposeInMainWorld(
  'dqops',
  buildBridge((channel, payload) => ipcRenderer.invoke(channel, payload)),
)
