/**
 * Composes every service into the handlers of the contract. Electron's main (`index.ts`) and the
 * tests (unit, end-to-end harness, benchmarks) call this same function with their own ports.
 */
import type { Handlers } from '../../../shared/contract'
import { createAppHandlers } from './app'
import { createProfileService } from './profiles'
import type { ServiceDeps } from './types'
import { createUserHandlers } from './users'

export interface Services {
  handlers: Handlers
  /** Loads the profiles file; call once before serving the first request. */
  ready: Promise<void>
}

export function createServices(deps: ServiceDeps): Services {
  const profiles = createProfileService(deps)
  const handlers: Handlers = {
    ...createAppHandlers(deps),
    ...profiles.handlers,
    ...createUserHandlers(deps, profiles.connections),
  }
  return { handlers, ready: profiles.ready }
}
