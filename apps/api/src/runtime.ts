/**
 * What the app is built from: an Effect runtime holding the store, and the
 * few things that differ between Node, tests and edge runtimes.
 */

import type { storeServices } from "@kontakt/store"
import type { Layer, ManagedRuntime } from "effect"
import type { Context } from "hono"
import type { PasswordHasher } from "./auth/hasher.js"
import type { DocsAssets } from "./docs.js"

/** Every service the API's handlers may use. */
export type Services =
  | Layer.Layer.Success<typeof storeServices>
  | import("@effect/sql").SqlClient.SqlClient

/** What `createApp` needs. */
export interface AppDeps {
  readonly runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
  readonly hasher: PasswordHasher
  /** The current time; tests move it. */
  readonly now?: () => Date
  /** The client's address, for login throttling. */
  readonly clientAddress?: (c: Context) => string
  /** One JSON line per request; `null` silences it (tests). */
  readonly log?: ((line: Record<string, unknown>) => void) | null
  /**
   * Where network questions are answered: an in-memory index built from the
   * database and kept current ("index", the default), or the database itself
   * ("sql": for runtimes that cannot keep the index, such as edge workers).
   */
  readonly network?: "index" | "sql"
  /** Swagger UI's files, for /docs (none: no /docs). */
  readonly docsAssets?: DocsAssets
}
