/**
 * Stored recommendations: one row per contact a member was recommended to,
 * told or (where a block or a connection stood in the way) silently not; the
 * facts a recommendation reads, the rows notifications name, and a member's
 * own for their export.
 */
import type { MemberId, MemberRecommendation } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, multiRow, statement } from "./db/Statement.js"
import { date, flag, iso } from "./Rows.js"

/**
 * The member recommended and the contacts named, by handle: whether each is
 * the recommender's contact, a block with the recommender (for the member) or
 * with the member (for the contacts), and whether they know the member.
 * Parameters: by, by, by, memberHandle, memberHandle, [memberHandle, ...to].
 */
export const recommendMembers = statement(
  (d) => `SELECT m.id, m.handle,
     (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = ? AND c.contact_id = m.id) AS contact,
     (SELECT COUNT(*) FROM blocks b WHERE (b.blocker_id = ? AND b.blocked_id = m.id)
       OR (b.blocker_id = m.id AND b.blocked_id = ?)) AS blocked_with_me,
     (SELECT COUNT(*) FROM blocks b JOIN members x ON x.handle = ?
       WHERE (b.blocker_id = m.id AND b.blocked_id = x.id) OR (b.blocker_id = x.id AND b.blocked_id = m.id))
       AS blocked_with_member,
     (SELECT COUNT(*) FROM contacts c JOIN members x ON x.handle = ?
       WHERE c.owner_id = m.id AND c.contact_id = x.id) AS knows_member
   FROM members m WHERE m.handle IN ${d.list}`,
  (r) => ({
    id: col.str(r, "id"),
    handle: col.str(r, "handle"),
    contact: col.num(r, "contact") > 0,
    blockedWithMe: col.num(r, "blocked_with_me") > 0,
    blockedWithMember: col.num(r, "blocked_with_member") > 0,
    knowsMember: col.num(r, "knows_member") > 0,
  }),
)

/** When the recommender's recent recommendations were made. Parameters: by, since. */
export const recentRecommendations = (limit: number) =>
  statement(
    `SELECT at FROM recommendations WHERE by_id = ? AND at > ? ORDER BY at DESC LIMIT ${Math.trunc(limit)}`,
    (r) => date(col.str(r, "at")),
  )

/** Recommendations as one multi-row insert (`recommendationParams`). */
export const insertRecommendations = multiRow(
  "INSERT INTO recommendations (id, by_id, member_id, to_id, note, delivered, at) VALUES",
  7,
)
export const recommendationParams = (rows: readonly MemberRecommendation[]) =>
  rows.flatMap((r) => [r.id, r.by, r.member, r.to, r.note, flag(r.delivered), iso(r.at)])

// What a member's notifications of recommendations name.
const byIds = statement(
  (d) =>
    `SELECT id, by_id, member_id, to_id, note, delivered, at FROM recommendations WHERE id IN ${d.list}`,
  (r): MemberRecommendation => ({
    id: col.str(r, "id"),
    by: col.str(r, "by_id"),
    member: col.str(r, "member_id"),
    to: col.str(r, "to_id"),
    note: col.strOrNull(r, "note"),
    delivered: col.bool(r, "delivered"),
    at: date(col.str(r, "at")),
  }),
)
const recommendedBy = statement(
  "SELECT id, member_id, to_id, note, at FROM recommendations WHERE by_id = ? ORDER BY at, id",
  (r) => ({
    id: col.str(r, "id"),
    member: col.str(r, "member_id"),
    to: col.str(r, "to_id"),
    note: col.strOrNull(r, "note"),
    at: col.str(r, "at"),
  }),
)

export class Recommendations extends Effect.Service<Recommendations>()(
  "@kontakt/store/Recommendations",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      return {
        /** Recommendations by id (those a member's notifications name). */
        byIds: (ids: readonly string[]) =>
          ids.length === 0
            ? Effect.succeed([] as MemberRecommendation[])
            : db.all(byIds, [[...new Set(ids)]]),
        /** The recommendations a member made, for their export. */
        madeBy: (member: MemberId) => db.all(recommendedBy, [member]),
      }
    }),
  },
) {}
