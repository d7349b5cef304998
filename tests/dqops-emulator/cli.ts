/**
 * `npm run emulator [-- options]`: starts the DQOps emulator with demo users and prints how to
 * point the app at it. The demo keys are stable across runs (a fixed signing secret) and work
 * only against this emulator.
 */
import { parseArgs } from 'node:util'
import { CONTROL_PREFIX, startEmulator, type AuthMode, type Licence } from './index'
import { DEMO_DOMAINS, DEMO_USERS } from './demo'

/** 8888 is a real DQOps' default port; the emulator stays clear of it. */
export const DEFAULT_PORT = 8899
const LICENCES: readonly Licence[] = ['FREE', 'PERSONAL', 'TEAM', 'ENTERPRISE']

const HELP = `Usage: npm run emulator -- [options]
  --port <n>          port on 127.0.0.1 (default ${DEFAULT_PORT}, or $DQOPS_EMULATOR_PORT; 0 = any free port)
  --base-path <p>     serve under a path prefix, e.g. /dqops
  --licence <l>       FREE (standalone, unpaired) | PERSONAL | TEAM | ENTERPRISE (default)
  --auth <m>          bearer (default) | none (no key = local admin)
  --users-limit <n>   the licence's user limit (default 100)
  --seed <n>          add n generated users (user00001@example.com ...)
  --random-keys       sign keys with a random secret instead of the fixed demo one
  -h, --help          this help`

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`)
  process.exit(2)
}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) fail(`${name} must be a whole number, not "${value}".`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'base-path': { type: 'string' },
      licence: { type: 'string' },
      auth: { type: 'string' },
      'users-limit': { type: 'string' },
      seed: { type: 'string' },
      'random-keys': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(HELP)
    return
  }
  const licence = (values.licence ?? 'ENTERPRISE').toUpperCase() as Licence
  if (!LICENCES.includes(licence)) fail(`Unknown licence "${values.licence ?? ''}".`)
  const auth = (values.auth ?? 'bearer') as AuthMode
  if (auth !== 'bearer' && auth !== 'none') fail(`Unknown auth mode "${auth}".`)

  const port = int(values.port ?? process.env.DQOPS_EMULATOR_PORT, 'The port') ?? DEFAULT_PORT
  const usersLimit = int(values['users-limit'], 'The user limit')
  const seedUsers = int(values.seed, 'The seed count')
  const emulator = await startEmulator({
    port,
    licence,
    auth,
    domains: DEMO_DOMAINS,
    users: DEMO_USERS,
    ...(values['base-path'] !== undefined ? { basePath: values['base-path'] } : {}),
    ...(usersLimit !== undefined ? { usersLimit } : {}),
    ...(seedUsers !== undefined ? { seedUsers } : {}),
    ...(values['random-keys'] ? {} : { secret: 'dqops-users-emulator-demo-only' }),
  })

  const roles = Object.entries(emulator.identities)
    .map(
      ([role, who]) =>
        `  ${role.padEnd(9)}${who.email.padEnd(22)}${emulator.keys[role as keyof typeof emulator.keys]}`,
    )
    .join('\n')
  console.log(`DQOps emulator (${licence}, auth ${auth}, ${emulator.state.users.size} users) listening on

  ${emulator.url}

Demo API keys (they work only against this emulator):
${roles}

Point the app at it: create a connection profile with the base URL above and paste one of the keys
(admin manages users; the others show what each role may do; "none" is refused everywhere).
Control API: ${emulator.origin}${CONTROL_PREFIX}/state  (see tests/dqops-emulator/README.md)
Press Ctrl+C to stop.`)

  const stop = (): void => {
    void emulator.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e: unknown) => {
  const code = (e as { code?: unknown }).code
  if (code === 'EADDRINUSE')
    console.error('That port is in use. Choose another with --port <n>, or --port 0 for any free port.')
  else console.error(e)
  process.exit(1)
})
