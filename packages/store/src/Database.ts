/**
 * Which database kontakt talks to, and the layers that open it.
 *
 * `DATABASE_URL` unset → SQLite in `./data/kontakt.db`; `file:/some/path.db`
 * → SQLite there; `postgres://…` or `postgresql://…` → PostgreSQL. Both layers
 * provide the same port (`Db`), so every query above this module is written once.
 */
import { createHash } from "node:crypto"
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Effect, Layer } from "effect"
import { backgroundCheckpoints } from "./db/Checkpointer.js"
import type { Db, SqlError } from "./db/Db.js"
import { postgresLayer } from "./db/Postgres.js"
import { sqliteLayer } from "./db/Sqlite.js"
import { SecretHash } from "./Secrets.js"

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

/** Options of the database layer. */
export interface DatabaseOptions {
  /** Connections in this process's PostgreSQL pool. */
  readonly maxConnections?: number
  /** Whether this process runs SQLite's background checkpoints (one process per file is enough). */
  readonly checkpoints?: boolean
}

/**
 * On Node, secrets are hashed with `createHash`: synchronous, no extra turn
 * of the event loop; and a session's secret comes with every request, so the
 * latest few thousand hashes are kept (a hash is what the database stores
 * anyway; a flood of made-up secrets only empties the list).
 */
const nodeSecretHash = Layer.sync(SecretHash, () => {
  const known = new Map<string, string>()
  return {
    hash: (secret: string) =>
      Effect.sync(() => {
        const hit = known.get(secret)
        if (hit !== undefined) return hit
        const hash = createHash("sha256").update(secret).digest("hex")
        if (known.size >= 10_000) known.clear()
        known.set(secret, hash)
        return hash
      }),
  }
})

/**
 * The database layer for a config.
 *
 * @example
 * ```ts
 * const live = databaseLayer(parseDatabaseUrl(process.env.DATABASE_URL))
 * ```
 */
export const databaseLayer = (
  config: DatabaseConfig,
  options: DatabaseOptions = {},
): Layer.Layer<Db | SecretHash, SqlError> => {
  if (config.kind === "pg")
    return Layer.merge(
      postgresLayer(config.url, { max: options.maxConnections ?? 10 }),
      nodeSecretHash,
    )
  mkdirSync(dirname(config.filename), { recursive: true })
  const checkpoints =
    options.checkpoints === false
      ? Layer.empty
      : Layer.scopedDiscard(backgroundCheckpoints(config.filename))
  return Layer.mergeAll(sqliteLayer(config.filename), checkpoints, nodeSecretHash)
}
