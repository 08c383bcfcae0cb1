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
    for (const v of front) {
      // An indexed walk over the index's own array (no view made per member).
      const { array, start, end } = g.run(v)
      for (let i = start; i < end; i++) {
        const w = array[i] as number
        // The first edge into the other side's search closes a shortest path: had
        // either search reached further into the other, they would have met a
        // layer earlier, so every meeting edge of this layer is as long.
        // (Members either search has seen were usable when it saw them.)
        if (otherSeen[w] === gen && layer + (otherDepth[w] ?? 0) <= maxHops)
          return forward ? chain(v, w) : chain(w, v)
        if (seen[w] === gen || otherSeen[w] === gen || !usable(w)) continue
        seen[w] = gen
        parent[w] = v
        depth[w] = layer
        next.push(w)
      }
    }
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
