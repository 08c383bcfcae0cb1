/**
 * Fan-out jobs: a delivery to a very large audience is queued in the
 * transaction that caused it and written out in batches afterwards. And an
 * index for reading feeds: a reader's muted contacts.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export const fanoutQueue = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(`CREATE TABLE fanout_jobs (
    id TEXT PRIMARY KEY,
    fanout TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    brought_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    after_contact TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  )`)
  yield* sql.unsafe("CREATE INDEX fanout_jobs_subject ON fanout_jobs (subject_key)")
  // Feeds hide muted contacts: find a reader's few muted ones without reading all their contacts.
  yield* sql.unsafe(
    "CREATE INDEX contacts_muted ON contacts (owner_id, contact_id) WHERE muted = 1",
  )
  yield* sql.unsafe("CREATE INDEX fanout_jobs_created ON fanout_jobs (created_at, id)")
})
