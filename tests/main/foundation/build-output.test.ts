/**
 * Checks the built app (`npm run build` runs before the unit tests): the CSP that ships, and a
 * preload bundle that imports nothing but `electron` (a sandboxed preload cannot require modules).
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const OUT = resolve(__dirname, '../../../out')
/** Reads a built file, failing with what to do when the build has not run. */
function readBuilt(path: string): string {
  const file = resolve(OUT, path)
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` first (\`npm test\` does)`)
  return readFileSync(file, 'utf8')
}

function cspOf(html: string): Map<string, string[]> {
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
  if (!m) throw new Error('no CSP meta tag in the built index.html')
  return new Map(
    m[1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!, parts.slice(1)]),
  )
}

describe('built renderer and preload (out/)', () => {
  const html = () => readBuilt('renderer/index.html')

  it('ships a strict CSP: no eval, no inline script, no network but its own files', () => {
    const csp = cspOf(html())
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-eval'")
      expect(values).not.toContain("'unsafe-inline'")
    }
  })

  it('has no inline script in the built page', () => {
    const scripts = [...html().matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
  })

  it('bundles the preload into one file that requires only electron', () => {
    const js = readBuilt('preload/index.js')
    const required = [...js.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(js).not.toMatch(/\bimport\s*\(|^\s*import\s/m)
  })
})
