/**
 * Blocking: a block removes any connection and open requests between two
 * members, silently, and from then on each is `MemberNotFound` to the other
 * everywhere (requests, profiles, mutual contacts, paths, suggestions, feeds).
 *
 * @module
 */
import { Either } from "effect"
import type { Connection } from "./Contact.js"
import { AlreadyBlocked, CannotTargetSelf, MemberNotFound } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { type ContactRequest, isOpen } from "./Request.js"
import type { Transition } from "./Transition.js"

/** A block, kept by the member who blocked. */
export interface Block {
  readonly by: MemberId
  readonly member: MemberId
  readonly at: Date
}

/** What `blockMember` needs to know about the pair. */
export interface BlockContext {
  readonly actor: MemberId
  readonly now: Date
  readonly memberExists: boolean
  readonly blockedByActor: boolean
  /** Whether the target has blocked the actor: then the target does not exist for the actor. */
  readonly blockedByTarget: boolean
  readonly connection: Connection | null
  /** Requests between the two in either direction (final ones are ignored). */
  readonly requests: readonly ContactRequest[]
}

/** The result of a block: the block, and the requests it took away. */
export interface Blocked {
  readonly block: Block
  readonly discarded: readonly ContactRequest[]
  readonly connectionRemoved: boolean
}

/**
 * Blocks a member. Silent: no event it emits is delivered to anyone.
 *
 * @example
 * ```ts
 * blockMember("b", { actor: "a", now, memberExists: true, blockedByActor: false,
 *   blockedByTarget: false, connection, requests: [] })
 * ```
 */
export const blockMember = (target: MemberId, context: BlockContext): Transition<Blocked> => {
  const { actor, now } = context
  if (target === actor) return Either.left(new CannotTargetSelf())
  if (!context.memberExists || context.blockedByTarget) return Either.left(new MemberNotFound({}))
  if (context.blockedByActor) return Either.left(new AlreadyBlocked())
  const discarded = context.requests
    .filter(isOpen)
    .map((r): ContactRequest => ({ ...r, state: "discarded", updatedAt: now }))
  return Either.right({
    state: {
      block: { by: actor, member: target, at: now },
      discarded,
      connectionRemoved: context.connection !== null,
    },
    events: [
      DomainEvent.MemberBlocked({ by: actor, member: target, at: now }),
      ...(context.connection === null
        ? []
        : [
            DomainEvent.ConnectionRemoved({ by: actor, other: target, at: now, reason: "blocked" }),
          ]),
      ...discarded.map((r) =>
        DomainEvent.RequestDiscarded({
          requestId: r.id,
          from: r.from,
          to: r.to,
          at: now,
          reason: "blocked",
        }),
      ),
    ],
  })
}

/**
 * Lifts one's own block. A member who was not blocked by the actor is
 * `MemberNotFound`; connections and requests do not come back.
 *
 * @example
 * ```ts
 * unblockMember("b", { actor: "a", now, blockedByActor: true })
 * ```
 */
export const unblockMember = (
  target: MemberId,
  context: { readonly actor: MemberId; readonly now: Date; readonly blockedByActor: boolean },
): Transition<null> =>
  context.blockedByActor
    ? Either.right({
        state: null,
        events: [
          DomainEvent.MemberUnblocked({ by: context.actor, member: target, at: context.now }),
        ],
      })
    : Either.left(new MemberNotFound({}))

/**
 * Deleting one's account: every connection and open request goes, silently;
 * last, `AccountDeleted`, so that whatever shows the member shows them as gone.
 *
 * @example
 * ```ts
 * deleteAccount({ actor: "a", now, contacts: ["b", "c"], requests })
 * ```
 */
export const deleteAccount = (context: {
  readonly actor: MemberId
  readonly now: Date
  readonly contacts: readonly MemberId[]
  readonly requests: readonly ContactRequest[]
}): Transition<{ readonly discarded: readonly ContactRequest[] }> => {
  const { actor, now } = context
  const discarded = context.requests
    .filter(isOpen)
    .map((r): ContactRequest => ({ ...r, state: "discarded", updatedAt: now }))
  return Either.right({
    state: { discarded },
    events: [
      ...context.contacts.map((other) =>
        DomainEvent.ConnectionRemoved({ by: actor, other, at: now, reason: "accountDeleted" }),
      ),
      ...discarded.map((r) =>
        DomainEvent.RequestDiscarded({
          requestId: r.id,
          from: r.from,
          to: r.to,
          at: now,
          reason: "accountDeleted",
        }),
      ),
      DomainEvent.AccountDeleted({ member: actor, at: now }),
    ],
  })
}
