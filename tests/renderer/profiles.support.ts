/**
 * A bridge for DOM tests backed by the REAL main services: the main process composed by
 * tests/support/main-services.ts (createServices + the real dispatcher, as Electron's `index.ts`
 * binds them: profiles file in a temp dir, the memory secret store or the real keytar store with a
 * dead Secret Service, the real DQOps client). Also starts the real DQOps emulator on 127.0.0.1.
 *
 * tsconfig.renderer-tests.json type-checks these files with Node types and main's sources, so the
 * main modules are imported statically with their real types.
 */
import { createServer } from 'node:net'
import axios from 'axios'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { setBridge } from '../../renderer/src/api/client'
import { createKeytarSecretStore } from '../../electron/main/secrets/keytar'
import type { ContractApi } from '../../shared/contract'
import { CHANNELS } from '../../shared/channels'
import type { Result } from '../../shared/errors'
import { startEmulator, type Emulator, type EmulatorOptions } from '../dqops-emulator'
import { composeMain } from '../support/main-services'

export type { Emulator } from '../dqops-emulator'

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
  // Main runs in Node, where axios uses its http adapter; happy-dom defines XMLHttpRequest, which
  // would make axios pick the browser adapter instead. Pin the one main really uses.
  axios.defaults.adapter = 'http'

  const main = await composeMain({
    ...(options.userDataDir === undefined ? {} : { userDataDir: options.userDataDir }),
    ...(options.keychain === 'unavailable'
      ? {
          secrets: createKeytarSecretStore({
            service: 'DQOps Users (test)',
            platform: 'linux',
            load: async () => {
              throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')
            },
          }),
        }
      : {}),
    dqopsTimeoutMs: 3000,
  })

  const responses: string[] = []
  const bridge: Record<string, (req: unknown) => Promise<Result<unknown>>> = {}
  for (const channel of CHANNELS) {
    bridge[channel] = async (req) => {
      const result = await main.dispatcher.dispatch(channel, req, main.trustedUrl)
      responses.push(JSON.stringify(result))
      return result
    }
  }
  return {
    bridge: bridge as unknown as ContractApi,
    userDataDir: main.userDataDir,
    logLines: main.logLines,
    responses,
    dialogAnswers: main.dialogAnswers,
    close: () => main.close(),
  }
}

/** The real DQOps emulator on 127.0.0.1 (random port, demo keys per role). */
export async function startDqopsEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(options)
}

/**
 * What useRealMain's hooks set up. The fields are set by the hooks, so they are valid inside tests
 * (and later hooks) only, never at module or describe level. A test may replace a field (e.g. its
 * own `main` with other options, or another emulator after closing this one): the hooks then close
 * or reset the one it put there.
 */
export interface RealMain {
  /** The DQOps emulator: started once for the file (or describe), closed after its last test. */
  emulator: Emulator
  /** The real main services behind the bridge: a fresh one per test, closed after it. */
  main: MainBridge
  /** The active Pinia: a fresh one per test. */
  pinia: Pinia
}

/**
 * Registers the hooks of a DOM test against the real main services and the emulator, in the
 * current file or describe: the emulator for all its tests; per test (after resetting the
 * emulator's state if `resetEmulator`) a fresh main bridge set as the renderer's bridge, and a
 * fresh active Pinia. Per-file extras go in the file's own beforeEach/afterEach, registered after
 * this call: they then run after this setup and before this teardown.
 */
export function useRealMain(
  options: { resetEmulator?: boolean; bridgeOptions?: MainBridgeOptions } = {},
): RealMain {
  const env = {} as RealMain
  beforeAll(async () => {
    env.emulator = await startDqopsEmulator()
  })
  afterAll(async () => {
    await env.emulator.close()
  })
  beforeEach(async () => {
    if (options.resetEmulator === true) env.emulator.reset()
    env.main = await startMainBridge(options.bridgeOptions)
    setBridge(env.main.bridge)
    env.pinia = createPinia()
    setActivePinia(env.pinia)
  })
  afterEach(async () => {
    await env.main.close()
  })
  return env
}

/** A 127.0.0.1 port nothing listens on: opened, then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('No TCP port was bound')
  await new Promise<void>((r) => server.close(() => r()))
  return address.port
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
  /** Resolves once `count` answers are held back (or after 2 s; the caller asserts the count). */
  waitFor(count: number): Promise<void>
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
    async waitFor(count) {
      for (let i = 0; i < 200 && waiting.length < count; i++) await new Promise((r) => setTimeout(r, 10))
    },
  }
}
