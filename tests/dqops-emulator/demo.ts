/** The demo data `npm run emulator` starts with: a small team with varied roles and domains. */
import type { UserSeed } from './state'

export const DEMO_DOMAINS = ['sales', 'finance', 'marketing']

export const DEMO_USERS: UserSeed[] = [
  { email: 'alice@example.com', accountRole: 'admin' },
  { email: 'bob@example.com', accountRole: 'editor', dataDomainRoles: { sales: 'admin' } },
  {
    email: 'carol@example.com',
    accountRole: 'operator',
    dataDomainRoles: { finance: 'editor', marketing: 'viewer' },
  },
  { email: 'dave@example.com', accountRole: 'viewer' },
  { email: 'erin@example.com', accountRole: 'none', dataDomainRoles: { marketing: 'operator' } },
  { email: 'Zoe.Upper@example.com', accountRole: 'viewer' },
  { email: 'a+tag@example.com', accountRole: 'viewer' },
  { email: "o'neil@example.com", accountRole: 'operator' },
  { email: 'jürgen@example.de', accountRole: 'editor', dataDomainRoles: { finance: 'viewer' } },
]
