/**
 * Followers of the outbox: each keeps the sequence number it has handled in
 * `outbox_cursors`. The first is connection news, delivered after the accept
 * that caused it; everything recorded before this version was delivered at
 * once, so it starts at the current end. Followers read one tag at a time.
 */
import type { Migration } from "../db/Migrator.js"

export const outboxFollowers: Migration = {
  id: 3,
  name: "outbox_followers",
  statements: () => [
    `CREATE TABLE outbox_cursors (
    name TEXT PRIMARY KEY,
    seq BIGINT NOT NULL
  )`,
    "INSERT INTO outbox_cursors (name, seq) SELECT 'connectionNews', COALESCE(MAX(seq), 0) FROM outbox",
    "CREATE INDEX outbox_tag_seq ON outbox (tag, seq)",
  ],
}
