/**
 * The contact behind the contact, answered by the database: for runtimes
 * that cannot hold the in-memory network index (an edge worker starts
 * without one and cannot read every connection on each start). The same
 * rules as @kontakt/graph — blocked members appear nowhere, a member hiding
 * their contacts is a hop only to their own contacts — so the same answers,
 * at a cost bounded as each method says.
 */
import { SqlClient } from "@effect/sql"
import type { MemberId } from "@kontakt/domain"
import { Effect } from "effect"

/** Past this many contact rows behind the second ring, the third ring is estimated. */
export const REACH_EXACT_ROWS = 200_000

export class NetworkSql extends Effect.Service<NetworkSql>()("@kontakt/store/NetworkSql", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // Members blocked either way with the viewer.
    const blockedBy = (viewer: MemberId) =>
      sql`SELECT blocked_id FROM blocks WHERE blocker_id = ${viewer}
        UNION SELECT blocker_id FROM blocks WHERE blocked_id = ${viewer}`
    const notIn = (column: string, values: readonly string[]) =>
      values.length === 0 ? sql`1 = 1` : sql`NOT (${sql.in(column, values)})`

    return {
      /** The contacts two members share, by id. Cost: the viewer's contacts. */
      mutual: (viewer: MemberId, other: MemberId) =>
        Effect.map(
          sql<{ id: string }>`SELECT a.contact_id AS id FROM contacts a
            JOIN contacts b ON b.owner_id = ${other} AND b.contact_id = a.contact_id
            WHERE a.owner_id = ${viewer} AND a.contact_id NOT IN (${blockedBy(viewer)})
            ORDER BY a.contact_id`,
          (rows) => rows.map((r) => r.id),
        ),
      /**
       * Second-degree members with how many of the viewer's contacts they
       * know: the `limit` best and everyone tied with the last of them.
       * Cost: every contact of every contact of the viewer, once.
       */
      candidates: (viewer: MemberId, exclude: readonly MemberId[], limit: number) =>
        Effect.gen(function* () {
          const counted = sql`SELECT b.contact_id AS member, CAST(COUNT(*) AS INTEGER) AS n
            FROM contacts a JOIN contacts b ON b.owner_id = a.contact_id
            WHERE a.owner_id = ${viewer} AND b.contact_id <> ${viewer}
              AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.owner_id = ${viewer} AND x.contact_id = b.contact_id)
              AND b.contact_id NOT IN (${blockedBy(viewer)})
              AND ${notIn("b.contact_id", exclude)}
            GROUP BY b.contact_id`
          const [floor] = yield* sql<{ n: number }>`SELECT n FROM (${counted}) t
            ORDER BY n DESC LIMIT 1 OFFSET ${Math.max(0, limit - 1)}`
          return yield* sql<{ member: string; n: number }>`SELECT member, n FROM (${counted}) t
            WHERE n >= ${floor?.n ?? 1} ORDER BY n DESC, member`
        }),
      /** For each member, the viewer's contacts they know, by id (at most `each`). */
      via: (viewer: MemberId, members: readonly MemberId[], each: number) =>
        members.length === 0
          ? Effect.succeed(new Map<string, string[]>())
          : Effect.map(
              sql<{
                member: string
                via: string
              }>`SELECT b.contact_id AS member, a.contact_id AS via
                FROM contacts a JOIN contacts b ON b.owner_id = a.contact_id
                WHERE a.owner_id = ${viewer} AND ${sql.in("b.contact_id", members)}
                ORDER BY b.contact_id, a.contact_id`,
              (rows) => {
                const out = new Map<string, string[]>()
                for (const r of rows) {
                  const list = out.get(r.member) ?? []
                  if (list.length < each) list.push(r.via)
                  out.set(r.member, list)
                }
                return out
              },
            ),
      /**
       * The contacts of some members (for a search a ring at a time), and
       * which of them hide their contacts. Cost: their contacts.
       */
      ring: (members: readonly MemberId[]) =>
        Effect.gen(function* () {
          const edges: { owner: string; contact: string }[] = []
          for (let i = 0; i < members.length; i += 500) {
            const part = members.slice(i, i + 500)
            edges.push(
              ...(yield* sql<{
                owner: string
                contact: string
              }>`SELECT owner_id AS owner, contact_id AS contact
                FROM contacts WHERE ${sql.in("owner_id", part)}`),
            )
          }
          return edges
        }),
      /** Of some members, those who hide their contacts. */
      hiding: (members: readonly MemberId[]) =>
        members.length === 0
          ? Effect.succeed(new Set<string>())
          : Effect.map(
              sql<{
                id: string
              }>`SELECT id FROM members WHERE hide_contacts = 1 AND ${sql.in("id", members)}`,
              (rows) => new Set(rows.map((r) => r.id)),
            ),
      /**
       * How many members are 1, 2 and 3 hops away. The first two rings are
       * exact; the third too while the rows behind the second ring stay under
       * REACH_EXACT_ROWS, else it is estimated (and marked) as every member
       * not in the first two rings — in a small world, three hops reach
       * nearly everyone.
       */
      reach: (viewer: MemberId) =>
        Effect.gen(function* () {
          const ring2 = sql`SELECT DISTINCT b.contact_id AS id
            FROM contacts a JOIN contacts b ON b.owner_id = a.contact_id
            WHERE a.owner_id = ${viewer} AND b.contact_id <> ${viewer}
              AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.owner_id = ${viewer} AND x.contact_id = b.contact_id)
              AND b.contact_id NOT IN (${blockedBy(viewer)})`
          const [counts] = yield* sql<{ first: number; second: number; behind: number }>`SELECT
              (SELECT CAST(COUNT(*) AS INTEGER) FROM contacts c WHERE c.owner_id = ${viewer}
                AND c.contact_id NOT IN (${blockedBy(viewer)})) AS first,
              (SELECT CAST(COUNT(*) AS INTEGER) FROM (${ring2}) r2) AS second,
              (SELECT CAST(COUNT(*) AS INTEGER) FROM (${ring2}) r2
                JOIN members m ON m.id = r2.id AND m.hide_contacts = 0
                JOIN contacts c ON c.owner_id = r2.id) AS behind`
          const first = counts?.first ?? 0
          const second = counts?.second ?? 0
          if ((counts?.behind ?? 0) > REACH_EXACT_ROWS) {
            const [all] = yield* sql<{
              n: number
            }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM members`
            const rest = (all?.n ?? 0) - 1 - first - second
            return { first, second, third: Math.max(0, rest), thirdEstimated: true }
          }
          const [third] = yield* sql<{
            n: number
          }>`SELECT CAST(COUNT(DISTINCT c.contact_id) AS INTEGER) AS n
            FROM (${ring2}) r2
            JOIN members m ON m.id = r2.id AND m.hide_contacts = 0
            JOIN contacts c ON c.owner_id = r2.id
            WHERE c.contact_id <> ${viewer}
              AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.owner_id = ${viewer} AND x.contact_id = c.contact_id)
              AND c.contact_id NOT IN (${ring2})
              AND c.contact_id NOT IN (${blockedBy(viewer)})`
          return { first, second, third: third?.n ?? 0, thirdEstimated: false }
        }),
    }
  }),
}) {}
