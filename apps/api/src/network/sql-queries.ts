/**
 * The network queries answered by the database, for runtimes without the
 * in-memory index (an edge worker): the same rules as @kontakt/graph, the
 * same ties, so the same answers. Costs: suggestions and reach read every
 * contact of the viewer's contacts once (reach's third ring is estimated
 * past a bound, see NetworkSql); a path reads the contacts of at most two
 * rings on each side, a ring at a time.
 */
import { Blocks, Contacts, Network, NetworkSql } from "@kontakt/store"
import { Effect } from "effect"
import { run } from "../context.js"
import { byId, type Ctx, type NetworkQueries } from "./queries.js"

const MAX_HOPS = 4

// One end of the search: its frontier, how each reached member was reached, and at what depth.
interface Side {
  front: string[]
  readonly parent: Map<string, string | null>
  readonly depth: Map<string, number>
  hops: number
}
const side = (root: string): Side => ({
  front: [root],
  parent: new Map([[root, null]]),
  depth: new Map([[root, 0]]),
  hops: 0,
})
// From a member back to its side's root.
const back = (s: Side, from: string) => {
  const out: string[] = []
  for (let v: string | null | undefined = from; v !== null && v !== undefined; v = s.parent.get(v))
    out.push(v)
  return out
}

/** A shortest path by bidirectional search, a ring of contacts per query, as Path.ts does it in memory. */
const shortest = (c: Ctx, viewer: string, target: string) =>
  run(
    c,
    Effect.gen(function* () {
      if (viewer === target) return [viewer]
      const db = yield* NetworkSql
      const blocked = yield* Effect.flatMap(Blocks, (b) => b.of(viewer))
      if (blocked.has(target)) return null
      const mine = new Set(yield* Effect.flatMap(Contacts, (k) => k.contactIds(viewer)))
      // A member may stand on the path unless blocked, or hiding their contacts from a non-contact.
      const usable = (m: string, hiding: ReadonlySet<string>) =>
        m === viewer || m === target || (!blocked.has(m) && (!hiding.has(m) || mine.has(m)))
      const a = side(viewer)
      const b = side(target)
      while (a.front.length > 0 && b.front.length > 0 && a.hops + b.hops < MAX_HOPS) {
        // Grow the smaller frontier (the in-memory search weighs by degree; the depth found is the same).
        const forward = a.front.length <= b.front.length
        const [grow, other] = forward ? [a, b] : [b, a]
        const layer = grow.hops + 1
        const edges = yield* db.ring(grow.front)
        const hiding = yield* db.hiding([...new Set(edges.map((e) => e.contact))])
        let best: { from: string; to: string; length: number } | null = null
        const next: string[] = []
        for (const { owner, contact } of edges) {
          if (!usable(contact, hiding)) continue
          const met = other.depth.get(contact)
          if (met !== undefined) {
            const length = layer + met
            if (best === null || length < best.length) best = { from: owner, to: contact, length }
            continue
          }
          if (grow.depth.has(contact)) continue
          grow.depth.set(contact, layer)
          grow.parent.set(contact, owner)
          next.push(contact)
        }
        if (best !== null && best.length <= MAX_HOPS) {
          // owner is on the growing side, contact on the other.
          const [left, right] = forward ? [best.from, best.to] : [best.to, best.from]
          return [...back(a, left).reverse(), ...back(b, right)]
        }
        grow.front = next
        grow.hops = layer
      }
      return null
    }),
  )

export const sqlQueries: NetworkQueries = {
  suggestions: (c, viewer, limit) =>
    run(
      c,
      Effect.gen(function* () {
        const db = yield* NetworkSql
        const network = yield* Network
        const skip = yield* network.notToSuggest(viewer)
        const shared = yield* network.sharedGroups(viewer)
        const candidates = yield* db.candidates(viewer, [...skip], limit)
        const standing = yield* db.standing(candidates.map((x) => x.member))
        const picked = candidates
          .map((x) => ({
            member: x.member,
            mutualCount: x.n,
            sharedGroups: shared.get(x.member) ?? 0,
            standing: standing.get(x.member) ?? 0,
          }))
          .sort(
            (x, y) =>
              y.mutualCount - x.mutualCount ||
              y.sharedGroups - x.sharedGroups ||
              y.standing - x.standing ||
              byId(x.member, y.member),
          )
          .slice(0, limit)
        const via = yield* db.via(
          viewer,
          picked.map((p) => p.member),
          3,
        )
        return picked.map((p) => ({ ...p, via: via.get(p.member) ?? [] }))
      }),
    ),
  path: shortest,
  mutual: (c, viewer, other) =>
    run(
      c,
      Effect.flatMap(NetworkSql, (db) => db.mutual(viewer, other)),
    ),
  reach: (c, viewer) =>
    run(
      c,
      Effect.flatMap(NetworkSql, (db) => db.reach(viewer)),
    ),
  // An edge isolate keeps no members in memory: every profile takes the long way.
  idOfHandle: () => undefined,
  learnHandle: () => {},
}
