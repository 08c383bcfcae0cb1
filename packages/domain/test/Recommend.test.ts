import { describe, expect, it } from "vitest"
import {
  defaultPolicy,
  type RecommendationRecipient,
  type RecommendContext,
  RecommendInput,
  recommendMember,
} from "../src/index.js"
import { days, err, ok, T0 } from "./support/fixtures.js"

const to = (
  handle: string,
  over: Partial<RecommendationRecipient> = {},
): RecommendationRecipient => ({
  id: handle,
  handle,
  blockedWithMember: false,
  connectedToMember: false,
  ...over,
})
const context = (over: Partial<RecommendContext> = {}): RecommendContext => ({
  now: T0,
  policy: defaultPolicy,
  by: "bob",
  member: "dana",
  recipients: [to("ada"), to("carl")],
  newIds: ["x1", "x2", "x3"],
  recent: [],
  ...over,
})
const note = { note: "Dana kennt jeden auf der Messe." }

describe("recommendMember", () => {
  it("tells each named contact, with the note", () => {
    const { state, events } = ok(recommendMember(note, context()))
    expect(state.map((r) => [r.to, r.member, r.note, r.delivered])).toEqual([
      ["ada", "dana", note.note, true],
      ["carl", "dana", note.note, true],
    ])
    expect(events).toMatchObject([
      { _tag: "MemberRecommended", to: "ada", member: "dana", by: "bob" },
      { _tag: "MemberRecommended", to: "carl", member: "dana", by: "bob" },
    ])
  })

  it("leaves out silently whom a block separates from the member, the member, and their contacts", () => {
    const recipients = [
      to("ada", { blockedWithMember: true }),
      to("carl", { connectedToMember: true }),
      to("dana"),
      to("eve"),
    ]
    const { state, events } = ok(
      recommendMember(note, context({ recipients, newIds: ["1", "2", "3", "4"] })),
    )
    expect(state.map((r) => r.delivered)).toEqual([false, false, false, true])
    expect(events).toMatchObject([{ _tag: "MemberRecommended", to: "eve" }])
    expect(events).toHaveLength(1)
  })

  it("refuses a member the recommender cannot see, themselves, and strangers as recipients", () => {
    expect(err(recommendMember(note, context({ member: null })))._tag).toBe("MemberNotFound")
    expect(err(recommendMember(note, context({ member: "bob" })))._tag).toBe("CannotTargetSelf")
    expect(
      err(recommendMember(note, context({ recipients: [to("ada"), { ...to("zed"), id: null }] })))
        ._tag,
    ).toBe("ContactNotFound")
  })

  it("counts every contact named against the weekly limit", () => {
    const recent = Array.from({ length: 19 }, () => days(-1))
    expect(
      ok(recommendMember(note, context({ recent, recipients: [to("ada")] }))).state,
    ).toHaveLength(1)
    expect(err(recommendMember(note, context({ recent })))).toMatchObject({
      _tag: "WeeklyLimitReached",
      what: "recommendations",
      limit: 20,
    })
  })

  it("input: one to twenty handles, duplicates once, a note within its limit", () => {
    expect(RecommendInput.parse({ to: ["ada", "Ada"] })).toEqual({ to: ["ada"] })
    expect(RecommendInput.safeParse({ to: [] }).success).toBe(false)
    expect(RecommendInput.safeParse({ to: ["ada"], note: "x".repeat(501) }).success).toBe(false)
  })
})
