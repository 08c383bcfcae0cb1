import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { AcceptancePolicySchema, defaultPolicy, judgeRequest, recommend } from "../src/index.js"
import { acceptancePolicyArb } from "./support/arbitraries.js"

const RUNS = { numRuns: 1_000 }

const policyArb = acceptancePolicyArb(1_000)
const factsArb = fc.record({
  hasPhoto: fc.boolean(),
  sharedGroupCount: fc.nat({ max: 20 }),
  hasMessage: fc.boolean(),
  mutualCount: fc.nat({ max: 2_000 }),
  openToNetworking: fc.boolean(),
  introducedBy: fc.option(fc.constantFrom("bob", "carl"), { nil: null }),
})
const signalsArb = fc
  .record({
    postsSeen: fc.nat({ max: 500 }),
    extraFlags: fc.nat({ max: 5 }),
    flagShare: fc.double({ min: 0, max: 1, noNaN: true }),
    myInteractions: fc.nat({ max: 50 }),
    theirInteractions: fc.nat({ max: 50 }),
    mutualCount: fc.nat({ max: 100 }),
    spreadFlagged: fc.nat({ max: 20 }),
    importance: fc.constantFrom("low" as const, "normal" as const, "high" as const),
    daysSinceLastInteraction: fc.option(fc.nat({ max: 1_000 })),
  })
  .map(({ extraFlags, flagShare, ...s }) => ({
    ...s,
    postsFlagged: s.postsSeen === 0 ? extraFlags : Math.round(flagShare * s.postsSeen),
  }))

describe("policies are explainable and deterministic", () => {
  it("every verdict carries at least one reason, is deterministic, and auto-accepts only when the policy allows", () => {
    fc.assert(
      fc.property(policyArb, factsArb, (policy, facts) => {
        expect(AcceptancePolicySchema.safeParse(policy).success).toBe(true)
        const verdict = judgeRequest(policy, facts)
        expect(verdict.reasons.length).toBeGreaterThan(0)
        expect(judgeRequest(policy, facts)).toEqual(verdict)
        if (verdict.autoAccept)
          expect(
            policy.mode === "acceptAll" || (policy.mode === "criteria" && policy.autoAccept),
          ).toBe(true)
        if (policy.mode === "criteria") {
          const failed = verdict.reasons.filter((r) => r.required && !r.passed)
          expect(verdict.recommendation === "accept").toBe(failed.length === 0)
        }
      }),
      RUNS,
    )
  })

  it("every recommendation carries at least one reason, is deterministic, and keeps the important", () => {
    fc.assert(
      fc.property(signalsArb, (signals) => {
        const advice = recommend(signals, defaultPolicy)
        expect(advice.reasons.length).toBeGreaterThan(0)
        expect(recommend(signals, defaultPolicy)).toEqual(advice)
        if (signals.importance === "high") expect(advice.recommendation).toBe("keep")
        if (advice.recommendation === "delete") {
          expect(signals.myInteractions + signals.theirInteractions).toBe(0)
          expect(signals.postsFlagged).toBeGreaterThanOrEqual(defaultPolicy.reviewDeleteMinFlags)
        }
        // Nothing odd, posted or spread: kept. Spreading odd news is never kept, unless important.
        if (signals.postsFlagged === 0 && signals.spreadFlagged === 0)
          expect(advice.recommendation).toBe("keep")
        if (
          signals.spreadFlagged >= defaultPolicy.reviewSpreadMinFlags &&
          signals.importance !== "high"
        )
          expect(advice.recommendation).not.toBe("keep")
        // The odd news they spread is named whenever there is some (and they are not just important).
        if (signals.spreadFlagged > 0 && signals.importance !== "high")
          expect(advice.reasons.map((r) => r.code)).toContain("spreadsOddNews")
      }),
      RUNS,
    )
  })
})
