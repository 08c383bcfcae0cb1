import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { prng } from "../bench/generate.js"
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
  it.each(["sparse", "dense"] as const)(
    "rank 2nd-degree members by mutual contacts, never contacts or oneself, with the contacts they come through (%s count)",
    (strategy) => {
      const { g } = karate()
      const scratch = new Scratch(g.size)
      for (let viewer = 0; viewer < g.size; viewer++) {
        const got = suggestions(g, viewer, { limit: 100, viaLimit: 100, scratch, strategy })
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
    },
  )

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
    // A rank orders members equal on mutual contacts and shared groups, and only those.
    expect(
      suggestions(g, 0, { rank: (m) => (m === 3 ? 3 : m === 4 ? 0 : 1) }).map((s) => s.member),
    ).toEqual([4, 3, 2])
    expect(
      suggestions(g, 0, {
        sharedGroups: (m) => (m === 2 ? 1 : 0),
        rank: (m) => (m === 3 ? 3 : 0),
      }).map((s) => s.member),
    ).toEqual([4, 2, 3])
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

describe("suggestions, counted sparse or dense", () => {
  // Viewers with many contacts over many members: the dense count guesses its threshold from a sample.
  it("give the same answers for every viewer, limit, exclusion, block and hidden contact list", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 5 }),
        (seed, limit, rare) => {
          const size = 400
          const random = prng(seed)
          const edges: [number, number][] = []
          // A few members with many contacts, many with few: counts spread out, ties at the floor.
          for (let v = 0; v < size; v++)
            for (let k = v < 20 ? 120 : 4; k > 0; k--) edges.push([v, Math.floor(random() * size)])
          const g = GraphIndex.fromEdges(
            size,
            edges.filter(([a, b]) => a !== b),
          )
          const hidden = (m: number) => m % 17 === rare
          const options = {
            limit,
            viaLimit: 5,
            exclude: (m: number) => m % 7 === rare,
            sharedGroups: (m: number) => m % 3,
            visibility: { blocked: (m: number) => m % 11 === rare, hidesContacts: hidden },
          }
          const scratch = new Scratch(size)
          for (let viewer = 0; viewer < size; viewer += 7) {
            const sparse = suggestions(g, viewer, { ...options, scratch, strategy: "sparse" })
            const dense = suggestions(g, viewer, { ...options, scratch, strategy: "dense" })
            expect(dense).toEqual(sparse)
            expect(suggestions(g, viewer, { ...options, scratch })).toEqual(sparse)
          }
          // Both left the scratch clean.
          expect(scratch.counts.every((n) => n === 0)).toBe(true)
        },
      ),
      { numRuns: 40 },
    )
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
