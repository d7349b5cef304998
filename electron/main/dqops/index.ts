/** The DQOps client module: the client, its error type and the API key reader. */
export { createDqopsClient } from './client'
export { decodeApiKey, normaliseApiKey } from './apikey'
export { DqopsError, isDqopsError, type DqopsOperation } from './errors'
export { DEFAULT_TIMEOUT_MS } from './transport'
export { normaliseBaseUrl } from './url'
export type { DqopsClient, DqopsClientOptions, UserModelInput, CreateDqopsClient } from './types'
