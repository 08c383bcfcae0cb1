/**
 * The shortest chain from one member to another, up to 4 hops, by
 * bidirectional breadth-first search: always grow the smaller side.
 */
import type { GraphIndex } from "./GraphIndex.js"
import { Scratch } from "./Scratch.js"
import { everyoneVisible, mayBeIntermediate, type Visibility } from "./Visibility.js"

/**
 * Every member on a shortest path from `from` to `to` (both included), or
 * `null` when none of at most `maxHops` exists the viewer (`from`) may see.
 *
 * @example
 * ```ts
 * shortestPath(g, 0, 9) // [0, 4, 7, 9]
 * ```
 */
export const shortestPath = (
  g: GraphIndex,
  from: number,
  to: number,
  options: {
    readonly maxHops?: number
    readonly visibility?: Visibility
    readonly scratch?: Scratch
  } = {},
): number[] | null => {
  const maxHops = options.maxHops ?? 4
  const visibility = options.visibility ?? everyoneVisible
  if (from === to) return [from]
  if (visibility.blocked(to)) return null
  const scratch = options.scratch ?? new Scratch(g.size)
  const gen = scratch.next()
  const {
    stamp: seenA,
    stamp2: seenB,
    parent: parentA,
    parent2: parentB,
    depth: depthA,
    depth2: depthB,
  } = scratch
  seenA[from] = gen
  parentA[from] = -1
  depthA[from] = 0
  seenB[to] = gen
  parentB[to] = -1
  depthB[to] = 0
  let frontA = [from]
  let frontB = [to]
  let hopsA = 0
  let hopsB = 0
  const usable = (m: number) => m === to || m === from || mayBeIntermediate(g, from, m, visibility)
  // The path through the meeting edge viaA–viaB: back to `from` on one side, on to `to` on the other.
  const chain = (viaA: number, viaB: number) => {
    const left: number[] = []
    for (let v = viaA; v !== -1; v = parentA[v] ?? -1) left.push(v)
    left.reverse()
    for (let v = viaB; v !== -1; v = parentB[v] ?? -1) left.push(v)
    return left
  }
  while (frontA.length > 0 && frontB.length > 0 && hopsA + hopsB < maxHops) {
    // Grow the side whose next layer is cheaper to expand.
    const costA = frontA.reduce((s, v) => s + g.degree(v), 0)
    const costB = frontB.reduce((s, v) => s + g.degree(v), 0)
    const forward = costA <= costB
    const [front, seen, parent, depth, otherSeen, otherDepth] = forward
      ? [frontA, seenA, parentA, depthA, seenB, depthB]
      : [frontB, seenB, parentB, depthB, seenA, depthA]
    const layer = forward ? hopsA + 1 : hopsB + 1
    const next: number[] = []
    // Every edge from this layer into the other side's search is a candidate; keep the shortest.
    let best = Number.POSITIVE_INFINITY
    let bestFrom = -1
    let bestTo = -1
    for (const v of front) {
      for (const w of g.neighbors(v)) {
        if (!usable(w)) continue
        if (otherSeen[w] === gen) {
          const length = layer + (otherDepth[w] ?? 0)
          if (length < best) {
            best = length
            bestFrom = v
            bestTo = w
          }
          continue
        }
        if (seen[w] === gen) continue
        seen[w] = gen
        parent[w] = v
        depth[w] = layer
        next.push(w)
      }
    }
    if (best <= maxHops) return forward ? chain(bestFrom, bestTo) : chain(bestTo, bestFrom)
    if (forward) {
      frontA = next
      hopsA++
    } else {
      frontB = next
      hopsB++
    }
  }
  return null
}
