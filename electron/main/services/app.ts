/** `app.info`: what the About panel shows, including whether the OS keychain can be used. */
import type { HandlerGroup, ServiceDeps } from './types'

export function createAppHandlers(
  deps: Pick<ServiceDeps, 'runtime' | 'secrets' | 'userDataDir'>,
): HandlerGroup<'app'> {
  return {
    async 'app.info'() {
      const { runtime } = deps
      return {
        name: runtime.name,
        version: runtime.version,
        platform: runtime.platform,
        arch: runtime.arch,
        versions: runtime.versions,
        keychain: await deps.secrets.isAvailable(),
        userDataDir: deps.userDataDir,
      }
    },
  }
}
