/**
 * @kontakt/store/d1 — Cloudflare D1 (SQLite at the edge) as kontakt's
 * database. `SqlClient.make` from @effect/sql (templates, the SQLite compiler,
 * name transforms) over the D1 binding, so every query of the store runs
 * unchanged.
 *
 * D1 has no interactive transactions: a statement runs on its own, or a list
 * of statements runs atomically with `batch`. So a write transaction here
 * reads as it goes and collects its writes (INSERT, UPDATE, DELETE), then
 * sends them as one batch: all or nothing, as on the other databases. What
 * it cannot do is lock: between a transaction's reads and its batch another
 * request may write. The database's constraints still hold every invariant
 * they carry (one open request per pair, one connection per pair, category
 * names per owner); counted limits (100 requests a week) can be overrun by a
 * few under concurrent requests from one member. A transaction's reads do not
 * see its own writes — no transaction in the store reads what it wrote.
 * A migration is a transaction too: its schema changes and its row in the
 * migrations table form one batch, so a migration is applied whole or not
 * at all, and of two isolates migrating at once the second's batch fails on
 * that row and changes nothing.
 * (@effect/sql-d1 refuses transactions altogether, so this client is ours.)
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import { SqlClient, type SqlConnection, SqlError, Statement } from "@effect/sql"
import { Context, Effect, Layer } from "effect"
import { TransactionRunner } from "./Transactions.js"

/** The part of Cloudflare's D1 binding this client uses. */
export interface D1Database {
  prepare(query: string): D1PreparedStatement
  batch(statements: D1PreparedStatement[]): Promise<unknown[]>
}
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>
  run(): Promise<unknown>
}

export interface D1Options {
  readonly transformResultNames?: (name: string) => string
  readonly transformQueryNames?: (name: string) => string
}

const failed = (message: string) => (cause: unknown) => new SqlError.SqlError({ cause, message })

// What a transaction keeps for its batch: writes, and schema changes (a migration is one batch).
const isWrite = (text: string) =>
  /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i.test(text)

// D1 hands blobs back as ArrayBuffers (or arrays of bytes); the store reads Uint8Arrays.
const normalize = (rows: readonly Record<string, unknown>[]) =>
  rows.map((row) => {
    for (const [k, v] of Object.entries(row)) {
      if (v instanceof ArrayBuffer) row[k] = new Uint8Array(v)
    }
    return row
  })

// D1 binds ArrayBuffers, not Node's Uint8Array views of a larger buffer.
const bindable = (params: ReadonlyArray<unknown>) =>
  params.map((p) =>
    p instanceof Uint8Array
      ? p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength)
      : typeof p === "boolean"
        ? p
          ? 1
          : 0
        : p,
  )

type Transform = (<A extends object>(rows: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined

/**
 * A connection to D1. With a `pending` list it is a transaction's: writes
 * are kept for the batch, savepoints mark how far to drop on a rollback.
 */
const makeConnection = (db: D1Database, pending: D1PreparedStatement[] | null) => {
  const marks: number[] = []
  const statement = (text: string, params: ReadonlyArray<unknown>) =>
    db.prepare(text).bind(...bindable(params))
  const execute = (text: string, params: ReadonlyArray<unknown>, transform: Transform) =>
    Effect.tryPromise({
      try: async () => {
        if (pending !== null && isWrite(text)) {
          pending.push(statement(text, params))
          return []
        }
        const { results } = await statement(text, params).all()
        const rows = normalize(results as Record<string, unknown>[])
        return transform === undefined ? rows : transform(rows)
      },
      catch: failed("Failed to execute statement"),
    })
  // Transaction control arrives as plain SQL from @effect/sql's withTransaction.
  const control = (text: string) =>
    Effect.sync(() => {
      if (pending === null) return false
      const word = text.trim().toUpperCase()
      if (word.startsWith("BEGIN")) pending.length = 0
      else if (word.startsWith("SAVEPOINT")) marks.push(pending.length)
      else if (word.startsWith("ROLLBACK TO")) pending.length = marks.at(-1) ?? 0
      else if (word.startsWith("RELEASE")) marks.pop()
      else if (word.startsWith("ROLLBACK")) pending.length = 0
      else return false
      return true
    })
  const connection: SqlConnection.Connection = {
    execute,
    executeRaw: (text, params) => execute(text, params, undefined),
    executeValues: (text, params) =>
      Effect.map(execute(text, params, undefined), (rows) =>
        rows.map((r) => Object.values(r as Record<string, unknown>)),
      ),
    executeUnprepared: (text, params, transform) =>
      Effect.flatMap(control(text), (handled) =>
        handled
          ? Effect.succeed([])
          : text.trim().toUpperCase().startsWith("COMMIT")
            ? commit
            : execute(text, params ?? [], transform),
      ),
    executeStream: () => Effect.dieMessage("executeStream is not supported on D1"),
  }
  const commit = Effect.tryPromise({
    try: async () => {
      if (pending === null || pending.length === 0) return []
      const batch = pending.splice(0)
      await db.batch(batch)
      return []
    },
    catch: failed("Failed to commit the batch"),
  })
  return { connection, commit }
}

/** The D1 `SqlClient`, and the `TransactionRunner` that batches write transactions. */
export const d1Layer = (
  db: D1Database,
  options: D1Options = {},
): Layer.Layer<SqlClient.SqlClient | TransactionRunner> =>
  Layer.effectContext(
    Effect.gen(function* () {
      const direct = makeConnection(db, null).connection
      const compiler = Statement.makeCompilerSqlite(options.transformQueryNames)
      const transformRows =
        options.transformResultNames === undefined
          ? undefined
          : Statement.defaultTransforms(options.transformResultNames).array
      const client = yield* SqlClient.make({
        acquirer: Effect.succeed(direct),
        // withTransaction outside a write transaction (migrations): its writes form one batch.
        transactionAcquirer: Effect.sync(() => makeConnection(db, []).connection),
        compiler,
        spanAttributes: [["db.system.name", "d1"]],
        ...(transformRows === undefined ? {} : { transformRows }),
      })
      const runner = TransactionRunner.of({
        run: (effect) =>
          Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer) => {
            // Inside a write transaction already: its writes join that batch.
            if (outer._tag === "Some") return effect
            const tx = makeConnection(db, [])
            return Effect.tap(
              Effect.provideService(effect, SqlClient.TransactionConnection, [tx.connection, 0]),
              () => tx.commit,
            )
          }),
      })
      return Context.make(SqlClient.SqlClient, client).pipe(Context.add(TransactionRunner, runner))
    }),
  ).pipe(Layer.provide(Reactivity.layer))
