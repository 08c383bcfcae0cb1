import { describe, expect, it } from "vitest"
import {
  decideReview,
  defaultPolicy,
  newRecord,
  ReviewDecision,
  ReviewInput,
  type ReviewSignals,
  recommend,
  reviewCadenceDays,
  reviewDueAt,
} from "../src/index.js"
import { days, ok, T0 } from "./support/fixtures.js"

const signals = (over: Partial<ReviewSignals> = {}): ReviewSignals => ({
  postsSeen: 10,
  postsFlagged: 0,
  spreadFlagged: 0,
  myInteractions: 0,
  theirInteractions: 0,
  mutualCount: 2,
  importance: "normal",
  daysSinceLastInteraction: null,
  ...over,
})
const record = newRecord({ owner: "bob", contact: "ada", at: T0, note: "", categoryIds: [] })

describe("recommend", () => {
  it("mutes a quiet contact in a category I want less news from; keeps one I interact with, saying why", () => {
    const quiet = recommend(signals({ inLessNewsCategory: true }), defaultPolicy)
    expect(quiet.recommendation).toBe("mute")
    expect(quiet.reasons[0]).toEqual({
      code: "lessFromCategory",
      text: "You want less news from a category they are in",
    })
    const engaged = recommend(
      signals({ inLessNewsCategory: true, myInteractions: 2 }),
      defaultPolicy,
    )
    expect(engaged.recommendation).toBe("keep")
    expect(engaged.reasons.map((r) => r.code)).toContain("lessFromCategory")
    expect(recommend(signals(), defaultPolicy).recommendation).toBe("keep")
    expect(
      recommend(signals({ inLessNewsCategory: true, importance: "high" }), defaultPolicy)
        .recommendation,
    ).toBe("keep")
  })

  it("mutes a contact who spreads odd news, however fine their own posts, and says so", () => {
    const advice = recommend(signals({ spreadFlagged: 4, myInteractions: 3 }), defaultPolicy)
    expect(advice.recommendation).toBe("mute")
    expect(advice.reasons[0]).toEqual({
      code: "spreadsOddNews",
      text: "They brought you 4 items of others that you flagged as odd news",
    })
    expect(advice.reasons.map((r) => r.code)).not.toContain("noComplaints")
  })

  it("keeps a contact who spread odd news once or twice, naming it among the reasons", () => {
    const advice = recommend(signals({ spreadFlagged: 2 }), defaultPolicy)
    expect(advice.recommendation).toBe("keep")
    expect(advice.reasons.map((r) => r.code)).toEqual(["spreadsOddNews"])
  })

  it("names the odd news they spread beside what they posted when both count", () => {
    const advice = recommend(signals({ postsFlagged: 6, spreadFlagged: 3 }), defaultPolicy)
    expect(advice.recommendation).toBe("delete")
    expect(advice.reasons.map((r) => r.code).slice(0, 2)).toEqual(["oddNews", "spreadsOddNews"])
  })

  it("an important contact is kept, whatever they spread", () => {
    expect(
      recommend(signals({ importance: "high", spreadFlagged: 20 }), defaultPolicy).recommendation,
    ).toBe("keep")
  })

  it("keeps an important contact whatever they post", () => {
    const advice = recommend(signals({ importance: "high", postsFlagged: 10 }), defaultPolicy)
    expect(advice).toEqual({
      recommendation: "keep",
      reasons: [{ code: "important", text: "You marked this contact as important" }],
    })
  })

  it("deletes many flags, a high flag ratio and no interaction", () => {
    const advice = recommend(signals({ postsFlagged: 6 }), defaultPolicy)
    expect(advice.recommendation).toBe("delete")
    expect(advice.reasons.map((r) => r.code)).toEqual(["oddNews", "noInteraction"])
    expect(advice.reasons[0]?.text).toBe("You flagged 6 of 10 posts as odd news")
  })

  it("mutes the noisy but valuable: we interact", () => {
    const advice = recommend(signals({ postsFlagged: 6, myInteractions: 2 }), defaultPolicy)
    expect(advice.recommendation).toBe("mute")
    expect(advice.reasons.map((r) => r.code)).toEqual(["oddNews", "interacts"])
  })

  it("mutes the noisy but valuable: well connected", () => {
    const advice = recommend(signals({ postsFlagged: 6, mutualCount: 25 }), defaultPolicy)
    expect(advice.recommendation).toBe("mute")
    expect(advice.reasons.map((r) => r.code)).toEqual(["oddNews", "noInteraction", "wellConnected"])
  })

  it("a few flags among many posts are no reason to act", () => {
    expect(
      recommend(signals({ postsSeen: 40, postsFlagged: 3 }), defaultPolicy).recommendation,
    ).toBe("keep")
    expect(
      recommend(signals({ postsSeen: 2, postsFlagged: 2 }), defaultPolicy).recommendation,
    ).toBe("keep")
  })

  it("a recent interaction outside the counted window keeps them from deletion", () => {
    const advice = recommend(
      signals({ postsFlagged: 6, daysSinceLastInteraction: 20 }),
      defaultPolicy,
    )
    expect(advice.recommendation).toBe("mute")
    expect(advice.reasons.map((r) => r.text)).toEqual([
      "You flagged 6 of 10 posts as odd news",
      "You last interacted 20 days ago",
    ])
  })

  it("flags without seen posts count as all odd", () => {
    expect(
      recommend(signals({ postsSeen: 0, postsFlagged: 3 }), defaultPolicy).recommendation,
    ).toBe("delete")
  })

  it("says why it keeps a contact", () => {
    expect(recommend(signals({ mutualCount: 0 }), defaultPolicy)).toEqual({
      recommendation: "keep",
      reasons: [{ code: "noComplaints", text: "Nothing they shared struck you as odd" }],
    })
    const some = recommend(
      signals({ postsSeen: 40, postsFlagged: 2, theirInteractions: 1, mutualCount: 12 }),
      defaultPolicy,
    )
    expect(some.recommendation).toBe("keep")
    expect(some.reasons.map((r) => r.text)).toEqual([
      "Only 2 of 40 posts struck you as odd",
      "You interacted 1 time (likes and comments)",
      "12 mutual contacts: a well-connected contact",
    ])
  })
})

describe("review due dates", () => {
  it("the first review is 90 days after connecting", () => {
    expect(reviewDueAt(record, 180, defaultPolicy)).toEqual(days(90))
  })
  it("then every cadence after the last review", () => {
    expect(reviewDueAt({ ...record, lastReviewedAt: days(95) }, 180, defaultPolicy)).toEqual(
      days(275),
    )
  })
  it("a snooze moves it", () => {
    expect(
      reviewDueAt(
        { ...record, lastReviewedAt: days(95), snoozedUntil: days(120) },
        180,
        defaultPolicy,
      ),
    ).toEqual(days(120))
  })
  it("the shortest category cadence wins, else the member's", () => {
    expect(
      reviewCadenceDays(
        [{ reviewEveryDays: 60 }, { reviewEveryDays: null }, { reviewEveryDays: 30 }],
        180,
      ),
    ).toBe(30)
    expect(reviewCadenceDays([{ reviewEveryDays: null }], 120)).toBe(120)
    expect(reviewCadenceDays([], 180)).toBe(180)
  })
})

describe("decideReview", () => {
  const now = days(91)
  it("keep starts a new cadence", () => {
    const { state, events } = ok(
      decideReview(
        { ...record, snoozedUntil: days(80) },
        { decision: "keep" },
        { now, recommendation: "keep" },
      ),
    )
    expect(state.record).toMatchObject({ lastReviewedAt: now, snoozedUntil: null })
    expect(state.entry).toMatchObject({
      owner: "bob",
      contact: "ada",
      decision: "keep",
      recommendation: "keep",
      snoozeDays: null,
    })
    expect(events.map((e) => e._tag)).toEqual(["ContactReviewed"])
  })
  it("mute mutes", () => {
    const { state, events } = ok(
      decideReview(record, { decision: "mute" }, { now, recommendation: "mute" }),
    )
    expect(state.record).toMatchObject({ muted: true, lastReviewedAt: now })
    expect(events.map((e) => e._tag)).toEqual(["ContactReviewed", "ContactMuted"])
    const again = ok(
      decideReview(
        { ...record, muted: true },
        { decision: "mute" },
        { now, recommendation: "mute" },
      ),
    )
    expect(again.events.map((e) => e._tag)).toEqual(["ContactReviewed"])
  })
  it("snooze moves the due date", () => {
    const { state } = ok(
      decideReview(record, { decision: "snooze", snoozeDays: 30 }, { now, recommendation: "keep" }),
    )
    expect(state.record?.snoozedUntil).toEqual(days(121))
    expect(state.entry.snoozeDays).toBe(30)
    expect(state.record && reviewDueAt(state.record, 180, defaultPolicy)).toEqual(days(121))
  })
  it("delete removes the connection silently", () => {
    const { state, events } = ok(
      decideReview(record, { decision: "delete" }, { now, recommendation: "delete" }),
    )
    expect(state.record).toBeNull()
    expect(events.map((e) => e._tag)).toEqual(["ContactReviewed", "ConnectionRemoved"])
  })
  it("the review input names the contact and refuses anything else", () => {
    expect(ReviewInput.safeParse({ handle: "ada", decision: "keep" }).success).toBe(true)
    expect(ReviewInput.safeParse({ handle: "ada", decision: "keep", isAdmin: true }).success).toBe(
      false,
    )
    expect(ReviewInput.safeParse({ decision: "keep" }).success).toBe(false)
    expect(
      ReviewInput.safeParse({ handle: "ada", decision: "snooze", snoozeDays: 7 }).success,
    ).toBe(true)
  })

  it("the decision schema needs snoozeDays for snooze only", () => {
    expect(ReviewDecision.safeParse({ decision: "snooze" }).success).toBe(false)
    expect(ReviewDecision.safeParse({ decision: "snooze", snoozeDays: 0 }).success).toBe(false)
    expect(ReviewDecision.safeParse({ decision: "snooze", snoozeDays: 366 }).success).toBe(false)
    expect(ReviewDecision.safeParse({ decision: "keep", snoozeDays: 3 }).success).toBe(false)
    expect(ReviewDecision.safeParse({ decision: "delete" }).success).toBe(true)
  })
})
