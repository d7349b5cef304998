/**
 * Electron's main process: app lifecycle, the composition of the services, and the window.
 * Everything it composes is plain Node code, tested without Electron.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, dialog, ipcMain, session, shell } from 'electron'
import { createDispatcher, createSenderCheck } from './dispatch'
import { createDqopsClient } from './dqops/client'
import { bindIpc } from './ipc'
import { createLogger, createRedactor } from './log'
import { createKeytarSecretStore, KEYCHAIN_SERVICE, KEYCHAIN_SERVICE_DEV } from './secrets/keytar'
import { createServices } from './services'
import type { FileDialogs } from './services/types'
import { createMainWindow, denyAllPermissions, hardenWebContents, isSafeExternalUrl } from './window'

const redactor = createRedactor()
const log = createLogger(redactor)

// One instance only: a second launch focuses the first (two writers of one profiles file is a bug).
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  void app.whenReady().then(start)
}

async function start(): Promise<void> {
  const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
  const indexFile = join(__dirname, '../renderer/index.html')
  const appUrl = devServerUrl ?? pathToFileURL(indexFile).href

  denyAllPermissions(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { appUrl, openExternal: openExternalChecked, log: (m) => log.warn(m) })
  })

  const dialogs: FileDialogs = {
    async chooseSaveFile({ title, defaultName }) {
      const r = await dialog.showSaveDialog({
        title,
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: 'JSON', extensions: ['json'] }],
      })
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async chooseOpenFile({ title }) {
      const r = await dialog.showOpenDialog({
        title,
        properties: ['openFile'],
        filters: [{ name: 'JSON', extensions: ['json'] }],
      })
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
  }

  const services = createServices({
    userDataDir: app.getPath('userData'),
    secrets: createKeytarSecretStore({ service: app.isPackaged ? KEYCHAIN_SERVICE : KEYCHAIN_SERVICE_DEV }),
    dialogs,
    log,
    redactor,
    createClient: createDqopsClient,
    runtime: {
      name: app.getName(),
      version: app.getVersion(),
      versions: {
        electron: process.versions.electron ?? null,
        chrome: process.versions.chrome ?? null,
        node: process.versions.node,
      },
      platform: process.platform,
      arch: process.arch,
    },
  })
  await services.ready

  const dispatcher = createDispatcher(
    services.handlers,
    createSenderCheck({ devServerUrl, indexFileUrl: pathToFileURL(indexFile).href }),
    log,
  )
  bindIpc(ipcMain, dispatcher)

  const open = () =>
    createMainWindow({ preloadPath: join(__dirname, '../preload/index.js'), appUrl, log: (m) => log.warn(m) })
  let win = open()
  app.on('second-instance', () => {
    if (win.isDestroyed()) win = open()
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('activate', () => {
    if (win.isDestroyed()) win = open()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

async function openExternalChecked(url: string): Promise<void> {
  if (isSafeExternalUrl(url)) await shell.openExternal(url)
}
