/**
 * Login throttling: at most `limit` failed attempts per key in a sliding
 * window. Keys are the account (email) and the client address, so that
 * neither guessing one account's password nor spraying many accounts works.
 * Kept in memory: one process's view (with several processes, each throttles
 * on its own; see docs/api.md).
 */
export interface Throttle {
  /** Seconds until the key may try again, or 0. */
  readonly blockedFor: (key: string, now: number) => number
  readonly fail: (key: string, now: number) => void
  readonly reset: (key: string) => void
}

export const makeThrottle = (limit: number, windowMs: number): Throttle => {
  const failures = new Map<string, number[]>()
  const recent = (key: string, now: number) =>
    (failures.get(key) ?? []).filter((t) => t > now - windowMs)
  return {
    blockedFor: (key, now) => {
      const times = recent(key, now)
      failures.set(key, times)
      if (times.length < limit) return 0
      return ((times[times.length - limit] ?? now) + windowMs - now) / 1000
    },
    fail: (key, now) => {
      const times = recent(key, now)
      times.push(now)
      failures.set(key, times)
      // Keep the map small: forget keys whose failures have all aged out.
      if (failures.size > 10_000) {
        for (const [k, v] of failures) if (v.every((t) => t <= now - windowMs)) failures.delete(k)
      }
    },
    reset: (key) => {
      failures.delete(key)
    },
  }
}
