import { defaultPolicy } from "@kontakt/domain"
import { describe, expect, it } from "vitest"
import { policyFromEnv } from "./policy-config.js"

describe("KONTAKT_POLICY", () => {
  it("unset or empty: kontakt's defaults", () => {
    expect(policyFromEnv(undefined)).toBe(defaultPolicy)
    expect(policyFromEnv("  ")).toBe(defaultPolicy)
  })
  it("changes the numbers it names and keeps the rest", () => {
    const policy = policyFromEnv('{"weeklyRequestLimit": 50, "firstReviewAfterDays": 0}')
    expect(policy).toEqual({ ...defaultPolicy, weeklyRequestLimit: 50, firstReviewAfterDays: 0 })
  })
  it("refuses what is not a JSON object, unknown names and bad numbers, saying why", () => {
    expect(() => policyFromEnv("weeklyRequestLimit=50")).toThrow(/JSON object/)
    expect(() => policyFromEnv("[1]")).toThrow(/JSON object/)
    expect(() => policyFromEnv('{"weeklyLimit": 5}')).toThrow(/unknown weeklyLimit; known: /)
    expect(() => policyFromEnv('{"weeklyRequestLimit": -1}')).toThrow(/non-negative/)
    expect(() => policyFromEnv('{"weeklyRequestLimit": "50"}')).toThrow(/number/)
  })
})
