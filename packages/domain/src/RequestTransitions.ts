/**
 * What happens to an open request besides accepting it: ignore (silent),
 * withdraw (silent, starts the cooldown), expire (after 180 days, no cooldown).
 *
 * @module
 */
import { Either } from "effect"
import { RequestNotExpired, RequestNotFound, RequestNotOpen } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import type { Policy } from "./Policy.js"
import { type ContactRequest, expiresAt, type FinalRequestState } from "./Request.js"
import type { Transition } from "./Transition.js"

const notOpen = (state: FinalRequestState) =>
  new RequestNotOpen({ state: state === "discarded" ? "withdrawn" : state })

const facts = (request: ContactRequest, at: Date) => ({
  requestId: request.id,
  from: request.from,
  to: request.to,
  at,
})

/**
 * The recipient ignores a request. Silent: the sender is never told, and
 * their view of the request does not change (see `senderView`). Ignoring an
 * ignored request changes nothing. The recipient may still accept it later.
 * A request that is no longer open is, to its recipient, one that does not
 * exist (`RequestNotFound`): whether it was withdrawn, expired or taken away
 * by a block is the sender's business.
 *
 * @example
 * ```ts
 * ignoreRequest(request, { actor: request.to, now })
 * ```
 */
export const ignoreRequest = (
  request: ContactRequest,
  context: { readonly actor: MemberId; readonly now: Date },
): Transition<ContactRequest> => {
  if (context.actor !== request.to) return Either.left(new RequestNotFound())
  switch (request.state) {
    case "ignored":
      return Either.right({ state: request, events: [] })
    case "pending":
      return Either.right({
        state: { ...request, state: "ignored", updatedAt: context.now },
        events: [DomainEvent.RequestIgnored(facts(request, context.now))],
      })
    case "accepted":
    case "withdrawn":
    case "expired":
    case "discarded":
      return Either.left(new RequestNotFound())
  }
}

/**
 * The sender withdraws an open request. Silent for the recipient; starts the
 * cooldown before the sender may ask the same member again. A request a
 * block took away (`discarded`) is, to its sender, gone — as one to a member
 * who deleted their account is (`RequestNotFound`), so a block cannot be told
 * from a deletion.
 *
 * @example
 * ```ts
 * withdrawRequest(request, { actor: request.from, now })
 * ```
 */
export const withdrawRequest = (
  request: ContactRequest,
  context: { readonly actor: MemberId; readonly now: Date },
): Transition<ContactRequest> => {
  if (context.actor !== request.from) return Either.left(new RequestNotFound())
  switch (request.state) {
    case "pending":
    case "ignored":
      return Either.right({
        state: { ...request, state: "withdrawn", updatedAt: context.now },
        events: [DomainEvent.RequestWithdrawn(facts(request, context.now))],
      })
    case "discarded":
      return Either.left(new RequestNotFound())
    case "accepted":
    case "withdrawn":
    case "expired":
      return Either.left(notOpen(request.state))
  }
}

/**
 * Expires an open request once it is `requestExpiryDays` old. No cooldown follows.
 *
 * @example
 * ```ts
 * expireRequest(request, { now, policy: defaultPolicy })
 * ```
 */
export const expireRequest = (
  request: ContactRequest,
  context: { readonly now: Date; readonly policy: Policy },
): Transition<ContactRequest> => {
  switch (request.state) {
    case "pending":
    case "ignored": {
      const due = expiresAt(request, context.policy)
      if (context.now.getTime() < due.getTime()) {
        return Either.left(new RequestNotExpired({ expiresAt: due }))
      }
      return Either.right({
        state: { ...request, state: "expired", updatedAt: context.now },
        events: [DomainEvent.RequestExpired(facts(request, context.now))],
      })
    }
    case "accepted":
    case "withdrawn":
    case "expired":
    case "discarded":
      return Either.left(notOpen(request.state))
  }
}
