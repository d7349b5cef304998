/**
 * Start-up of the main composition in Node: load 200 profiles from disk, check the keychain, answer
 * the first call. Module loading is excluded (it happens once per process, before this runs).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { composeMain } from '../support/main-services'
import { row, summarize, type Row } from './stats'

export async function measureStartup(profiles: number, rounds: number): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dqops-bench-startup-'))
  try {
    const setup = await composeMain({ userDataDir: dir })
    for (let i = 0; i < profiles; i++) {
      const r = await setup.dispatcher.dispatch(
        'profiles.create',
        { name: `Instance ${i}`, baseUrl: `https://dqops-${i}.example.com/`, notes: 'bench' },
        setup.trustedUrl,
      )
      if (!r.ok) throw new Error(`profiles.create failed: ${r.error.message}`)
    }
    const samples: number[] = []
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now()
      const main = await composeMain({ userDataDir: dir })
      const [list, info] = await Promise.all([
        main.dispatcher.dispatch('profiles.list', {}, main.trustedUrl),
        main.dispatcher.dispatch('app.info', {}, main.trustedUrl),
      ])
      samples.push(performance.now() - t0)
      if (!list.ok || !info.ok) throw new Error('start-up call failed')
      const count = (list.data as { profiles: unknown[] }).profiles.length
      if (count !== profiles + 1) throw new Error(`expected ${profiles + 1} profiles, loaded ${count}`)
    }
    const s = summarize(samples)
    return [
      row({
        group: 'start-up',
        figure: `compose main + load ${profiles} profiles + keychain check + first answer`,
        unit: 'ms',
        median: s.median,
        p95: s.p95,
        baseline: null,
        target: '< 50 ms median',
        pass: s.median < 50,
      }),
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
