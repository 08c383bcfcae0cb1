/**
 * The news of one category: exactly the items that members of the category
 * brought (posted, liked, commented, shared, connected), each naming only
 * them — whatever the deliveries, whoever is in the category.
 */
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { assembleFeed, type FeedDelivery, type FeedReason, subjectKey } from "../src/index.js"

const members = ["ada", "bob", "cem", "dora", "eve"] as const
const reasons: readonly FeedReason[] = ["posted", "liked", "commented", "shared"]
const deliveryArb = fc.record({
  post: fc.integer({ min: 1, max: 6 }),
  author: fc.constantFrom(...members),
  broughtBy: fc.constantFrom(...members),
  reason: fc.constantFrom(...reasons),
  at: fc.integer({ min: 0, max: 10_000 }),
})
const filter = (sources?: ReadonlySet<string>) => ({
  reader: "reader",
  muted: new Set<string>(),
  blocked: new Set<string>(),
  sources,
})

describe("the news of one category", () => {
  it("holds exactly the items its members brought, naming only them", () => {
    fc.assert(
      fc.property(
        fc.array(deliveryArb, { maxLength: 40 }),
        fc.subarray([...members]),
        (raw, inCategory) => {
          const deliveries: FeedDelivery[] = raw.map((r) => ({
            reader: "reader",
            subject: { kind: "post", postId: `p${r.post}`, author: r.author },
            broughtBy: r.broughtBy,
            reason: r.reason,
            at: new Date(r.at),
          }))
          const sources = new Set<string>(inCategory)
          const items = assembleFeed(deliveries, filter(sources))
          const expectedKeys = new Set(
            deliveries.filter((d) => sources.has(d.broughtBy)).map((d) => subjectKey(d.subject)),
          )
          expect(new Set(items.map((i) => i.key))).toEqual(expectedKeys)
          for (const item of items)
            for (const b of item.broughtBy) expect(sources.has(b.member)).toBe(true)
          // Every item of the category's news is an item of the whole feed.
          const all = new Set(assembleFeed(deliveries, filter()).map((i) => i.key))
          for (const item of items) expect(all.has(item.key)).toBe(true)
        },
      ),
    )
  })
})
