/**
 * Whether a DQOps base URL would carry the API key unencrypted across a network. Shared so the
 * profile form warns while the user types, and main flags stored profiles, by the same rule.
 */

/** localhost, *.localhost, 127.0.0.0/8 and ::1: traffic to them never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** Plain http to a host that is not loopback: the key would travel unencrypted. */
export function isInsecureTransport(baseUrl: string): boolean {
  let url: URL
  try {
    url = new URL(baseUrl.trim())
  } catch {
    return false
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
}
