/**
 * @kontakt/store/node — the databases kontakt uses on Node: SQLite through
 * better-sqlite3 (the embedded default) and PostgreSQL through postgres.js,
 * chosen by `DATABASE_URL`.
 */

import { Layer } from "effect"
import { type DatabaseConfig, type DatabaseOptions, databaseLayer } from "./Database.js"
import { storeServices } from "./index.js"

export * from "./Database.js"
export { backgroundCheckpoints } from "./db/Checkpointer.js"
export { postgresClient, postgresDb, postgresLayer } from "./db/Postgres.js"
export { openSqlite, sqliteDb, sqliteLayer, WAL_SIZE_LIMIT } from "./db/Sqlite.js"

/**
 * The whole store for a database config (migrations are run separately: `migrate`).
 *
 * @example
 * ```ts
 * const layer = storeLayer(parseDatabaseUrl(process.env.DATABASE_URL))
 * ```
 */
export const storeLayer = (config: DatabaseConfig, options: DatabaseOptions = {}) =>
  storeServices.pipe(Layer.provideMerge(databaseLayer(config, options)))
