/**
 * What the app is built from: an Effect runtime holding the store, and the
 * few things that differ between Node, tests and edge runtimes.
 */

import type { Db, storeServices } from "@kontakt/store"
import type { Layer, ManagedRuntime } from "effect"
import type { Context } from "hono"
import type { HashGate } from "./auth/hash-gate.js"
import type { PasswordHasher } from "./auth/hasher.js"
import type { DocsAssets } from "./docs.js"
import type { NetworkIndex } from "./network/network-index.js"
import type { PhotoProcessor } from "./photos/photo-check.js"

/** Every service the API's handlers may use. */
export type Services = Layer.Layer.Success<typeof storeServices> | Db

/** What `createApp` needs. */
export interface AppDeps {
  readonly runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
  readonly hasher: PasswordHasher
  /** How many password hashes run and wait at once (default: one at a time, 32 waiting). */
  readonly hashGate?: HashGate
  /** The current time; tests move it. */
  readonly now?: () => Date
  /** The client's address, for throttling sign-ins and sign-ups (client-address.ts). */
  readonly clientAddress?: (c: Context) => string
  /** One JSON line per request; `null` silences it (tests). */
  readonly log?: ((line: Record<string, unknown>) => void) | null
  /**
   * Where network questions are answered: this process's in-memory index,
   * kept current from the outbox by the runtime's read model (its layer is
   * `networkIndexLayer`), or "sql": the database itself (for runtimes that
   * cannot keep the index, such as edge workers).
   */
  readonly network: NetworkIndex | "sql"
  /** Swagger UI's files, for /docs (none: no /docs). */
  readonly docsAssets?: DocsAssets
  /**
   * Adds `X-Kontakt-Statements` to every answer: statements, transactions
   * and round trips the request made (benchmarks).
   */
  readonly countStatements?: boolean
  /** What an uploaded photo becomes (default: checked and cut at its end; Node re-encodes it). */
  readonly photos?: PhotoProcessor
  /** Sign-ups per address per hour (default 20; auth/attempts.ts). */
  readonly signupsPerHour?: number
}
