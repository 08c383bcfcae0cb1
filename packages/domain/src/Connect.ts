/**
 * Accepting a request: the one path by which a connection comes to be,
 * whether the recipient clicked accept, their policy accepted at once, or a
 * crossing request made the pair mutual.
 *
 * @module
 */
import { Either } from "effect"
import type { AddressBookEntry } from "./AddressBook.js"
import { requireOwnedCategories } from "./Category.js"
import { type Connection, type ContactRecord, newRecord } from "./Contact.js"
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
  /**
   * An address book entry of the sender's that this connection takes up (the request was
   * sent from it, or the recipient signed up through its invitation): its categories, note
   * and importance go onto the sender's record, and the entry goes.
   */
  readonly senderEntry?: AddressBookEntry | null
  /** The same for the recipient: an entry of theirs naming the sender (a crossing request). */
  readonly recipientEntry?: AddressBookEntry | null
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
  /** The address book entries the connection took up, to be deleted. */
  readonly entriesTaken: readonly string[]
}

/**
 * A record with an address book entry's curation moved onto it: the entry's
 * categories (those the owner still has) join the record's, the entry's note
 * comes first, and its importance is kept.
 */
const withEntry = (
  record: ContactRecord,
  entry: AddressBookEntry | null | undefined,
  owned: ReadonlySet<string>,
): ContactRecord =>
  entry === null || entry === undefined
    ? record
    : {
        ...record,
        categoryIds: [
          ...new Set([...record.categoryIds, ...entry.categoryIds.filter((c) => owned.has(c))]),
        ],
        note: [entry.note.trim(), record.note].filter((n) => n !== "").join("\n"),
        importance: entry.importance,
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
      const theirEntry = context.recipientEntry ?? null
      const recipientRecord = withEntry(
        newRecord({
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
        }),
        command.note === undefined ? theirEntry : theirEntry && { ...theirEntry, note: "" },
        context.ownedCategoryIds,
      )
      const senderOwned = context.senderOwnedCategoryIds ?? new Set<string>()
      const entry = context.senderEntry ?? null
      const senderRecord = withEntry(
        newRecord({
          owner: sender.id,
          contact: recipient.id,
          at: now,
          categoryIds: [...new Set(request.senderCategoryIds)].filter((id) => senderOwned.has(id)),
          // An entry's note already says where we know each other from.
          note: senderNote(sender.locale, {
            foundVia: request.foundVia,
            withoutFoundLine: entry !== null,
            groupName,
            message: request.message,
          }),
        }),
        entry,
        senderOwned,
      )
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
        state: {
          request: accepted,
          connection,
          entriesTaken: [entry, theirEntry].flatMap((e) => (e === null ? [] : [e.id])),
        },
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
