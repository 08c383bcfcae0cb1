/**
 * Write transactions, the same on every database: the locks a domain
 * decision needs, then the decision and its writes, all or nothing.
 */
import { SqlClient, type SqlError } from "@effect/sql"
import { Context, Effect, Option } from "effect"

/**
 * How a database without interactive transactions (Cloudflare D1) runs a
 * write transaction instead: it reads as it goes and commits the writes in
 * one atomic batch. Provided by such a database's layer; absent otherwise.
 */
export class TransactionRunner extends Context.Tag("@kontakt/store/TransactionRunner")<
  TransactionRunner,
  {
    readonly run: <A, E, R>(
      effect: Effect.Effect<A, E, R>,
    ) => Effect.Effect<A, E | SqlError.SqlError, R>
  }
>() {}

/**
 * Runs `effect` in a write transaction that first takes the locks a domain
 * decision needs, so that two processes deciding about the same members
 * serialise instead of both deciding on stale facts.
 *
 * PostgreSQL locks the named members' rows (in id order, to avoid deadlock;
 * `FOR NO KEY UPDATE`, so that rows referencing them can still be written).
 * SQLite has one writer at a time: every transaction begins IMMEDIATE (the
 * write lock first, so no read in it can go stale before its writes).
 * Cloudflare D1 has no interactive transactions: its layer provides a
 * `TransactionRunner`, which commits the writes as one batch.
 */
export const writeTransaction = <A, E, R>(
  memberIds: readonly string[],
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E | SqlError.SqlError, R | SqlClient.SqlClient> =>
  Effect.flatMap(Effect.serviceOption(TransactionRunner), (runner) =>
    Option.isSome(runner) ? runner.value.run(effect) : interactive(memberIds, effect),
  )

const interactive = <A, E, R>(memberIds: readonly string[], effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.onDialectOrElse({
      pg: () => {
        const ids = [...new Set(memberIds)].sort()
        // NO KEY UPDATE serialises decisions about these members yet lets other transactions
        // insert rows that reference them: a foreign key check takes KEY SHARE, which
        // FOR UPDATE would block (two fan-outs crossing each other deadlocked that way).
        const lock =
          ids.length === 0
            ? Effect.void
            : Effect.asVoid(
                sql`SELECT id FROM members WHERE ${sql.in("id", ids)} ORDER BY id FOR NO KEY UPDATE`,
              )
        return sql.withTransaction(Effect.zipRight(lock, effect))
      },
      orElse: () => sql.withTransaction(effect),
    }),
  )

/**
 * `writeTransaction` for when the members to lock must be looked up first.
 * Only PostgreSQL locks rows, so only there is the lookup run (outside the
 * transaction; the transaction must read its facts again under the locks).
 */
export const writeTransactionFor = <A, E, R, E2, R2>(
  memberIds: Effect.Effect<readonly string[], E2, R2>,
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E | E2 | SqlError.SqlError, R | R2 | SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.onDialectOrElse({
      pg: () => Effect.flatMap(memberIds, (ids) => writeTransaction(ids, effect)),
      orElse: () => writeTransaction([], effect),
    }),
  )
