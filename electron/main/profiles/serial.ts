/**
 * Two small concurrency tools for the profiles file. Everything in main runs on one thread, but an
 * operation that awaits the keychain in the middle can interleave with another; and two file writes
 * in flight at once could land in either order.
 */

/** Runs async sections one at a time, in call order (a failure does not block the next one). */
export interface Mutex {
  run<T>(section: () => Promise<T>): Promise<T>
}

export function createMutex(): Mutex {
  let last: Promise<unknown> = Promise.resolve()
  return {
    run(section) {
      const result = last.then(section)
      last = result.catch(() => undefined)
      return result
    },
  }
}

/**
 * Serializes writes of "the latest state" and coalesces bursts: `request()` resolves once a write
 * that started after the request has finished, so every change made before the call is on disk.
 * Never two writes at once; at most one waiting; 100 quick saves cost a handful of writes.
 */
export interface SerialWriter {
  request(): Promise<void>
}

export function createSerialWriter(write: () => Promise<void>): SerialWriter {
  let tail: Promise<void> = Promise.resolve()
  let waiting: Promise<void> | null = null
  return {
    request() {
      if (waiting) return waiting
      const next = tail
        .catch(() => undefined)
        .then(() => {
          // From here on a new request must wait for the next write: this one may miss its change.
          waiting = null
          return write()
        })
      waiting = next
      tail = next
      return next
    },
  }
}
