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
  /** The last tie-break between equally ranked members (default: by index). */
  readonly order?: (a: number, b: number) => number
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
  const { counts, touched } = scratch
  const mine = g.neighbors(viewer)
  if (mine.length >= EXCLUDED)
    throw new RangeError(`suggestions count in 16 bits: a degree of ${mine.length} is too large`)
  // The viewer and their contacts are never suggested: marked in the counts
  // themselves, so that the hot loop reads one array, not two.
  counts[viewer] = EXCLUDED
  for (const c of mine) counts[c] = EXCLUDED
  const tally = () => {
    let reached = 0
    for (const w of mine) {
      if (!mayBeIntermediate(g, viewer, w, visibility)) continue
      // The hot loop: an indexed walk over the index's own array.
      const { array, start, end } = g.run(w)
      for (let i = start; i < end; i++) {
        const x = array[i] ?? 0
        const n = counts[x] ?? 0
        if (n === EXCLUDED) continue
        if (n === 0) touched[reached++] = x
        counts[x] = n + 1
      }
    }
    return reached
  }
  // One pass over the reached members: keeps those at `floor` or above, resets every count.
  const collect = (reached: number, floor: number) => {
    const kept: { member: number; mutualCount: number; sharedGroups: number }[] = []
    for (let i = 0; i < reached; i++) {
      const x = touched[i] ?? 0
      const n = counts[x] ?? 0
      counts[x] = 0
      if (n < floor || visibility.blocked(x) || options.exclude?.(x) === true) continue
      kept.push({ member: x, mutualCount: n, sharedGroups: options.sharedGroups?.(x) ?? 0 })
    }
    return kept
  }
  let reached = tally()
  // How many members have each count, to find the lowest count the top `limit` need.
  const histogram = new Uint32Array(mine.length + 1)
  for (let i = 0; i < reached; i++) {
    const n = counts[touched[i] ?? 0] ?? 0
    histogram[n] = (histogram[n] ?? 0) + 1
  }
  let floor = mine.length + 1
  for (let wanted = 0; floor > 1 && wanted < limit; ) wanted += histogram[--floor] ?? 0
  let picked = collect(reached, floor)
  // Exclusions ate into the top: count again and keep everyone (rare, and still exact).
  if (picked.length < limit && floor > 1) {
    reached = tally()
    picked = collect(reached, 1)
  }
  for (const c of mine) counts[c] = 0
  counts[viewer] = 0
  picked.sort(
    (a, b) =>
      b.mutualCount - a.mutualCount ||
      b.sharedGroups - a.sharedGroups ||
      (options.order?.(a.member, b.member) ?? a.member - b.member),
  )
  const visibleMine = mine.filter((w) => mayBeIntermediate(g, viewer, w, visibility))
  return picked.slice(0, limit).map((p) => ({
    ...p,
    via: intersectSorted(visibleMine, g.neighbors(p.member)).slice(0, options.viaLimit ?? 3),
  }))
}

// A count no member reaches: marks the viewer and their contacts during a query.
const EXCLUDED = 0xffff
