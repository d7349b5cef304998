/**
 * A whole scripted session through the real dispatcher and the real composition (createServices),
 * against the emulator: afterwards no IPC response, no file in the user-data folder (or the export)
 * and no log line contains any API key that was stored. The logger here has its own, empty
 * redactor: it proves the app never logs a key, not merely that the redactor hides one.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../electron/main/dispatch'
import { createLogger, createRedactor } from '../../../electron/main/log'
import { createMemorySecretStore } from '../../../electron/main/secrets/memory'
import { createServices } from '../../../electron/main/services'
import { startEmulator, type Emulator } from '../../dqops-emulator'
import { makeDeps, tempDir } from './support'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const PAGE = 'http://127.0.0.1:5173/'

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await allFiles(path)))
    else out.push(path)
  }
  return out
}

describe('a scripted session leaks no API key', () => {
  it('no IPC response, no file, no log line contains a stored key', async () => {
    const { dir, cleanup } = await tempDir()
    const exports = await tempDir('dqops-export-')
    try {
      const logLines: string[] = []
      const secrets = createMemorySecretStore()
      const deps = makeDeps(dir, {
        secrets,
        log: createLogger(createRedactor(), (level, line) => logLines.push(`${level} ${line}`)),
        redactor: createRedactor(),
      })
      const services = createServices(deps)
      await services.ready
      const dispatcher = createDispatcher(services.handlers, (url) => url === PAGE, deps.log)
      const responses: unknown[] = []
      const call = async (
        channel: string,
        payload: unknown,
      ): Promise<{ ok: boolean; data?: unknown; error?: unknown }> => {
        const result = await dispatcher.dispatch(channel, payload, PAGE)
        responses.push(result)
        return result as { ok: boolean; data?: unknown }
      }
      const data = <T>(r: { data?: unknown }) => r.data as T

      const { admin, viewer, editor, invalid } = emulator.keys
      const storedKeys = [admin, viewer, editor, invalid]

      // The session a user might have: set up profiles, swap keys, test, use, export, import, clean up.
      await call('profiles.list', {})
      const prod = data<{ id: string }>(
        await call('profiles.create', { name: 'Prod', baseUrl: emulator.url, apiKey: admin }),
      )
      const stage = data<{ id: string }>(
        await call('profiles.create', { name: 'Stage', baseUrl: emulator.url, apiKey: `"${viewer}"` }),
      )
      expect(
        (await call('profiles.create', { name: 'Prod', baseUrl: emulator.url, apiKey: editor })).ok,
      ).toBe(false)
      await call('profiles.setApiKey', { id: stage.id, apiKey: editor })
      await call('profiles.setApiKey', { id: stage.id, apiKey: viewer })
      await call('profiles.setApiKey', { id: prod.id, apiKey: 'short key with spaces' })
      await call('profiles.setApiKey', { id: prod.id, apiKey: admin, extra: admin }) // refused by the contract
      await call('profiles.testConnection', { id: prod.id })
      await call('profiles.testConnection', { id: stage.id })
      const bad = data<{ id: string }>(
        await call('profiles.create', { name: 'Bad key', baseUrl: emulator.url, apiKey: invalid }),
      )
      await call('profiles.testConnection', { id: bad.id })
      await call('profiles.setActive', { id: prod.id })
      await call('users.list', { profileId: prod.id })
      await call('users.list', { profileId: stage.id })
      await call('users.list', { profileId: bad.id })
      await call('users.domains', { profileId: prod.id })
      const dup = data<{ id: string }>(await call('profiles.duplicate', { id: prod.id }))
      await call('profiles.update', { id: dup.id, notes: 'copy of prod' })
      deps.dialogAnswers.save = join(exports.dir, 'profiles-export.json')
      await call('profiles.export', {})
      deps.dialogAnswers.open = join(exports.dir, 'profiles-export.json')
      await call('profiles.import', {})
      await call('profiles.removeApiKey', { id: dup.id })
      await call('profiles.delete', { id: bad.id })
      await call('app.info', {})
      await call('profiles.list', {})

      // The session really used the keys (otherwise the checks below would prove nothing).
      expect(emulator.state.requests.some((r) => r.caller === 'admin@example.com')).toBe(true)
      expect(emulator.state.requests.some((r) => r.caller === 'viewer@example.com')).toBe(true)
      expect(secrets.entries.size).toBeGreaterThanOrEqual(2)
      expect(responses.length).toBe(25)
      expect(logLines.length).toBeGreaterThan(5)

      const files = [...(await allFiles(dir)), ...(await allFiles(exports.dir))]
      expect(files.length).toBeGreaterThanOrEqual(2)
      const fileTexts = await Promise.all(files.map((f) => readFile(f, 'utf8')))
      const responseText = JSON.stringify(responses)
      for (const key of storedKeys) {
        expect(responseText.includes(key), 'an IPC response contains a key').toBe(false)
        for (const [i, text] of fileTexts.entries())
          expect(text.includes(key), `${files[i]} contains a key`).toBe(false)
        for (const [i, line] of logLines.entries())
          expect(line.includes(key), `log line ${i} contains a key`).toBe(false)
        // Nor any long piece of one (a truncated key in a message is a leak too).
        const piece = key.slice(40, 80)
        expect(
          responseText.includes(piece) ||
            logLines.some((l) => l.includes(piece)) ||
            fileTexts.some((t) => t.includes(piece)),
        ).toBe(false)
      }
    } finally {
      await cleanup()
      await exports.cleanup()
    }
  })
})
