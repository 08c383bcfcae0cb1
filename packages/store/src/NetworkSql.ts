/**
 * The contact behind the contact, answered by the database: for runtimes
 * that cannot hold the in-memory network index (an edge worker starts
 * without one and cannot read every connection on each start). The same
 * rules as @kontakt/graph — blocked members appear nowhere, a member hiding
 * their contacts is a hop only to their own contacts — so the same answers,
 * at a cost bounded as each method says.
 */
import type { MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"

/** Past this many contact rows behind the second ring, the third ring is estimated. */
export const REACH_EXACT_ROWS = 200_000

// Members blocked either way with the viewer (two parameters: the viewer twice).
const BLOCKED = `SELECT blocked_id FROM blocks WHERE blocker_id = ?
  UNION SELECT blocker_id FROM blocks WHERE blocked_id = ?`

const mutual = statement(
  `SELECT a.contact_id AS id FROM contacts a
   JOIN contacts b ON b.owner_id = ? AND b.contact_id = a.contact_id
   WHERE a.owner_id = ? AND a.contact_id NOT IN (${BLOCKED}) ORDER BY a.contact_id`,
  (r) => col.str(r, "id"),
)
// Second-degree members with how many of the viewer's contacts they know (params: viewer ×5, exclude).
const COUNTED = (d: { list: string }) => `SELECT b.contact_id AS member, COUNT(*) AS n
  FROM contacts a JOIN contacts b ON b.owner_id = a.contact_id
  WHERE a.owner_id = ? AND b.contact_id <> ?
    AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.owner_id = ? AND x.contact_id = b.contact_id)
    AND b.contact_id NOT IN (${BLOCKED})
    AND b.contact_id NOT IN ${d.list}
  GROUP BY b.contact_id`
const floor = statement(
  (d) => `SELECT n FROM (${COUNTED(d)}) t ORDER BY n DESC LIMIT 1 OFFSET ?`,
  (r) => col.num(r, "n"),
)
const candidates = statement(
  (d) => `SELECT member, n FROM (${COUNTED(d)}) t WHERE n >= ? ORDER BY n DESC, member`,
  (r) => ({ member: col.str(r, "member"), n: col.num(r, "n") }),
)
const via = statement(
  (d) => `SELECT b.contact_id AS member, a.contact_id AS via
   FROM contacts a JOIN contacts b ON b.owner_id = a.contact_id
   WHERE a.owner_id = ? AND b.contact_id IN ${d.list}
   ORDER BY b.contact_id, a.contact_id`,
  (r) => ({ member: col.str(r, "member"), via: col.str(r, "via") }),
)
const ring = statement(
  (d) =>
    `SELECT owner_id AS owner, contact_id AS contact FROM contacts WHERE owner_id IN ${d.list}`,
  (r) => ({ owner: col.str(r, "owner"), contact: col.str(r, "contact") }),
)
const hiding = statement(
  (d) => `SELECT id FROM members WHERE hide_contacts = 1 AND id IN ${d.list}`,
  (r) => col.str(r, "id"),
)
// The second ring (params: viewer ×5).
const RING2 = `SELECT DISTINCT b.contact_id AS id
  FROM contacts a JOIN contacts b ON b.owner_id = a.contact_id
  WHERE a.owner_id = ? AND b.contact_id <> ?
    AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.owner_id = ? AND x.contact_id = b.contact_id)
    AND b.contact_id NOT IN (${BLOCKED})`
const reachCounts = statement(
  `SELECT
     (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = ? AND c.contact_id NOT IN (${BLOCKED})) AS first,
     (SELECT COUNT(*) FROM (${RING2}) r2) AS second,
     (SELECT COUNT(*) FROM (${RING2}) r2 JOIN members m ON m.id = r2.id AND m.hide_contacts = 0
       JOIN contacts c ON c.owner_id = r2.id) AS behind`,
  (r) => ({
    first: col.num(r, "first"),
    second: col.num(r, "second"),
    behind: col.num(r, "behind"),
  }),
)
const allMembers = statement("SELECT COUNT(*) AS n FROM members", (r) => col.num(r, "n"))
const third = statement(
  `SELECT COUNT(DISTINCT c.contact_id) AS n
   FROM (${RING2}) r2
   JOIN members m ON m.id = r2.id AND m.hide_contacts = 0
   JOIN contacts c ON c.owner_id = r2.id
   WHERE c.contact_id <> ?
     AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.owner_id = ? AND x.contact_id = c.contact_id)
     AND c.contact_id NOT IN (${RING2})
     AND c.contact_id NOT IN (${BLOCKED})`,
  (r) => col.num(r, "n"),
)

const five = (v: string) => [v, v, v, v, v]
// How members stand out among equally good suggestions (ReadModel.standingOf's numbers).
const standing = statement(
  (d) => `SELECT m.id,
     (CASE WHEN m.open_to_networking = 1 THEN 2 ELSE 0 END)
       + (CASE WHEN EXISTS (SELECT 1 FROM photos p WHERE p.member_id = m.id) THEN 1 ELSE 0 END) AS standing
   FROM members m WHERE m.id IN ${d.list}`,
  (r) => [col.str(r, "id"), col.num(r, "standing")] as const,
)

export class NetworkSql extends Effect.Service<NetworkSql>()("@kontakt/store/NetworkSql", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    return {
      /** The contacts two members share, by id. Cost: the viewer's contacts. */
      mutual: (viewer: MemberId, other: MemberId) =>
        db.all(mutual, [other, viewer, viewer, viewer]),
      /**
       * Second-degree members with how many of the viewer's contacts they
       * know: the `limit` best and everyone tied with the last of them.
       * Cost: every contact of every contact of the viewer, once.
       */
      candidates: (viewer: MemberId, exclude: readonly MemberId[], limit: number) =>
        Effect.gen(function* () {
          const params = [...five(viewer), [...exclude]]
          const [n] = yield* db.all(floor, [...params, Math.max(0, limit - 1)])
          return yield* db.all(candidates, [...params, n ?? 1])
        }),
      /** How each member stands out: 2 when open to networking, plus 1 with a photo. */
      standing: (members: readonly MemberId[]) =>
        members.length === 0
          ? Effect.succeed(new Map<MemberId, number>())
          : Effect.map(db.all(standing, [[...members]]), (rows) => new Map(rows)),
      /** For each member, the viewer's contacts they know, by id (at most `each`). */
      via: (viewer: MemberId, members: readonly MemberId[], each: number) =>
        members.length === 0
          ? Effect.succeed(new Map<string, string[]>())
          : Effect.map(db.all(via, [viewer, [...members]]), (rows) => {
              const out = new Map<string, string[]>()
              for (const r of rows) {
                const list = out.get(r.member) ?? []
                if (list.length < each) list.push(r.via)
                out.set(r.member, list)
              }
              return out
            }),
      /** The contacts of some members (for a search a ring at a time). Cost: their contacts. */
      ring: (members: readonly MemberId[]) =>
        Effect.gen(function* () {
          const edges: { owner: string; contact: string }[] = []
          for (let i = 0; i < members.length; i += 500)
            edges.push(...(yield* db.all(ring, [members.slice(i, i + 500)])))
          return edges
        }),
      /** Of some members, those who hide their contacts. */
      hiding: (members: readonly MemberId[]) =>
        members.length === 0
          ? Effect.succeed(new Set<string>())
          : Effect.map(db.all(hiding, [[...members]]), (rows) => new Set(rows)),
      /**
       * How many members are 1, 2 and 3 hops away. The first two rings are
       * exact; the third too while the rows behind the second ring stay under
       * REACH_EXACT_ROWS, else it is estimated (and marked) as every member
       * not in the first two rings — in a small world, three hops reach
       * nearly everyone.
       */
      reach: (viewer: MemberId) =>
        Effect.gen(function* () {
          const [counts] = yield* db.all(reachCounts, [
            viewer,
            viewer,
            viewer,
            ...five(viewer),
            ...five(viewer),
          ])
          const first = counts?.first ?? 0
          const second = counts?.second ?? 0
          if ((counts?.behind ?? 0) > REACH_EXACT_ROWS) {
            const [all] = yield* db.all(allMembers)
            const rest = (all ?? 0) - 1 - first - second
            return { first, second, third: Math.max(0, rest), thirdEstimated: true }
          }
          const [n] = yield* db.all(third, [
            ...five(viewer),
            viewer,
            viewer,
            ...five(viewer),
            viewer,
            viewer,
          ])
          return { first, second, third: n ?? 0, thirdEstimated: false }
        }),
    }
  }),
}) {}
