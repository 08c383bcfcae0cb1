/**
 * Fanned out on read, the feed is what fanning out on write would have
 * made: for random networks and random activity, every reader's pages (any
 * page size, by cursor) equal the items that the domain's own rules give
 * when each delivery is written to every reader at once (`resolveAudience`,
 * then `assembleFeed`) — with contacts, mutes and blocks as they are at
 * read time.
 */
import {
  assembleFeed,
  DomainEvent,
  deliver,
  type FeedDelivery,
  type FeedItem,
  resolveAudience,
} from "@kontakt/domain"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type FeedCursor, FeedIndex, type ReaderView } from "../src/readmodel/FeedIndex.js"

const members = ["ada", "bob", "carla", "dora", "eve", "finn"]
const member = fc.constantFrom(...members)

type Act =
  | { readonly kind: "post"; readonly by: string }
  | {
      readonly kind: "like" | "comment" | "share" | "unlike"
      readonly by: string
      readonly post: number
    }
  | { readonly kind: "connect"; readonly a: string; readonly b: string }
  | { readonly kind: "deletePost"; readonly post: number }

const act: fc.Arbitrary<Act> = fc.oneof(
  fc.record({ kind: fc.constant("post" as const), by: member }),
  fc.record({
    kind: fc.constantFrom("like" as const, "comment" as const, "share" as const, "unlike" as const),
    by: member,
    post: fc.nat({ max: 9 }),
  }),
  fc.record({ kind: fc.constant("connect" as const), a: member, b: member }),
  fc.record({ kind: fc.constant("deletePost" as const), post: fc.nat({ max: 9 }) }),
)

/** The events a run of acts makes, one minute apart, skipping acts that make no sense. */
const eventsOf = (acts: readonly Act[]) => {
  const posts: { id: string; author: string }[] = []
  const liked = new Set<string>()
  const events: DomainEvent[] = []
  acts.forEach((a, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000)
    if (a.kind === "post") {
      const id = `p${posts.length}`
      posts.push({ id, author: a.by })
      events.push(DomainEvent.PostPublished({ postId: id, author: a.by, at }))
    } else if (a.kind === "connect") {
      if (a.a !== a.b)
        events.push(
          DomainEvent.ConnectionMade({ a: a.a, b: a.b, requestId: `r${i}`, at, broadcast: true }),
        )
    } else {
      const p = posts[a.post % Math.max(1, posts.length)]
      if (p === undefined) return
      const facts = { postId: p.id, author: p.author, at }
      if (a.kind === "deletePost") events.push(DomainEvent.PostDeleted(facts))
      else if (a.kind === "like" && !liked.has(`${p.id}|${a.by}`)) {
        liked.add(`${p.id}|${a.by}`)
        events.push(DomainEvent.PostLiked({ ...facts, by: a.by }))
      } else if (a.kind === "unlike" && liked.has(`${p.id}|${a.by}`)) {
        liked.delete(`${p.id}|${a.by}`)
        events.push(DomainEvent.PostUnliked({ ...facts, by: a.by }))
      } else if (a.kind === "comment")
        events.push(DomainEvent.PostCommented({ ...facts, by: a.by, commentId: `k${i}` }))
      else if (a.kind === "share")
        events.push(DomainEvent.PostShared({ ...facts, by: a.by, shareId: `s${i}` }))
    }
  })
  return events
}

/** Fan-out on write, as the store once did it: every delivery to every reader it reaches then. */
const written = (events: readonly DomainEvent[], view: (reader: string) => ReaderView) => {
  let rows: FeedDelivery[] = []
  for (const e of events) {
    const out = deliver(e)
    for (const r of out.retractions) {
      if (r._tag === "Subject")
        rows = rows.filter((d) => JSON.stringify(d.subject) !== JSON.stringify(r.subject))
      if (r._tag === "BroughtBy")
        rows = rows.filter(
          (d) =>
            !(
              JSON.stringify(d.subject) === JSON.stringify(r.subject) &&
              d.broughtBy === r.member &&
              d.reason === r.reason
            ),
        )
    }
    for (const f of out.feed)
      for (const reader of resolveAudience(
        f,
        (m) => view(m).contacts,
        (x, y) => view(x).blocked.has(y),
        (m) => view(m).hidingContacts.has(m),
      ))
        rows.push({
          reader,
          subject: f.subject,
          broughtBy: f.broughtBy,
          reason: f.reason,
          at: f.at,
        })
  }
  return rows
}

describe("FeedIndex: fan-out on read", () => {
  it("gives every reader, page by page, what fan-out on write would have", () => {
    fc.assert(
      fc.property(
        fc.array(act, { maxLength: 40 }),
        fc.uniqueArray(fc.tuple(member, member), { maxLength: 10 }),
        fc.uniqueArray(fc.tuple(member, member), { maxLength: 3 }),
        fc.uniqueArray(fc.tuple(member, member), { maxLength: 3 }),
        fc.uniqueArray(member, { maxLength: 2 }),
        (acts, links, mutes, blocks, hiders) => {
          const events = eventsOf(acts)
          // Contacts as they are at read time: the connections made, plus some from before.
          const linked = new Set<string>()
          const link = (x: string, y: string) => {
            if (x === y) return
            linked.add(`${x}|${y}`)
            linked.add(`${y}|${x}`)
          }
          for (const [x, y] of links) link(x, y)
          for (const e of events) if (e._tag === "ConnectionMade") link(e.a, e.b)
          const view = (reader: string): ReaderView => ({
            reader,
            contacts: members.filter((m) => linked.has(`${reader}|${m}`)),
            isContact: (m) => linked.has(`${reader}|${m}`),
            muted: new Set(mutes.filter(([o]) => o === reader).map(([, m]) => m)),
            blocked: new Set(
              blocks.flatMap(([x, y]) =>
                x === y ? [] : x === reader ? [y] : y === reader ? [x] : [],
              ),
            ),
            hidingContacts: new Set(hiders),
          })
          const index = new FeedIndex(1_000)
          for (const e of events) {
            const out = deliver(e)
            for (const r of out.retractions) index.retract(r)
            for (const f of out.feed) index.add(f)
          }
          const rows = written(events, view)
          for (const reader of members) {
            const v = view(reader)
            const expected = assembleFeed(rows, v)
            for (const size of [1, 2, 3, 100]) {
              const pages: FeedItem[] = []
              let after: FeedCursor | null = null
              for (let i = 0; i < 100; i++) {
                const page = index.page(v, size, after)
                pages.push(...page)
                const last = page.at(-1)
                if (last === undefined || page.length < size) break
                after = { at: last.latestAt.getTime(), key: last.key }
              }
              expect(pages).toEqual(expected)
            }
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it("keeps each member's newest entries only", () => {
    const index = new FeedIndex(4)
    for (let i = 0; i < 10; i++)
      for (const f of deliver(
        DomainEvent.PostPublished({ postId: `p${i}`, author: "ada", at: new Date(i * 1000) }),
      ).feed)
        index.add(f)
    // Two deliveries per post (to Ada herself, to her contacts): four entries are two posts.
    expect(index.size).toBe(4)
    const page = index.page(
      {
        reader: "bob",
        contacts: ["ada"],
        isContact: (m) => m === "ada",
        muted: new Set(),
        blocked: new Set(),
        hidingContacts: new Set(),
      },
      10,
      null,
    )
    expect(page.map((i) => i.key)).toEqual(["post:p9", "post:p8"])
  })
})
