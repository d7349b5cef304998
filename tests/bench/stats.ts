/** Small statistics and timing helpers for the benchmarks (figures, not assertions). */
import { performance } from 'node:perf_hooks'

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

export interface Summary {
  median: number
  p95: number
  n: number
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), n: sorted.length }
}

/**
 * Times several contenders side by side: each round runs every contender once, in an order that
 * rotates, so drift on a noisy machine hits all of them alike.
 */
export async function interleaved<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  rounds: number,
  warmup = 3,
): Promise<Record<K, Summary>> {
  const names = Object.keys(contenders) as K[]
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>
  for (let r = -warmup; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + Math.max(r, 0)) % names.length]!)
    for (const name of order) {
      const t0 = performance.now()
      await contenders[name]()
      const dt = performance.now() - t0
      if (r >= 0) samples[name].push(dt)
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n])])) as Record<K, Summary>
}

/** One row of the printed table and the JSON file. */
export interface Row {
  group: string
  figure: string
  unit: 'ms' | 'KB' | 'MB'
  median: number
  p95: number | null
  baseline: number | null
  /** median / baseline, where there is a baseline. */
  ratio: number | null
  target: string
  pass: boolean | null
}

export function row(r: Omit<Row, 'ratio'> & { ratio?: number | null }): Row {
  const ratio = r.ratio !== undefined ? r.ratio : r.baseline ? r.median / r.baseline : null
  return { ...r, ratio }
}
