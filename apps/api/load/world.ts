/**
 * A world to put load on: a generated network of members (power-law degrees,
 * one hub) bulk-loaded into a database, a session for every member, pending
 * requests waiting to be accepted, and posts already fanned out to feeds.
 * Sessions are made by hand so that thousands of members need no scrypt.
 */
import { Db, FeedService, hashSecret, multiRow, newId } from "@kontakt/store"
import { generateNetwork, prng, seedNetwork } from "@kontakt/store/testing"
import { Effect } from "effect"

export interface World {
  readonly handles: readonly string[]
  /** The session secret of each member, by handle. */
  readonly secrets: ReadonlyMap<string, string>
  /** Pending requests to each member, by handle: what accepts consume. */
  readonly incoming: Map<string, string[]>
  /** Posts and their authors: what likes go to (a post reaches its author's contacts). */
  readonly posts: { readonly id: string; readonly author: string }[]
  /** Each member's contacts, as seeded. */
  readonly contactsOf: ReadonlyMap<string, readonly string[]>
}

const chunk = <T>(xs: readonly T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

const insertSessions = multiRow(
  "INSERT INTO sessions (id, token_hash, member_id, created_at, last_used_at, expires_at) VALUES",
  6,
)
const insertRequests = multiRow(
  `INSERT INTO requests (id, from_id, to_id, pair_lo, pair_hi, message, state, created_at, updated_at) VALUES`,
  9,
)

export const seedWorld = (options: {
  readonly members: number
  readonly hubDegree: number
  readonly pendingPerMember: number
  readonly posts: number
}) =>
  Effect.gen(function* () {
    const db = yield* Db
    const feed = yield* FeedService
    const network = generateNetwork(options.members, options.hubDegree)
    const ids = Array.from({ length: options.members }, (_, i) => `m${String(i).padStart(6, "0")}`)
    const now = new Date()
    const at = now.toISOString()
    yield* seedNetwork(ids, network.edges, at)

    const secrets = new Map(ids.map((id) => [id, `load-${id}-${newId()}`]))
    const expires = new Date(now.getTime() + 30 * 86_400_000).toISOString()
    const hashes = yield* Effect.promise(() =>
      Promise.all(ids.map((id) => hashSecret(secrets.get(id) ?? ""))),
    )
    const sessions = ids.map((id, i) => [newId(), hashes[i] ?? "", id, at, at, expires])
    for (const part of chunk(sessions, 500)) yield* db.run(insertSessions(part.length), part.flat())

    // Pending requests from members who are not yet contacts, one per pair.
    const random = prng(3)
    const taken = new Set(network.edges.map(([a, b]) => `${ids[a]}|${ids[b]}`))
    const incoming = new Map<string, string[]>(ids.map((id) => [id, []]))
    const rows: string[][] = []
    for (const to of ids.slice(1)) {
      for (let k = 0; k < options.pendingPerMember; k++) {
        const from = ids[1 + Math.floor(random() * (ids.length - 1))] ?? ""
        const [lo, hi] = from < to ? [from, to] : [to, from]
        if (from === to || taken.has(`${lo}|${hi}`)) continue
        taken.add(`${lo}|${hi}`)
        const id = newId()
        incoming.get(to)?.push(id)
        rows.push([id, from, to, lo, hi, "Hallo!", "pending", at, at])
      }
    }
    for (const part of chunk(rows, 500)) yield* db.run(insertRequests(part.length), part.flat())

    // Posts through the service, so that they reach their readers' feeds.
    const posts: { id: string; author: string }[] = []
    for (let i = 0; i < options.posts; i++) {
      const author = ids[Math.floor(random() * ids.length)] ?? ""
      const post = yield* feed.publish(author, { text: `Beitrag ${i}: Tipps fürs Netzwerken` })
      posts.push({ id: post.post.id, author })
    }
    const contactsOf = new Map<string, string[]>(ids.map((id) => [id, []]))
    for (const [a, b] of network.edges) {
      contactsOf.get(ids[a] ?? "")?.push(ids[b] ?? "")
      contactsOf.get(ids[b] ?? "")?.push(ids[a] ?? "")
    }
    return { handles: ids, secrets, incoming, posts, contactsOf } satisfies World
  })
