/**
 * Reviews: from time to time each contact comes up for a look — is what they
 * share worth it? kontakt computes the signals, recommends keep, mute or
 * delete with a reason for each, and records the owner's decision in their
 * private history.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import type { Category } from "./Category.js"
import type { ContactRecord, Importance } from "./Contact.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { Handle } from "./Member.js"
import { addDays, defaultPolicy, type Policy } from "./Policy.js"
import type { Transition } from "./Transition.js"

/** What kontakt recommends for a contact under review. */
export type Recommendation = "keep" | "mute" | "delete"

/** What the owner decided. */
export type ReviewDecisionKind = "keep" | "mute" | "snooze" | "delete"

/**
 * The body of a review decision for a policy: `snooze` needs `snoozeDays`.
 *
 * @example
 * ```ts
 * reviewDecisionSchema(defaultPolicy).parse({ decision: "snooze", snoozeDays: 30 })
 * ```
 */
export const reviewDecisionSchema = (policy: Policy) =>
  z.discriminatedUnion("decision", [
    z.object({ decision: z.literal("keep") }).strict(),
    z.object({ decision: z.literal("mute") }).strict(),
    z.object({ decision: z.literal("delete") }).strict(),
    z
      .object({
        decision: z.literal("snooze"),
        snoozeDays: z.number().int().min(1).max(policy.maxSnoozeDays),
      })
      .strict(),
  ])
/**
 * The body of "decide on a contact under review": whose review, and the decision.
 *
 * @example
 * ```ts
 * reviewInputSchema(defaultPolicy).parse({ handle: "ada", decision: "keep" })
 * ```
 */
export const reviewInputSchema = (policy: Policy) =>
  z.discriminatedUnion("decision", [
    z.object({ handle: Handle, decision: z.literal("keep") }).strict(),
    z.object({ handle: Handle, decision: z.literal("mute") }).strict(),
    z.object({ handle: Handle, decision: z.literal("delete") }).strict(),
    z
      .object({
        handle: Handle,
        decision: z.literal("snooze"),
        snoozeDays: z.number().int().min(1).max(policy.maxSnoozeDays),
      })
      .strict(),
  ])
/** "Decide on a review" under the default policy. @see {@link reviewInputSchema} */
export const ReviewInput = reviewInputSchema(defaultPolicy)
/** @see {@link ReviewInput} */
export type ReviewInput = z.infer<typeof ReviewInput>

/** A review decision under the default policy. */
export const ReviewDecision = reviewDecisionSchema(defaultPolicy)
/** @see {@link ReviewDecision} */
export type ReviewDecision = z.infer<typeof ReviewDecision>

/** What kontakt knows about a contact since the last review. */
export interface ReviewSignals {
  /** Their posts that reached my feed. */
  readonly postsSeen: number
  /** Of those, how many I flagged as odd news. */
  readonly postsFlagged: number
  /**
   * Others' posts they brought to my feed (liked, commented on, shared) that I
   * flagged as odd news: the odd news they spread.
   */
  readonly spreadFlagged: number
  /** My likes and comments on their posts. */
  readonly myInteractions: number
  /** Their likes and comments on my posts. */
  readonly theirInteractions: number
  readonly mutualCount: number
  readonly importance: Importance
  /** Days since either of us last liked or commented on the other's post; `null` if never. */
  readonly daysSinceLastInteraction: number | null
  /** Whether I filed them in a category I want less news from ("less from this category"). */
  readonly inLessNewsCategory?: boolean
}

/** One reason behind a recommendation: a code the web app translates, and an English sentence. */
export interface ReviewReason {
  readonly code:
    | "important"
    | "oddNews"
    | "noInteraction"
    | "recentInteraction"
    | "interacts"
    | "wellConnected"
    | "noComplaints"
    | "fewFlags"
    | "spreadsOddNews"
    | "lessFromCategory"
  readonly text: string
}

/** A recommendation and the reasons for it; never without a reason. */
export interface ReviewAdvice {
  readonly recommendation: Recommendation
  readonly reasons: readonly ReviewReason[]
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * Weighs how important a contact is against the annoyance of odd news —
 * what they post, and what they spread (others' posts they brought to me).
 * Marked important → keep. Mostly odd news and no interaction → delete.
 * Mostly odd news but valuable (we interact, or many mutual contacts) → mute.
 * Spreading odd news (at least `reviewSpreadMinFlags` of others' items they
 * brought me, flagged) → mute: their own posts may be fine, what they carry
 * is not. In a category I want less news from, and we never interact → mute.
 * Otherwise keep. Deterministic, and every answer has at least one reason.
 *
 * @example
 * ```ts
 * recommend({ postsSeen: 10, postsFlagged: 6, spreadFlagged: 0, myInteractions: 0,
 *   theirInteractions: 0, mutualCount: 1, importance: "normal", daysSinceLastInteraction: null },
 *   defaultPolicy)
 * // { recommendation: "delete", reasons: [...] }
 * ```
 */
export const recommend = (signals: ReviewSignals, policy: Policy): ReviewAdvice => {
  if (signals.importance === "high") {
    return {
      recommendation: "keep",
      reasons: [{ code: "important", text: "You marked this contact as important" }],
    }
  }
  const interactions = signals.myInteractions + signals.theirInteractions
  const flagRatio =
    signals.postsSeen > 0
      ? signals.postsFlagged / signals.postsSeen
      : signals.postsFlagged > 0
        ? 1
        : 0
  const mostlyOdd =
    signals.postsFlagged >= policy.reviewDeleteMinFlags && flagRatio >= policy.reviewNoisyFlagRatio
  const silent =
    interactions === 0 &&
    (signals.daysSinceLastInteraction === null ||
      signals.daysSinceLastInteraction >= policy.reviewSilentAfterDays)
  const wellConnected = signals.mutualCount >= policy.reviewWellConnectedMutuals

  const interacts: ReviewReason[] =
    interactions > 0
      ? [
          {
            code: "interacts",
            text: `You interacted ${count(interactions, "time", "times")} (likes and comments)`,
          },
        ]
      : []
  const connected: ReviewReason[] = wellConnected
    ? [
        {
          code: "wellConnected",
          text: `${count(signals.mutualCount, "mutual contact", "mutual contacts")}: a well-connected contact`,
        },
      ]
    : []

  const spread: ReviewReason[] =
    signals.spreadFlagged > 0
      ? [
          {
            code: "spreadsOddNews",
            text: `They brought you ${count(signals.spreadFlagged, "item", "items")} of others that you flagged as odd news`,
          },
        ]
      : []
  const spreading = signals.spreadFlagged >= policy.reviewSpreadMinFlags
  const lessNews: ReviewReason[] =
    signals.inLessNewsCategory === true
      ? [{ code: "lessFromCategory", text: "You want less news from a category they are in" }]
      : []
  const quieted = lessNews.length > 0 && interactions === 0

  if (!mostlyOdd) {
    const news: ReviewReason[] =
      signals.postsFlagged === 0
        ? signals.spreadFlagged === 0
          ? [{ code: "noComplaints", text: "Nothing they shared struck you as odd" }]
          : []
        : [
            {
              code: "fewFlags",
              text: `Only ${signals.postsFlagged} of ${count(signals.postsSeen, "post", "posts")} struck you as odd`,
            },
          ]
    return {
      recommendation: spreading || quieted ? "mute" : "keep",
      reasons: spreading
        ? [...spread, ...lessNews, ...news, ...interacts, ...connected]
        : quieted
          ? [...lessNews, ...news, ...spread, ...connected]
          : [...news, ...spread, ...interacts, ...connected, ...lessNews],
    }
  }
  const oddNews: ReviewReason = {
    code: "oddNews",
    text: `You flagged ${signals.postsFlagged} of ${count(signals.postsSeen, "post", "posts")} as odd news`,
  }
  const contact: ReviewReason[] =
    interactions > 0
      ? interacts
      : silent
        ? [
            {
              code: "noInteraction",
              text: "Neither of you has liked or commented on the other's posts",
            },
          ]
        : [
            {
              code: "recentInteraction",
              text: `You last interacted ${count(signals.daysSinceLastInteraction ?? 0, "day", "days")} ago`,
            },
          ]
  const reasons = [oddNews, ...spread, ...contact, ...connected, ...lessNews]
  return { recommendation: silent && !wellConnected ? "delete" : "mute", reasons }
}

/**
 * The review cadence of a contact: the shortest cadence among its categories
 * that have one, else the member's own.
 *
 * @example
 * ```ts
 * reviewCadenceDays([{ reviewEveryDays: 30 }, { reviewEveryDays: null }], 180) // 30
 * ```
 */
export const reviewCadenceDays = (
  categories: readonly Pick<Category, "reviewEveryDays">[],
  memberEveryDays: number,
): number => {
  const own = categories.flatMap((c) => (c.reviewEveryDays === null ? [] : [c.reviewEveryDays]))
  return own.length === 0 ? memberEveryDays : Math.min(...own)
}

/**
 * When a contact is next due for review: the snooze date if snoozed, else the
 * cadence after the last review, else `firstReviewAfterDays` after connecting.
 *
 * @example
 * ```ts
 * reviewDueAt(record, 180, defaultPolicy) // connectedAt + 90 days for a new contact
 * ```
 */
export const reviewDueAt = (
  record: Pick<ContactRecord, "connectedAt" | "lastReviewedAt" | "snoozedUntil">,
  cadenceDays: number,
  policy: Policy,
): Date =>
  record.snoozedUntil ??
  (record.lastReviewedAt === null
    ? addDays(record.connectedAt, policy.firstReviewAfterDays)
    : addDays(record.lastReviewedAt, cadenceDays))

/** One line of a member's private review history. */
export interface ReviewEntry {
  readonly owner: MemberId
  readonly contact: MemberId
  readonly decision: ReviewDecisionKind
  readonly snoozeDays: number | null
  readonly recommendation: Recommendation
  readonly at: Date
}

/**
 * Records a review decision. `keep` and `mute` start a new cadence, `snooze`
 * moves the due date, `delete` removes the connection silently (the record
 * becomes `null`).
 *
 * @example
 * ```ts
 * decideReview(record, { decision: "snooze", snoozeDays: 30 }, { now, recommendation: "keep" })
 * ```
 */
export const decideReview = (
  record: ContactRecord,
  decision: ReviewDecision,
  context: { readonly now: Date; readonly recommendation: Recommendation },
): Transition<{ readonly record: ContactRecord | null; readonly entry: ReviewEntry }> => {
  const { now } = context
  const { owner, contact } = record
  const entry: ReviewEntry = {
    owner,
    contact,
    decision: decision.decision,
    snoozeDays: decision.decision === "snooze" ? decision.snoozeDays : null,
    recommendation: context.recommendation,
    at: now,
  }
  const reviewed = DomainEvent.ContactReviewed({
    owner,
    contact,
    decision: decision.decision,
    recommendation: context.recommendation,
    at: now,
  })
  switch (decision.decision) {
    case "keep":
      return Either.right({
        state: { record: { ...record, lastReviewedAt: now, snoozedUntil: null }, entry },
        events: [reviewed],
      })
    case "mute":
      return Either.right({
        state: {
          record: { ...record, muted: true, lastReviewedAt: now, snoozedUntil: null },
          entry,
        },
        events: record.muted
          ? [reviewed]
          : [reviewed, DomainEvent.ContactMuted({ owner, contact, at: now })],
      })
    case "snooze":
      return Either.right({
        state: { record: { ...record, snoozedUntil: addDays(now, decision.snoozeDays) }, entry },
        events: [reviewed],
      })
    case "delete":
      return Either.right({
        state: { record: null, entry },
        events: [
          reviewed,
          DomainEvent.ConnectionRemoved({ by: owner, other: contact, at: now, reason: "deleted" }),
        ],
      })
  }
}
