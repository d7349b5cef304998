/**
 * DQOps roles and the app's user types, without any dependency: the renderer imports these (the
 * zod schemas in `./dqops.ts` stay out of its bundle).
 */

/** The five roles DQOps knows, strongest first. There is no `noaccess`. */
export const ROLES = ['admin', 'editor', 'operator', 'viewer', 'none'] as const
export type Role = (typeof ROLES)[number]

/** What each role may do, one line each (shown next to the role picker). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages users and the account; can also edit, run checks and view.',
  editor: 'Edits connections, checks and configuration; can also run checks and view.',
  operator: 'Runs checks and jobs; can view everything.',
  viewer: 'Views data quality results only.',
  none: 'No access at all.',
}

/** Sort rank: admin is 0, none is 4. */
export function roleRank(role: Role | null | undefined): number {
  const i = role ? ROLES.indexOf(role) : -1
  return i < 0 ? ROLES.length : i
}

/** The name DQOps gives the root data domain in responses. */
export const DEFAULT_DOMAIN = '(default)'

/** A user as the app uses it: email is always present (rows without one are rejected). */
export interface DqopsUser {
  email: string
  accountRole: Role | null
  dataDomainRoles: Record<string, Role>
}

/** One data domain as the app shows it. */
export interface DqopsDomain {
  name: string
  displayName: string
}

/** What the app reads from a DQOps-issued API key's payload (display only, never verified). */
export interface ApiKeyOwner {
  email: string | null
  accountRole: Role | null
  domainRoles: Record<string, Role>
  disposition: string | null
}
