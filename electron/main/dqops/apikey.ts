/**
 * Reads who a DQOps-issued API key belongs to, for display only (API.md "Base URL and
 * authentication"): a local key is the hex of a UTF-8 JSON payload followed by a 32-byte
 * HMAC-SHA256 signature. Nothing is verified; the server decides what the key may do.
 */
import { z } from 'zod'
import { roleSchema, type ApiKeyOwner, type Role } from '../../../shared/dqops'

const SIGNATURE_BYTES = 32
/** Far beyond any real key; bounds the work done on pasted garbage. */
const MAX_KEY_CHARS = 64 * 1024
const HEX_RE = /^(?:[0-9a-fA-F]{2})+$/u

const payloadSchema = z.looseObject({
  usr: z.string().min(1).optional().catch(undefined),
  arl: roleSchema.optional().catch(undefined),
  dr: z.record(z.string(), z.unknown()).optional().catch(undefined),
  dp: z.string().optional().catch(undefined),
})

/** The key as the server reads it: trimmed, and surrounding double quotes removed. */
export function normaliseApiKey(key: string): string {
  const trimmed = key.trim()
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).trim()
    : trimmed
}

function domainRoles(dr: Record<string, unknown> | undefined): Record<string, Role> {
  const out: Record<string, Role> = {}
  for (const [domain, role] of Object.entries(dr ?? {})) {
    const parsed = roleSchema.safeParse(role)
    if (parsed.success) out[domain] = parsed.data
  }
  return out
}

/** The owner of a DQOps-issued key, or null for keys it cannot read (pairing keys, garbage). */
export function decodeApiKey(key: string | null | undefined): ApiKeyOwner | null {
  if (typeof key !== 'string') return null
  const hex = normaliseApiKey(key)
  if (hex.length <= SIGNATURE_BYTES * 2 || hex.length > MAX_KEY_CHARS || !HEX_RE.test(hex)) return null
  const bytes = Buffer.from(hex, 'hex')
  let json: unknown
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(0, bytes.length - SIGNATURE_BYTES),
    )
    json = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = payloadSchema.safeParse(json)
  if (!parsed.success) return null
  const { usr, arl, dr, dp } = parsed.data
  if (usr === undefined && arl === undefined) return null
  return {
    email: usr ?? null,
    accountRole: arl ?? null,
    domainRoles: domainRoles(dr),
    disposition: dp ?? null,
  }
}
