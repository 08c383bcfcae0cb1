/**
 * Versioned migrations for both dialects, applied at start.
 */
import { Migrator } from "@effect/sql"
import { Effect } from "effect"
import { initial } from "./migrations/0001_initial.js"
import { fanoutQueue } from "./migrations/0002_fanout_queue.js"
import { outboxFollowers } from "./migrations/0003_outbox_followers.js"

/** Every migration, by id. Append; never edit one that has shipped. */
export const migrations = Migrator.fromRecord({
  "1_initial": initial,
  "2_fanout_queue": fanoutQueue,
  "3_outbox_followers": outboxFollowers,
})

/** The newest migration id. */
export const LATEST_MIGRATION = 3

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
