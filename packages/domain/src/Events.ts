/**
 * The domain events: what happened, as data.
 *
 * Every transition returns the events it caused beside the new state. The
 * store appends them to an outbox; the delivery policy ({@link deliver})
 * turns them into notifications and feed deliveries. Events that must stay
 * silent to the other side (ignore, withdraw, delete, block, mute, flag) are
 * still events: they are recorded for the actor, and the delivery policy
 * provably sends nothing for them.
 *
 * @example
 * ```ts
 * import { DomainEvent } from "@kontakt/domain"
 * const e = DomainEvent.RequestIgnored({ requestId: "r1", from: "a", to: "b", at: new Date() })
 * ```
 * @module
 */
import { Data } from "effect"
import type { MemberId } from "./Ids.js"
import type { Recommendation, ReviewDecisionKind } from "./Review.js"

interface RequestFacts {
  readonly requestId: string
  /** The sender. */
  readonly from: MemberId
  /** The recipient. */
  readonly to: MemberId
  readonly at: Date
}

interface PostFacts {
  readonly postId: string
  readonly author: MemberId
  readonly at: Date
}

interface IntroductionFacts {
  readonly introductionId: string
  readonly asker: MemberId
  /** The contact asked to introduce. */
  readonly via: MemberId
  readonly target: MemberId
  readonly at: Date
}

/** Why a connection or a request went away without either side deciding on it directly. */
export type RemovalReason = "deleted" | "blocked" | "accountDeleted"

/**
 * Every domain event. Adding a case breaks the build wherever events are
 * matched exhaustively, first of all in the delivery policy.
 */
export type DomainEvent = Data.TaggedEnum<{
  RequestSent: RequestFacts
  RequestAccepted: RequestFacts & { readonly automatically: boolean }
  RequestIgnored: RequestFacts
  RequestWithdrawn: RequestFacts
  RequestExpired: RequestFacts
  RequestDiscarded: RequestFacts & { readonly reason: RemovalReason }
  ConnectionMade: {
    readonly a: MemberId
    readonly b: MemberId
    readonly requestId: string
    readonly at: Date
    /** Whether "a is now connected with b" may go into the feeds of their contacts. */
    readonly broadcast: boolean
  }
  ConnectionRemoved: {
    readonly by: MemberId
    readonly other: MemberId
    readonly at: Date
    readonly reason: RemovalReason
  }
  ContactCategorized: {
    readonly owner: MemberId
    readonly contact: MemberId
    readonly categoryIds: readonly string[]
    readonly at: Date
  }
  ContactMuted: { readonly owner: MemberId; readonly contact: MemberId; readonly at: Date }
  ContactUnmuted: { readonly owner: MemberId; readonly contact: MemberId; readonly at: Date }
  ContactReviewed: {
    readonly owner: MemberId
    readonly contact: MemberId
    readonly decision: ReviewDecisionKind
    readonly recommendation: Recommendation
    readonly at: Date
  }
  MemberBlocked: { readonly by: MemberId; readonly member: MemberId; readonly at: Date }
  /** A member showed or hid their contact list (who sees them as a mutual contact or a hop). */
  ContactListVisibilityChanged: {
    readonly member: MemberId
    readonly hidden: boolean
    readonly at: Date
  }
  MemberUnblocked: { readonly by: MemberId; readonly member: MemberId; readonly at: Date }
  /** What others see of a member changed: name, headline, bio, openness to networking, photo. */
  ProfileChanged: {
    readonly member: MemberId
    readonly at: Date
    /** Their openness to networking now, when this change set it. */
    readonly openToNetworking?: boolean
    /** Whether they have a photo now, when this change set or removed it. */
    readonly hasPhoto?: boolean
  }
  /** A member deleted their account: whatever showed them is shown as gone from now on. */
  AccountDeleted: { readonly member: MemberId; readonly at: Date }
  CategoryCreated: { readonly owner: MemberId; readonly categoryId: string; readonly at: Date }
  CategoryChanged: { readonly owner: MemberId; readonly categoryId: string; readonly at: Date }
  CategoryDeleted: { readonly owner: MemberId; readonly categoryId: string; readonly at: Date }
  PostPublished: PostFacts
  PostDeleted: PostFacts
  PostLiked: PostFacts & { readonly by: MemberId }
  PostUnliked: PostFacts & { readonly by: MemberId }
  PostCommented: PostFacts & { readonly by: MemberId; readonly commentId: string }
  PostShared: PostFacts & { readonly by: MemberId; readonly shareId: string }
  PostFlagged: PostFacts & { readonly by: MemberId }
  PostUnflagged: PostFacts & { readonly by: MemberId }
  IntroductionAsked: IntroductionFacts
  IntroductionForwarded: IntroductionFacts
  /** Silent: the asker's view does not change, and the target never hears of the ask. */
  IntroductionDeclined: IntroductionFacts
  MemberRecommended: {
    readonly recommendationId: string
    readonly by: MemberId
    readonly member: MemberId
    readonly to: MemberId
    readonly at: Date
  }
}>

/**
 * Constructors and matchers for {@link DomainEvent}.
 *
 * @example
 * ```ts
 * const tag = DomainEvent.$match(event, { RequestSent: () => "sent", ... })
 * ```
 */
export const DomainEvent = Data.taggedEnum<DomainEvent>()

/** The tag of every event, for exhaustive tables. */
export type DomainEventTag = DomainEvent["_tag"]
