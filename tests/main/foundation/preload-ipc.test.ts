/** The preload's bridge and the ipcMain binding, with the Electron module replaced at the edge. */
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, ipcChannel } from '../../../shared/channels'
import { contract } from '../../../shared/contract'
import type { Dispatcher } from '../../../electron/main/dispatch'

const exposed = new Map<string, unknown>()
const invoke = vi.fn(async (channel: string, payload: unknown) => ({ ok: true, data: { channel, payload } }))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke },
}))

await import('../../../electron/preload/index')

describe('preload bridge', () => {
  it('exposes exactly one function per contract channel under window.dqops, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['dqops'])
    const api = exposed.get('dqops') as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort())
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort())
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('sends each call on its own namespaced channel (no generic invoke)', async () => {
    const api = exposed.get('dqops') as Record<string, (req?: unknown) => Promise<unknown>>
    await api['users.list']!({ profileId: 'p1' })
    await api['app.info']!()
    expect(invoke.mock.calls).toEqual([
      ['dqops:users.list', { profileId: 'p1' }],
      ['dqops:app.info', {}],
    ])
  })
})

describe('bindIpc', () => {
  it('registers one handler per channel that forwards the sender frame URL, and can unbind', async () => {
    const { bindIpc } = await import('../../../electron/main/ipc')
    const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>()
    const ipcMain = {
      handle: (ch: string, fn: (event: unknown, payload: unknown) => unknown) => handlers.set(ch, fn),
      removeHandler: (ch: string) => handlers.delete(ch),
    }
    const seen: unknown[] = []
    const dispatcher: Dispatcher = {
      dispatch: async (...args) => {
        seen.push(args)
        return { ok: true, data: null }
      },
    }
    const unbind = bindIpc(ipcMain as never, dispatcher)
    expect([...handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort())
    await handlers.get('dqops:users.list')!(
      { senderFrame: { url: 'file:///x/index.html' } },
      { profileId: 'p' },
    )
    await handlers.get('dqops:app.info')!({ senderFrame: null }, {})
    expect(seen).toEqual([
      ['users.list', { profileId: 'p' }, 'file:///x/index.html'],
      ['app.info', {}, undefined],
    ])
    unbind()
    expect(handlers.size).toBe(0)
  })
})
