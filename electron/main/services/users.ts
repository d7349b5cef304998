/**
 * The `users.*` channels: the seven DQOps user operations plus the data-domain list.
 *
 * Each handler resolves the request's profile (base URL + key from the keychain, in main), builds a
 * client for it and calls it. The DQOps server checks almost nothing (API.md: no email syntax, no
 * password policy), so the rules that count are checked here, whatever the renderer already did.
 * Passwords are registered with the log redactor while they are in flight.
 */
import type { CreateUserResult, ValidRequestOf } from '../../../shared/contract'
import type { DqopsUser } from '../../../shared/dqops'
import { AppError } from '../../../shared/errors'
import { errorToIpc } from '../dispatch'
import { passwordProblem, sameAsUserName } from '../../../shared/password-policy'
import { emailProblem } from '../../../shared/validation'
import type { DqopsClient, UserModelInput } from '../dqops/types'
import type { ConnectionResolver, HandlerGroup, ServiceDeps } from './types'

type Deps = Pick<ServiceDeps, 'createClient' | 'dqopsTimeoutMs' | 'redactor' | 'log'>

/** A refusal of what the user typed, naming the field so the renderer can highlight it. */
function invalid(field: string, message: string): AppError {
  return new AppError('validation', message, { details: { field } })
}

/** A new user's email must look like `local@domain.tld` (the DQOps web UI's rule). */
function requireEmail(email: string, field = 'email'): void {
  const problem = emailProblem(email)
  if (problem) throw invalid(field, problem)
}

function requirePolicy(password: string, field = 'password'): void {
  const problem = passwordProblem(password)
  if (problem) throw invalid(field, problem)
}

/** A user as the contract hands it to a service (validated, defaults applied). */
type ValidUser = ValidRequestOf<'users.update'>['user']

/** The wire model for create/update. */
function toModel(user: ValidUser): UserModelInput {
  return { email: user.email, accountRole: user.accountRole, dataDomainRoles: user.dataDomainRoles }
}

/** The user as we asked DQOps to store it (the fallback when it cannot be read back). */
function fromInput(user: ValidUser): DqopsUser {
  return { email: user.email, accountRole: user.accountRole, dataDomainRoles: { ...user.dataDomainRoles } }
}

export function createUserHandlers(deps: Deps, connections: ConnectionResolver): HandlerGroup<'users'> {
  async function clientFor(profileId: string): Promise<DqopsClient> {
    const c = await connections.resolve(profileId)
    return deps.createClient({
      baseUrl: c.baseUrl,
      apiKey: c.apiKey,
      timeoutMs: deps.dqopsTimeoutMs,
      log: deps.log,
    })
  }

  /** Runs `work` with the password known to the redactor, so no log line can carry it. */
  async function withSecret<T>(password: string, work: () => Promise<T>): Promise<T> {
    deps.redactor.add(password)
    try {
      return await work()
    } finally {
      deps.redactor.forget(password)
    }
  }

  /**
   * The user as DQOps now stores it. Re-reading costs one GET but returns the server's truth (it
   * drops `none` domain roles and lists every domain), so the renderer's local copy matches what a
   * refresh would show. The change already happened: if the read fails, the input is the answer.
   */
  async function readBack(client: DqopsClient, user: ValidUser): Promise<DqopsUser> {
    try {
      return await client.getUser(user.email)
    } catch (e) {
      deps.log.warn(
        'The user was saved but could not be read back; answering with what was sent',
        errorToIpc(e).code,
      )
      return fromInput(user)
    }
  }

  return {
    async 'users.list'({ profileId }) {
      return (await clientFor(profileId)).listUsers()
    },

    // Existing users are named by their email exactly as DQOps has it: an older account whose
    // email our rules for new users would refuse (`ops@localhost`) must still be manageable. The
    // client refuses what cannot be sent safely (empty, `.`, `..`) and encodes the rest.
    async 'users.get'({ profileId, email }) {
      return (await clientFor(profileId)).getUser(email)
    },

    async 'users.create'({ profileId, user, password }) {
      requireEmail(user.email)
      // Check the password before creating anything: a refusal must leave no half-made user.
      if (password !== undefined) requirePolicy(password)
      const client = await clientFor(profileId)
      await client.createUser(toModel(user))
      const created = await readBack(client, user)
      if (password === undefined) return { user: created, password: 'not-requested', passwordError: null }
      const result: CreateUserResult = await withSecret(password, async () => {
        try {
          await client.setUserPassword(user.email, password)
          return { user: created, password: 'set', passwordError: null }
        } catch (e) {
          // The user exists now; report the second step's failure instead of failing the whole call.
          return { user: created, password: 'failed', passwordError: errorToIpc(e) }
        }
      })
      return result
    },

    async 'users.update'({ profileId, email, user }) {
      if (user.email !== email) {
        throw invalid(
          'email',
          'The email of a user cannot change: the user in the request has a different email than the one being updated.',
        )
      }
      const client = await clientFor(profileId)
      await client.updateUser(email, toModel(user))
      return readBack(client, user)
    },

    async 'users.delete'({ profileId, email }) {
      await (await clientFor(profileId)).deleteUser(email)
      return { email }
    },

    async 'users.setPassword'({ profileId, email, password }) {
      requirePolicy(password)
      const client = await clientFor(profileId)
      await withSecret(password, () => client.setUserPassword(email, password))
      return { email }
    },

    async 'users.changeMyPassword'({ profileId, password }) {
      requirePolicy(password)
      const client = await clientFor(profileId)
      return withSecret(password, async () => {
        // Who the key belongs to: needed for the user-name rule and for the answer.
        const me = (await client.getProfile()).user ?? null
        if (sameAsUserName(password, me)) {
          throw invalid('password', 'The new password must differ from your user name (your email address).')
        }
        await client.changeMyPassword(password)
        return { email: me }
      })
    },

    async 'users.domains'({ profileId }) {
      return (await clientFor(profileId)).listDomains()
    },
  }
}
