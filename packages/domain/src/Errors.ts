/**
 * Every way a lifecycle transition can refuse, one tagged error each.
 *
 * Match on `_tag`; the API maps each tag to an HTTP status in one place.
 * Errors that would tell one member something the other side chose to keep
 * silent never exist: a blocked member is {@link MemberNotFound}, exactly like
 * a member that does not exist.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * const result = sendRequest(...)
 * if (Either.isLeft(result) && result.left._tag === "CooldownActive") result.left.until
 * ```
 * @module
 */
import { Data } from "effect"

/** The member does not exist, or a block stands between the two (indistinguishable on purpose). */
export class MemberNotFound extends Data.TaggedError("MemberNotFound")<{
  readonly handle?: string
}> {}
/** A member tried to request, block or otherwise target themselves. */
export class CannotTargetSelf extends Data.TaggedError("CannotTargetSelf")<Record<never, never>> {}
/** The two members are already connected. */
export class AlreadyConnected extends Data.TaggedError("AlreadyConnected")<Record<never, never>> {}
/** The sender already has an open (pending or, unknown to them, ignored) request to this member. */
export class RequestAlreadyOpen extends Data.TaggedError("RequestAlreadyOpen")<{
  readonly requestId: string
}> {}
/** The recipient's `whoCanRequest` setting does not admit the sender. */
export class RequestNotAllowed extends Data.TaggedError("RequestNotAllowed")<{
  readonly requires: "contactsOfContacts" | "sharedGroup"
}> {}
/** The recipient only accepts requests that carry a message. */
export class MessageRequired extends Data.TaggedError("MessageRequired")<Record<never, never>> {}
/** The weekly request limit is used up; `retryAt` is when the oldest send leaves the window. */
export class RateLimited extends Data.TaggedError("RateLimited")<{
  readonly limit: number
  readonly retryAt: Date
}> {}
/** The sender has too many open outgoing requests. */
export class TooManyOpenRequests extends Data.TaggedError("TooManyOpenRequests")<{
  readonly limit: number
}> {}
/** The sender withdrew a request to this member recently and must wait until `until`. */
export class CooldownActive extends Data.TaggedError("CooldownActive")<{ readonly until: Date }> {}
/** One side already has the most connections allowed. */
export class ConnectionLimitReached extends Data.TaggedError("ConnectionLimitReached")<{
  readonly limit: number
}> {}
/** No such request, or not one the actor may act on. */
export class RequestNotFound extends Data.TaggedError("RequestNotFound")<Record<never, never>> {}
/** The request is no longer open (accepted, withdrawn or expired). */
export class RequestNotOpen extends Data.TaggedError("RequestNotOpen")<{
  readonly state: "accepted" | "withdrawn" | "expired"
}> {}
/** The request is still open and younger than the expiry age. */
export class RequestNotExpired extends Data.TaggedError("RequestNotExpired")<{
  readonly expiresAt: Date
}> {}
/** The two members are not connected (or the contact is not the actor's). */
export class ContactNotFound extends Data.TaggedError("ContactNotFound")<Record<never, never>> {}
/** A category id that does not belong to the actor. */
export class CategoryNotFound extends Data.TaggedError("CategoryNotFound")<{
  readonly categoryId: string
}> {}
/** The actor already has a category of that name (case-insensitive). */
export class CategoryNameTaken extends Data.TaggedError("CategoryNameTaken")<{
  readonly name: string
}> {}
/** The actor already owns the most categories allowed. */
export class CategoryLimitReached extends Data.TaggedError("CategoryLimitReached")<{
  readonly limit: number
}> {}
/** No such post, or one the actor may not see. */
export class PostNotFound extends Data.TaggedError("PostNotFound")<Record<never, never>> {}
/** The actor already likes this post. */
export class AlreadyLiked extends Data.TaggedError("AlreadyLiked")<Record<never, never>> {}
/** The actor tried to act on a member they have blocked or were blocked by. */
export class AlreadyBlocked extends Data.TaggedError("AlreadyBlocked")<Record<never, never>> {}

/** No such introduction, or not one the actor may act on (or no longer waiting for them). */
export class IntroductionNotFound extends Data.TaggedError("IntroductionNotFound")<
  Record<never, never>
> {}
/** No such address book entry among the actor's own (another's reads the same). */
export class EntryNotFound extends Data.TaggedError("EntryNotFound")<Record<never, never>> {}
/** The asker already has an ask open for this member (a declined one reads as open: silent). */
export class IntroductionAlreadyOpen extends Data.TaggedError("IntroductionAlreadyOpen")<{
  readonly introductionId: string
}> {}
/**
 * The member asked to introduce is, as far as the asker can see, neither a
 * contact of the target nor the first step on the asker's path to them.
 */
export class IntroducerNotOnPath extends Data.TaggedError("IntroducerNotOnPath")<
  Record<never, never>
> {}
/** A weekly limit other than requests' is used up; `retryAt` is when a slot frees. */
export class WeeklyLimitReached extends Data.TaggedError("WeeklyLimitReached")<{
  readonly what: "introductions" | "recommendations" | "invitations"
  readonly limit: number
  readonly retryAt: Date
}> {}
/**
 * No such invitation for the one asking: an unknown, used, expired or revoked link reads the
 * same to whoever holds it, and another member's invitation the same to its non-owner.
 */
export class InvitationNotFound extends Data.TaggedError("InvitationNotFound")<
  Record<never, never>
> {}
/** The inviter has the most open invitations allowed. */
export class TooManyOpenInvitations extends Data.TaggedError("TooManyOpenInvitations")<{
  readonly limit: number
}> {}

/**
 * The union of every domain error.
 *
 * @example
 * ```ts
 * const status = (e: DomainError) => (e._tag === "MemberNotFound" ? 404 : 409)
 * ```
 */
export type DomainError =
  | MemberNotFound
  | CannotTargetSelf
  | AlreadyConnected
  | RequestAlreadyOpen
  | RequestNotAllowed
  | MessageRequired
  | RateLimited
  | TooManyOpenRequests
  | CooldownActive
  | ConnectionLimitReached
  | RequestNotFound
  | RequestNotOpen
  | RequestNotExpired
  | ContactNotFound
  | CategoryNotFound
  | CategoryNameTaken
  | CategoryLimitReached
  | PostNotFound
  | AlreadyLiked
  | AlreadyBlocked
  | IntroductionNotFound
  | EntryNotFound
  | IntroductionAlreadyOpen
  | IntroducerNotOnPath
  | WeeklyLimitReached
  | InvitationNotFound
  | TooManyOpenInvitations

/** Every error tag, for exhaustive tables such as the API's status map. */
export type DomainErrorTag = DomainError["_tag"]
