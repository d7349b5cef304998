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
  /** A size in KB, with its target and verdict where it has one. */
  const size = (figure: string, value: number, target = '-', pass: boolean | null = null): Row =>
    row({ group: 'bundle', figure, unit: 'KB', median: value, p95: null, baseline: null, target, pass })
  return [
    size('renderer initial JS (gzip)', initialJs, '< 150 KB', initialJs < 150),
    size('renderer initial CSS (gzip)', kb(sum('.css'))),
    size('renderer lazy JS chunks (gzip)', kb(lazy)),
    size('main bundle (raw)', raw('main/index.js')),
    size('preload bundle (raw)', raw('preload/index.js')),
  ]
}
