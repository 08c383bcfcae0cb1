/**
 * What the network index is built from and kept current by: every connection
 * at start, then the connection events in the outbox by sequence number; and
 * the facts about one viewer that the network queries filter by.
 */
import { SqlClient } from "@effect/sql"
import type { MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { iso } from "./Rows.js"

export interface ConnectionChange {
  readonly seq: number
  readonly kind: "made" | "removed"
  readonly a: MemberId
  readonly b: MemberId
}

export class Network extends Effect.Service<Network>()("@kontakt/store/Network", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    return {
      /** Every connection, and the outbox position they reflect. */
      snapshot: Effect.gen(function* () {
        const [head] = yield* sql<{ seq: number | null }>`SELECT MAX(seq) AS seq FROM outbox`
        const pairs = yield* sql<{
          pairLo: string
          pairHi: string
        }>`SELECT pair_lo, pair_hi FROM connections`
        return { seq: head?.seq ?? 0, pairs }
      }),
      /** Connection events after `seq`, in order. */
      changesSince: (seq: number, limit = 10_000) =>
        Effect.map(
          sql<{ seq: number; tag: string; payload: string }>`SELECT seq, tag, payload FROM outbox
            WHERE seq > ${seq} AND tag IN ('ConnectionMade', 'ConnectionRemoved') ORDER BY seq LIMIT ${limit}`,
          (rows) =>
            rows.map((r): ConnectionChange => {
              const p = JSON.parse(r.payload) as {
                a?: string
                b?: string
                by?: string
                other?: string
              }
              return r.tag === "ConnectionMade"
                ? { seq: r.seq, kind: "made", a: p.a ?? "", b: p.b ?? "" }
                : { seq: r.seq, kind: "removed", a: p.by ?? "", b: p.other ?? "" }
            }),
        ),
      /** Members who hide their contact list. */
      hidingContacts: Effect.map(
        sql<{ id: string }>`SELECT id FROM members WHERE hide_contacts = 1`,
        (rows) => new Set(rows.map((r) => r.id)),
      ),
      /** Members the viewer must not be suggested: open requests either way, dismissed suggestions. */
      notToSuggest: (viewer: MemberId) =>
        Effect.map(
          sql<{
            m: string
          }>`SELECT to_id AS m FROM requests WHERE from_id = ${viewer} AND state IN ('pending', 'ignored')
            UNION SELECT from_id FROM requests WHERE to_id = ${viewer} AND state IN ('pending', 'ignored')
            UNION SELECT dismissed_id FROM dismissed_suggestions WHERE member_id = ${viewer}`,
          (rows) => new Set(rows.map((r) => r.m)),
        ),
      /** How many groups the viewer shares with each member of their groups. */
      sharedGroups: (viewer: MemberId) =>
        Effect.map(
          sql<{
            memberId: string
            n: number
          }>`SELECT b.member_id, CAST(COUNT(*) AS INTEGER) AS n FROM group_members a
            JOIN group_members b ON b.group_id = a.group_id AND b.member_id <> a.member_id
            WHERE a.member_id = ${viewer} GROUP BY b.member_id`,
          (rows) => new Map(rows.map((r) => [r.memberId, r.n])),
        ),
      dismiss: (viewer: MemberId, member: MemberId, now: Date) =>
        sql`INSERT INTO dismissed_suggestions (member_id, dismissed_id, at) VALUES (${viewer}, ${member}, ${iso(now)})
          ON CONFLICT (member_id, dismissed_id) DO NOTHING`.pipe(Effect.asVoid),
    }
  }),
}) {}
