/**
 * The users suites run every channel the way the app does: the real services composed by
 * `createServices` (real profile service, memory secret store, profiles file in a temp folder),
 * called through the real dispatcher, talking to the DQOps emulator over loopback HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { ChannelName } from '../../../shared/channels'
import type { RequestOf, ResponseOf } from '../../../shared/contract'
import type { IpcError } from '../../../shared/errors'
import { createDispatcher } from '../../../electron/main/dispatch'
import { createDqopsClient } from '../../../electron/main/dqops/client'
import { createLogger, createRedactor } from '../../../electron/main/log'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import { createServices } from '../../../electron/main/services'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../dqops-emulator'

export interface UsersHarness {
  emulator: Emulator
  /** Every line main logged (already through the redactor). */
  logLines: string[]
  /** Every IPC answer, serialized, to prove no secret crossed. */
  answers: string[]
  /** A profile pointing at the emulator with this key (default: the admin's). */
  profile(apiKey?: string | null): Promise<string>
  ok<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  fail<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<IpcError>
  /** How many requests reached the emulator so far (to prove a refusal sent nothing). */
  requests(): number
  close(): Promise<void>
}

export async function startUsersHarness(options: EmulatorOptions = {}): Promise<UsersHarness> {
  const emulator = await startEmulator(options)
  const userDataDir = await mkdtemp(join(tmpdir(), 'dqops-users-main-'))
  const logLines: string[] = []
  const answers: string[] = []
  const redactor = createRedactor()
  const log = createLogger(redactor, (_level, line) => logLines.push(line))
  const services = createServices({
    userDataDir,
    secrets: createMemorySecretStore(),
    dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => null },
    log,
    redactor,
    createClient: createDqopsClient,
    dqopsTimeoutMs: 3000,
    runtime: {
      name: 'DQOps Users',
      version: '0.0.0-test',
      versions: { electron: null, chrome: null, node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
    },
  })
  await services.ready
  const dispatcher = createDispatcher(services.handlers, () => true, log)

  async function dispatch(channel: ChannelName, request: unknown) {
    const result = await dispatcher.dispatch(channel, request, 'http://localhost/')
    answers.push(JSON.stringify(result))
    return result
  }

  const h: UsersHarness = {
    emulator,
    logLines,
    answers,
    async profile(apiKey = emulator.keys.admin) {
      const request =
        apiKey === null
          ? { name: `p${answers.length}`, baseUrl: emulator.url }
          : { name: `p${answers.length}`, baseUrl: emulator.url, apiKey }
      return (await h.ok('profiles.create', request)).id
    },
    async ok(channel, request) {
      const result = await dispatch(channel, request)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.data as ResponseOf<typeof channel>
    },
    async fail(channel, request) {
      const result = await dispatch(channel, request)
      expect(result.ok, `${channel} should have failed`).toBe(false)
      return (result as { ok: false; error: IpcError }).error
    },
    requests: () => emulator.state.requests.length,
    async close() {
      await emulator.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
  return h
}
