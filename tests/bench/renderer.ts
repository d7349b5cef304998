/**
 * The renderer in real Chromium (production build, the real main services behind the harness
 * bridge, the emulator as DQOps): list answer → rows painted, one search keystroke and one sort
 * (input → next paint), JS heap after loading. The same figures for a plain non-virtualized table
 * of the same data (tests/bench/baseline) are the baseline.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { startEmulator } from '../dqops-emulator'
import { installBridge, startHarness, type AppHarness } from '../e2e/support/harness'
import { serveDirectory } from '../e2e/support/static-server'
import { chromiumLaunchOptions } from '../support/chromium'
import { row, summarize, type Row } from './stats'

const ROOT = resolve(__dirname, '../..')
const BASELINE_OUT = resolve(ROOT, 'out/bench-baseline')
const LOADS = 6
const KEYSTROKES = [
  'u',
  'us',
  'use',
  'user',
  'user0',
  'user00',
  'user001',
  'user0012',
  'user001',
  'user00',
  'user0',
  'user',
  '',
]

/** Built in a child process: Vite's API inside this tsx (CommonJS) process trips over its own plugins. */
function buildBaseline(): void {
  execFileSync('npx', ['vite', 'build', '--config', 'tests/bench/baseline/vite.config.mts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

/**
 * In the page, before the bridge exists: time when the users.list answer arrives (by wrapping the
 * binding the bridge calls) and when rows are first painted after it.
 */
function instrument(): void {
  type Invoke = (channel: string, payload: unknown) => Promise<unknown>
  const w = window as unknown as {
    __bench: { arrived: number | null; painted: number | null }
    __dqopsInvoke: Invoke
  }
  w.__bench = { arrived: null, painted: null }
  const original = w.__dqopsInvoke
  w.__dqopsInvoke = async (channel, payload) => {
    const answer = await original(channel, payload)
    if (channel === 'users.list') w.__bench.arrived = performance.now()
    return answer
  }
  new MutationObserver((_m, observer) => {
    if (w.__bench.arrived !== null && document.querySelector('[data-testid="user-row"]')) {
      observer.disconnect()
      requestAnimationFrame(() => setTimeout(() => (w.__bench.painted = performance.now()), 0))
    }
  }).observe(document, { childList: true, subtree: true })
}

/**
 * One input, timed twice: `work` is input → Vue's update applied and the page's style and layout
 * recomputed (what must fit in a frame); `paint` is input → after the next frame was painted (rAF
 * then a task), which also includes waiting for that frame, so it is quantized to the frame clock.
 */
async function timeInput(
  page: Page,
  kind: 'search' | 'sort',
  value = '',
): Promise<{ work: number; paint: number }> {
  return page.evaluate(
    async ([k, v]) => {
      const t0 = performance.now()
      if (k === 'search') {
        const input = document.querySelector<HTMLInputElement>('[data-testid="user-search"]')!
        input.value = v
        input.dispatchEvent(new Event('input', { bubbles: true }))
      } else {
        document.querySelector<HTMLButtonElement>('[data-testid="sort-role"]')!.click()
      }
      await Promise.resolve() // after Vue's scheduler flush, queued by the input
      void document.body.offsetHeight // style and layout, as the frame will need them
      const work = performance.now() - t0
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)))
      return { work, paint: performance.now() - t0 }
    },
    [kind, value] as const,
  )
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize / 2 ** 20
}

interface Figures {
  paint: number[]
  keystroke: number[]
  keystrokePaint: number[]
  sort: number[]
  sortPaint: number[]
  heap: number
}

async function measurePage(
  browser: Browser,
  harness: AppHarness,
  url: string,
  expectRows: number,
): Promise<Figures> {
  const figures: Figures = { paint: [], keystroke: [], keystrokePaint: [], sort: [], sortPaint: [], heap: 0 }
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } })
    const page = await context.newPage()
    await installBridge(page, harness, instrument)
    await page.goto(url)
    await page.waitForFunction(
      () => (window as unknown as { __bench: { painted: number | null } }).__bench.painted !== null,
      null,
      { timeout: 60_000 },
    )
    const b = await page.evaluate(
      () => (window as unknown as { __bench: { arrived: number; painted: number } }).__bench,
    )
    figures.paint.push(b.painted - b.arrived)
    if (load === LOADS - 1) {
      const count = await page.locator('[data-testid="user-row"]').count()
      if (count === 0 || (expectRows < 40 && count !== expectRows))
        throw new Error(`unexpected row count ${count}`)
      for (const q of KEYSTROKES) {
        const t = await timeInput(page, 'search', q)
        figures.keystroke.push(t.work)
        figures.keystrokePaint.push(t.paint)
      }
      for (let i = 0; i < 8; i++) {
        const t = await timeInput(page, 'sort')
        figures.sort.push(t.work)
        figures.sortPaint.push(t.paint)
      }
      figures.heap = await heapMB(page)
    }
    await context.close()
  }
  return figures
}

export async function measureRenderer(sizes: readonly number[], log: (m: string) => void): Promise<Row[]> {
  buildBaseline()
  const browser = await chromium.launch(chromiumLaunchOptions())
  const rows: Row[] = []
  try {
    for (const n of sizes) {
      const emulator = await startEmulator({ seedUsers: n })
      const harness = await startHarness({ dqopsTimeoutMs: 60_000 })
      const baselineServer = await serveDirectory(BASELINE_OUT)
      try {
        const created = await harness.dispatcher.dispatch(
          'profiles.create',
          { name: 'bench', baseUrl: emulator.url, apiKey: emulator.keys.admin },
          harness.trustedUrl,
        )
        if (!created.ok) throw new Error(created.error.message)
        const id = (created.data as { id: string }).id
        await harness.dispatcher.dispatch('profiles.setActive', { id }, harness.trustedUrl)
        const app = await measurePage(browser, harness, `${harness.rendererUrl}#/users`, n + 5)
        // The baseline page is served from another origin: trust it too, for this run only.
        const base = await startBaselineBridge(harness, baselineServer.url)
        const plain = await measurePage(
          browser,
          base,
          `${baselineServer.url}?profile=${encodeURIComponent(id)}`,
          n + 5,
        )
        const group = `renderer ${n.toLocaleString('en')} users`
        const add = (figure: string, a: number[], p: number[], target: string, limit: number | null) => {
          const s = summarize(a)
          const bs = summarize(p)
          rows.push(
            row({
              group,
              figure,
              unit: 'ms',
              median: s.median,
              p95: s.p95,
              baseline: bs.median,
              target: n === 10_000 ? target : '-',
              pass: n === 10_000 && limit !== null ? s.median <= limit : null,
            }),
          )
        }
        add('list answer → rows painted', app.paint, plain.paint, '<= 100 ms', 100)
        add('search keystroke: work (update + layout)', app.keystroke, plain.keystroke, '<= 16 ms median', 16)
        add('search keystroke → next frame painted', app.keystrokePaint, plain.keystrokePaint, '-', null)
        add('sort: work (update + layout)', app.sort, plain.sort, '<= 16 ms median', 16)
        add('sort → next frame painted', app.sortPaint, plain.sortPaint, '-', null)
        rows.push(
          row({
            group,
            figure: 'JS heap after loading',
            unit: 'MB',
            median: app.heap,
            p95: null,
            baseline: plain.heap,
            target: n === 10_000 ? '< 50 MB' : '-',
            pass: n === 10_000 ? app.heap < 50 : null,
          }),
        )
        log(
          `renderer ${n}: paint ${summarize(app.paint).median.toFixed(1)} vs ${summarize(plain.paint).median.toFixed(1)} ms, keystroke work ${summarize(app.keystroke).median.toFixed(1)} vs ${summarize(plain.keystroke).median.toFixed(1)} ms, sort work ${summarize(app.sort).median.toFixed(1)} vs ${summarize(plain.sort).median.toFixed(1)} ms, heap ${app.heap.toFixed(1)} vs ${plain.heap.toFixed(1)} MB`,
        )
      } finally {
        await baselineServer.close()
        await harness.close()
        await emulator.close()
      }
    }
  } finally {
    await browser.close()
  }
  return rows
}

/** The same real services, reached from the baseline page's origin. */
async function startBaselineBridge(harness: AppHarness, origin: string): Promise<AppHarness> {
  const { createDispatcher, createSenderCheck } = await import('../../electron/main/dispatch')
  const { createLogger, createRedactor } = await import('../../electron/main/log')
  const dispatcher = createDispatcher(
    harness.services.handlers,
    createSenderCheck({ devServerUrl: origin }),
    createLogger(createRedactor(), () => {}),
  )
  return { ...harness, dispatcher }
}
