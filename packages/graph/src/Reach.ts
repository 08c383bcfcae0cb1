/**
 * Reach: how many members are 1, 2 and 3 hops away. The first two rings are
 * counted exactly; the third too, unless it would mean visiting more than
 * `exactLimit` edges, when it is estimated with a HyperLogLog and marked so.
 */
import type { GraphIndex } from "./GraphIndex.js"
import { HyperLogLog } from "./HyperLogLog.js"
import { Scratch } from "./Scratch.js"
import { everyoneVisible, mayBeIntermediate, type Visibility } from "./Visibility.js"

export interface Reach {
  readonly first: number
  readonly second: number
  readonly third: number
  /** True when `third` is a HyperLogLog estimate (error under 1%). */
  readonly thirdEstimated: boolean
}

export const reach = (
  g: GraphIndex,
  viewer: number,
  options: {
    readonly visibility?: Visibility
    readonly exactLimit?: number
    readonly scratch?: Scratch
    /** 2 to count only the first two rings (the third is then 0). */
    readonly rings?: 2 | 3
  } = {},
): Reach => {
  const visibility = options.visibility ?? everyoneVisible
  const scratch = options.scratch ?? new Scratch(g.size)
  const gen = scratch.next()
  const { stamp } = scratch
  stamp[viewer] = gen
  const ring1: number[] = []
  for (const w of g.neighbors(viewer)) {
    if (visibility.blocked(w)) continue
    stamp[w] = gen
    ring1.push(w)
  }
  const ring2: number[] = []
  for (const w of ring1) {
    if (!mayBeIntermediate(g, viewer, w, visibility)) continue
    for (const x of g.neighbors(w)) {
      if (stamp[x] === gen || visibility.blocked(x)) continue
      stamp[x] = gen
      ring2.push(x)
    }
  }
  if (options.rings === 2)
    return { first: ring1.length, second: ring2.length, third: 0, thirdEstimated: false }
  const through = ring2.filter((x) => mayBeIntermediate(g, viewer, x, visibility))
  const work = through.reduce((s, x) => s + g.degree(x), 0)
  if (work <= (options.exactLimit ?? 20_000_000)) {
    let third = 0
    for (const x of through) {
      for (const y of g.neighbors(x)) {
        if (stamp[y] === gen || visibility.blocked(y)) continue
        stamp[y] = gen
        third++
      }
    }
    return { first: ring1.length, second: ring2.length, third, thirdEstimated: false }
  }
  // Estimate |rings 0–3| and subtract what is known exactly.
  const sketch = new HyperLogLog()
  sketch.add(viewer)
  for (const w of ring1) sketch.add(w)
  for (const x of ring2) sketch.add(x)
  for (const x of through) for (const y of g.neighbors(x)) if (!visibility.blocked(y)) sketch.add(y)
  const third = Math.max(0, sketch.estimate() - 1 - ring1.length - ring2.length)
  return { first: ring1.length, second: ring2.length, third, thirdEstimated: true }
}
