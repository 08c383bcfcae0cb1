/**
 * Versioned migrations for both dialects, applied at start.
 */
import { Migrator } from "@effect/sql"
import { Effect } from "effect"
import { initial } from "./migrations/0001_initial.js"

/** Every migration, by id. Append; never edit one that has shipped. */
export const migrations = Migrator.fromRecord({ "1_initial": initial })

/** The newest migration id. */
export const LATEST_MIGRATION = 1

/**
 * Migrates the database to the latest version; returns the migrations applied now.
 *
 * @example
 * ```ts
 * yield* migrate
 * ```
 */
export const migrate = Migrator.make({})({ loader: migrations, table: "kontakt_migrations" }).pipe(
  Effect.withSpan("kontakt.migrate"),
)
