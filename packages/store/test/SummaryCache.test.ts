import { describe, expect, it } from "vitest"
import type { MemberSummary } from "../src/index.js"
import { SummaryCache } from "../src/readmodel/SummaryCache.js"

const summary = (id: string, displayName = id.toUpperCase()): MemberSummary => ({
  id,
  handle: id,
  displayName,
  headline: "",
  bio: "",
  hasPhoto: false,
  openToNetworking: false,
})

describe("the members' summaries in memory", () => {
  it("keeps at most its capacity, the oldest going first", () => {
    const cache = new SummaryCache(2)
    cache.keep([summary("ada"), summary("bob")], cache.stamp())
    cache.keep([summary("cem")], cache.stamp())
    expect([cache.get("ada"), cache.get("bob")?.id, cache.get("cem")?.id]).toEqual([
      undefined,
      "bob",
      "cem",
    ])
    expect(cache.size).toBe(2)
  })

  it("forgets a member whose summary changed, and keeps nothing read before a change", () => {
    const cache = new SummaryCache(10)
    cache.keep([summary("ada")], cache.stamp())
    // A read begins, a change to bob is applied meanwhile, the read's old row arrives.
    const stamp = cache.stamp()
    cache.forget("bob")
    cache.keep([summary("bob", "Bob (old)")], stamp)
    expect(cache.get("bob")).toBeUndefined()
    cache.forget("ada")
    expect(cache.get("ada")).toBeUndefined()
    // A read after the change is kept.
    cache.keep([summary("bob", "Bob (new)")], cache.stamp())
    expect(cache.get("bob")?.displayName).toBe("Bob (new)")
    cache.clear()
    expect(cache.size).toBe(0)
  })
})
