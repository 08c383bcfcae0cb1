/**
 * The store's port to its database: a handful of calls over prepared
 * statements, implemented once per driver — better-sqlite3 (synchronous, in
 * process), PostgreSQL through postgres.js (pipelined) and Cloudflare D1
 * (batched). Every query above this module is written once against it.
 *
 * Why not @effect/sql: its per-statement pipeline (a span, compilation of the
 * template, a scoped acquire, a cache lookup, row transforms) cost ~17 µs of
 * JavaScript per statement here, and ~100 µs under load; a statement through
 * this port costs a map lookup and the driver call (docs/storage.md has the
 * measurement). Effect stays where it pays: one Effect per command or query,
 * typed errors, the clock, services.
 *
 * Transactions: `transaction(body, lock)` runs `body` all or nothing.
 * - SQLite: `BEGIN IMMEDIATE`, then the body runs synchronously to its end (no
 *   other fiber can touch the connection meanwhile), then `COMMIT`.
 * - PostgreSQL: `BEGIN` and the lock statement are sent with the body's first
 *   read; the body's writes are held and sent together with `COMMIT` — so a
 *   command is a read round trip or two and one write round trip.
 * - D1: reads go as they come; the writes are sent as one atomic batch.
 * So on every database a transaction's reads never see its own writes: no
 * command reads what it wrote (the contract suite runs on all three).
 */
import { Context, Data, Effect, FiberRef } from "effect"
import type { Dialect, Param, Row, Statement } from "./Statement.js"

/** A database call failed; `cause` is the driver's error. */
export class SqlError extends Data.TaggedError("SqlError")<{
  readonly message: string
  readonly cause: unknown
}> {}

/** Whether a failure is the database refusing a duplicate key. */
export const isUniqueViolation = (e: unknown): boolean => {
  const cause = e instanceof SqlError ? e.cause : e
  if (typeof cause !== "object" || cause === null) return false
  const code = String((cause as { code?: unknown }).code ?? "")
  const message = String((cause as { message?: unknown }).message ?? "")
  return (
    code === "23505" || /UNIQUE|PRIMARYKEY|unique constraint|duplicate key/i.test(code + message)
  )
}

/** The locks a PostgreSQL write transaction takes first (SQLite and D1 ignore them). */
export interface Lock {
  readonly statement: Statement<unknown>
  readonly params: readonly Param[]
}

/**
 * What one request asked of the database, when someone counts (benchmarks):
 * statements (reads and writes; `BEGIN`, `COMMIT` and `ROLLBACK` are not
 * among them but counted as `transactions`), and round trips — the times the
 * request waited for the database (statements sent together count once).
 */
export interface Counter {
  statements: number
  transactions: number
  roundTrips: number
}

/** A counter at zero. */
export const newCounter = (): Counter => ({ statements: 0, transactions: 0, roundTrips: 0 })

/** The counter of the running request, if it is counted. */
export const currentCounter: FiberRef.FiberRef<Counter | null> =
  FiberRef.unsafeMake<Counter | null>(null)

/** Counts into `counter` every statement and round trip `effect` makes. */
export const counted = <A, E, R>(counter: Counter, effect: Effect.Effect<A, E, R>) =>
  Effect.locally(effect, currentCounter, counter)

/** One read with its parameters, for `reads`. */
export type Read<A> = readonly [Statement<A>, readonly Param[]]

type Results<T extends readonly Read<unknown>[]> = {
  readonly [K in keyof T]: T[K] extends Read<infer A> ? readonly A[] : never
}

export interface DbShape {
  readonly dialect: Dialect
  /**
   * Whether a statement is a call inside this process (SQLite through its driver): one more
   * statement then costs microseconds, where PostgreSQL and D1 pay a round trip for it.
   */
  readonly inProcess: boolean
  /** Every row of a read. */
  readonly all: <A>(s: Statement<A>, params?: readonly Param[]) => Effect.Effect<A[], SqlError>
  /** The first row of a read, if any. */
  readonly first: <A>(
    s: Statement<A>,
    params?: readonly Param[],
  ) => Effect.Effect<A | undefined, SqlError>
  /** Several reads at once: one round trip on PostgreSQL, one after the other elsewhere. */
  readonly reads: <const T extends readonly Read<unknown>[]>(
    reads: T,
  ) => Effect.Effect<Results<T>, SqlError>
  /** A write. Inside a transaction on PostgreSQL and D1 it is sent with the commit. */
  readonly run: (s: Statement<unknown>, params?: readonly Param[]) => Effect.Effect<void, SqlError>
  /** Runs `body` as one write transaction (see the module comment). */
  readonly transaction: <A, E, R>(
    body: Effect.Effect<A, E, R>,
    lock?: Lock,
  ) => Effect.Effect<A, E | SqlError, R>
  /** SQL text (placeholders `?`), outside any transaction: tests and tools. */
  readonly unsafe: (text: string, params?: readonly Param[]) => Effect.Effect<Row[], SqlError>
}

/** The database the store runs on. */
export class Db extends Context.Tag("@kontakt/store/Db")<Db, DbShape>() {}
