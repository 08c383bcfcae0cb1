/**
 * Suggestions: members two hops away, ranked by mutual contacts (then shared
 * groups, then a rank of the caller's), each with the contacts it comes through.
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
  /**
   * A further rank after shared groups, higher first (kontakt: open to
   * networking, then a photo — seed 1's "a likeable photo").
   */
  readonly rank?: (member: number) => number
  /** The last tie-break between equally ranked members (default: by index). */
  readonly order?: (a: number, b: number) => number
  readonly visibility?: Visibility
  readonly scratch?: Scratch
  /**
   * How to count (both give the same answer): "sparse" keeps a list of the
   * members it reaches, "dense" counts without one and then scans every
   * member. Left out, the cheaper one for this viewer is chosen.
   */
  readonly strategy?: "sparse" | "dense"
}

interface Candidate {
  readonly member: number
  readonly mutualCount: number
  readonly sharedGroups: number
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
  const mine = g.neighbors(viewer)
  if (mine.length >= EXCLUDED)
    throw new RangeError(`suggestions count in 16 bits: a degree of ${mine.length} is too large`)
  // The contacts whose contacts count: those who may stand between the viewer and others.
  const through = mine.filter((w) => mayBeIntermediate(g, viewer, w, visibility))
  const candidate = (x: number, n: number): Candidate | null =>
    visibility.blocked(x) || options.exclude?.(x) === true
      ? null
      : { member: x, mutualCount: n, sharedGroups: options.sharedGroups?.(x) ?? 0 }
  const query: Query = { g, viewer, mine, through, limit, scratch, candidate }
  let visits = 0
  for (const w of through) visits += g.degree(w)
  // A dense count touches every member once more, a sparse one pays per visit
  // for its list (about four times as much): dense when the visits are many.
  const dense = options.strategy === undefined ? 4 * visits >= g.size : options.strategy === "dense"
  const picked = dense ? denseCandidates(query) : sparseCandidates(query)
  picked.sort(
    (a, b) =>
      b.mutualCount - a.mutualCount ||
      b.sharedGroups - a.sharedGroups ||
      (options.rank === undefined ? 0 : options.rank(b.member) - options.rank(a.member)) ||
      (options.order?.(a.member, b.member) ?? a.member - b.member),
  )
  return picked.slice(0, limit).map((p) => ({
    ...p,
    via: intersectSorted(through, g.neighbors(p.member), options.viaLimit ?? 3),
  }))
}

interface Query {
  readonly g: GraphIndex
  readonly viewer: number
  readonly mine: Uint32Array
  readonly through: Uint32Array
  readonly limit: number
  readonly scratch: Scratch
  readonly candidate: (member: number, mutualCount: number) => Candidate | null
}

/** The lowest count that the top `limit` need, from how many members have each count. */
const floorFor = (histogram: Uint32Array, limit: number) => {
  let floor = histogram.length
  for (let wanted = 0; floor > 1 && wanted < limit; ) wanted += histogram[--floor] ?? 0
  return floor
}

/**
 * Counts into the scratch with a list of the members reached, so that only
 * they are looked at and reset: for viewers who reach a small part of the network.
 */
const sparseCandidates = ({ g, viewer, mine, through, limit, scratch, candidate }: Query) => {
  const { counts, touched } = scratch
  // The viewer and their contacts are never suggested: marked in the counts
  // themselves, so that the hot loop reads one array, not two.
  counts[viewer] = EXCLUDED
  for (const c of mine) counts[c] = EXCLUDED
  const tally = () => {
    let reached = 0
    for (const w of through) {
      const { array, start, end } = g.run(w)
      reached = countRunListing(counts, touched, reached, array, start, end)
    }
    return reached
  }
  // One pass over the reached members: keeps those at `floor` or above, resets every count.
  const collect = (reached: number, floor: number) => {
    const kept: Candidate[] = []
    for (let i = 0; i < reached; i++) {
      const x = touched[i] ?? 0
      const n = counts[x] ?? 0
      counts[x] = 0
      if (n < floor) continue
      const c = candidate(x, n)
      if (c !== null) kept.push(c)
    }
    return kept
  }
  let reached = tally()
  const histogram = new Uint32Array(through.length + 1)
  for (let i = 0; i < reached; i++) {
    const n = counts[touched[i] ?? 0] ?? 0
    histogram[n] = (histogram[n] ?? 0) + 1
  }
  const floor = floorFor(histogram, limit)
  let picked = collect(reached, floor)
  // Exclusions ate into the top: count again and keep everyone (rare, and still exact).
  if (picked.length < limit && floor > 1) {
    reached = tally()
    picked = collect(reached, 1)
  }
  for (const c of mine) counts[c] = 0
  counts[viewer] = 0
  return picked
}

/**
 * Counts into the scratch without a list or a branch, then scans every
 * member: for viewers who reach a large part of the network.
 */
const denseCandidates = ({ g, viewer, mine, through, limit, scratch, candidate }: Query) => {
  const { counts } = scratch
  const size = g.size
  for (const w of through) {
    const { array, start, end } = g.run(w)
    countRun(counts, array, start, end)
  }
  // No count exceeds the viewer's degree, so nothing overflowed; now the
  // viewer and their contacts drop out.
  counts[viewer] = 0
  for (const c of mine) counts[c] = 0
  const lane = through.length + 1
  const guessed = denseTop(counts, size, lane, limit)
  const floor = guessed?.floor ?? floorFor(denseHistogram(counts, size, lane), limit)
  let picked =
    guessed === null
      ? denseCollect(counts, size, floor, candidate)
      : guessed.members.flatMap((m) => candidate(m, counts[m] as number) ?? [])
  // Exclusions ate into the top: keep everyone reached (rare, and still exact).
  if (picked.length < limit && floor > 1) picked = denseCollect(counts, size, 1, candidate)
  counts.fill(0, 0, size)
  return picked
}

/** The sparse count's hot loop: counts a run, lists members reached the first time; returns how many are listed. */
const countRunListing = (
  counts: Uint16Array,
  touched: Uint32Array,
  listed: number,
  array: Uint32Array,
  start: number,
  end: number,
) => {
  let reached = listed
  for (let i = start; i < end; i++) {
    const x = array[i] as number
    const n = counts[x] as number
    if (n === EXCLUDED) continue
    if (n === 0) touched[reached++] = x
    counts[x] = n + 1
  }
  return reached
}

// The dense count's loops, each a function of its own so that the engine optimises each alone.

const countRun = (counts: Uint16Array, array: Uint32Array, start: number, end: number) => {
  for (let i = start; i < end; i++) {
    const x = array[i] as number
    counts[x] = (counts[x] as number) + 1
  }
}

/**
 * Every member at the top `limit`'s floor or above, in one scan: a sample of
 * every 8th member gives a threshold that should keep a few times `limit`;
 * the exact floor then follows from what it kept (everyone at or above the
 * threshold is among them). Null when the threshold kept too few to tell.
 */
const denseTop = (counts: Uint16Array, size: number, lane: number, limit: number) => {
  const sample = new Uint32Array(lane)
  for (let x = 0; x < size; x += 8) {
    const n = counts[x] as number
    sample[n] = (sample[n] as number) + 1
  }
  const threshold = floorFor(sample, Math.ceil(limit / 2))
  if (threshold <= 1) return null
  const kept: number[] = []
  for (let m = 0; m < size; m++) if ((counts[m] as number) >= threshold) kept.push(m)
  if (kept.length < limit) return null
  const histogram = new Uint32Array(lane)
  for (const m of kept) {
    const n = counts[m] as number
    histogram[n] = (histogram[n] as number) + 1
  }
  const floor = floorFor(histogram, limit)
  return { floor, members: kept.filter((m) => (counts[m] as number) >= floor) }
}

/** How many members have each count, in four histograms side by side so that runs of equal counts do not wait on each other. */
const denseHistogram = (counts: Uint16Array, size: number, lane: number) => {
  const lanes = new Uint32Array(4 * lane)
  const l2 = 2 * lane
  const l3 = 3 * lane
  let x = 0
  for (; x + 3 < size; x += 4) {
    const a = counts[x] as number
    const b = lane + (counts[x + 1] as number)
    const c = l2 + (counts[x + 2] as number)
    const d = l3 + (counts[x + 3] as number)
    lanes[a] = (lanes[a] as number) + 1
    lanes[b] = (lanes[b] as number) + 1
    lanes[c] = (lanes[c] as number) + 1
    lanes[d] = (lanes[d] as number) + 1
  }
  for (; x < size; x++) {
    const a = counts[x] as number
    lanes[a] = (lanes[a] as number) + 1
  }
  const histogram = new Uint32Array(lane)
  for (let n = 0; n < lane; n++)
    histogram[n] =
      (lanes[n] as number) +
      (lanes[lane + n] as number) +
      (lanes[l2 + n] as number) +
      (lanes[l3 + n] as number)
  return histogram
}

const denseCollect = (
  counts: Uint16Array,
  size: number,
  floor: number,
  candidate: Query["candidate"],
) => {
  const kept: Candidate[] = []
  for (let m = 0; m < size; m++) {
    const n = counts[m] as number
    if (n < floor) continue
    const c = candidate(m, n)
    if (c !== null) kept.push(c)
  }
  return kept
}

// A count no member reaches: marks the viewer and their contacts during a query.
const EXCLUDED = 0xffff
