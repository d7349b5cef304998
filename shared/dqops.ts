/**
 * DQOps wire schemas (see ../shared/dqops/API.md beside the checkout), used by main to validate
 * responses. The renderer must not import values from here (zod would enter its bundle): roles,
 * descriptions and the app's user types live in `./roles`, re-exported here for main.
 */
import { z } from 'zod'
import { ROLES, type DqopsDomain, type DqopsUser, type Role } from './roles'

export * from './roles'
export const roleSchema = z.enum(ROLES)

/**
 * `DqoUserRolesModel`. Older servers (before 1.8) omit `dataDomainRoles`; we normalise it to `{}`.
 * Domain role values are validated as roles too.
 */
export const userModelSchema = z.object({
  email: z.string().nullable().optional(),
  accountRole: roleSchema.nullable().optional(),
  dataDomainRoles: z
    .record(z.string(), roleSchema)
    .nullable()
    .optional()
    .transform((v) => v ?? {}),
})
export type UserModelWire = z.input<typeof userModelSchema>

export const userListSchema = z.array(userModelSchema)

/** `DqoUserProfileModel` (snake_case; nulls omitted by the server). Unknown fields pass through. */
export const userProfileSchema = z.looseObject({
  user: z.string().nullish(),
  tenant: z.string().nullish(),
  license_type: z.string().nullish(),
  account_role: roleSchema.nullish(),
  users_limit: z.number().int().nullish(),
  data_domains_limit: z.number().int().nullish(),
  can_manage_users: z.boolean().nullish(),
  can_change_own_password: z.boolean().nullish(),
  can_use_data_domains: z.boolean().nullish(),
  can_manage_account: z.boolean().nullish(),
})
export type DqopsUserProfile = z.infer<typeof userProfileSchema>

/** One entry of `GET /api/domains/`. */
export const domainSchema = z.looseObject({
  domain_name: z.string(),
  display_name: z.string().nullish(),
  created_at: z.union([z.number(), z.string()]).nullish(),
  enable_scheduler: z.boolean().nullish(),
})
export const domainListSchema = z.array(domainSchema)

/** A user model as `userModelSchema` outputs it. */
export type UserModelParsed = z.output<typeof userModelSchema>

/** The app's view of a validated wire user, or null when the row has no email (it is unusable). */
export function toDqopsUser(wire: UserModelParsed): DqopsUser | null {
  if (!wire.email) return null
  return { email: wire.email, accountRole: wire.accountRole ?? null, dataDomainRoles: wire.dataDomainRoles }
}

/** Every validated wire user that has an email, in the server's order. */
export function toDqopsUsers(wire: readonly UserModelParsed[]): DqopsUser[] {
  const out: DqopsUser[] = []
  for (const row of wire) {
    const user = toDqopsUser(row)
    if (user) out.push(user)
  }
  return out
}

/** One validated `/api/domains/` entry as the app shows it (the display name falls back to the name). */
export function toDqopsDomain(wire: z.output<typeof domainSchema>): DqopsDomain {
  return { name: wire.domain_name, displayName: wire.display_name || wire.domain_name }
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES)
const isRole = (v: unknown): v is Role => typeof v === 'string' && ROLE_SET.has(v)

/**
 * `userListSchema` + `toDqopsUsers` in one pass without allocating zod's intermediate objects: the
 * list of a large account (50,000 users) is validated in a fraction of zod's time. Returns null
 * where the input does not match; the caller then runs the zod schema, which stays the reference
 * (a test checks both agree) and describes the failure.
 */
export function readUserListFast(json: unknown): DqopsUser[] | null {
  if (!Array.isArray(json)) return null
  const out: DqopsUser[] = []
  for (const item of json as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return null
    const { email, accountRole, dataDomainRoles } = item as Record<string, unknown>
    if (email !== undefined && email !== null && typeof email !== 'string') return null
    if (accountRole !== undefined && accountRole !== null && !isRole(accountRole)) return null
    let roles: Record<string, Role> = {}
    if (dataDomainRoles !== undefined && dataDomainRoles !== null) {
      if (typeof dataDomainRoles !== 'object' || Array.isArray(dataDomainRoles)) return null
      for (const v of Object.values(dataDomainRoles)) if (!isRole(v)) return null
      roles = dataDomainRoles as Record<string, Role>
    }
    if (!email) continue
    out.push({ email, accountRole: accountRole ?? null, dataDomainRoles: roles })
  }
  return out
}
