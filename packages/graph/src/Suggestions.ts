/**
 * Suggestions: members two hops away, ranked by mutual contacts (then shared
 * groups), each with the contacts it comes through.
 */
import type { GraphIndex } from "./GraphIndex.js"
import { intersectSorted } from "./Mutual.js"
import { Scratch } from "./Scratch.js"
import { everyoneVisible, mayBeIntermediate, type Visibility } from "./Visibility.js"

export interface Suggestion {
  readonly member: number
  readonly mutualCount: number
  /** Up to `viaLimit` of the contacts it comes through, ascending. */
  readonly via: readonly number[]
  readonly sharedGroups: number
}

export interface SuggestionOptions {
  readonly limit?: number
  readonly viaLimit?: number
  /** Members not to suggest: open requests, dismissed suggestions. */
  readonly exclude?: (member: number) => boolean
  readonly sharedGroups?: (member: number) => number
  readonly visibility?: Visibility
  readonly scratch?: Scratch
}

/**
 * The top suggestions for `viewer`.
 *
 * @example
 * ```ts
 * suggestions(g, 0, { limit: 20 }) // [{ member: 7, mutualCount: 3, via: [1, 2, 5], sharedGroups: 0 }, …]
 * ```
 */
export const suggestions = (
  g: GraphIndex,
  viewer: number,
  options: SuggestionOptions = {},
): Suggestion[] => {
  const limit = options.limit ?? 20
  const visibility = options.visibility ?? everyoneVisible
  const scratch = options.scratch ?? new Scratch(g.size)
  const mark = scratch.next()
  const { counts, stamp } = scratch
  const mine = g.neighbors(viewer)
  // Mark the viewer and their contacts: never suggested.
  stamp[viewer] = mark
  for (const c of mine) stamp[c] = mark
  const touched: number[] = []
  for (const w of mine) {
    if (!mayBeIntermediate(g, viewer, w, visibility)) continue
    for (const x of g.neighbors(w)) {
      if (stamp[x] === mark) continue
      if ((counts[x] ?? 0) === 0) touched.push(x)
      counts[x] = (counts[x] ?? 0) + 1
    }
  }
  // Bucket by count (at most the viewer's degree), highest first.
  const buckets: number[][] = []
  for (const x of touched) {
    const n = counts[x] ?? 0
    counts[x] = 0
    if (visibility.blocked(x) || options.exclude?.(x) === true) continue
    let bucket = buckets[n]
    if (bucket === undefined) {
      bucket = []
      buckets[n] = bucket
    }
    bucket.push(x)
  }
  const picked: { member: number; mutualCount: number; sharedGroups: number }[] = []
  for (let n = buckets.length - 1; n > 0 && picked.length < limit; n--) {
    const bucket = buckets[n]
    if (bucket === undefined) continue
    const ranked = bucket
      .map((member) => ({
        member,
        mutualCount: n,
        sharedGroups: options.sharedGroups?.(member) ?? 0,
      }))
      .sort((a, b) => b.sharedGroups - a.sharedGroups || a.member - b.member)
    picked.push(...ranked.slice(0, limit - picked.length))
  }
  const visibleMine = mine.filter((w) => mayBeIntermediate(g, viewer, w, visibility))
  return picked.map((p) => ({
    ...p,
    via: intersectSorted(visibleMine, g.neighbors(p.member)).slice(0, options.viaLimit ?? 3),
  }))
}
