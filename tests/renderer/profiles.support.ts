/**
 * A bridge for DOM tests backed by the REAL main services: createServices (profiles file in a temp
 * dir, the memory secret store or the real keytar store with a dead Secret Service, the real DQOps
 * client) behind the real dispatcher, exactly as `ipc.ts` binds them. Also starts the real DQOps
 * emulator on 127.0.0.1.
 *
 * Why the modules are loaded by path: tsconfig.web.json (which type-checks tests/renderer) is a
 * composite project that may not include main's Node files, so a static import of them cannot be
 * type-checked here. The few functions used are described by the small interfaces below.
 */
import type { ContractApi } from '../../shared/contract'
import { CHANNELS } from '../../shared/channels'
import type { Result } from '../../shared/errors'
import type { Role } from '../../shared/roles'

interface Logger {
  debug(m: string, x?: unknown): void
  info(m: string, x?: unknown): void
  warn(m: string, x?: unknown): void
  error(m: string, x?: unknown): void
}
interface SecretStore {
  isAvailable(): Promise<{ available: boolean; message: string | null }>
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}
interface Modules {
  services: { createServices(deps: Record<string, unknown>): { handlers: unknown; ready: Promise<void> } }
  dispatch: {
    createDispatcher(
      handlers: unknown,
      trusted: () => boolean,
      log: Logger,
    ): { dispatch(channel: string, payload: unknown, sender: string): Promise<Result<unknown>> }
  }
  log: {
    createRedactor(): unknown
    createLogger(redactor: unknown, sink: (level: string, line: string) => void): Logger
  }
  memory: { createMemorySecretStore(): SecretStore }
  keytar: {
    createKeytarSecretStore(o: { service: string; platform: string; load: () => Promise<never> }): SecretStore
  }
  client: { createDqopsClient: unknown }
  fs: {
    mkdtemp(prefix: string): Promise<string>
    rm(p: string, o: { recursive: boolean; force: boolean }): Promise<void>
  }
  os: { tmpdir(): string }
  axios: { default: { defaults: { adapter?: unknown } } }
  emulator: {
    startEmulator(
      o?: Record<string, unknown>,
    ): Promise<{ url: string; keys: Record<Role | 'invalid', string>; close(): Promise<void> }>
  }
}

const PATHS: Record<keyof Modules, string> = {
  services: '../../electron/main/services/index.ts',
  dispatch: '../../electron/main/dispatch.ts',
  log: '../../electron/main/log.ts',
  memory: '../../electron/main/secrets/memory.ts',
  keytar: '../../electron/main/secrets/keytar.ts',
  client: '../../electron/main/dqops/client.ts',
  fs: 'node:fs/promises',
  os: 'node:os',
  axios: 'axios',
  emulator: '../dqops-emulator/index.ts',
}

async function load<K extends keyof Modules>(name: K): Promise<Modules[K]> {
  const spec = PATHS[name]
  return (await import(/* @vite-ignore */ spec)) as Modules[K]
}

export interface MainBridge {
  bridge: ContractApi
  userDataDir: string
  /** Every line main logged and every response it sent, to check that no key leaks. */
  logLines: string[]
  responses: string[]
  dialogAnswers: { save: string | null; open: string | null }
  close(): Promise<void>
}

export interface MainBridgeOptions {
  /** 'unavailable': the real keytar store whose Secret Service cannot be reached. */
  keychain?: 'memory' | 'unavailable'
  userDataDir?: string
}

export async function startMainBridge(options: MainBridgeOptions = {}): Promise<MainBridge> {
  const [services, dispatch, log, memory, keytar, client, fs, os, axios] = await Promise.all([
    load('services'),
    load('dispatch'),
    load('log'),
    load('memory'),
    load('keytar'),
    load('client'),
    load('fs'),
    load('os'),
    load('axios'),
  ])
  // Main runs in Node, where axios uses its http adapter; happy-dom defines XMLHttpRequest, which
  // would make axios pick the browser adapter instead. Pin the one main really uses.
  axios.default.defaults.adapter = 'http'

  const userDataDir = options.userDataDir ?? (await fs.mkdtemp(`${os.tmpdir()}/dqops-users-dom-`))
  const logLines: string[] = []
  const responses: string[] = []
  const redactor = log.createRedactor()
  const logger = log.createLogger(redactor, (_level, line) => logLines.push(line))
  const secrets =
    options.keychain === 'unavailable'
      ? keytar.createKeytarSecretStore({
          service: 'DQOps Users (test)',
          platform: 'linux',
          load: async () => {
            throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')
          },
        })
      : memory.createMemorySecretStore()
  const dialogAnswers: MainBridge['dialogAnswers'] = { save: null, open: null }
  const composed = services.createServices({
    userDataDir,
    secrets,
    dialogs: {
      chooseSaveFile: async () => dialogAnswers.save,
      chooseOpenFile: async () => dialogAnswers.open,
    },
    log: logger,
    redactor,
    createClient: client.createDqopsClient,
    dqopsTimeoutMs: 3000,
    runtime: {
      name: 'DQOps Users',
      version: '0.0.0-test',
      versions: { electron: null, chrome: null, node: '20' },
      platform: 'linux',
      arch: 'x64',
    },
  })
  await composed.ready
  const dispatcher = dispatch.createDispatcher(composed.handlers, () => true, logger)

  const bridge: Record<string, (req: unknown) => Promise<Result<unknown>>> = {}
  for (const channel of CHANNELS) {
    bridge[channel] = async (req) => {
      const result = await dispatcher.dispatch(channel, req, 'test')
      responses.push(JSON.stringify(result))
      return result
    }
  }
  return {
    bridge: bridge as unknown as ContractApi,
    userDataDir,
    logLines,
    responses,
    dialogAnswers,
    async close() {
      if (!options.userDataDir) await fs.rm(userDataDir, { recursive: true, force: true })
    },
  }
}

export type Emulator = Awaited<ReturnType<Modules['emulator']['startEmulator']>>

/** The real DQOps emulator on 127.0.0.1 (random port, demo keys per role). */
export async function startDqopsEmulator(options: Record<string, unknown> = {}): Promise<Emulator> {
  return (await load('emulator')).startEmulator(options)
}

/** A 127.0.0.1 port nothing listens on: opened, then closed. */
export async function closedPort(): Promise<number> {
  const net = (await import(/* @vite-ignore */ 'node:net' as string)) as {
    createServer(): {
      listen(port: number, host: string, cb: () => void): void
      address(): { port: number }
      close(cb: () => void): void
    }
  }
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()
  await new Promise<void>((r) => server.close(r))
  return port
}

/**
 * Holds back the answers of one channel until released, to order answers deterministically
 * (e.g. a slow connection test that finishes after a newer one). The call itself reaches main.
 */
export function gateChannel(
  bridge: ContractApi,
  channel: keyof ContractApi,
): {
  bridge: ContractApi
  release(index: number): void
  pending(): number
} {
  const waiting: (() => void)[] = []
  const gated = { ...bridge } as Record<string, (req: unknown) => Promise<unknown>>
  const inner = bridge[channel] as unknown as (req: unknown) => Promise<unknown>
  gated[channel] = async (req) => {
    const answer = await inner(req)
    await new Promise<void>((r) => waiting.push(r))
    return answer
  }
  return {
    bridge: gated as unknown as ContractApi,
    release: (i) => waiting[i]?.(),
    pending: () => waiting.length,
  }
}
