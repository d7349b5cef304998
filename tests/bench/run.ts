/**
 * `npm run bench`: builds the app, then measures and prints one table (figure, median, p95,
 * baseline, ratio, target, pass) and writes it as JSON to bench/results/. Exits 0 whatever the
 * figures: it is a measurement, not a test. `--quick` runs fewer sizes (for a smoke run).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { measureBundle } from './bundle'
import { measureProxy } from './proxy'
import { measureRenderer } from './renderer'
import type { Row } from './stats'
import { measureStartup } from './startup'

const ROOT = resolve(__dirname, '../..')
const quick = process.argv.includes('--quick')
/** `--only=proxy,renderer` runs just those parts (bundle, startup, proxy, renderer); `--sizes=10000` just those sizes. */
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
const only = onlyArg ? new Set(onlyArg.split(',')) : null
const log = (m: string) => console.error(`  · ${m}`)

function fmt(n: number | null, digits = 2): string {
  return n === null || Number.isNaN(n) ? '-' : n.toFixed(digits)
}

function printTable(rows: Row[]): void {
  const head = ['group', 'figure', 'median', 'p95', 'baseline', 'ratio', 'target', 'pass']
  const lines = rows.map((r) => [
    r.group,
    r.figure,
    `${fmt(r.median)} ${r.unit}`,
    r.p95 === null ? '-' : `${fmt(r.p95)} ${r.unit}`,
    r.baseline === null ? '-' : `${fmt(r.baseline)} ${r.unit}`,
    r.ratio === null ? '-' : `${fmt(r.ratio)}x`,
    r.target,
    r.pass === null ? '-' : r.pass ? 'pass' : 'FAIL',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const l of lines) console.log(line(l))
}

async function main(): Promise<void> {
  const started = Date.now()
  console.error('Building the app (electron-vite build)…')
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length)
  const sizes = sizesArg
    ? sizesArg.split(',').map(Number)
    : quick
      ? [100, 1_000]
      : [100, 1_000, 10_000, 50_000]
  const rows: Row[] = []
  const step = async (name: string, run: () => Promise<Row[]> | Row[]) => {
    if (only && !only.has(name.split(' ')[0]!)) return
    console.error(`Measuring ${name}…`)
    try {
      rows.push(...(await run()))
    } catch (e) {
      console.error(`  ${name} failed: ${e instanceof Error ? e.stack : String(e)}`)
    }
  }
  await step('bundle sizes', () => measureBundle(join(ROOT, 'out')))
  await step('startup', () => measureStartup(200, quick ? 10 : 40))
  await step('proxy (users.list overhead)', () => measureProxy(sizes, log))
  await step('renderer in Chromium', () =>
    measureRenderer(
      sizes.filter((n) => n <= 10_000 || !quick),
      log,
    ),
  )

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}`
  console.log(`\nDQOps Users benchmarks — ${new Date().toISOString()} — ${machine}\n`)
  printTable(rows)
  const dir = join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, quick, rows }, null, 2))
  console.log(`\nWritten to ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
}

main().catch((e) => {
  // A figure never fails the run; a benchmark that could not run at all does.
  console.error(e)
  process.exitCode = 1
})
