/**
 * The users suites run every channel the way the app does: the real services composed by
 * `composeMain` (real profile service, memory secret store, profiles file in a temp folder),
 * called through the real dispatcher and its sender check, talking to the DQOps emulator over
 * loopback HTTP.
 */
import { expect } from 'vitest'
import type { ChannelName } from '../../../shared/channels'
import type { RequestOf, ResponseOf } from '../../../shared/contract'
import type { IpcError } from '../../../shared/errors'
import { composeMain } from '../../support/main-services'
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
  const main = await composeMain({ dqopsTimeoutMs: 3000 })
  const answers: string[] = []

  async function dispatch(channel: ChannelName, request: unknown) {
    const result = await main.dispatcher.dispatch(channel, request, main.trustedUrl)
    answers.push(JSON.stringify(result))
    return result
  }

  const h: UsersHarness = {
    emulator,
    logLines: main.logLines,
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
      await main.close()
    },
  }
  return h
}
