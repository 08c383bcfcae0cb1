/**
 * Followers of the outbox: each keeps the sequence number it has handled in
 * `outbox_cursors`. The first is connection news, delivered after the accept
 * that caused it; everything recorded before this version was delivered at
 * once, so it starts at the current end. Followers read one tag at a time.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export const outboxFollowers = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(`CREATE TABLE outbox_cursors (
    name TEXT PRIMARY KEY,
    seq BIGINT NOT NULL
  )`)
  yield* sql.unsafe(
    "INSERT INTO outbox_cursors (name, seq) SELECT 'connectionNews', COALESCE(MAX(seq), 0) FROM outbox",
  )
  yield* sql.unsafe("CREATE INDEX outbox_tag_seq ON outbox (tag, seq)")
})
