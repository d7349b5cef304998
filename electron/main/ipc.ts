/**
 * Binds the contract to `ipcMain`: one `handle` per channel, nothing generic the page could aim
 * elsewhere. Sender check, validation and the envelope live in `dispatch.ts`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS, ipcChannel } from '../../shared/channels'
import type { Dispatcher } from './dispatch'

export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
): () => void {
  for (const name of CHANNELS) {
    ipcMain.handle(ipcChannel(name), (event: IpcMainInvokeEvent, payload: unknown) =>
      // senderFrame is null when the frame navigated away or was destroyed: refused as foreign.
      dispatcher.dispatch(name, payload, event.senderFrame?.url),
    )
  }
  return () => {
    for (const name of CHANNELS) ipcMain.removeHandler(ipcChannel(name))
  }
}
