/**
 * What a DQOps base URL may be, in one place for the profile form (live feedback), main's profile
 * service and the DQOps client: http(s) only, no credentials, no query or fragment, any path
 * prefix (a reverse proxy serving DQOps under `/dqops`) kept, trailing slashes dropped.
 */
export type BaseUrlCheck = { ok: true; url: string } | { ok: false; problem: string }

export function checkBaseUrl(raw: string): BaseUrlCheck {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { ok: false, problem: 'The base URL is not a valid address. Use one like http://localhost:8888.' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: 'The base URL must start with http:// or https://.' }
  }
  if (!url.hostname) return { ok: false, problem: 'The base URL has no host name.' }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      problem:
        'The base URL must not contain a user name or password. Put the API key in the profile instead.',
    }
  }
  if (url.search !== '' || url.hash !== '') {
    return {
      ok: false,
      problem: 'The base URL must not contain "?" or "#". Use only the address where DQOps is served.',
    }
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/u, '')}` }
}
