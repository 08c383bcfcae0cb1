/**
 * Blocks, keyed by who blocked whom; checks go both ways.
 */
import { SqlClient } from "@effect/sql"
import type { Block, MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { iso } from "./Rows.js"

export class Blocks extends Effect.Service<Blocks>()("@kontakt/store/Blocks", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const exists = (by: MemberId, member: MemberId) =>
      sql<{
        n: number
      }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM blocks WHERE blocker_id = ${by} AND blocked_id = ${member}`.pipe(
        Effect.map((rows) => (rows[0]?.n ?? 0) > 0),
      )
    return {
      /** Whether `by` has blocked `member`. */
      exists,
      /** Whether a block stands between two members, in either direction. */
      between: (x: MemberId, y: MemberId) =>
        sql<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM blocks
          WHERE (blocker_id = ${x} AND blocked_id = ${y}) OR (blocker_id = ${y} AND blocked_id = ${x})`.pipe(
          Effect.map((rows) => (rows[0]?.n ?? 0) > 0),
        ),
      insert: (block: Block) =>
        sql`INSERT INTO blocks ${sql.insert({ blockerId: block.by, blockedId: block.member, at: iso(block.at) })}`.pipe(
          Effect.asVoid,
        ),
      remove: (by: MemberId, member: MemberId) =>
        sql`DELETE FROM blocks WHERE blocker_id = ${by} AND blocked_id = ${member}`.pipe(
          Effect.asVoid,
        ),
      /** Everyone blocked by or blocking `member`. */
      of: (member: MemberId) =>
        sql<{ other: string }>`SELECT blocked_id AS other FROM blocks WHERE blocker_id = ${member}
          UNION SELECT blocker_id AS other FROM blocks WHERE blocked_id = ${member}`.pipe(
          Effect.map((rows) => new Set(rows.map((r) => r.other))),
        ),
    }
  }),
}) {}
