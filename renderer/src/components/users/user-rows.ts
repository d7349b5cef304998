/**
 * The user list as the view shows it, built for 10,000 users: every row is computed once per list
 * (search text, role rank, domain summary) and frozen, and both sort orders are computed once, so a
 * keystroke in the search box is one linear pass over precomputed strings and a sort change is no
 * sort at all. Nothing here is reactive: the store keeps the index in a `shallowRef`.
 */
import { DEFAULT_DOMAIN, roleRank, ROLES, type DqopsUser, type Role } from '../../../../shared/roles'

export interface UserRow {
  readonly user: DqopsUser
  /** The email exactly as DQOps has it (its key: DQOps compares emails case-sensitively). */
  readonly id: string
  /** Lower-cased text the search box matches against (email, role, domain roles). */
  readonly search: string
  /** The email lower-cased: what the email sort compares. */
  readonly emailKey: string
  readonly rank: number
  /** "default: editor, sales: viewer" (domains where the user has a role), or "". */
  readonly domains: string
}

export interface UserIndex {
  /** In the server's order. */
  readonly rows: readonly UserRow[]
  readonly byEmail: readonly UserRow[]
  readonly byRole: readonly UserRow[]
}

export type SortKey = 'email' | 'role'
export type SortDir = 'asc' | 'desc'
export interface ListQuery {
  text: string
  role: Role | 'all'
  sort: SortKey
  dir: SortDir
}

export const DEFAULT_QUERY: ListQuery = Object.freeze({ text: '', role: 'all', sort: 'email', dir: 'asc' })

/** The root domain's name as people read it. */
export function domainLabel(name: string): string {
  return name === DEFAULT_DOMAIN ? 'default' : name
}

/** The root domain first, then by name (code-unit order: cheap, and stable across locales). */
function byDomain(a: string, b: string): number {
  if (a === DEFAULT_DOMAIN) return -1
  if (b === DEFAULT_DOMAIN) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Domain roles other than `none`, as one short line. Runs once per row: kept allocation-light. */
export function domainSummary(roles: Readonly<Record<string, Role>>): string {
  const names: string[] = []
  for (const d in roles) if (roles[d] !== 'none') names.push(d)
  if (names.length > 1) names.sort(byDomain)
  let out = ''
  for (const d of names) out += `${out ? ', ' : ''}${domainLabel(d)}: ${roles[d]}`
  return out
}

/**
 * A row for the table. The user object is frozen in place rather than copied: it arrived over IPC
 * and nothing else holds it, and copying 10,000 of them was the single largest cost of a load.
 */
export function toRow(user: DqopsUser): UserRow {
  const domains = domainSummary(user.dataDomainRoles)
  Object.freeze(user.dataDomainRoles)
  const emailKey = user.email.toLowerCase()
  return Object.freeze({
    user: Object.freeze(user),
    id: user.email,
    search: `${emailKey} ${user.accountRole ?? ''} ${domains.toLowerCase()}`,
    emailKey,
    rank: roleRank(user.accountRole),
    domains,
  })
}

/** Case-insensitive, then exact (so two emails differing only in case keep a fixed order). */
function byEmail(a: UserRow, b: UserRow): number {
  if (a.emailKey !== b.emailKey) return a.emailKey < b.emailKey ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Role order (admin first) with email order within each role: a stable bucket pass, no sort. */
function groupByRole(sortedByEmail: readonly UserRow[]): UserRow[] {
  const buckets: UserRow[][] = Array.from({ length: ROLES.length + 1 }, () => [])
  for (const row of sortedByEmail) buckets[row.rank]!.push(row)
  return buckets.flat()
}

export function indexFromRows(rows: readonly UserRow[]): UserIndex {
  const sorted = rows.slice().sort(byEmail)
  return Object.freeze({
    rows: Object.freeze(rows.slice()),
    byEmail: Object.freeze(sorted),
    byRole: Object.freeze(groupByRole(sorted)),
  })
}

export function buildIndex(users: readonly DqopsUser[]): UserIndex {
  return indexFromRows(users.map(toRow))
}

/** The index with one user added or replaced (matched by exact email, as DQOps does). */
export function upsertUser(index: UserIndex, user: DqopsUser): UserIndex {
  const row = toRow(user)
  const at = index.rows.findIndex((r) => r.id === row.id)
  const rows = index.rows.slice()
  if (at < 0) rows.push(row)
  else rows[at] = row
  return indexFromRows(rows)
}

export function removeUser(index: UserIndex, email: string): UserIndex {
  return indexFromRows(index.rows.filter((r) => r.id !== email))
}

/**
 * The rows to show: the precomputed order for the sort key, walked forwards or backwards, keeping
 * rows that match the role filter and every word of the search text. One pass, no sorting.
 */
export function queryRows(index: UserIndex, q: ListQuery): readonly UserRow[] {
  const ordered = q.sort === 'email' ? index.byEmail : index.byRole
  const words = q.text.toLowerCase().split(/\s+/u).filter(Boolean)
  const rank = q.role === 'all' ? -1 : ROLES.indexOf(q.role)
  if (words.length === 0 && rank < 0) return q.dir === 'asc' ? ordered : ordered.slice().reverse()
  const out: UserRow[] = []
  const n = ordered.length
  for (let i = 0; i < n; i++) {
    const row = ordered[q.dir === 'asc' ? i : n - 1 - i]!
    if (rank >= 0 && row.rank !== rank) continue
    if (words.every((w) => row.search.includes(w))) out.push(row)
  }
  return out
}
