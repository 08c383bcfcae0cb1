/**
 * Accepting a request: the one path by which a connection comes to be,
 * whether the recipient clicked accept, their policy accepted at once, or a
 * crossing request made the pair mutual.
 *
 * @module
 */
import { Either } from "effect"
import { requireOwnedCategories } from "./Category.js"
import { type Connection, newRecord } from "./Contact.js"
import { AlreadyConnected, ConnectionLimitReached, RequestNotFound } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import type { Locale } from "./Member.js"
import { recipientNote, senderNote } from "./NotePrefill.js"
import type { Policy } from "./Policy.js"
import { type ContactRequest, expiresAt } from "./Request.js"
import type { Transition } from "./Transition.js"

/** One side of a request, as far as connecting is concerned. */
export interface Party {
  readonly id: MemberId
  readonly locale: Locale
  readonly connectionCount: number
  readonly broadcastConnections: boolean
}

/** The facts accept needs besides the request itself. */
export interface AcceptContext {
  readonly actor: MemberId
  readonly now: Date
  readonly policy: Policy
  /** The request's sender. */
  readonly sender: Party
  /** The request's recipient (who accepts). */
  readonly recipient: Party
  /** The recipient's own category ids. */
  readonly ownedCategoryIds: ReadonlySet<string>
  /**
   * The sender's own category ids now: of the categories they chose when sending, those
   * they still have go onto their record (one deleted meanwhile is left out, silently).
   */
  readonly senderOwnedCategoryIds?: ReadonlySet<string>
  /** Names of groups a `foundVia` may name, by id. */
  readonly groupNames: Readonly<Record<string, string>>
  /** Whether the two are connected already (a concurrent crossing, say). */
  readonly connected: boolean
}

/** The recipient's choices when accepting. */
export interface AcceptCommand {
  readonly categoryIds?: readonly string[]
  /** The recipient's note; left out, it is pre-filled from how they were found and the message. */
  readonly note?: string
}

/** The result of accepting: the accepted request and the new connection. */
export interface Accepted {
  readonly request: ContactRequest
  readonly connection: Connection
}

/**
 * Accepts an open request on behalf of its recipient. Only the recipient may;
 * anyone else gets `RequestNotFound`, as if the request did not exist. A
 * request past its expiry age counts as expired even before a sweep marks it.
 *
 * @example
 * ```ts
 * acceptRequest(request, { categoryIds: ["c1"] }, context)
 * ```
 */
export const acceptRequest = (
  request: ContactRequest,
  command: AcceptCommand,
  context: AcceptContext,
  automatically = false,
): Transition<Accepted> => {
  const { now, policy, sender, recipient } = context
  if (context.actor !== request.to) return Either.left(new RequestNotFound())
  // No longer open (or past its age): to its recipient, a request that does not exist.
  if (
    (request.state !== "pending" && request.state !== "ignored") ||
    now.getTime() >= expiresAt(request, policy).getTime()
  )
    return Either.left(new RequestNotFound())
  if (context.connected) return Either.left(new AlreadyConnected())
  if (
    sender.connectionCount >= policy.maxConnections ||
    recipient.connectionCount >= policy.maxConnections
  ) {
    return Either.left(new ConnectionLimitReached({ limit: policy.maxConnections }))
  }
  return Either.map(
    requireOwnedCategories(command.categoryIds ?? [], context.ownedCategoryIds),
    (categoryIds) => {
      const groupName =
        request.foundVia?.kind === "group"
          ? (context.groupNames[request.foundVia.groupId] ?? null)
          : null
      const recipientRecord = newRecord({
        owner: recipient.id,
        contact: sender.id,
        at: now,
        categoryIds,
        acceptedAutomatically: automatically,
        note:
          command.note ??
          recipientNote(recipient.locale, {
            foundVia: request.foundVia,
            groupName,
            message: request.message,
            introducerNote: request.introduction?.note ?? null,
          }),
      })
      const senderRecord = newRecord({
        owner: sender.id,
        contact: recipient.id,
        at: now,
        categoryIds: [...new Set(request.senderCategoryIds)].filter((id) =>
          (context.senderOwnedCategoryIds ?? new Set<string>()).has(id),
        ),
        note: senderNote(sender.locale, {
          foundVia: request.foundVia,
          groupName,
          message: request.message,
        }),
      })
      const [a, b] =
        sender.id < recipient.id ? [sender.id, recipient.id] : [recipient.id, sender.id]
      const connection: Connection = {
        a,
        b,
        since: now,
        requestId: request.id,
        records:
          a === sender.id ? [senderRecord, recipientRecord] : [recipientRecord, senderRecord],
      }
      const accepted: ContactRequest = { ...request, state: "accepted", updatedAt: now }
      const facts = { requestId: request.id, from: request.from, to: request.to, at: now }
      return {
        state: { request: accepted, connection },
        events: [
          DomainEvent.RequestAccepted({ ...facts, automatically }),
          DomainEvent.ConnectionMade({
            a,
            b,
            requestId: request.id,
            at: now,
            broadcast: sender.broadcastConnections && recipient.broadcastConnections,
          }),
        ],
      }
    },
  )
}
