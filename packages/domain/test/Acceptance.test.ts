import { describe, expect, it } from "vitest"
import { AcceptancePolicySchema, judgeRequest, type RequesterFacts } from "../src/index.js"

const facts = (over: Partial<RequesterFacts> = {}): RequesterFacts => ({
  hasPhoto: true,
  sharedGroupCount: 1,
  hasMessage: true,
  mutualCount: 3,
  openToNetworking: true,
  introducedBy: null,
  ...over,
})
const allRules = {
  photo: true,
  sharedGroup: true,
  message: true,
  minMutualContacts: 2,
  openToNetworking: true,
  introducedByContact: false,
}

describe("judgeRequest", () => {
  it("manual recommends a networker with a photo and shared ground, never accepts by itself", () => {
    const v = judgeRequest({ mode: "manual" }, facts())
    expect(v).toMatchObject({ recommendation: "accept", autoAccept: false })
    expect(v.reasons.map((r) => r.rule)).toEqual([
      "photo",
      "sharedGroup",
      "message",
      "mutualContacts",
      "openToNetworking",
    ])
    expect(judgeRequest({ mode: "manual" }, facts({ hasPhoto: false })).recommendation).toBe(
      "decide",
    )
    const noGround = facts({ sharedGroupCount: 0, mutualCount: 0, hasMessage: false })
    expect(judgeRequest({ mode: "manual" }, noGround).recommendation).toBe("decide")
  })

  it("acceptAll accepts every request and says so", () => {
    const v = judgeRequest({ mode: "acceptAll" }, facts({ hasPhoto: false, hasMessage: false }))
    expect(v).toMatchObject({ recommendation: "accept", autoAccept: true })
    expect(v.reasons[0]).toMatchObject({ rule: "acceptAll", passed: true })
  })

  it("criteria: each switched-on rule must hold", () => {
    const policy = { mode: "criteria" as const, autoAccept: true, rules: allRules }
    expect(judgeRequest(policy, facts())).toMatchObject({
      recommendation: "accept",
      autoAccept: true,
    })
    const cases: [Partial<RequesterFacts>, string][] = [
      [{ hasPhoto: false }, "photo"],
      [{ sharedGroupCount: 0 }, "sharedGroup"],
      [{ hasMessage: false }, "message"],
      [{ mutualCount: 1 }, "mutualContacts"],
      [{ openToNetworking: false }, "openToNetworking"],
    ]
    for (const [over, rule] of cases) {
      const v = judgeRequest(policy, facts(over))
      expect(v, rule).toMatchObject({ recommendation: "decide", autoAccept: false })
      expect(v.reasons.filter((r) => r.required && !r.passed).map((r) => r.rule)).toEqual([rule])
    }
  })

  it("criteria: rules switched off do not count", () => {
    const rules = { ...allRules, photo: false, minMutualContacts: 0 }
    const v = judgeRequest(
      { mode: "criteria", autoAccept: true, rules },
      facts({ hasPhoto: false, mutualCount: 0 }),
    )
    expect(v.autoAccept).toBe(true)
    expect(v.reasons.find((r) => r.rule === "photo")).toMatchObject({
      passed: false,
      required: false,
    })
  })

  it("criteria: introducedByContact holds only for a request a contact forwarded, and says so", () => {
    const policy = {
      mode: "criteria" as const,
      autoAccept: true,
      rules: { ...allRules, introducedByContact: true },
    }
    const introduced = judgeRequest(policy, facts({ introducedBy: "bob" }))
    expect(introduced).toMatchObject({ recommendation: "accept", autoAccept: true })
    expect(introduced.reasons.find((r) => r.rule === "introducedByContact")).toMatchObject({
      passed: true,
      required: true,
      text: "Introduced by one of your contacts",
    })
    const direct = judgeRequest(policy, facts())
    expect(direct).toMatchObject({ recommendation: "decide", autoAccept: false })
    expect(direct.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual([
      "introducedByContact",
    ])
  })

  it("manual: an introduction by a contact is reason enough to recommend accepting", () => {
    const stranger = facts({ hasPhoto: false, sharedGroupCount: 0, mutualCount: 0 })
    expect(judgeRequest({ mode: "manual" }, stranger).recommendation).toBe("decide")
    expect(
      judgeRequest({ mode: "manual" }, { ...stranger, introducedBy: "bob" }).recommendation,
    ).toBe("accept")
  })

  it("stored rules from before introductions read the new rule as off", () => {
    const old = AcceptancePolicySchema.parse({
      mode: "criteria",
      autoAccept: true,
      rules: {
        photo: true,
        sharedGroup: false,
        message: false,
        minMutualContacts: 0,
        openToNetworking: false,
      },
    })
    expect(old).toMatchObject({ rules: { introducedByContact: false } })
  })

  it("criteria without autoAccept only recommends", () => {
    const v = judgeRequest({ mode: "criteria", autoAccept: false, rules: allRules }, facts())
    expect(v).toMatchObject({ recommendation: "accept", autoAccept: false })
  })

  it("reasons say the numbers", () => {
    const v = judgeRequest(
      { mode: "criteria", autoAccept: false, rules: allRules },
      facts({ mutualCount: 1, sharedGroupCount: 2 }),
    )
    expect(v.reasons.find((r) => r.rule === "mutualContacts")).toMatchObject({
      count: 1,
      atLeast: 2,
      text: "1 mutual contact (at least 2 required)",
    })
    expect(v.reasons.find((r) => r.rule === "sharedGroup")?.text).toBe("Shares 2 groups with you")
  })

  it("the schema accepts the three modes and nothing else", () => {
    expect(AcceptancePolicySchema.safeParse({ mode: "manual" }).success).toBe(true)
    expect(
      AcceptancePolicySchema.safeParse({ mode: "criteria", autoAccept: true, rules: allRules })
        .success,
    ).toBe(true)
    expect(AcceptancePolicySchema.safeParse({ mode: "criteria", autoAccept: true }).success).toBe(
      false,
    )
    expect(AcceptancePolicySchema.safeParse({ mode: "yolo" }).success).toBe(false)
    expect(AcceptancePolicySchema.safeParse({ mode: "manual", extra: 1 }).success).toBe(false)
  })
})
