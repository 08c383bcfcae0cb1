/**
 * Stored introductions: their rows, the facts an ask and a forward read (one
 * statement each, sent together), the locks they take, and the introducer's
 * and the asker's lists (keyset pages, newest first).
 */
import {
  askerView,
  type Introduction,
  type IntroductionState,
  type MemberId,
} from "@kontakt/domain"
import { Effect } from "effect"
import { notBlockedBy } from "./Blocks.js"
import { now } from "./Decide.js"
import type { Lock } from "./db/Db.js"
import { Db } from "./db/Db.js"
import { col, type Row, statement } from "./db/Statement.js"
import { date, END_OF_TIME, iso } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"

const introductionColumns =
  "i.id, i.asker_id, i.via_id, i.target_id, i.message, i.state, i.request_id, i.created_at, i.updated_at"

export const toIntroduction = (r: Row): Introduction => ({
  id: col.str(r, "id"),
  asker: col.str(r, "asker_id"),
  via: col.str(r, "via_id"),
  target: col.str(r, "target_id"),
  message: col.str(r, "message"),
  state: col.str(r, "state") as IntroductionState,
  requestId: col.strOrNull(r, "request_id"),
  createdAt: date(col.str(r, "created_at")),
  updatedAt: date(col.str(r, "updated_at")),
})

export const insertIntroduction = statement(
  `INSERT INTO introductions (id, asker_id, via_id, target_id, message, state, request_id, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
)
export const introductionParams = (i: Introduction) => [
  i.id,
  i.asker,
  i.via,
  i.target,
  i.message,
  i.state,
  i.requestId,
  iso(i.createdAt),
  iso(i.updatedAt),
]
export const updateIntroduction = statement(
  "UPDATE introductions SET state = ?, request_id = ?, updated_at = ? WHERE id = ?",
)
export const updateIntroductionParams = (i: Introduction) => [
  i.state,
  i.requestId,
  iso(i.updatedAt),
  i.id,
]

/**
 * The two members an ask names, by handle, each with what the rules look at:
 * a block with the asker either way, whether they are the asker's contact,
 * and whether they are a contact of the member behind `targetHandle`.
 * Parameters: asker, asker, asker, targetHandle, viaHandle, targetHandle.
 */
export const askMembers = statement(
  `SELECT m.id, m.handle,
     (SELECT COUNT(*) FROM blocks b WHERE (b.blocker_id = ? AND b.blocked_id = m.id)
       OR (b.blocker_id = m.id AND b.blocked_id = ?)) AS blocked,
     (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = ? AND c.contact_id = m.id) AS contact,
     (SELECT COUNT(*) FROM contacts c JOIN members t ON t.id = c.contact_id
       WHERE c.owner_id = m.id AND t.handle = ?) AS knows_target
   FROM members m WHERE m.handle IN (?, ?)`,
  (r) => ({
    id: col.str(r, "id"),
    handle: col.str(r, "handle"),
    blocked: col.num(r, "blocked") > 0,
    contact: col.num(r, "contact") > 0,
    knowsTarget: col.num(r, "knows_target") > 0,
  }),
)

/** When the asker asked lately (at most `limit`, newest first). Parameters: asker, since. */
export const recentAsks = (limit: number) =>
  statement(
    `SELECT created_at FROM introductions WHERE asker_id = ? AND created_at > ?
     ORDER BY created_at DESC LIMIT ${Math.trunc(limit)}`,
    (r) => date(col.str(r, "created_at")),
  )

/** The asker's latest ask for the member behind a handle. Parameters: asker, handle. */
export const lastAsk = statement(
  `SELECT ${introductionColumns} FROM introductions i
   WHERE i.asker_id = ? AND i.target_id = (SELECT id FROM members WHERE handle = ?)
   ORDER BY i.created_at DESC LIMIT 1`,
  toIntroduction,
)

/** An ask with the introducer's handle, the target's, and whether the asker is still their contact. */
export const forwardFacts = statement(
  `SELECT ${introductionColumns}, v.handle AS via_handle, t.handle AS target_handle,
     (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = i.via_id AND c.contact_id = i.asker_id)
       AS via_knows
   FROM introductions i JOIN members v ON v.id = i.via_id JOIN members t ON t.id = i.target_id
   WHERE i.id = ?`,
  (r) => ({
    introduction: toIntroduction(r),
    viaHandle: col.str(r, "via_handle"),
    targetHandle: col.str(r, "target_handle"),
    stillContact: col.num(r, "via_knows") > 0,
  }),
)

/** Locks (PostgreSQL) the asker and the members behind two handles, in id order. */
export const askLock = (asker: MemberId, via: string, to: string): Lock => ({
  statement: lockAsk,
  params: [asker, via, to],
})
const lockAsk = statement(
  (d) => `SELECT id FROM members WHERE id = ? OR handle IN (?, ?) ORDER BY id ${d.lockRows}`,
)

/** Locks (PostgreSQL) an ask's three members, in id order. */
export const introductionLock = (id: string): Lock => ({
  statement: lockIntroduction,
  params: [id, id, id],
})
const lockIntroduction = statement(
  (d) => `SELECT m.id FROM members m WHERE m.id IN (
     SELECT asker_id FROM introductions WHERE id = ? UNION SELECT via_id FROM introductions WHERE id = ?
     UNION SELECT target_id FROM introductions WHERE id = ?)
   ORDER BY m.id ${d.lockRows}`,
)

/** A position in a list of asks: after this time and id (newest first). */
export interface IntroductionCursor {
  readonly at: string
  readonly id: string
}

// The asks waiting for an introducer: pending, not lapsed, from a member who is still their contact.
const waiting = statement(
  `SELECT ${introductionColumns} FROM introductions i
   WHERE i.via_id = ? AND i.state = 'pending' AND i.created_at > ?
     AND (i.created_at < ? OR (i.created_at = ? AND i.id < ?))
     AND EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = i.via_id AND c.contact_id = i.asker_id)
   ORDER BY i.created_at DESC, i.id DESC LIMIT ?`,
  toIntroduction,
)
// The asker's asks, leaving out whoever of the two has blocked them since (as their requests do).
const asked = statement(
  `SELECT ${introductionColumns} FROM introductions i
   WHERE i.asker_id = ? AND (i.created_at < ? OR (i.created_at = ? AND i.id < ?))
     AND ${notBlockedBy("i.via_id", "i.asker_id")} AND ${notBlockedBy("i.target_id", "i.asker_id")}
   ORDER BY i.created_at DESC, i.id DESC LIMIT ?`,
  toIntroduction,
)
// Everything a member asked or was asked (their export).
const ofMember = statement(
  `SELECT ${introductionColumns} FROM introductions i WHERE i.asker_id = ? OR i.via_id = ?
   ORDER BY i.created_at, i.id`,
  toIntroduction,
)
export class Introductions extends Effect.Service<Introductions>()("@kontakt/store/Introductions", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const { policy } = yield* StorePolicy
    const keyset = (after: IntroductionCursor | null) => [
      after?.at ?? END_OF_TIME,
      after?.at ?? END_OF_TIME,
      after?.id ?? "",
    ]
    return {
      /** The asks waiting for `via` now (pending, not lapsed), newest first. */
      waiting: (via: MemberId, limit: number, after: IntroductionCursor | null) =>
        Effect.gen(function* () {
          const lapsedBefore = new Date(
            (yield* now).getTime() - policy.introductionExpiryDays * 86_400_000,
          )
          return yield* db.all(waiting, [via, iso(lapsedBefore), ...keyset(after), limit])
        }),
      /** The asks `asker` made, newest first, as they see them (`askerView`: a decline is silent). */
      askedBy: (asker: MemberId, limit: number, after: IntroductionCursor | null) =>
        Effect.gen(function* () {
          const at = yield* now
          const rows = yield* db.all(asked, [asker, ...keyset(after), limit])
          return rows.map((i) => askerView(i, at, policy))
        }),
      /** A member's asks, made or received, for their export. */
      ofMember: (member: MemberId) => db.all(ofMember, [member, member]),
    }
  }),
}) {}
