/**
 * Which database kontakt talks to, and the layers that open it.
 *
 * `DATABASE_URL` unset → SQLite in `./data/kontakt.db`; `file:/some/path.db`
 * → SQLite there; `postgres://…` or `postgresql://…` → PostgreSQL. Both layers
 * provide the same `SqlClient`, so every query above this module is written once.
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted, String as Str } from "effect"
import pg from "pg"
import { backgroundCheckpoints } from "./Checkpointer.js"
import { leanSqliteLayer } from "./SqliteLean.js"

/** Where the data lives. */
export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly filename: string }
  | { readonly kind: "pg"; readonly url: string }

/**
 * Reads `DATABASE_URL` (or the given value) into a config.
 *
 * @example
 * ```ts
 * parseDatabaseUrl(undefined, "/srv/kontakt") // { kind: "sqlite", filename: "/srv/kontakt/data/kontakt.db" }
 * ```
 */
export const parseDatabaseUrl = (
  url: string | undefined,
  cwd: string = process.cwd(),
): DatabaseConfig => {
  if (url === undefined || url.trim() === "")
    return { kind: "sqlite", filename: resolve(cwd, "data", "kontakt.db") }
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "")
    if (path === "")
      throw new Error("DATABASE_URL file: needs a path, e.g. file:/var/lib/kontakt/kontakt.db")
    return { kind: "sqlite", filename: resolve(cwd, path) }
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "pg", url }
  throw new Error("DATABASE_URL must be file:/path/to.db or postgres://user:pass@host:port/db")
}

const names = { transformQueryNames: Str.camelToSnake, transformResultNames: Str.snakeToCamel }

// SQLite: WAL for concurrent readers, foreign keys on, and a busy timeout so
// that a second process waits for the write lock instead of failing.
// synchronous=NORMAL in WAL mode survives any process crash; only a power
// loss can drop the last commits (see docs/storage.md).
const sqliteLayer = (filename: string) => {
  mkdirSync(dirname(filename), { recursive: true })
  const pragmas = Layer.effectDiscard(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql.unsafe("PRAGMA foreign_keys = ON")
      yield* sql.unsafe("PRAGMA busy_timeout = 10000")
      yield* sql.unsafe("PRAGMA synchronous = NORMAL")
      // The default 2 MB page cache thrashes once indexes outgrow it; reads through mmap skip a syscall per page.
      yield* sql.unsafe("PRAGMA cache_size = -65536")
      yield* sql.unsafe("PRAGMA mmap_size = 268435456")
      // Checkpoints run on their own thread (see Checkpointer.ts), not inside some unlucky commit.
      yield* sql.unsafe("PRAGMA wal_autocheckpoint = 0")
    }),
  )
  const checkpoints = Layer.scopedDiscard(backgroundCheckpoints(filename))
  return Layer.provideMerge(
    Layer.merge(pragmas, checkpoints),
    leanSqliteLayer({ filename, ...names }),
  )
}

// PostgreSQL returns BIGINT (COUNT, identities) as strings; kontakt's numbers fit a double.
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
}

const pgLayer = (url: string, maxConnections: number) =>
  PgClient.layer({ url: Redacted.make(url), maxConnections, types: pgTypes, ...names })

/**
 * The `SqlClient` layer for a config.
 *
 * @example
 * ```ts
 * const live = databaseLayer(parseDatabaseUrl(process.env.DATABASE_URL))
 * ```
 */
export const databaseLayer = (
  config: DatabaseConfig,
  options: { readonly maxConnections?: number } = {},
) =>
  config.kind === "sqlite"
    ? sqliteLayer(config.filename)
    : pgLayer(config.url, options.maxConnections ?? 10)

/**
 * Runs `effect` in a write transaction that first takes the locks a domain
 * decision needs, so that two processes deciding about the same members
 * serialise instead of both deciding on stale facts.
 *
 * PostgreSQL locks the named members' rows (in id order, to avoid deadlock;
 * `FOR NO KEY UPDATE`, so that rows referencing them can still be written).
 * SQLite has one writer at a time: every transaction begins IMMEDIATE (the
 * write lock first, so no read in it can go stale before its writes).
 */
export const writeTransaction = <A, E, R>(
  memberIds: readonly string[],
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E | import("@effect/sql").SqlError.SqlError, R | SqlClient.SqlClient> =>
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
): Effect.Effect<
  A,
  E | E2 | import("@effect/sql").SqlError.SqlError,
  R | R2 | SqlClient.SqlClient
> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.onDialectOrElse({
      pg: () => Effect.flatMap(memberIds, (ids) => writeTransaction(ids, effect)),
      orElse: () => writeTransaction([], effect),
    }),
  )
