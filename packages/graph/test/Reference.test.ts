/**
 * Results equal graphology's on Zachary's karate club, Les Misérables and random graphs.
 */
import * as fc from "fast-check"
import Graph from "graphology"
import { bidirectional } from "graphology-shortest-path"
import { bfsFromNode } from "graphology-traversal"
import { describe, expect, it } from "vitest"
import { GraphIndex, mutualContacts, reach, shortestPath } from "../src/index.js"
import { both, karate, miserables } from "./support.js"

type Both = ReturnType<typeof both>

const expectSameAsGraphology = ({ graph, keys, g }: Both) => {
  const idx = (k: string) => keys.indexOf(k)
  for (let s = 0; s < keys.length; s++) {
    // Rings by graphology's BFS.
    const rings = [0, 0, 0, 0]
    bfsFromNode(graph, keys[s] ?? "", (_node, _attr, depth) => {
      if (depth >= 1 && depth <= 3) rings[depth] = (rings[depth] ?? 0) + 1
      return depth >= 3
    })
    expect(reach(g, s), `reach from ${s}`).toEqual({
      first: rings[1],
      second: rings[2],
      third: rings[3],
      thirdEstimated: false,
    })
    for (let t = 0; t < keys.length; t++) {
      const theirs = bidirectional(graph, keys[s] ?? "", keys[t] ?? "")
      const ours = shortestPath(g, s, t, { maxHops: 100 })
      expect(ours?.length ?? null, `path ${s}→${t}`).toBe(theirs?.length ?? null)
      if (ours !== null) {
        expect(ours[0]).toBe(s)
        expect(ours.at(-1)).toBe(t)
        for (let i = 1; i < ours.length; i++)
          expect(g.hasEdge(ours[i - 1] ?? 0, ours[i] ?? 0)).toBe(true)
      }
      const within4 = shortestPath(g, s, t)
      expect(within4 === null, `4 hops ${s}→${t}`).toBe(theirs === null || theirs.length - 1 > 4)
      const mutual = graph
        .neighbors(keys[s] ?? "")
        .filter((n: string) => graph.hasEdge(keys[t] ?? "", n))
        .map(idx)
        .sort((a: number, b: number) => a - b)
      expect(mutualContacts(g, s, t), `mutual ${s},${t}`).toEqual(mutual)
    }
  }
}

describe("against graphology", () => {
  it("Zachary's karate club: 34 members, 78 connections", () => {
    const k = karate()
    expect([k.g.size, k.g.directedEdges / 2]).toEqual([34, 78])
    expectSameAsGraphology(k)
  })

  it("Les Misérables", async () => {
    const m = await miserables()
    expect([m.g.size, m.g.directedEdges / 2]).toEqual([77, 254])
    expectSameAsGraphology(m)
  })

  it("random graphs", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 30 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: 80 }),
            ),
          ),
        ([n, pairs]) => {
          const graph = new Graph.UndirectedGraph()
          for (let i = 0; i < n; i++) graph.addNode(String(i))
          for (const [a, b] of pairs)
            if (a !== b && !graph.hasEdge(String(a), String(b))) graph.addEdge(String(a), String(b))
          expectSameAsGraphology(both(graph))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe("the overlay", () => {
  it("answers like a rebuilt index after additions and removals, and compacts to one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 19 }), fc.nat({ max: 19 })), { maxLength: 40 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat({ max: 19 }), fc.nat({ max: 19 })), {
          maxLength: 40,
        }),
        (initial, changes) => {
          const g = GraphIndex.fromEdges(20, initial)
          const truth = new Set(
            initial
              .filter(([a, b]) => a !== b)
              .map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)),
          )
          for (const [add, a, b] of changes) {
            if (a === b) continue
            const key = a < b ? `${a}|${b}` : `${b}|${a}`
            if (add) {
              g.addEdge(a, b)
              truth.add(key)
            } else {
              g.removeEdge(a, b)
              truth.delete(key)
            }
          }
          const rebuilt = GraphIndex.fromEdges(
            20,
            [...truth].map((k) => k.split("|").map(Number) as [number, number]),
          )
          const compacted = g.compact()
          for (let v = 0; v < 20; v++) {
            expect([...g.neighbors(v)]).toEqual([...rebuilt.neighbors(v)])
            expect(g.degree(v)).toBe(rebuilt.degree(v))
            expect([...compacted.neighbors(v)]).toEqual([...rebuilt.neighbors(v)])
          }
          expect(compacted.pendingChanges).toBe(0)
        },
      ),
      { numRuns: 300 },
    )
  })
})
