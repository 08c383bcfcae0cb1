/**
 * @kontakt/store/node — the databases kontakt uses on Node: SQLite through
 * better-sqlite3 (the embedded default) and PostgreSQL through pg, chosen by
 * `DATABASE_URL`.
 */

import { Layer } from "effect"
import { type DatabaseConfig, databaseLayer } from "./Database.js"
import { storeServices } from "./index.js"

export * from "./Database.js"
export { type LeanSqliteOptions, leanSqliteLayer } from "./SqliteLean.js"

/**
 * The whole store for a database config (migrations are run separately: `migrate`).
 *
 * @example
 * ```ts
 * const layer = storeLayer(parseDatabaseUrl(process.env.DATABASE_URL))
 * ```
 */
export const storeLayer = (config: DatabaseConfig) =>
  storeServices.pipe(Layer.provideMerge(databaseLayer(config)))
