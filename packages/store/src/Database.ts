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
