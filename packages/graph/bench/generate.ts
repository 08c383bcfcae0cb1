/**
 * A generator of realistic professional networks: members in communities
 * (which gives clustering), degrees from a log-normal with median ~100 and
 * mean ~150 capped at 5,000, about two thirds of links inside the community
 * and one third across the network by preferential attachment.
 */
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

/** Flat pairs [a0, b0, a1, b1, …] of a generated network with `members` members. */
export const generatePairs = (members: number, seed = 1): Uint32Array => {
  const random = prng(seed)
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  // Log-normal: median e^mu = 100, mean e^(mu + sigma²/2) ≈ 150 → sigma ≈ 0.9.
  const mu = Math.log(100)
  const sigma = 0.9
  const community = 400
  const degrees = new Uint32Array(members)
  let total = 0
  for (let i = 0; i < members; i++) {
    const d = Math.min(5_000, Math.max(1, Math.round(Math.exp(mu + sigma * gaussian()))))
    degrees[i] = d
    total += d
  }
  // Each member starts half of its links (the other half arrive from others).
  const pairs = new Uint32Array(total + (total % 2))
  let w = 0
  for (let i = 0; i < members && w + 1 < pairs.length; i++) {
    const links = Math.ceil((degrees[i] ?? 0) / 2)
    const base = Math.floor(i / community) * community
    for (let k = 0; k < links && w + 1 < pairs.length; k++) {
      let partner: number
      if (random() < 0.65) {
        partner = base + Math.floor(random() * Math.min(community, members - base))
      } else {
        // Preferential attachment: an endpoint of an earlier link, or anyone at first.
        partner =
          w > 0 && random() < 0.5
            ? (pairs[Math.floor(random() * w)] ?? 0)
            : Math.floor(random() * members)
      }
      pairs[w++] = i
      pairs[w++] = partner
    }
  }
  return pairs.subarray(0, w)
}
