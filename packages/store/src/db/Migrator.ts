/**
 * Versioned migrations, applied in order at start. Each runs in one write
 * transaction with its row in `kontakt_migrations`, so it is applied whole or
 * not at all — on D1 that transaction is one batch, so of two isolates
 * migrating at once the second's batch fails on the row and changes nothing.
 * On PostgreSQL an advisory lock serialises migrators, and each looks again
 * under the lock. The table is the one @effect/sql's migrator made before
 * (same name and columns), so existing databases carry on.
 */
import { Effect } from "effect"
import { Db, type Lock, type SqlError } from "./Db.js"
import { type Dialect, statement } from "./Statement.js"

/** One migration: its id, its name, and its statements for a dialect. */
export interface Migration {
  readonly id: number
  readonly name: string
  readonly statements: (d: Dialect) => readonly string[]
}

const createTable = statement(
  (d) => `CREATE TABLE IF NOT EXISTS kontakt_migrations (
    migration_id integer PRIMARY KEY NOT NULL,
    created_at ${d.name === "pg" ? "timestamp with time zone NOT NULL DEFAULT now()" : "datetime NOT NULL DEFAULT current_timestamp"},
    name text NOT NULL
  )`,
)
const applied = statement("SELECT migration_id FROM kontakt_migrations", (r) =>
  Number(r["migration_id"]),
)
const record = statement("INSERT INTO kontakt_migrations (migration_id, name) VALUES (?, ?)")

// Any constant: migrators on one PostgreSQL database take turns.
const lock: Lock = { statement: statement("SELECT pg_advisory_xact_lock(7250002)"), params: [] }

/**
 * Applies the migrations not yet applied; returns those applied now, as `[id, name]`.
 *
 * @example
 * ```ts
 * yield* migrateWith(migrations)
 * ```
 */
export const migrateWith = (
  migrations: readonly Migration[],
): Effect.Effect<ReadonlyArray<readonly [number, string]>, SqlError, Db> =>
  Effect.gen(function* () {
    const db = yield* Db
    yield* db.run(createTable)
    const done = new Set(yield* db.all(applied))
    const now: [number, string][] = []
    for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(m.id)) continue
      const ran = yield* db.transaction(
        Effect.gen(function* () {
          // Under the lock (PostgreSQL): another migrator may have been first.
          if ((yield* db.all(applied)).includes(m.id)) return false
          for (const text of m.statements(db.dialect)) yield* db.run(statement(text))
          yield* db.run(record, [m.id, m.name])
          return true
        }),
        lock,
      )
      if (ran) now.push([m.id, m.name])
    }
    return now
  })
