/**
 * `users.list` through the real main-process path (contract validation, profile lookup, key from
 * the secret store, client, response validation, envelope) against a bare axios GET of the same
 * emulator URL, side by side in one process; and response validation alone.
 */
import { performance } from 'node:perf_hooks'
import axios from 'axios'
import { readUserListFast, toDqopsUsers, userListSchema } from '../../shared/dqops'
import { startEmulator } from '../dqops-emulator'
import { composeMain } from '../support/main-services'
import { interleaved, row, summarize, type Row } from './stats'

const TARGETS: Record<number, number | undefined> = { 1000: 1.25, 50000: 1.5 }

export async function measureProxy(sizes: readonly number[], log: (m: string) => void): Promise<Row[]> {
  const rows: Row[] = []
  for (const n of sizes) {
    const emulator = await startEmulator({ seedUsers: n, identityUsers: true })
    const main = await composeMain({ dqopsTimeoutMs: 60_000 })
    try {
      const created = await main.dispatcher.dispatch(
        'profiles.create',
        { name: `bench ${n}`, baseUrl: emulator.url, apiKey: emulator.keys.admin },
        main.trustedUrl,
      )
      if (!created.ok) throw new Error(`profiles.create failed: ${created.error.message}`)
      const profileId = (created.data as { id: string }).id
      const http = axios.create({
        baseURL: emulator.url,
        headers: { Authorization: `Bearer ${emulator.keys.admin}` },
      })
      const rounds = n >= 50_000 ? 12 : n >= 10_000 ? 25 : n >= 1_000 ? 80 : 200

      let count = -1
      const r = await interleaved(
        {
          direct: async () => {
            const res = await http.get<unknown[]>('/api/users')
            count = res.data.length
          },
          proxy: async () => {
            const res = await main.dispatcher.dispatch('users.list', { profileId }, main.trustedUrl)
            if (!res.ok) throw new Error(`users.list failed: ${res.error.message}`)
          },
        },
        rounds,
      )
      const expected = n + 5
      if (count !== expected) throw new Error(`expected ${expected} users from the emulator, got ${count}`)

      // Validation alone, on the exact body the server sends: what the client runs (JSON.parse +
      // the fast validator), and the zod schema it falls back to (the reference).
      const body = JSON.stringify((await http.get<unknown[]>('/api/users')).data)
      const timeIt = (fn: () => unknown) => {
        const samples: number[] = []
        for (let i = 0; i < Math.min(rounds, 30); i++) {
          const t0 = performance.now()
          fn()
          samples.push(performance.now() - t0)
        }
        return summarize(samples)
      }
      const v = timeIt(() => readUserListFast(JSON.parse(body)))
      const z = timeIt(() => toDqopsUsers(userListSchema.parse(JSON.parse(body))))

      const target = TARGETS[n]
      const ratio = r.proxy.median / r.direct.median
      rows.push(
        row({
          group: `proxy ${n.toLocaleString('en')} users`,
          figure: 'users.list through main vs bare axios',
          unit: 'ms',
          median: r.proxy.median,
          p95: r.proxy.p95,
          baseline: r.direct.median,
          target: target ? `ratio <= ${target}x` : '-',
          pass: target ? ratio <= target : null,
        }),
        row({
          group: `proxy ${n.toLocaleString('en')} users`,
          figure: 'response validation as run (JSON.parse + fast validator) vs zod',
          unit: 'ms',
          median: v.median,
          p95: v.p95,
          baseline: z.median,
          target: '-',
          pass: null,
        }),
      )
      log(
        `proxy ${n}: proxy ${r.proxy.median.toFixed(2)} ms vs direct ${r.direct.median.toFixed(2)} ms (x${ratio.toFixed(2)}), validation ${v.median.toFixed(2)} ms (zod ${z.median.toFixed(2)} ms)`,
      )
    } finally {
      await main.close()
      await emulator.close()
    }
  }
  return rows
}
