/**
 * A generated professional network for benchmarks: power-law degrees (a
 * Pareto tail on top of preferential attachment) and one hub with exactly
 * `hubDegree` contacts. Deterministic for a seed.
 */
export interface GeneratedNetwork {
  readonly members: number
  readonly edges: readonly (readonly [number, number])[]
  readonly hub: number
}

/** A small, fast, seedable PRNG (mulberry32). */
export const prng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const generateNetwork = (
  members: number,
  hubDegree: number,
  seed = 42,
): GeneratedNetwork => {
  const random = prng(seed)
  const pairs = new Set<number>()
  const edges: [number, number][] = []
  const endpoints: number[] = []
  const add = (x: number, y: number) => {
    if (x === y) return
    const [lo, hi] = x < y ? [x, y] : [y, x]
    const key = lo * members + hi
    if (pairs.has(key)) return
    pairs.add(key)
    edges.push([lo, hi])
    endpoints.push(lo, hi)
  }
  const hub = 0
  // The hub: hubDegree distinct random members.
  const others = Array.from({ length: members - 1 }, (_, i) => i + 1)
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[others[i], others[j]] = [others[j] ?? 0, others[i] ?? 0]
  }
  for (const m of others.slice(0, hubDegree)) add(hub, m)
  // Everyone else: a Pareto-distributed number of links (alpha 1.6, at least 2), to partners
  // picked by preferential attachment (an endpoint of an existing link) or at random.
  for (let m = 1; m < members; m++) {
    const links = Math.min(300, Math.floor(2 / (1 - random()) ** (1 / 1.6)))
    for (let k = 0; k < links / 2; k++) {
      const partner =
        endpoints.length > 0 && random() < 0.7
          ? (endpoints[Math.floor(random() * endpoints.length)] ?? 1)
          : 1 + Math.floor(random() * (members - 1))
      if (partner !== hub) add(m, partner)
    }
  }
  return { members, edges, hub }
}
