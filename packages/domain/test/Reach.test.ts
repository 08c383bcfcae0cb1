import { describe, expect, it } from "vitest"
import { BaseRate, chanceOfAtLeastOne, reachChances } from "../src/index.js"

describe("chanceOfAtLeastOne", () => {
  it("is 1 − (1 − p)^n", () => {
    expect(chanceOfAtLeastOne(0.01, 50)).toBeCloseTo(1 - 0.99 ** 50, 12)
    expect(chanceOfAtLeastOne(0.01, 500)).toBeCloseTo(1 - 0.99 ** 500, 12)
  })

  it("500 contacts beat 50", () => {
    expect(chanceOfAtLeastOne(0.005, 500)).toBeGreaterThan(chanceOfAtLeastOne(0.005, 50))
  })

  it("stays exact for tiny rates where the naive formula rounds to zero", () => {
    expect(1 - (1 - 1e-18) ** 1000).toBe(0)
    expect(chanceOfAtLeastOne(1e-18, 1000)).toBeCloseTo(1e-15, 25)
  })

  it("edges: no members, a zero rate, a certain rate", () => {
    expect(chanceOfAtLeastOne(0.3, 0)).toBe(0)
    expect(chanceOfAtLeastOne(0, 1000)).toBe(0)
    expect(chanceOfAtLeastOne(1, 1)).toBe(1)
  })

  it("refuses rates outside [0, 1] and counts that are not whole", () => {
    expect(() => chanceOfAtLeastOne(1.5, 3)).toThrow(RangeError)
    expect(() => chanceOfAtLeastOne(Number.NaN, 3)).toThrow(RangeError)
    expect(() => chanceOfAtLeastOne(0.1, 2.5)).toThrow(RangeError)
    expect(() => chanceOfAtLeastOne(0.1, -1)).toThrow(RangeError)
    expect(BaseRate.safeParse(1.01).success).toBe(false)
  })
})

describe("reachChances", () => {
  it("each ring counts everyone up to that distance", () => {
    const r = reachChances({ first: 50, second: 450, third: 0 }, 0.01)
    expect(r.first).toBeCloseTo(chanceOfAtLeastOne(0.01, 50), 12)
    expect(r.second).toBeCloseTo(chanceOfAtLeastOne(0.01, 500), 12)
    expect(r.third).toBe(r.second)
  })
})
