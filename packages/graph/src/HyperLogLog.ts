/**
 * A HyperLogLog sketch over member indices, for estimating how many distinct
 * members a very large third ring holds without visiting each one.
 */
const fmix32 = (x: number): number => {
  let h = x >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export class HyperLogLog {
  private readonly registers: Uint8Array
  private readonly m: number

  constructor(private readonly p = 14) {
    this.m = 1 << p
    this.registers = new Uint8Array(this.m)
  }

  add(value: number): void {
    const h = fmix32(value + 0x9e3779b9)
    const index = h >>> (32 - this.p)
    const rest = (h << this.p) >>> 0
    const rank = rest === 0 ? 32 - this.p + 1 : Math.clz32(rest) + 1
    if (rank > (this.registers[index] ?? 0)) this.registers[index] = rank
  }

  /** The estimated number of distinct values added (within about 2% at p = 14). */
  estimate(): number {
    let sum = 0
    let zeros = 0
    for (const r of this.registers) {
      sum += 2 ** -r
      if (r === 0) zeros++
    }
    const alpha = 0.7213 / (1 + 1.079 / this.m)
    const raw = (alpha * this.m * this.m) / sum
    // Up to about three values per register linear counting is the more accurate; the raw
    // estimate is biased upwards there. Switch on linear counting's own estimate, which is unbiased.
    if (zeros > 0) {
      const linear = this.m * Math.log(this.m / zeros)
      if (linear <= 3 * this.m) return Math.round(linear)
    }
    return Math.round(raw)
  }
}
