import { describe, expect, it } from "vitest"
import {
  GraphIndex,
  HyperLogLog,
  IdMap,
  mutualContacts,
  reach,
  Scratch,
  shortestPath,
  suggestions,
  type Visibility,
} from "../src/index.js"
import { karate } from "./support.js"

const visibility = (blocked: number[], hiding: number[]): Visibility => ({
  blocked: (m) => blocked.includes(m),
  hidesContacts: (m) => hiding.includes(m),
})

describe("suggestions", () => {
  it("rank 2nd-degree members by mutual contacts, never contacts or oneself, with the contacts they come through", () => {
    const { g } = karate()
    const scratch = new Scratch(g.size)
    for (let viewer = 0; viewer < g.size; viewer++) {
      const got = suggestions(g, viewer, { limit: 100, viaLimit: 100, scratch })
      for (const s of got) {
        expect(s.member).not.toBe(viewer)
        expect(g.hasEdge(viewer, s.member)).toBe(false)
        expect(s.mutualCount).toBe(mutualContacts(g, viewer, s.member).length)
        expect(s.via).toEqual(mutualContacts(g, viewer, s.member))
      }
      for (let i = 1; i < got.length; i++)
        expect((got[i - 1]?.mutualCount ?? 0) >= (got[i]?.mutualCount ?? 0)).toBe(true)
      // Everyone two hops away is suggested.
      const twoHops = new Set<number>()
      for (const w of g.neighbors(viewer))
        for (const x of g.neighbors(w)) if (x !== viewer && !g.hasEdge(viewer, x)) twoHops.add(x)
      expect(new Set(got.map((s) => s.member))).toEqual(twoHops)
    }
  })

  it("shared groups break ties; excluded and blocked members are left out; the limit holds", () => {
    const g = GraphIndex.fromEdges(6, [
      [0, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [0, 5],
      [5, 4],
    ])
    expect(suggestions(g, 0).map((s) => [s.member, s.mutualCount])).toEqual([
      [4, 2],
      [2, 1],
      [3, 1],
    ])
    expect(
      suggestions(g, 0, { sharedGroups: (m) => (m === 3 ? 2 : 0) }).map((s) => s.member),
    ).toEqual([4, 3, 2])
    expect(suggestions(g, 0, { exclude: (m) => m === 4 }).map((s) => s.member)).toEqual([2, 3])
    expect(suggestions(g, 0, { visibility: visibility([4], []) }).map((s) => s.member)).toEqual([
      2, 3,
    ])
    expect(suggestions(g, 0, { limit: 1 })).toHaveLength(1)
    // The best is excluded or blocked: the next best still comes back, and the scratch is clean after.
    const scratch = new Scratch(g.size)
    expect(
      suggestions(g, 0, { limit: 1, exclude: (m) => m === 4, scratch }).map((s) => s.member),
    ).toEqual([2])
    expect(
      suggestions(g, 0, { limit: 1, visibility: visibility([4], []), scratch }).map(
        (s) => s.member,
      ),
    ).toEqual([2])
    expect(suggestions(g, 0, { scratch }).map((s) => [s.member, s.mutualCount])).toEqual([
      [4, 2],
      [2, 1],
      [3, 1],
    ])
  })
})

describe("privacy", () => {
  // 0 — 1 — 2 — 3, and 0 — 4 — 3
  const g = GraphIndex.fromEdges(5, [
    [0, 1],
    [1, 2],
    [2, 3],
    [0, 4],
    [4, 3],
  ])

  it("a member who hides their contacts is no hop further than the viewer's own contacts", () => {
    expect(shortestPath(g, 0, 3)).toEqual([0, 4, 3])
    // 4 hides its contacts but is 0's own contact: still a hop for 0.
    expect(shortestPath(g, 0, 3, { visibility: visibility([], [4]) })).toEqual([0, 4, 3])
    // 2 hides its contacts and is not 0's contact: the path must avoid it.
    const onlyVia2 = GraphIndex.fromEdges(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ])
    expect(shortestPath(onlyVia2, 0, 3, { visibility: visibility([], [2]) })).toBeNull()
    expect(reach(onlyVia2, 0, { visibility: visibility([], [2]) })).toMatchObject({
      first: 1,
      second: 1,
      third: 0,
    })
  })

  it("blocked members appear nowhere: not as target, hop, mutual contact or suggestion", () => {
    expect(shortestPath(g, 0, 3, { visibility: visibility([3], []) })).toBeNull()
    expect(shortestPath(g, 0, 3, { visibility: visibility([4], []) })).toEqual([0, 1, 2, 3])
    const triangle = GraphIndex.fromEdges(3, [
      [0, 1],
      [1, 2],
      [0, 2],
    ])
    expect(mutualContacts(triangle, 0, 2)).toEqual([1])
    expect(mutualContacts(triangle, 0, 2, visibility([1], []))).toEqual([])
    expect(mutualContacts(triangle, 0, 2, visibility([2], []))).toEqual([])
    expect(reach(g, 0, { visibility: visibility([4], []) })).toMatchObject({
      first: 1,
      second: 1,
      third: 1,
    })
  })
})

describe("reach", () => {
  it("estimates the third ring with a HyperLogLog past the exact limit, and says so", () => {
    const { g } = karate()
    const exact = reach(g, 0)
    const estimated = reach(g, 0, { exactLimit: 0 })
    expect(estimated).toMatchObject({
      first: exact.first,
      second: exact.second,
      thirdEstimated: true,
    })
    expect(Math.abs(estimated.third - exact.third)).toBeLessThanOrEqual(2)
  })
})

describe("HyperLogLog", () => {
  // Fixed cases, not random ones: an estimator's error has tails, and a test must not flicker.
  it.each([1_000, 10_000, 30_000, 39_493, 45_000, 60_000, 100_000, 200_000])(
    "estimates %i distinct values within 2%%",
    (n) => {
      for (const offset of [0, 127_263, 555_555]) {
        const h = new HyperLogLog()
        for (let i = 0; i < n; i++) h.add(offset + i)
        for (let i = 0; i < n; i += 3) h.add(offset + i) // duplicates do not count
        expect(Math.abs(h.estimate() - n) / n).toBeLessThan(0.02)
      }
    },
  )
})

describe("IdMap", () => {
  it("maps member ids to dense indices and back", () => {
    const ids = new IdMap()
    expect([ids.intern("ada"), ids.intern("bob"), ids.intern("ada")]).toEqual([0, 1, 0])
    expect([ids.idOf(1), ids.indexOf("bob"), ids.indexOf("eve"), ids.size]).toEqual([
      "bob",
      1,
      undefined,
      2,
    ])
  })
})

describe("the index", () => {
  it("drops self-loops, duplicates and out-of-range edges, and holds 4 bytes per directed edge plus 4 per member", () => {
    const g = GraphIndex.fromEdges(4, [
      [0, 1],
      [1, 0],
      [2, 2],
      [0, 9],
      [-1, 2],
      [3, 1],
    ])
    expect([...g.neighbors(1)]).toEqual([0, 3])
    expect(g.directedEdges).toBe(4)
    expect(g.bytes).toBe(4 * 4 + 5 * 4)
  })
})
