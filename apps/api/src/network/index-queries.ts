/**
 * The network queries answered by this process's in-memory index
 * (@kontakt/graph), kept current from the outbox.
 */
import { mutualContacts, reach, shortestPath, suggestions } from "@kontakt/graph"
import { Network, ReadModel } from "@kontakt/store"
import { Effect } from "effect"
import { run } from "../context.js"
import { type NetworkIndex, visibilityOf } from "./network-index.js"
import { byId, type Ctx, type NetworkQueries } from "./queries.js"

/** The viewer's view of the network: the index caught up, and who is hidden from them. */
const viewFor = async (c: Ctx, network: NetworkIndex, viewer: string) => {
  const { blocked, hiding } = await run(
    c,
    Effect.gen(function* () {
      const model = yield* ReadModel
      yield* model.sync
      return { blocked: model.blockedWith(viewer), hiding: model.hidingContacts() }
    }),
  )
  const { graph, scratch, ids } = network.current()
  const me = network.indexOf(viewer)
  const idOf = (i: number) => ids.idOf(i) ?? ""
  return { graph, scratch, ids, me, idOf, visibility: visibilityOf(ids, blocked, hiding) }
}

export const indexQueries = (network: NetworkIndex): NetworkQueries => ({
  suggestions: async (c, viewer, limit) => {
    const view = await viewFor(c, network, viewer)
    const { skip, shared, standingOf } = await run(
      c,
      Effect.gen(function* () {
        const n = yield* Network
        const model = yield* ReadModel
        return {
          skip: yield* n.notToSuggest(viewer),
          shared: yield* n.sharedGroups(viewer),
          standingOf: model.standingOf,
        }
      }),
    )
    return suggestions(view.graph, view.me, {
      limit,
      // Every contact it comes through, so that the three shown are the first by id.
      viaLimit: Number.MAX_SAFE_INTEGER,
      scratch: view.scratch,
      visibility: view.visibility,
      exclude: (m) => skip.has(view.idOf(m)),
      sharedGroups: (m) => shared.get(view.idOf(m)) ?? 0,
      rank: (m) => standingOf(view.idOf(m)),
      order: (a, b) => byId(view.idOf(a), view.idOf(b)),
    }).map((s) => ({
      member: view.idOf(s.member),
      mutualCount: s.mutualCount,
      via: s.via.map(view.idOf).sort(byId).slice(0, 3),
      sharedGroups: s.sharedGroups,
      standing: standingOf(view.idOf(s.member)),
    }))
  },
  path: async (c, viewer, target) => {
    const view = await viewFor(c, network, viewer)
    const chain = shortestPath(view.graph, view.me, network.indexOf(target), {
      visibility: view.visibility,
      scratch: view.scratch,
    })
    return chain === null ? null : chain.map(view.idOf)
  },
  mutual: async (c, viewer, other) => {
    const view = await viewFor(c, network, viewer)
    return mutualContacts(view.graph, view.me, network.indexOf(other), view.visibility)
      .map(view.idOf)
      .sort(byId)
  },
  reach: async (c, viewer) => {
    const view = await viewFor(c, network, viewer)
    return reach(view.graph, view.me, { visibility: view.visibility, scratch: view.scratch })
  },
  idOfHandle: (handle) => network.handles.hint(handle),
  learnHandle: (handle, id) => network.handles.learn(handle, id),
})
