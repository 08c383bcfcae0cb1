/**
 * Sending a contact request: every rule that may refuse it, the crossing rule
 * (sending to someone who already asked you is accepting their request), and
 * the recipient's acceptance policy, which may accept at once.
 *
 * @module
 */
import { Either } from "effect"
import { type AcceptancePolicy, judgeRequest, type Verdict } from "./Acceptance.js"
import type { AddressBookEntry } from "./AddressBook.js"
import { requireOwnedCategories } from "./Category.js"
import { type Accepted, acceptRequest, type Party } from "./Connect.js"
import {
  AlreadyConnected,
  CannotTargetSelf,
  ConnectionLimitReached,
  CooldownActive,
  MemberNotFound,
  MessageRequired,
  RateLimited,
  RequestAlreadyOpen,
  RequestNotAllowed,
  TooManyOpenRequests,
} from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { WhoCanRequest } from "./Member.js"
import { addDays, type Policy } from "./Policy.js"
import {
  type ContactRequest,
  expiresAt,
  type FoundVia,
  type RequestIntroduction,
} from "./Request.js"
import { expireRequest } from "./RequestTransitions.js"
import type { Transition } from "./Transition.js"

/** The sender, with what the anti-spam rules and the recipient's policy look at. */
export interface Sender extends Party {
  readonly hasPhoto: boolean
  readonly openToNetworking: boolean
  /** How many open (pending or ignored) requests the sender has out now. */
  readonly openOutgoingCount: number
  /** When the sender sent requests recently; at least those inside the rolling window. */
  readonly recentSends: readonly Date[]
}

/** The recipient, with their request settings. */
export interface Recipient extends Party {
  readonly whoCanRequest: WhoCanRequest
  readonly requireMessage: boolean
  readonly acceptance: AcceptancePolicy
}

/** What lies between sender and recipient. */
export interface Between {
  /** A block in either direction. */
  readonly blocked: boolean
  readonly connected: boolean
  readonly openFromSender: ContactRequest | null
  readonly openFromRecipient: ContactRequest | null
  /** When the sender last withdrew a request to this recipient. */
  readonly lastWithdrawalBySender: Date | null
  readonly mutualCount: number
  readonly sharedGroupCount: number
}

/** Everything `sendRequest` needs to decide, loaded by the caller. */
export interface SendContext {
  readonly now: Date
  readonly policy: Policy
  /** The id the new request gets. */
  readonly newRequestId: string
  readonly sender: Sender
  /** `null` when no such member exists. */
  readonly recipient: Recipient | null
  readonly between: Between
  /** Names of groups a `foundVia` may name, by id (for the pre-filled note). */
  readonly groupNames: Readonly<Record<string, string>>
  /** The sender's own category ids (none when left out). */
  readonly senderOwnedCategoryIds?: ReadonlySet<string>
  /** The recipient's own category ids: a crossing request's categories go onto their record. */
  readonly recipientOwnedCategoryIds?: ReadonlySet<string>
  /**
   * The sender's address book entry the request is sent from (`foundVia` import): if the
   * request connects at once, its curation moves onto the sender's record (see acceptRequest).
   */
  readonly senderEntry?: AddressBookEntry | null
}

/** What the sender asked for. Parse it with `SendRequestInput` first. */
export interface SendCommand {
  readonly message: string | null
  readonly foundVia: FoundVia | null
  /** The sender's own categories for the recipient (checked against `SendContext.senderOwnedCategoryIds`). */
  readonly categoryIds?: readonly string[]
  /** Set by a forwarded introduction only: who vouches for the sender, with their note. */
  readonly introduction?: RequestIntroduction
}

/**
 * The outcome of a send: a new open request with the recipient's verdict, or
 * a connection at once (the recipient had asked too, or their policy accepted).
 * `expired` lists stale open requests between the two that the send found past
 * their expiry age and expired on the way.
 */
export type SendOutcome =
  | {
      readonly _tag: "Sent"
      readonly request: ContactRequest
      readonly verdict: Verdict
      readonly expired: readonly ContactRequest[]
    }
  | ({
      readonly _tag: "Connected"
      readonly how: "crossed" | "autoAccepted"
      readonly expired: readonly ContactRequest[]
    } & Accepted)

const stillOpen = (request: ContactRequest | null, now: Date, policy: Policy) =>
  request !== null && now.getTime() < expiresAt(request, policy).getTime() ? request : null

/**
 * When the rolling weekly window frees a slot, or `null` when one is free now.
 *
 * @example
 * ```ts
 * weeklyLimitFreesAt(sends, now, defaultPolicy) // null or a Date
 * ```
 */
export const weeklyLimitFreesAt = (
  sends: readonly Date[],
  now: Date,
  policy: Policy,
): Date | null =>
  rollingLimitFreesAt(sends, now, policy.weeklyRequestLimit, policy.requestWindowDays)

/**
 * When a rolling window of `windowDays` that allows `limit` acts frees a slot,
 * given when the acts happened; `null` when one is free now.
 *
 * @example
 * ```ts
 * rollingLimitFreesAt(asks, now, defaultPolicy.weeklyIntroductionLimit, 7)
 * ```
 */
export const rollingLimitFreesAt = (
  acts: readonly Date[],
  now: Date,
  limit: number,
  windowDays: number,
): Date | null => {
  const windowStart = now.getTime() - windowDays * 86_400_000
  const inWindow = acts
    .map((d) => d.getTime())
    .filter((t) => t > windowStart && t <= now.getTime())
    .sort((x, y) => x - y)
  if (inWindow.length < limit) return null
  // The slot frees when enough of the oldest acts have left the window.
  const freeing = inWindow[inWindow.length - limit] ?? now.getTime()
  return addDays(new Date(freeing), windowDays)
}

const refusal = (command: SendCommand, context: SendContext, recipient: Recipient) => {
  const { now, policy, sender, between } = context
  if (command.message === null && recipient.requireMessage) return new MessageRequired()
  if (recipient.whoCanRequest === "contactsOfContacts" && between.mutualCount < 1) {
    return new RequestNotAllowed({ requires: "contactsOfContacts" })
  }
  if (recipient.whoCanRequest === "sharedGroup" && between.sharedGroupCount < 1) {
    return new RequestNotAllowed({ requires: "sharedGroup" })
  }
  if (between.lastWithdrawalBySender !== null) {
    const until = addDays(between.lastWithdrawalBySender, policy.withdrawCooldownDays)
    if (now.getTime() < until.getTime()) return new CooldownActive({ until })
  }
  // A forwarded introduction is the introducer's doing, bounded by the weekly introduction limit.
  if (command.introduction === undefined) {
    const retryAt = weeklyLimitFreesAt(sender.recentSends, now, policy)
    if (retryAt !== null) return new RateLimited({ limit: policy.weeklyRequestLimit, retryAt })
    if (sender.openOutgoingCount >= policy.maxOpenOutgoingRequests) {
      return new TooManyOpenRequests({ limit: policy.maxOpenOutgoingRequests })
    }
  }
  if (
    sender.connectionCount >= policy.maxConnections ||
    recipient.connectionCount >= policy.maxConnections
  ) {
    return new ConnectionLimitReached({ limit: policy.maxConnections })
  }
  return null
}

/**
 * Sends a request from `context.sender` to `context.recipient`.
 *
 * Refuses with `CannotTargetSelf`, `MemberNotFound` (no such member, or a
 * block either way: indistinguishable), `AlreadyConnected`,
 * `RequestAlreadyOpen`, `CategoryNotFound` (a category that is not the
 * sender's), `MessageRequired`, `RequestNotAllowed`, `CooldownActive`,
 * `RateLimited`, `TooManyOpenRequests` or `ConnectionLimitReached` (a
 * forwarded introduction skips the sender's weekly limit and open count: the
 * introducer vouches, and introductions have their own weekly limit). If
 * the recipient has an open request to the sender, sending accepts it.
 * Otherwise the recipient's acceptance policy judges the request and may
 * accept it at once.
 *
 * @example
 * ```ts
 * const result = sendRequest({ message: "Hallo!", foundVia: null }, context)
 * if (Either.isRight(result) && result.right.state._tag === "Connected") { ... }
 * ```
 */
export const sendRequest = (
  command: SendCommand,
  context: SendContext,
): Transition<SendOutcome> => {
  const { now, policy, sender, recipient, between } = context
  if (recipient !== null && recipient.id === sender.id) return Either.left(new CannotTargetSelf())
  if (recipient === null || between.blocked) return Either.left(new MemberNotFound({}))
  if (between.connected) return Either.left(new AlreadyConnected())
  const senderOwned = context.senderOwnedCategoryIds ?? new Set<string>()
  const owned = requireOwnedCategories(command.categoryIds ?? [], senderOwned)
  if (Either.isLeft(owned)) return Either.left(owned.left)
  const categoryIds = [...new Set(owned.right)]

  // Open requests past their age are expired here, so a stale one never blocks a new send.
  const stale = [between.openFromSender, between.openFromRecipient].filter(
    (r): r is ContactRequest => r !== null && stillOpen(r, now, policy) === null,
  )
  const expired = stale.flatMap((r) => {
    const result = expireRequest(r, { now, policy })
    return Either.isRight(result) ? [result.right] : []
  })
  const expiredEvents = expired.flatMap((e) => e.events)
  const expiredRequests = expired.map((e) => e.state)

  const ownOpen = stillOpen(between.openFromSender, now, policy)
  if (ownOpen !== null) return Either.left(new RequestAlreadyOpen({ requestId: ownOpen.id }))

  const crossing = stillOpen(between.openFromRecipient, now, policy)
  if (crossing !== null) {
    // The sender accepts the crossing request: their categories go onto their own record.
    const accepted = acceptRequest(
      crossing,
      { categoryIds },
      {
        actor: sender.id,
        now,
        policy,
        sender: recipient,
        recipient: sender,
        ownedCategoryIds: senderOwned,
        senderOwnedCategoryIds: context.recipientOwnedCategoryIds ?? new Set<string>(),
        groupNames: context.groupNames,
        connected: false,
        recipientEntry: context.senderEntry ?? null,
      },
    )
    return Either.map(accepted, ({ state, events }) => ({
      state: {
        _tag: "Connected" as const,
        how: "crossed" as const,
        expired: expiredRequests,
        ...state,
      },
      events: [...expiredEvents, ...events],
    }))
  }

  const refused = refusal(command, context, recipient)
  if (refused !== null) return Either.left(refused)

  const request: ContactRequest = {
    id: context.newRequestId,
    from: sender.id,
    to: recipient.id,
    message: command.message,
    foundVia: command.foundVia,
    senderCategoryIds: categoryIds,
    introduction: command.introduction ?? null,
    state: "pending",
    createdAt: now,
    updatedAt: now,
  }
  const verdict = judgeRequest(recipient.acceptance, {
    hasPhoto: sender.hasPhoto,
    sharedGroupCount: between.sharedGroupCount,
    hasMessage: command.message !== null,
    mutualCount: between.mutualCount,
    openToNetworking: sender.openToNetworking,
    introducedBy: command.introduction === undefined ? null : command.introduction.by,
  })
  if (verdict.autoAccept) {
    const accepted = acceptRequest(
      request,
      {},
      {
        actor: recipient.id,
        now,
        policy,
        sender,
        recipient,
        ownedCategoryIds: new Set(),
        senderOwnedCategoryIds: senderOwned,
        groupNames: context.groupNames,
        connected: false,
        senderEntry: context.senderEntry ?? null,
      },
      true,
    )
    return Either.map(accepted, ({ state, events }) => ({
      state: {
        _tag: "Connected" as const,
        how: "autoAccepted" as const,
        expired: expiredRequests,
        ...state,
      },
      events: [...expiredEvents, ...events],
    }))
  }
  return Either.right({
    state: { _tag: "Sent", request, verdict, expired: expiredRequests },
    events: [
      ...expiredEvents,
      DomainEvent.RequestSent({
        requestId: request.id,
        from: sender.id,
        to: recipient.id,
        at: now,
      }),
    ],
  })
}
