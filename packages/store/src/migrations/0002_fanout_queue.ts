/**
 * Fan-out jobs: a delivery to a very large audience is queued in the
 * transaction that caused it and written out in batches afterwards. And an
 * index for reading feeds: a reader's muted contacts.
 */
import type { Migration } from "../db/Migrator.js"

export const fanoutQueue: Migration = {
  id: 2,
  name: "fanout_queue",
  statements: () => [
    `CREATE TABLE fanout_jobs (
    id TEXT PRIMARY KEY,
    fanout TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    brought_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    after_contact TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  )`,
    "CREATE INDEX fanout_jobs_subject ON fanout_jobs (subject_key)",
    "CREATE INDEX contacts_muted ON contacts (owner_id, contact_id) WHERE muted = 1",
    "CREATE INDEX fanout_jobs_created ON fanout_jobs (created_at, id)",
  ],
}
