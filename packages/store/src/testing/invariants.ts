/**
 * The lifecycle's invariants, checked on a database as it is: what load,
 * crash and abuse tests assert after they have done their worst. Each query
 * lists violations; an empty list means the invariant holds.
 */
import { SqlClient, type Statement } from "@effect/sql"
import { Effect } from "effect"

export interface Violation {
  readonly invariant: string
  readonly rows: readonly unknown[]
}

export const invariantViolations = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const checks: readonly (readonly [string, Statement.Statement<Record<string, unknown>>])[] = [
    [
      "every connection has both contact records",
      sql`SELECT k.pair_lo, k.pair_hi FROM connections k
        WHERE (SELECT COUNT(*) FROM contacts c WHERE c.pair_lo = k.pair_lo AND c.pair_hi = k.pair_hi) <> 2
          OR NOT EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = k.pair_lo AND c.contact_id = k.pair_hi)
          OR NOT EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = k.pair_hi AND c.contact_id = k.pair_lo)`,
    ],
    [
      "no contact record without its connection",
      sql`SELECT c.owner_id, c.contact_id FROM contacts c
        WHERE NOT EXISTS (SELECT 1 FROM connections k WHERE k.pair_lo = c.pair_lo AND k.pair_hi = c.pair_hi)`,
    ],
    [
      "at most one open request per pair",
      sql`SELECT pair_lo, pair_hi FROM requests WHERE state IN ('pending', 'ignored')
        GROUP BY pair_lo, pair_hi HAVING COUNT(*) > 1`,
    ],
    [
      "no open request between contacts",
      sql`SELECT r.id FROM requests r JOIN connections k ON k.pair_lo = r.pair_lo AND k.pair_hi = r.pair_hi
        WHERE r.state IN ('pending', 'ignored')`,
    ],
    [
      "nothing between blocked members",
      sql`SELECT b.blocker_id, b.blocked_id FROM blocks b
        WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = b.blocker_id AND c.contact_id = b.blocked_id)
          OR EXISTS (SELECT 1 FROM requests r WHERE r.state IN ('pending', 'ignored')
            AND ((r.from_id = b.blocker_id AND r.to_id = b.blocked_id) OR (r.from_id = b.blocked_id AND r.to_id = b.blocker_id)))`,
    ],
    [
      "a contact is filed only under its owner's categories",
      sql`SELECT cc.owner_id, cc.category_id FROM contact_categories cc JOIN categories g ON g.id = cc.category_id
        WHERE g.owner_id <> cc.owner_id`,
    ],
    [
      "connection news only for connections that exist",
      sql`SELECT f.reader_id, f.subject_key FROM feed_items f WHERE f.subject_kind = 'connection'
        AND NOT EXISTS (SELECT 1 FROM connections k WHERE
          (k.pair_lo = f.member_a AND k.pair_hi = f.member_b) OR (k.pair_lo = f.member_b AND k.pair_hi = f.member_a))`,
    ],
    [
      "feed items only for posts that exist",
      sql`SELECT f.reader_id, f.post_id FROM feed_items f WHERE f.subject_kind = 'post'
        AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = f.post_id)`,
    ],
    [
      "one like per member and post",
      sql`SELECT post_id, member_id FROM likes GROUP BY post_id, member_id HAVING COUNT(*) > 1`,
    ],
    [
      "an accepted request's recipient was told nothing, its sender once",
      sql`SELECT r.id FROM requests r WHERE r.state = 'accepted' AND (SELECT COUNT(*) FROM notifications n
        WHERE n.subject_id = r.id AND n.recipient_id = r.from_id AND n.kind IN ('requestAccepted', 'requestAutoAccepted')) > 1`,
    ],
  ]
  const violations: Violation[] = []
  for (const [invariant, query] of checks) {
    const rows = yield* query
    if (rows.length > 0) violations.push({ invariant, rows: rows.slice(0, 5) })
  }
  return violations
})
