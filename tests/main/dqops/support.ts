/**
 * Shared test support for the DQOps client: an emulator per suite, clients that log into a
 * captured sink, and a record of every error and log line so each suite can prove that no API key
 * leaked into any of them.
 */
import { inspect } from 'node:util'
import { expect } from 'vitest'
import { createDqopsClient, DqopsError, type DqopsClient } from '../../../electron/main/dqops'
import { createLogger, createRedactor } from '../../../electron/main/log'
import type { DqopsErrorKind } from '../../../shared/errors'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../dqops-emulator'

export interface Capture {
  /** Every log line the clients wrote (through a logger whose redactor knows no secrets). */
  lines: string[]
  /** Every error thrown, in every form it could be shown or logged. */
  errors: string[]
  /** Every API key used by the suite. */
  keys: Set<string>
}

export function createCapture(): Capture {
  return { lines: [], errors: [], keys: new Set() }
}

/** Remembers the error in all its printable forms, then returns it. */
export function captureError(capture: Capture, e: unknown): unknown {
  if (e instanceof Error) {
    capture.errors.push(e.message, String(e), e.stack ?? '', inspect(e, { depth: 5 }), JSON.stringify(e))
  }
  if (e instanceof DqopsError) capture.errors.push(JSON.stringify(e.toIpc()))
  return e
}

/** The places in the capture where an API key appears (expected: none). */
export function leaks(capture: Capture): string[] {
  const found: string[] = []
  for (const text of [...capture.lines, ...capture.errors]) {
    for (const key of capture.keys) if (key.length > 0 && text.includes(key)) found.push(text.slice(0, 120))
  }
  return found
}

export interface Harness {
  emulator: Emulator
  capture: Capture
  /** A client for the emulator (default: the admin key), logging into the capture. */
  client(options?: { apiKey?: string | null; baseUrl?: string; timeoutMs?: number }): DqopsClient
  /** Awaits a call expected to fail and returns its DqopsError (recorded in the capture). */
  fails(call: Promise<unknown>, kind: DqopsErrorKind, status?: number): Promise<DqopsError>
  /** The emulator's request count, to prove a call never left the client. */
  requestCount(): number
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options)
  const capture = createCapture()
  for (const key of Object.values(emulator.keys)) capture.keys.add(key)
  const log = createLogger(createRedactor(), (_level, line) => capture.lines.push(line))
  return {
    emulator,
    capture,
    client(o = {}) {
      const apiKey = o.apiKey === undefined ? emulator.keys.admin : o.apiKey
      if (apiKey) capture.keys.add(apiKey.trim())
      return createDqopsClient({
        baseUrl: o.baseUrl ?? emulator.url,
        apiKey,
        timeoutMs: o.timeoutMs ?? 5000,
        log,
      })
    },
    async fails(call, kind, status) {
      const e = captureError(
        capture,
        await call.then(
          () => new Error('expected a DqopsError, but the call succeeded'),
          (x: unknown) => x,
        ),
      )
      expect(e).toBeInstanceOf(DqopsError)
      const error = e as DqopsError
      expect({ kind: error.kind, status: error.status }).toEqual({ kind, status })
      return error
    },
    requestCount: () => emulator.state.requests.length,
  }
}
