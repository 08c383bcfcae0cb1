/**
 * What the network index is built from (every connection, once per process)
 * and the facts about one viewer that the network queries filter by.
 */
import type { MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { iso } from "./Rows.js"

/** Every connection once, as the pair of its records' owners. */
export const connectionPairs = statement(
  "SELECT owner_id, contact_id FROM contacts WHERE owner_id < contact_id",
  (r) => [col.str(r, "owner_id"), col.str(r, "contact_id")] as const,
)
const notToSuggest = statement(
  `SELECT to_id AS m FROM requests WHERE from_id = ? AND state IN ('pending', 'ignored')
   UNION SELECT from_id FROM requests WHERE to_id = ? AND state IN ('pending', 'ignored')
   UNION SELECT dismissed_id FROM dismissed_suggestions WHERE member_id = ?`,
  (r) => col.str(r, "m"),
)
const sharedGroups = statement(
  `SELECT b.member_id, COUNT(*) AS n FROM group_members a
   JOIN group_members b ON b.group_id = a.group_id AND b.member_id <> a.member_id
   WHERE a.member_id = ? GROUP BY b.member_id`,
  (r) => [col.str(r, "member_id"), col.num(r, "n")] as const,
)
const dismiss =
  statement(`INSERT INTO dismissed_suggestions (member_id, dismissed_id, at) VALUES (?, ?, ?)
  ON CONFLICT (member_id, dismissed_id) DO NOTHING`)

export class Network extends Effect.Service<Network>()("@kontakt/store/Network", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    return {
      /** Members the viewer must not be suggested: open requests either way, dismissed suggestions. */
      notToSuggest: (viewer: MemberId) =>
        Effect.map(db.all(notToSuggest, [viewer, viewer, viewer]), (rows) => new Set(rows)),
      /** How many groups the viewer shares with each member of their groups. */
      sharedGroups: (viewer: MemberId) =>
        Effect.map(db.all(sharedGroups, [viewer]), (rows) => new Map(rows)),
      dismiss: (viewer: MemberId, member: MemberId, now: Date) =>
        db.run(dismiss, [viewer, member, iso(now)]),
    }
  }),
}) {}
