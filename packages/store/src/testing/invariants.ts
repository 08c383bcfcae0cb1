/**
 * The lifecycle's invariants, checked on a database as it is: what load,
 * crash and abuse tests assert after they have done their worst. Each query
 * lists violations; an empty list means the invariant holds.
 */
import { Effect } from "effect"
import { Db } from "../db/Db.js"
import { type Row, type Statement, statement } from "../db/Statement.js"

export interface Violation {
  readonly invariant: string
  readonly rows: readonly unknown[]
}

const checks: readonly (readonly [string, Statement<Row>])[] = [
  [
    "every contact record has its mirror",
    statement(`SELECT c.owner_id, c.contact_id FROM contacts c
      WHERE NOT EXISTS (SELECT 1 FROM contacts m WHERE m.owner_id = c.contact_id AND m.contact_id = c.owner_id)`),
  ],
  [
    "a connection's two records agree on when and by which request",
    statement(`SELECT c.owner_id, c.contact_id FROM contacts c JOIN contacts m
      ON m.owner_id = c.contact_id AND m.contact_id = c.owner_id
      WHERE m.connected_at <> c.connected_at OR m.request_id <> c.request_id`),
  ],
  [
    "at most one open request per pair",
    statement(`SELECT pair_lo, pair_hi FROM requests WHERE state IN ('pending', 'ignored')
      GROUP BY pair_lo, pair_hi HAVING COUNT(*) > 1`),
  ],
  [
    "no open request between contacts",
    statement(`SELECT r.id FROM requests r JOIN contacts c ON c.owner_id = r.from_id AND c.contact_id = r.to_id
      WHERE r.state IN ('pending', 'ignored')`),
  ],
  [
    "nothing between blocked members",
    statement(`SELECT b.blocker_id, b.blocked_id FROM blocks b
      WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = b.blocker_id AND c.contact_id = b.blocked_id)
        OR EXISTS (SELECT 1 FROM requests r WHERE r.state IN ('pending', 'ignored')
          AND ((r.from_id = b.blocker_id AND r.to_id = b.blocked_id) OR (r.from_id = b.blocked_id AND r.to_id = b.blocker_id)))`),
  ],
  [
    "a contact is filed only under its owner's categories",
    statement(`SELECT cc.owner_id, cc.category_id FROM contact_categories cc JOIN categories g ON g.id = cc.category_id
      WHERE g.owner_id <> cc.owner_id`),
  ],
  [
    "one like per member and post",
    statement(
      "SELECT post_id, member_id FROM likes GROUP BY post_id, member_id HAVING COUNT(*) > 1",
    ),
  ],
  [
    "a member's connection count is their contact records",
    statement(`SELECT m.id FROM members m
      WHERE m.connection_count <> (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = m.id)`),
  ],
  [
    "a post's counts are its likes and comments",
    statement(`SELECT p.id FROM posts p
      WHERE p.like_count <> (SELECT COUNT(*) FROM likes l WHERE l.post_id = p.id)
        OR p.comment_count <> (SELECT COUNT(*) FROM comments k WHERE k.post_id = p.id)`),
  ],
  [
    "an accepted request's recipient was told nothing, its sender once",
    statement(`SELECT r.id FROM requests r WHERE r.state = 'accepted' AND (SELECT COUNT(*) FROM notifications n
      WHERE n.subject_id = r.id AND n.recipient_id = r.from_id AND n.kind IN ('requestAccepted', 'requestAutoAccepted')) > 1`),
  ],
]

export const invariantViolations = Effect.gen(function* () {
  const db = yield* Db
  const violations: Violation[] = []
  for (const [invariant, query] of checks) {
    const rows = yield* db.all(query)
    if (rows.length > 0) violations.push({ invariant, rows: rows.slice(0, 5) })
  }
  return violations
})
