/**
 * Fault injection: rules that change how the emulator answers matching requests, settable at
 * runtime (from a test, or over the control API by another process).
 */

/** What to answer instead of the normal response. */
export type FaultAction =
  /** Any status, with an optional body (default: empty) and content type. */
  | { type: 'status'; status: number; body?: string; contentType?: string }
  /** Answer with exactly this body (wrong shapes, odd content types). Status default 200. */
  | { type: 'body'; body: string; status?: number; contentType?: string }
  /** `200 application/json` with a truncated JSON document. */
  | { type: 'malformed-json'; status?: number }
  /** An HTML error page, as a misconfigured reverse proxy sends. Status default 200. */
  | { type: 'html'; status?: number }
  /** Drop the connection with a TCP reset, without answering. */
  | { type: 'reset' }
  /** Close the connection cleanly without answering ("socket hang up"). */
  | { type: 'close' }
  /** Never answer (until the client gives up or the emulator closes). */
  | { type: 'hang' }

export interface FaultRule {
  /** Only this HTTP method (any case). Default: every method. */
  method?: string
  /**
   * Only this API path, below the base path and without the query: exact (`/api/users`), or a
   * prefix when it ends with `*` (`/api/users*`). Default: every API path (never the control API).
   */
  path?: string
  /** Apply to this many matching requests, then drop the rule. Default: every matching request. */
  times?: number
  /** Delay added before answering (or before the action). */
  latencyMs?: number
  /** What to do instead of the normal answer; omit for latency alone. */
  action?: FaultAction
}

export const MALFORMED_JSON = '[{"email": "broken@example.com", "accountRole": "vie'
export const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream server.</p></body></html>\n'

/** The rules in force, in order; the first matching one applies and counts down. */
export class FaultBook {
  private rules: FaultRule[] = []

  set(rules: FaultRule | readonly FaultRule[] | null | undefined): void {
    this.rules =
      rules === null || rules === undefined
        ? []
        : (Array.isArray(rules) ? rules : [rules]).map((r: FaultRule) => ({ ...r }))
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }))
  }

  /** The rule that applies to this request (consuming one of its `times`), if any. */
  take(method: string, apiPath: string): FaultRule | undefined {
    const index = this.rules.findIndex((r) => matches(r, method, apiPath))
    const rule = this.rules[index]
    if (!rule) return undefined
    if (rule.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) this.rules.splice(index, 1)
    }
    return rule
  }
}

function matches(rule: FaultRule, method: string, apiPath: string): boolean {
  if (rule.times !== undefined && rule.times <= 0) return false
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false
  if (rule.path === undefined) return true
  return rule.path.endsWith('*') ? apiPath.startsWith(rule.path.slice(0, -1)) : apiPath === rule.path
}
