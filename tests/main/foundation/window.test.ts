/** The window's security settings and guards, with the Electron module replaced at the edge. */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const created: { options: Record<string, unknown>; webContents: FakeContents }[] = []
class FakeContents {
  handlers: [string, (...args: unknown[]) => void][] = []
  openHandler: ((d: { url: string }) => { action: string }) | null = null
  on(event: string, fn: (...args: unknown[]) => void) {
    this.handlers.push([event, fn])
    return this
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn
  }
}
const openExternal = vi.fn(async () => undefined)

vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = new FakeContents()
    constructor(options: Record<string, unknown>) {
      created.push({ options, webContents: this.webContents })
    }
    once() {}
    loadURL = vi.fn(async () => undefined)
  },
  nativeTheme: { shouldUseDarkColors: false },
  shell: { openExternal },
}))

const w = await import('../../../electron/main/window')
const APP = 'file:///app/out/renderer/index.html'

beforeEach(() => {
  created.length = 0
  openExternal.mockClear()
})

describe('web preferences', () => {
  it('turn isolation and the sandbox on, Node and webviews off, and leave webSecurity alone', () => {
    const prefs = w.webPreferences('/app/out/preload/index.js')
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    })
    expect(prefs).not.toHaveProperty('webSecurity')
    expect(prefs).not.toHaveProperty('allowRunningInsecureContent')
  })

  it('are what createMainWindow gives the BrowserWindow, with every guard attached', () => {
    w.createMainWindow({ preloadPath: '/p.js', appUrl: APP })
    expect(created).toHaveLength(1)
    const { options, webContents } = created[0]!
    expect(options['webPreferences']).toEqual(w.webPreferences('/p.js'))
    expect(webContents.handlers.map(([event]) => event).sort()).toEqual([
      'will-attach-webview',
      'will-navigate',
      'will-redirect',
    ])
    expect(webContents.openHandler).not.toBeNull()
  })

  it('are attached once even when main hardens the same contents again (web-contents-created)', () => {
    w.createMainWindow({ preloadPath: '/p.js', appUrl: APP })
    const { webContents } = created[0]!
    w.hardenWebContents(webContents as never, { appUrl: APP, openExternal })
    expect(webContents.handlers).toHaveLength(3)
    const navigate = webContents.handlers.filter(([event]) => event === 'will-navigate')
    expect(navigate).toHaveLength(1)
    navigate[0]![1]({ preventDefault() {} }, 'https://dqops.com/docs')
    expect(openExternal).toHaveBeenCalledTimes(1)
  })
})

describe('navigation guard', () => {
  const guard = w.navigationGuard({ appUrl: APP, openExternal })
  it.each([
    ['the app page with a route', APP + '#/users', false],
    ['another local file', 'file:///etc/passwd', true],
    ['a web page', 'https://example.com/', true],
    ['a javascript: url', 'javascript:alert(1)', true],
  ])('for %s: blocked=%s', (_what, url, blocked) => {
    const event = { preventDefault: vi.fn() }
    guard(event, url)
    expect(event.preventDefault).toHaveBeenCalledTimes(blocked ? 1 : 0)
  })

  it('sends a blocked https link to the OS browser, and nothing else', () => {
    guard({ preventDefault() {} }, 'https://dqops.com/docs')
    guard({ preventDefault() {} }, 'http://dqops.com/docs')
    guard({ preventDefault() {} }, 'file:///etc/passwd')
    expect(openExternal.mock.calls).toEqual([['https://dqops.com/docs']])
  })

  it('in development, allows only the dev server origin', () => {
    expect(w.isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true)
    expect(w.isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})

describe('window.open', () => {
  it('is always denied; only a credential-free https link opens externally', () => {
    const handler = w.windowOpenHandler({ appUrl: APP, openExternal })
    for (const url of [
      'https://dqops.com/',
      'http://x.io/',
      'file:///etc/passwd',
      'https://u:p@x.io/',
      'smb://x/y',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    expect(openExternal.mock.calls).toEqual([['https://dqops.com/']])
  })

  it.each([
    ['https://dqops.com/docs', true],
    ['http://dqops.com', false],
    ['https://user:pw@dqops.com', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('isSafeExternalUrl(%s) = %s', (url, safe) => {
    expect(w.isSafeExternalUrl(url)).toBe(safe)
  })
})

describe('webviews and permissions', () => {
  it('blocks every webview', () => {
    const event = { preventDefault: vi.fn() }
    w.webviewGuard(event)
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request, check and device', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined
    let check: (() => boolean) | undefined
    let device: (() => boolean) | undefined
    w.denyAllPermissions({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
    } as never)
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const cb = vi.fn()
      request!(null, p, cb)
      expect(cb).toHaveBeenCalledWith(false)
    }
    expect(check!()).toBe(false)
    expect(device!()).toBe(false)
  })
})
