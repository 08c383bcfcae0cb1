/**
 * The world of the per-route benchmark: the demo network (`pnpm seed:demo`:
 * 240 members, Sandra with about 115 contacts) plus a member with 5,000
 * contacts (their fans, bench members with no other contacts), a session for
 * everyone, posts to like, and pending requests to accept. Each write route
 * gets work that succeeds: pairs that may send, requests that may be
 * accepted, posts that may be liked — each used once.
 */
import { defaultSettings } from "@kontakt/domain"
import { Db, FeedService, hashSecret, Members, multiRow, newId } from "@kontakt/store"
import { prng } from "@kontakt/store/testing"
import { Effect, Option } from "effect"
import { DEMO_EMAIL, seedDemo } from "../src/demo/seed.js"

export interface RouteWorld {
  /** Sandra's handle: the reader of the read routes. */
  readonly reader: string
  /** Demo members' handles. */
  readonly demo: readonly string[]
  /** The member with 5,000 contacts. */
  readonly hub: string
  /** Session secrets by handle. */
  readonly secrets: ReadonlyMap<string, string>
  /** [sender, recipient] pairs that may send (a demo member to a fan). */
  readonly sends: [string, string][]
  /** [recipient, request id]: pending requests (a fan's to a demo member). */
  readonly accepts: [string, string][]
  /** [liker, post id]: a fan and one of the hub's posts. */
  readonly likes: [string, string][]
}

const chunk = <T>(xs: readonly T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

const insertMembers = multiRow(
  "INSERT INTO members (id, handle, email, display_name, settings, password_hash, created_at) VALUES",
  7,
)
const insertRecords = multiRow(
  "INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name) VALUES",
  6,
)
const insertSessions = multiRow(
  "INSERT INTO sessions (id, token_hash, member_id, created_at, last_used_at, expires_at) VALUES",
  6,
)
const insertRequests = multiRow(
  "INSERT INTO requests (id, from_id, to_id, pair_lo, pair_hi, message, state, created_at, updated_at) VALUES",
  9,
)
const allMembers = "SELECT id, handle FROM members"

export const seedRouteWorld = (options: {
  readonly fans: number
  readonly work: number
  readonly hubPosts: number
}) =>
  Effect.gen(function* () {
    yield* seedDemo()
    const db = yield* Db
    const now = new Date()
    const at = now.toISOString()
    const settings = JSON.stringify(defaultSettings())
    const hubId = `hub-${newId()}`
    const fans = Array.from({ length: options.fans }, (_, i) => `fan${String(i).padStart(5, "0")}`)
    yield* db.transaction(
      Effect.gen(function* () {
        for (const part of chunk([hubId, ...fans], 500))
          yield* db.run(
            insertMembers(part.length),
            part.flatMap((id) => [
              id,
              id === hubId ? "hub" : id,
              `${id}@bench.example`,
              id === hubId ? "Hub" : `Fan ${id}`,
              settings,
              "x",
              at,
            ]),
          )
        for (const part of chunk(fans, 250))
          yield* db.run(
            insertRecords(part.length * 2),
            part.flatMap((fan) => [
              ...[hubId, fan, "bench", at, at, `fan ${fan}`],
              ...[fan, hubId, "bench", at, at, "hub"],
            ]),
          )
      }),
    )
    const members = (yield* db.unsafe(allMembers)).map((r) => ({
      id: String(r["id"]),
      handle: String(r["handle"]),
    }))
    const idOf = new Map(members.map((m) => [m.handle, m.id]))
    const secrets = new Map(members.map((m) => [m.handle, `bench-${m.handle}-${newId()}`]))
    const expires = new Date(now.getTime() + 30 * 86_400_000).toISOString()
    const sessionRows = yield* Effect.promise(() =>
      Promise.all(
        members.map(async (m) => [
          newId(),
          await hashSecret(secrets.get(m.handle) ?? ""),
          m.id,
          at,
          at,
          expires,
        ]),
      ),
    )
    for (const part of chunk(sessionRows, 500))
      yield* db.run(insertSessions(part.length), part.flat())

    const sandra = Option.getOrThrow(
      yield* Effect.flatMap(Members, (m) => m.byEmail(DEMO_EMAIL)),
    ).handle
    const demo = members.filter((m) => m.handle !== "hub" && !m.handle.startsWith("fan"))
    const random = prng(17)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T
    // Distinct pairs of a demo member and a fan: the first half sends, the second is pending.
    const used = new Set<string>()
    const pairs: [string, string][] = []
    while (pairs.length < 2 * options.work) {
      const pair: [string, string] = [pick(demo).handle, pick(fans)]
      const key = pair.join("|")
      if (used.has(key)) continue
      used.add(key)
      pairs.push(pair)
    }
    const sends = pairs.slice(0, options.work)
    const accepts: [string, string][] = []
    const requestRows = pairs.slice(options.work).map(([member, fan]) => {
      const [from, to] = [idOf.get(fan) ?? "", idOf.get(member) ?? ""]
      const [lo, hi] = [from, to].sort()
      const id = newId()
      accepts.push([member, id])
      return [id, from, to, lo ?? "", hi ?? "", "Hallo!", "pending", at, at]
    })
    for (const part of chunk(requestRows, 500))
      yield* db.run(insertRequests(part.length), part.flat())

    const feed = yield* FeedService
    const posts: string[] = []
    for (let i = 0; i < options.hubPosts; i++)
      posts.push((yield* feed.publish(hubId, { text: `Neues vom Hub ${i}` })).post.id)
    const likes: [string, string][] = []
    for (let i = 0; likes.length < options.work; i++)
      likes.push([fans[i % fans.length] ?? "", posts[Math.floor(i / fans.length)] ?? ""])
    return {
      reader: sandra,
      demo: demo.map((m) => m.handle),
      hub: "hub",
      secrets,
      sends,
      accepts,
      likes,
    } satisfies RouteWorld
  })
