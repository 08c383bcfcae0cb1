/**
 * The delivery policy: the one place that decides who is told what.
 *
 * A pure function from one domain event to the notifications and feed
 * deliveries it causes. Silence is a property of this table: ignore,
 * withdraw, expire, delete, block, unblock, mute, flag, a declined
 * introduction and every private
 * change map to nothing, and the tests prove it for every such event.
 *
 * @module
 */
import { absurd } from "effect/Function"
import type { DomainEvent } from "./Events.js"
import type { FeedReason, FeedSubject } from "./Feed.js"
import type { MemberId } from "./Ids.js"

/** What a notification tells its recipient. */
export type NotificationKind =
  | "requestReceived"
  | "requestAccepted"
  | "requestAutoAccepted"
  | "postLiked"
  | "postCommented"
  | "postShared"
  | "introductionAsked"
  | "introductionForwarded"
  | "memberRecommended"

/** A notification for one member. */
export interface Notification {
  readonly recipient: MemberId
  readonly kind: NotificationKind
  /** Who did it. */
  readonly actor: MemberId
  /** The request, post, introduction or recommendation it is about. */
  readonly subjectId: string
  readonly at: Date
}

/**
 * Who receives a feed delivery: one member, or the contacts of a member
 * (except some), and in both cases never anyone blocked either way with a
 * member in `excludeBlockedWith`.
 */
export type Audience =
  | { readonly _tag: "Member"; readonly member: MemberId }
  | { readonly _tag: "ContactsOf"; readonly member: MemberId; readonly except: readonly MemberId[] }

/** A feed delivery to an audience, resolved to readers by the store. */
export interface Fanout {
  readonly audience: Audience
  readonly subject: FeedSubject
  readonly broughtBy: MemberId
  readonly reason: FeedReason
  readonly excludeBlockedWith: readonly MemberId[]
  readonly at: Date
}

/**
 * Feed items to take back: a subject everywhere (a deleted post, a removed
 * connection's news), what one member's like brought, or everything two
 * members brought each other (they are no longer connected).
 */
export type Retraction =
  | { readonly _tag: "Subject"; readonly subject: FeedSubject }
  | {
      readonly _tag: "BroughtBy"
      readonly subject: FeedSubject
      readonly member: MemberId
      readonly reason: FeedReason
    }
  | { readonly _tag: "BetweenMembers"; readonly a: MemberId; readonly b: MemberId }

/** Everything one event causes to be delivered or taken back. */
export interface Deliveries {
  readonly notifications: readonly Notification[]
  readonly feed: readonly Fanout[]
  readonly retractions: readonly Retraction[]
}

const nothing: Deliveries = { notifications: [], feed: [], retractions: [] }

/** One notification, and nothing else. */
const tell = (
  recipient: MemberId,
  kind: NotificationKind,
  actor: MemberId,
  subjectId: string,
  at: Date,
): Deliveries => ({ ...nothing, notifications: [{ recipient, kind, actor, subjectId, at }] })

const onPost = (
  event: {
    readonly postId: string
    readonly author: MemberId
    readonly by: MemberId
    readonly at: Date
  },
  reason: FeedReason,
  kind: NotificationKind,
): Deliveries => {
  const subject: FeedSubject = { kind: "post", postId: event.postId, author: event.author }
  return {
    notifications:
      event.by === event.author
        ? []
        : [
            {
              recipient: event.author,
              kind,
              actor: event.by,
              subjectId: event.postId,
              at: event.at,
            },
          ],
    feed: [
      {
        audience: { _tag: "ContactsOf", member: event.by, except: [event.author] },
        subject,
        broughtBy: event.by,
        reason,
        excludeBlockedWith: [event.author, event.by],
        at: event.at,
      },
    ],
    retractions: [],
  }
}

/**
 * What one event causes: notifications, feed deliveries and retractions.
 *
 * @example
 * ```ts
 * deliver(DomainEvent.RequestIgnored({ requestId: "r", from: "a", to: "b", at })) // nothing at all
 * deliver(DomainEvent.RequestSent({ requestId: "r", from: "a", to: "b", at })).notifications
 * // [{ recipient: "b", kind: "requestReceived", actor: "a", subjectId: "r", at }]
 * ```
 */
export const deliver = (event: DomainEvent): Deliveries => {
  switch (event._tag) {
    case "RequestSent":
      return {
        ...nothing,
        notifications: [
          {
            recipient: event.to,
            kind: "requestReceived",
            actor: event.from,
            subjectId: event.requestId,
            at: event.at,
          },
        ],
      }
    case "RequestAccepted": {
      const told: Notification = {
        recipient: event.from,
        kind: "requestAccepted",
        actor: event.to,
        subjectId: event.requestId,
        at: event.at,
      }
      const auto: Notification = {
        recipient: event.to,
        kind: "requestAutoAccepted",
        actor: event.from,
        subjectId: event.requestId,
        at: event.at,
      }
      return { ...nothing, notifications: event.automatically ? [told, auto] : [told] }
    }
    case "ConnectionMade": {
      if (!event.broadcast) return nothing
      const subject: FeedSubject = { kind: "connection", a: event.a, b: event.b }
      const side = (member: MemberId, other: MemberId): Fanout => ({
        audience: { _tag: "ContactsOf", member, except: [other] },
        subject,
        broughtBy: member,
        reason: "connected",
        excludeBlockedWith: [event.a, event.b],
        at: event.at,
      })
      return { ...nothing, feed: [side(event.a, event.b), side(event.b, event.a)] }
    }
    case "ConnectionRemoved": {
      const [a, b] = event.by < event.other ? [event.by, event.other] : [event.other, event.by]
      return {
        ...nothing,
        retractions: [
          { _tag: "Subject", subject: { kind: "connection", a, b } },
          { _tag: "BetweenMembers", a, b },
        ],
      }
    }
    case "PostPublished": {
      const subject: FeedSubject = { kind: "post", postId: event.postId, author: event.author }
      const base = { subject, broughtBy: event.author, reason: "posted" as const, at: event.at }
      return {
        ...nothing,
        feed: [
          { ...base, audience: { _tag: "Member", member: event.author }, excludeBlockedWith: [] },
          {
            ...base,
            audience: { _tag: "ContactsOf", member: event.author, except: [] },
            excludeBlockedWith: [event.author],
          },
        ],
      }
    }
    case "PostDeleted":
      return {
        ...nothing,
        retractions: [
          {
            _tag: "Subject",
            subject: { kind: "post", postId: event.postId, author: event.author },
          },
        ],
      }
    case "PostLiked":
      return onPost(event, "liked", "postLiked")
    case "PostCommented":
      return onPost(event, "commented", "postCommented")
    case "PostShared":
      return onPost(event, "shared", "postShared")
    case "PostUnliked":
      return {
        ...nothing,
        retractions: [
          {
            _tag: "BroughtBy",
            subject: { kind: "post", postId: event.postId, author: event.author },
            member: event.by,
            reason: "liked",
          },
        ],
      }
    case "IntroductionAsked":
      return tell(event.via, "introductionAsked", event.asker, event.introductionId, event.at)
    case "IntroductionForwarded":
      return tell(event.asker, "introductionForwarded", event.via, event.introductionId, event.at)
    case "MemberRecommended":
      return tell(event.to, "memberRecommended", event.by, event.recommendationId, event.at)
    // Silent by design: the other side is never told.
    case "IntroductionDeclined":
    case "RequestIgnored":
    case "RequestWithdrawn":
    case "RequestExpired":
    case "RequestDiscarded":
    case "MemberBlocked":
    case "MemberUnblocked":
    case "ContactListVisibilityChanged":
    // Shown wherever the member is shown, from then on; nobody is told.
    case "ProfileChanged":
    case "AccountDeleted":
    case "ContactMuted":
    case "ContactUnmuted":
    case "PostFlagged":
    case "PostUnflagged":
    // Private to their owner.
    case "ContactCategorized":
    case "ContactReviewed":
    case "CategoryCreated":
    case "CategoryChanged":
    case "CategoryDeleted":
      return nothing
    default:
      return absurd(event)
  }
}

/**
 * A connection's news is about who a member's contacts are: with a side who
 * hides their contacts, it reaches only that side's own contacts — never a
 * stranger to them through the other side (and with both hiding, only
 * members who are contacts of both). Judged with the hiding as it is now.
 */
const hiddenConnection = (
  subject: FeedSubject,
  reader: MemberId,
  connected: (member: MemberId, reader: MemberId) => boolean,
  hidesContacts: (member: MemberId) => boolean,
) =>
  subject.kind === "connection" &&
  [subject.a, subject.b].some(
    (side) => side !== reader && hidesContacts(side) && !connected(side, reader),
  )

/**
 * Whether a feed delivery reaches one reader: the same rule as
 * `resolveAudience`, asked of one reader instead of expanding the audience.
 * This is how a feed read at read time decides (fan-out on read): what
 * reaches me is judged against who my contacts and blocks are now.
 *
 * @example
 * ```ts
 * reaches(fanout, "c", (x, y) => contacts.has(`${x}|${y}`), (x, y) => blocks.has(`${x}|${y}`))
 * ```
 */
export const reaches = (
  fanout: Pick<Fanout, "audience" | "excludeBlockedWith" | "subject">,
  reader: MemberId,
  connected: (member: MemberId, reader: MemberId) => boolean,
  blockedBetween: (x: MemberId, y: MemberId) => boolean,
  hidesContacts: (member: MemberId) => boolean = () => false,
): boolean => {
  if (hiddenConnection(fanout.subject, reader, connected, hidesContacts)) return false
  const audience = fanout.audience
  const inAudience =
    audience._tag === "Member"
      ? audience.member === reader
      : audience.member !== reader &&
        !audience.except.includes(reader) &&
        connected(audience.member, reader)
  return (
    inAudience &&
    fanout.excludeBlockedWith.every((other) => reader === other || !blockedBetween(reader, other))
  )
}

/**
 * Expands an audience to readers, given who is connected to whom and who is
 * blocked. Stores do the same in SQL; this version serves tests and small
 * embeddings.
 *
 * @example
 * ```ts
 * resolveAudience(fanout, (m) => contacts.get(m) ?? [], (x, y) => blocks.has(`${x}|${y}`))
 * ```
 */
export const resolveAudience = (
  fanout: Pick<Fanout, "audience" | "excludeBlockedWith" | "subject">,
  contactsOf: (member: MemberId) => readonly MemberId[],
  blockedBetween: (x: MemberId, y: MemberId) => boolean,
  hidesContacts: (member: MemberId) => boolean = () => false,
): readonly MemberId[] => {
  const candidates =
    fanout.audience._tag === "Member"
      ? [fanout.audience.member]
      : contactsOf(fanout.audience.member).filter(
          (m) => fanout.audience._tag === "ContactsOf" && !fanout.audience.except.includes(m),
        )
  const connected = (member: MemberId, reader: MemberId) => contactsOf(member).includes(reader)
  return candidates.filter(
    (reader) =>
      !hiddenConnection(fanout.subject, reader, connected, hidesContacts) &&
      fanout.excludeBlockedWith.every(
        (other) => reader === other || !blockedBetween(reader, other),
      ),
  )
}
