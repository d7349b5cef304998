/**
 * The one place where error codes become words for people: a title saying what happened and a hint
 * saying what to do. Main's message (already specific: "the keychain could not save…") is shown as
 * the body; these add the headline and the next step. A code's words are shown under every
 * operation that can fail with it (listing users, a connection test, my password…), so they must be
 * true for all of them; main's message names the specific case. The Record type makes the compiler
 * find any code without words.
 */
import type { ErrorCode, IpcError } from '../../../shared/errors'

interface Words {
  title: string
  hint: string
}

export const ERROR_WORDS: Record<ErrorCode, Words> = {
  unauthorized: {
    title: 'DQOps did not accept the API key',
    hint: 'A key stops working when it is replaced in DQOps or its user is deleted; the key is kept only in your OS keychain.',
  },
  forbidden: {
    title: 'DQOps refused',
    hint: 'This key’s role or the instance’s licence may not allow it: check whose key the connection profile holds, or ask an account admin.',
  },
  'not-found': {
    title: 'Not found in DQOps',
    hint: 'Someone may have deleted it, or the base URL (with any path prefix such as /dqops) may not point at DQOps.',
  },
  rejected: { title: 'DQOps rejected the request', hint: 'Check what you entered and try again.' },
  limit: {
    title: 'The account’s user limit is reached',
    hint: 'Delete a user you no longer need, or raise the limit of your DQOps licence.',
  },
  'bad-request': { title: 'DQOps could not read the request', hint: 'Check what you entered and try again.' },
  unsupported: {
    title: 'DQOps does not accept this kind of request',
    hint: 'The DQOps server may be a version this app does not support.',
  },
  server: {
    title: 'DQOps had an internal error',
    hint: 'Try again in a moment; if it keeps failing, check the DQOps server’s log.',
  },
  network: {
    title: 'The DQOps server cannot be reached',
    hint: 'A VPN, proxy or firewall between you and DQOps can also block the connection.',
  },
  timeout: {
    title: 'DQOps did not answer in time',
    hint: 'The server may be busy or unreachable. Try again.',
  },
  tls: {
    title: 'The secure connection failed',
    hint: 'The server’s certificate is not trusted by this computer. Check the URL or ask your administrator.',
  },
  'invalid-response': {
    title: 'DQOps sent an answer the app does not understand',
    hint: 'The URL may point at something other than DQOps (a proxy or login page), or at an unsupported version.',
  },
  'invalid-request': {
    title: 'The app sent a malformed request',
    hint: 'This is a bug in the app. Please report it.',
  },
  'forbidden-sender': {
    title: 'A request was blocked',
    hint: 'Only the app’s own window may talk to its main process.',
  },
  validation: { title: 'Please check what you entered', hint: 'Fix the highlighted field and try again.' },
  'keychain-unavailable': {
    title: 'The OS keychain is not available',
    hint: 'API keys are stored only in the OS keychain, never in a file.',
  },
  'profile-not-found': { title: 'That connection profile no longer exists', hint: 'Pick another profile.' },
  file: { title: 'A file could not be read or written', hint: 'Check the path and its permissions.' },
  internal: {
    title: 'Something went wrong in the app',
    hint: 'Try again; if it keeps happening, restart the app.',
  },
}

export function describeError(error: IpcError): { title: string; message: string; hint: string } {
  const words = ERROR_WORDS[error.code] ?? ERROR_WORDS.internal
  return { title: words.title, message: error.message, hint: words.hint }
}
