/**
 * Reach arithmetic: with a base rate p of "this member is a customer", the
 * chance that at least one of n members is one is 1 − (1 − p)^n. Among 500
 * contacts the chance is better than among 50.
 *
 * @module
 */
import { z } from "zod"

/** A base rate: a probability between 0 and 1. */
export const BaseRate = z.number().min(0).max(1)

/**
 * The chance that at least one of `n` members is a customer, given base rate `p`.
 * Computed as −expm1(n · log1p(−p)) so that tiny rates and large n stay exact.
 *
 * @example
 * ```ts
 * chanceOfAtLeastOne(0.01, 50)  // ≈ 0.395
 * chanceOfAtLeastOne(0.01, 500) // ≈ 0.993
 * ```
 */
export const chanceOfAtLeastOne = (p: number, n: number): number => {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`base rate must be in [0, 1], got ${p}`)
  if (!(Number.isInteger(n) && n >= 0))
    throw new RangeError(`n must be a whole number ≥ 0, got ${n}`)
  if (n === 0 || p === 0) return 0
  if (p === 1) return 1
  return -Math.expm1(n * Math.log1p(-p))
}

/** How many members are 1, 2 and 3 hops away. */
export interface ReachCounts {
  readonly first: number
  readonly second: number
  readonly third: number
}

/**
 * The chance of at least one customer within each ring of reach. Each ring
 * counts the members up to that distance (the second ring includes the first).
 *
 * @example
 * ```ts
 * reachChances({ first: 50, second: 2000, third: 40000 }, 0.001)
 * ```
 */
export const reachChances = (reach: ReachCounts, p: number): ReachCounts => ({
  first: chanceOfAtLeastOne(p, reach.first),
  second: chanceOfAtLeastOne(p, reach.first + reach.second),
  third: chanceOfAtLeastOne(p, reach.first + reach.second + reach.third),
})
