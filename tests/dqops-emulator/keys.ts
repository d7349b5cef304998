/**
 * DQOps local API keys, as the real server issues them (API.md): the hex of a UTF-8 JSON payload
 * `{usr, arl, dr, dp, tid, tg}` followed by a 32-byte HMAC-SHA256 signature of that payload.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Role } from '../../shared/dqops'
import { ROLES } from '../../shared/dqops'

const SIGNATURE_BYTES = 32

/** Who a key speaks for; the roles travel inside the key, as in DQOps. */
export interface Identity {
  email: string
  accountRole: Role
  domainRoles?: Record<string, Role> | undefined
}

interface Payload {
  usr: string
  arl: Role
  dr: Record<string, Role>
  dp: 'ak'
  tid: string
  tg: number
}

function sign(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest()
}

/** A new key for the identity, signed with the instance's secret. */
export function issueLocalKey(secret: string, tenantId: string, who: Identity): string {
  const payload: Payload = {
    usr: who.email,
    arl: who.accountRole,
    dr: who.domainRoles ?? {},
    dp: 'ak',
    tid: tenantId,
    tg: 1,
  }
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8')
  return Buffer.concat([bytes, sign(secret, bytes)]).toString('hex')
}

function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v)
}

/** The identity a key proves, or null when it is not a key this secret signed. */
export function verifyLocalKey(secret: string, rawKey: string): Identity | null {
  let key = rawKey.trim()
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1)
  if (key.length <= SIGNATURE_BYTES * 2 || key.length % 2 !== 0 || !/^[0-9a-fA-F]+$/u.test(key)) return null
  const bytes = Buffer.from(key, 'hex')
  const payload = bytes.subarray(0, bytes.length - SIGNATURE_BYTES)
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES)
  if (!timingSafeEqual(signature, sign(secret, payload))) return null
  try {
    const json = JSON.parse(payload.toString('utf8')) as Partial<Record<keyof Payload, unknown>>
    if (typeof json.usr !== 'string' || !isRole(json.arl)) return null
    const domainRoles: Record<string, Role> = {}
    if (typeof json.dr === 'object' && json.dr !== null) {
      for (const [d, r] of Object.entries(json.dr)) if (isRole(r)) domainRoles[d] = r
    }
    return { email: json.usr, accountRole: json.arl, domainRoles }
  } catch {
    return null
  }
}
