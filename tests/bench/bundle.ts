/** Bundle sizes: the renderer's initial JS and CSS (what index.html loads), gzip; main and preload. */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { row, type Row } from './stats'

const kb = (bytes: number) => bytes / 1024
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

export function measureBundle(outDir: string): Row[] {
  const rendererDir = join(outDir, 'renderer')
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
  const sum = (ext: string) =>
    initial.filter((f) => f.endsWith(ext)).reduce((s, f) => s + gz(join(rendererDir, f)), 0)
  const allJs = readdirSync(join(rendererDir, 'assets')).filter((f) => f.endsWith('.js'))
  const lazy = allJs
    .filter((f) => !initial.includes(`assets/${f}`))
    .reduce((s, f) => s + gz(join(rendererDir, 'assets', f)), 0)
  const raw = (f: string) => kb(statSync(join(outDir, f)).size)
  const initialJs = kb(sum('.js'))
  return [
    row({
      group: 'bundle',
      figure: 'renderer initial JS (gzip)',
      unit: 'KB',
      median: initialJs,
      p95: null,
      baseline: null,
      target: '< 150 KB',
      pass: initialJs < 150,
    }),
    row({
      group: 'bundle',
      figure: 'renderer initial CSS (gzip)',
      unit: 'KB',
      median: kb(sum('.css')),
      p95: null,
      baseline: null,
      target: '-',
      pass: null,
    }),
    row({
      group: 'bundle',
      figure: 'renderer lazy JS chunks (gzip)',
      unit: 'KB',
      median: kb(lazy),
      p95: null,
      baseline: null,
      target: '-',
      pass: null,
    }),
    row({
      group: 'bundle',
      figure: 'main bundle (raw)',
      unit: 'KB',
      median: raw('main/index.js'),
      p95: null,
      baseline: null,
      target: '-',
      pass: null,
    }),
    row({
      group: 'bundle',
      figure: 'preload bundle (raw)',
      unit: 'KB',
      median: raw('preload/index.js'),
      p95: null,
      baseline: null,
      target: '-',
      pass: null,
    }),
  ]
}
