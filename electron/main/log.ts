/**
 * The main process's logger. Every line goes through a redactor that replaces any secret the app
 * knows of (API keys read from or written to the keychain, passwords in flight) with `[redacted]`,
 * so no log line can carry one even if a bug puts it into a message.
 */
export interface Redactor {
  /** Remember a secret value so that it is scrubbed from everything logged. */
  add(secret: string | null | undefined): void
  forget(secret: string | null | undefined): void
  redact(text: string): string
}

/** Secrets shorter than this are not scrubbed (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 6

export function createRedactor(): Redactor {
  const secrets = new Set<string>()
  return {
    add(secret) {
      if (secret && secret.length >= MIN_SECRET_LENGTH) secrets.add(secret)
    },
    forget(secret) {
      if (secret) secrets.delete(secret)
    },
    redact(text) {
      let out = text
      for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]')
      return out
    },
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export interface Logger {
  debug(message: string, extra?: unknown): void
  info(message: string, extra?: unknown): void
  warn(message: string, extra?: unknown): void
  error(message: string, extra?: unknown): void
}

export type LogSink = (level: LogLevel, line: string) => void

export const consoleSink: LogSink = (level, line) => {
  const write = level === 'error' ? console.error : level === 'warn' ? console.warn : console.log
  write(line)
}

function describe(extra: unknown): string {
  if (extra === undefined) return ''
  if (extra instanceof Error) return ` ${extra.name}: ${extra.message}`
  try {
    return ` ${JSON.stringify(extra)}`
  } catch {
    return ` ${String(extra)}`
  }
}

export function createLogger(redactor: Redactor, sink: LogSink = consoleSink): Logger {
  const emit = (level: LogLevel) => (message: string, extra?: unknown) =>
    sink(level, redactor.redact(`[${level}] ${message}${describe(extra)}`))
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') }
}
