/**
 * The sign-in throttle, kept in the database: at most `limit` attempts per
 * key (an account, an address) in a sliding window. An attempt is counted
 * when it begins (`begin`), before its password is checked, and taken back
 * if it succeeds (`succeeded`) — so attempts in flight count, whichever
 * process serves them. PostgreSQL takes an advisory lock per key for the
 * count and the insert; SQLite's write lock does the same. (D1 cannot lock:
 * attempts at the very same moment may pass by a few.)
 */
import { Effect } from "effect"
import { Db, type Lock } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"

/** One key's limit. */
export interface ThrottleKey {
  readonly key: string
  readonly limit: number
}

const recent = statement(
  "SELECT at FROM login_attempts WHERE throttle_key = ? AND at > ? ORDER BY at DESC LIMIT ?",
  (r) => col.str(r, "at"),
)
const forget = statement("DELETE FROM login_attempts WHERE throttle_key = ? AND at <= ?")
const insert = statement(
  "INSERT INTO login_attempts (id, attempt, throttle_key, at) VALUES (?, ?, ?, ?)",
)
const takeBack = statement("DELETE FROM login_attempts WHERE attempt = ?")
const clear = statement("DELETE FROM login_attempts WHERE throttle_key = ?")
const lockKeys = statement(
  "SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT unnest(?::text[]) AS k ORDER BY 1) keys",
)

export class LoginAttempts extends Effect.Service<LoginAttempts>()("@kontakt/store/LoginAttempts", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const ids = yield* Ids
    return {
      /**
       * Counts an attempt under every key, or refuses it: then the seconds
       * until the busiest key frees a slot.
       */
      begin: (keys: readonly ThrottleKey[], windowMs: number, now: Date) => {
        const lock: Lock = {
          statement: lockKeys,
          params: [[...new Set(keys.map((k) => k.key))].sort()],
        }
        return db.transaction(
          Effect.gen(function* () {
            const since = iso(new Date(now.getTime() - windowMs))
            const found = yield* db.reads(
              keys.map((k) => [recent, [k.key, since, k.limit]] as const),
            )
            let wait = 0
            keys.forEach((k, i) => {
              const times = found[i] ?? []
              if (times.length < k.limit) return
              // The slot frees when the oldest of the last `limit` attempts leaves the window.
              const oldest = new Date(times.at(-1) ?? iso(now)).getTime()
              wait = Math.max(wait, (oldest + windowMs - now.getTime()) / 1000)
            })
            if (wait > 0) return { _tag: "Refused" as const, retryAfterSeconds: Math.ceil(wait) }
            const attempt = yield* ids.next
            for (const k of keys) {
              yield* db.run(forget, [k.key, since])
              yield* db.run(insert, [yield* ids.next, attempt, k.key, iso(now)])
            }
            return { _tag: "Counted" as const, attempt }
          }),
          lock,
        )
      },
      /** The attempt succeeded: it does not count, and neither do `reset`'s earlier failures. */
      succeeded: (attempt: string, reset: readonly string[]) =>
        db.transaction(
          Effect.gen(function* () {
            yield* db.run(takeBack, [attempt])
            for (const key of reset) yield* db.run(clear, [key])
          }),
        ),
    }
  }),
}) {}
