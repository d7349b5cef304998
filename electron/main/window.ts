/**
 * The app window and every security guard (Electron's security checklist). The guards are small
 * pure functions so they can be tested in Node with the Electron module replaced.
 */
import {
  BrowserWindow,
  nativeTheme,
  shell,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron'

/** The window's web preferences: isolation and the sandbox on, Node off, webSecurity untouched. */
export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    safeDialogs: true,
    spellcheck: false,
  }
}

/** Navigation stays on the app's own page: same file, or same dev-server origin. */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL
  let app: URL
  try {
    target = new URL(url)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.pathname === app.pathname
  }
  return target.origin === app.origin
}

/** Only plain `https:` links without embedded credentials may leave the app, to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== ''
  } catch {
    return false
  }
}

export interface GuardDeps {
  appUrl: string
  openExternal: (url: string) => Promise<void> | void
  log?: (message: string) => void
}

/** `setWindowOpenHandler`: never a new window; a safe https link goes to the OS browser. */
export function windowOpenHandler(deps: GuardDeps) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isSafeExternalUrl(url)) void deps.openExternal(url)
    else deps.log?.(`Blocked a window.open to ${url}`)
    return { action: 'deny' }
  }
}

/** `will-navigate` / `will-redirect`: block anything that is not the app's own page. */
export function navigationGuard(deps: GuardDeps) {
  return (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, deps.appUrl)) return
    event.preventDefault()
    if (isSafeExternalUrl(url)) void deps.openExternal(url)
    else deps.log?.(`Blocked navigation to ${url}`)
  }
}

/** `will-attach-webview`: the app has no webviews, so none may attach. */
export function webviewGuard(event: { preventDefault(): void }): void {
  event.preventDefault()
}

/** Every permission request (camera, notifications, clipboard-read, ...) is refused. */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

const hardened = new WeakSet<object>()

/**
 * Applies every guard to a webContents: the window's, and any other that is ever created (main
 * also calls this from `web-contents-created`). Once per webContents: a second call is a no-op, so
 * no listener runs twice (a blocked https link must open the browser once, not twice).
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  deps: GuardDeps,
): void {
  if (hardened.has(contents)) return
  hardened.add(contents)
  contents.setWindowOpenHandler(windowOpenHandler(deps))
  contents.on('will-navigate', navigationGuard(deps))
  contents.on('will-redirect', navigationGuard(deps))
  contents.on('will-attach-webview', webviewGuard)
}

export function createMainWindow(opts: {
  preloadPath: string
  appUrl: string
  log?: (m: string) => void
}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'DQOps Users',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14171c' : '#f7f8fa',
    autoHideMenuBar: true,
    webPreferences: webPreferences(opts.preloadPath),
  })
  hardenWebContents(win.webContents, {
    appUrl: opts.appUrl,
    openExternal: (url) => shell.openExternal(url),
    ...(opts.log ? { log: opts.log } : {}),
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(opts.appUrl)
  return win
}
