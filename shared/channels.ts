/**
 * The channel names, and nothing else: the sandboxed preload imports this file (it must bundle to
 * code that imports only `electron`), so it holds no zod and no other dependency.
 * `shared/contract.ts` declares each channel's schema; a type test there keeps both lists equal.
 */
export const CHANNELS = [
  'app.info',
  'profiles.list',
  'profiles.create',
  'profiles.update',
  'profiles.delete',
  'profiles.duplicate',
  'profiles.setActive',
  'profiles.setApiKey',
  'profiles.removeApiKey',
  'profiles.testConnection',
  'profiles.export',
  'profiles.import',
  'users.list',
  'users.get',
  'users.create',
  'users.update',
  'users.delete',
  'users.setPassword',
  'users.changeMyPassword',
  'users.domains',
] as const

export type ChannelName = (typeof CHANNELS)[number]

/** IPC channel string on the wire: one namespace so nothing else in Electron collides. */
export function ipcChannel(name: ChannelName): string {
  return `dqops:${name}`
}
