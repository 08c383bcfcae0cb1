/**
 * Mutual contacts: the intersection of two sorted runs.
 */
import type { GraphIndex } from "./GraphIndex.js"
import { everyoneVisible, mayBeIntermediate, type Visibility } from "./Visibility.js"

/**
 * The sorted intersection of two ascending arrays, or its first `max`
 * members; gallops through the longer one when sizes differ a lot.
 */
export const intersectSorted = (a: Uint32Array, b: Uint32Array, max = Infinity): number[] => {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a]
  const out: number[] = []
  if (small.length * 16 < large.length) {
    let lo = 0
    for (const x of small) {
      if (out.length >= max) break
      let hi = large.length
      while (lo < hi) {
        const m = (lo + hi) >>> 1
        if ((large[m] ?? 0) < x) lo = m + 1
        else hi = m
      }
      if (large[lo] === x) out.push(x)
    }
    return out
  }
  let i = 0
  let j = 0
  while (i < small.length && j < large.length && out.length < max) {
    const x = small[i] ?? 0
    const y = large[j] ?? 0
    if (x === y) {
      out.push(x)
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return out
}

/**
 * The contacts `viewer` and `other` have in common, as the viewer may see them.
 *
 * @example
 * ```ts
 * mutualContacts(g, 0, 5) // [2, 3]
 * ```
 */
export const mutualContacts = (
  g: GraphIndex,
  viewer: number,
  other: number,
  v: Visibility = everyoneVisible,
): number[] =>
  v.blocked(other)
    ? []
    : intersectSorted(g.neighbors(viewer), g.neighbors(other)).filter((m) =>
        mayBeIntermediate(g, viewer, m, v),
      )
