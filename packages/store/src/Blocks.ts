/**
 * Blocks, keyed by who blocked whom; checks go both ways.
 */
import type { Block, MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { date, END_OF_TIME, iso } from "./Rows.js"

/**
 * SQL: no block stands between the members in columns (or parameters) `x`
 * and `y`, either way. What a list hides, its counts leave out too.
 */
export const unblocked = (x: string, y: string) =>
  `NOT EXISTS (SELECT 1 FROM blocks ub WHERE (ub.blocker_id = ${x} AND ub.blocked_id = ${y})
     OR (ub.blocker_id = ${y} AND ub.blocked_id = ${x}))`

/**
 * SQL: a subquery of the members (column `m`) blocked with the member in `x`,
 * either way: read from the member's own blocks, whatever the size of what
 * it is joined to (a post's likes, say).
 */
export const blockedWith = (x: string) =>
  `SELECT bw.blocked_id AS m FROM blocks bw WHERE bw.blocker_id = ${x}
   UNION SELECT bw.blocker_id AS m FROM blocks bw WHERE bw.blocked_id = ${x}`

/**
 * SQL: the member in `other` has not blocked the member in `me`. What a
 * blocked member reads of their own history (notifications, reviews,
 * requests, the export) leaves the blocker out, as if the blocker had
 * deleted their account (which deletes those traces).
 */
export const notBlockedBy = (other: string, me: string) =>
  `NOT EXISTS (SELECT 1 FROM blocks nb WHERE nb.blocker_id = ${other} AND nb.blocked_id = ${me})`

const exists = statement(
  "SELECT 1 AS yes FROM blocks WHERE blocker_id = ? AND blocked_id = ?",
  () => true,
)
const between = statement(
  `SELECT 1 AS yes FROM blocks
   WHERE (blocker_id = ? AND blocked_id = ?) OR (blocker_id = ? AND blocked_id = ?)`,
  () => true,
)
const insert = statement("INSERT INTO blocks (blocker_id, blocked_id, at) VALUES (?, ?, ?)")
const remove = statement("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?")
// My blocks, newest first, after a keyset cursor (when, id): a member's own few, read from their
// key. The first page starts after the last moment an ISO time can name (Rows' END_OF_TIME).
const mine = statement(
  `SELECT blocked_id, at FROM blocks
   WHERE blocker_id = ? AND (at < ? OR (at = ? AND blocked_id < ?))
   ORDER BY at DESC, blocked_id DESC LIMIT ?`,
  (r) => ({ member: col.str(r, "blocked_id") as MemberId, at: date(col.str(r, "at")) }),
)
const of = statement(
  `SELECT blocked_id AS other FROM blocks WHERE blocker_id = ?
   UNION SELECT blocker_id AS other FROM blocks WHERE blocked_id = ?`,
  (r) => col.str(r, "other"),
)

export class Blocks extends Effect.Service<Blocks>()("@kontakt/store/Blocks", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    return {
      /** Whether `by` has blocked `member`. */
      exists: (by: MemberId, member: MemberId) =>
        Effect.map(db.all(exists, [by, member]), (rows) => rows.length > 0),
      /** Whether a block stands between two members, in either direction. */
      between: (x: MemberId, y: MemberId) =>
        Effect.map(db.all(between, [x, y, y, x]), (rows) => rows.length > 0),
      insert: (block: Block) => db.run(insert, [block.by, block.member, iso(block.at)]),
      remove: (by: MemberId, member: MemberId) => db.run(remove, [by, member]),
      /** Whom `by` blocked, newest first; a page after (`at`, `member`) of the last one. */
      mine: (
        by: MemberId,
        limit: number,
        after: { readonly at: string; readonly member: string } | null,
      ) =>
        db.all(mine, [
          by,
          after?.at ?? END_OF_TIME,
          after?.at ?? END_OF_TIME,
          after?.member ?? "",
          limit,
        ]),
      /** Everyone blocked by or blocking `member`. */
      of: (member: MemberId) => Effect.map(db.all(of, [member, member]), (rows) => new Set(rows)),
    }
  }),
}) {}
