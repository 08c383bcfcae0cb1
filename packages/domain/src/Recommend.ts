/**
 * Recommending a member to some of my contacts ("Weiterempfehlung", the
 * other way round): each of them is told, with my note, and can send the
 * member a request found through me. Whoever a block separates from the
 * member, who is the member, or who is connected to them already is left out
 * silently — the recommender learns nothing about anyone's blocks.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import { CannotTargetSelf, ContactNotFound, MemberNotFound, WeeklyLimitReached } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { introductionNoteSchema } from "./Introduction.js"
import { Handle } from "./Member.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { rollingLimitFreesAt } from "./Send.js"
import type { Transition } from "./Transition.js"

/**
 * The body of "recommend a member" for a policy: to whom (1–20 of my
 * contacts, by handle) and my note.
 *
 * @example
 * ```ts
 * recommendInputSchema(defaultPolicy).parse({ to: ["carl"], note: "Ihr solltet euch kennen." })
 * ```
 */
export const recommendInputSchema = (policy: Policy) =>
  z
    .object({
      to: z
        .array(Handle)
        .min(1)
        .max(20)
        .transform((hs) => [...new Set(hs)]),
      note: introductionNoteSchema(policy).optional(),
    })
    .strict()

/** "Recommend a member" under the default policy. @see {@link recommendInputSchema} */
export const RecommendInput = recommendInputSchema(defaultPolicy)
/** @see {@link RecommendInput} */
export type RecommendInput = z.infer<typeof RecommendInput>

/** One recommendation as stored: one row per contact told (or silently left out). */
export interface MemberRecommendation {
  readonly id: string
  readonly by: MemberId
  readonly member: MemberId
  readonly to: MemberId
  readonly note: string | null
  /** Whether `to` is told; false for those left out silently. */
  readonly delivered: boolean
  readonly at: Date
}

/** One contact the recommender named, with what decides whether they are told. */
export interface RecommendationRecipient {
  /** `null` when the handle names nobody the recommender is connected to. */
  readonly id: MemberId | null
  readonly handle: string
  /** A block between them and the recommended member, either way. */
  readonly blockedWithMember: boolean
  readonly connectedToMember: boolean
}

/** Everything `recommendMember` needs, loaded by the caller. */
export interface RecommendContext {
  readonly now: Date
  readonly policy: Policy
  readonly by: MemberId
  /** `null` when no such member exists or a block stands between them and the recommender. */
  readonly member: MemberId | null
  readonly recipients: readonly RecommendationRecipient[]
  /** One new id per recipient, in order. */
  readonly newIds: readonly string[]
  /** When the recommender's recent recommendations were made (one per recipient named). */
  readonly recent: readonly Date[]
}

/**
 * Recommends `context.member` to contacts of the recommender.
 *
 * Refuses with `CannotTargetSelf`, `MemberNotFound`, `ContactNotFound` (a
 * handle that is not one of my contacts) or `WeeklyLimitReached` (every
 * contact named counts, told or not).
 *
 * @example
 * ```ts
 * recommendMember({ note: "Kennt sich mit Messen aus" }, context)
 * ```
 */
export const recommendMember = (
  command: { readonly note: string | null },
  context: RecommendContext,
): Transition<readonly MemberRecommendation[]> => {
  const { now, policy, by, member, recipients } = context
  if (member === by) return Either.left(new CannotTargetSelf())
  if (member === null) return Either.left(new MemberNotFound({}))
  if (recipients.some((r) => r.id === null)) return Either.left(new ContactNotFound())
  if (context.newIds.length < recipients.length)
    throw new RangeError("recommendMember needs one new id per recipient")
  const retryAt = rollingLimitFreesAt(
    [...context.recent, ...recipients.slice(1).map(() => now)],
    now,
    policy.weeklyRecommendationLimit,
    policy.requestWindowDays,
  )
  if (retryAt !== null)
    return Either.left(
      new WeeklyLimitReached({
        what: "recommendations",
        limit: policy.weeklyRecommendationLimit,
        retryAt,
      }),
    )
  const rows = recipients.map(
    (r, i): MemberRecommendation => ({
      id: context.newIds[i] as string,
      by,
      member,
      to: r.id ?? "",
      note: command.note,
      delivered: r.id !== member && !r.blockedWithMember && !r.connectedToMember,
      at: now,
    }),
  )
  return Either.right({
    state: rows,
    events: rows
      .filter((r) => r.delivered)
      .map((r) =>
        DomainEvent.MemberRecommended({
          recommendationId: r.id,
          by,
          member,
          to: r.to,
          at: now,
        }),
      ),
  })
}
