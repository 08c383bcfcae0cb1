/**
 * Requests, end to end: read the facts (one round trip) → the domain decides
 * → write the new state and its events, all in one write transaction that
 * holds the locks of both members. A unique violation that slips past the
 * locks (it cannot on SQLite, nor on PostgreSQL while every writer takes the
 * same locks) still surfaces as the domain's error, never as a crash.
 */
import {
  type AcceptCommand,
  acceptRequest,
  type Connection,
  type ContactRecord,
  type ContactRequest,
  EntryNotFound,
  expireRequest,
  ignoreRequest,
  type MemberId,
  MemberNotFound,
  RequestNotFound,
  reviewDueAt,
  type SendCommand,
  sendRequest,
  withdrawRequest,
} from "@kontakt/domain"
import { Effect, Either } from "effect"
import { entryForConnection, entryForRequest, removeTakenEntries } from "./AddressBook.js"
import { type ContactListing, Contacts } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { Db } from "./db/Db.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { type MemberSummary, Members } from "./Members.js"
import {
  acceptFacts,
  openBetween,
  type PartyFacts,
  requestById,
  requestLock,
  sendLock,
  sendMembers,
  sendParams,
} from "./RequestFacts.js"
import { insertRequest, Requests, updateParams, updateRequest } from "./Requests.js"
import { requestParams } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"

const party = (m: PartyFacts) => ({
  id: m.id,
  locale: m.settings.locale,
  connectionCount: m.connectionCount,
  broadcastConnections: m.settings.broadcastConnections,
})

export class RequestService extends Effect.Service<RequestService>()(
  "@kontakt/store/RequestService",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const members = yield* Members
      const requests = yield* Requests
      const contacts = yield* Contacts
      const log = yield* EventLog
      const ids = yield* Ids
      const { policy } = yield* StorePolicy

      // A new record falls due `firstReviewAfterDays` after connecting, whatever its cadence.
      const sendFacts = sendMembers(policy.weeklyRequestLimit)
      const dueOf = (r: ContactRecord) => reviewDueAt(r, policy.reviewEveryDays, policy)

      /** The member's new contact, as lists show it: made by the command, read from nowhere. */
      const listing = (connection: Connection, owner: MemberId, member: MemberSummary) => {
        const record = connection.records.find((r) => r.owner === owner) ?? connection.records[0]
        return {
          record: { ...record, categoryIds: [...record.categoryIds].sort() },
          member,
          reviewDueAt: dueOf(record),
        } satisfies ContactListing
      }

      const connect = (
        connection: Connection,
        names: Readonly<Record<MemberId, string>>,
        entriesTaken: readonly string[] = [],
      ) =>
        Effect.gen(function* () {
          yield* contacts.insert(connection, names, dueOf)
          if (entriesTaken.length > 0)
            yield* db.run(removeTakenEntries, [entriesTaken, connection.a, connection.b])
        })

      // The send itself, inside a transaction that holds both members' locks (see `send`).
      const sendWithin = (senderId: MemberId, recipientHandle: string, command: SendCommand) =>
        Effect.gen(function* () {
          const at = yield* now
          const handle = recipientHandle.toLowerCase()
          const groupId = command.foundVia?.kind === "group" ? command.foundVia.groupId : null
          const since = new Date(at.getTime() - policy.requestWindowDays * 86_400_000)
          const [found, open] = yield* db.reads([
            [sendFacts, sendParams(senderId, handle, since, groupId)],
            [openBetween, [senderId, handle, senderId, handle]],
          ] as const)
          const sender = found.find((m) => m.id === senderId)
          if (sender === undefined) return yield* Effect.fail(new MemberNotFound({}))
          const recipient = found.find((m) => m.handle === handle) ?? null
          // Sent from an address book entry: only one naming a member findable by email.
          // Anyone else (not findable, another email, nobody) reads the same: no such entry.
          const senderEntry =
            command.foundVia?.kind === "import"
              ? yield* db.first(entryForRequest, [senderId, senderId, handle, senderId, senderId])
              : undefined
          if (command.foundVia?.kind === "import" && senderEntry === undefined)
            return yield* Effect.fail(new EntryNotFound())
          const openFromRecipient = open.find((r) => r.from !== senderId) ?? null
          const groupNames: Record<string, string> = {}
          if (groupId !== null && sender.groupName !== null) groupNames[groupId] = sender.groupName
          // Rare: a crossing request found through a group names that group in the note.
          if (openFromRecipient?.foundVia?.kind === "group")
            Object.assign(
              groupNames,
              yield* members.groupNames([openFromRecipient.foundVia.groupId]),
            )
          const decision = sendRequest(
            senderEntry === undefined
              ? command
              : { ...command, foundVia: { kind: "import", source: senderEntry.source } },
            {
              now: at,
              policy,
              newRequestId: yield* ids.next,
              sender: {
                ...party(sender),
                hasPhoto: sender.hasPhoto,
                openToNetworking: sender.openToNetworking,
                openOutgoingCount: sender.openOutgoing,
                recentSends: sender.recentSends,
              },
              recipient:
                recipient === null
                  ? null
                  : {
                      ...party(recipient),
                      whoCanRequest: recipient.settings.whoCanRequest,
                      requireMessage: recipient.settings.requireMessage,
                      acceptance: recipient.settings.acceptance,
                    },
              between: {
                blocked: recipient?.blocked ?? false,
                connected: recipient?.connected ?? false,
                openFromSender: open.find((r) => r.from === senderId) ?? null,
                openFromRecipient,
                lastWithdrawalBySender: recipient?.lastWithdrawal ?? null,
                mutualCount: recipient?.mutualCount ?? 0,
                sharedGroupCount: recipient?.sharedGroups ?? 0,
              },
              groupNames,
              senderOwnedCategoryIds: sender.ownedCategories,
              recipientOwnedCategoryIds: recipient?.ownedCategories ?? new Set(),
              senderEntry: senderEntry ?? null,
            },
          )
          const { state, events } = yield* decided(decision)
          for (const r of state.expired) yield* requests.update(r)
          const names = {
            [sender.id]: sender.displayName,
            [recipient?.id ?? ""]: recipient?.displayName ?? "",
          }
          if (state._tag === "Sent") {
            yield* db.run(insertRequest, requestParams(state.request))
          } else {
            yield* db.run(
              state.how === "autoAccepted" ? insertRequest : updateRequest,
              state.how === "autoAccepted"
                ? requestParams(state.request)
                : updateParams(state.request),
            )
            yield* connect(state.connection, names, state.entriesTaken)
          }
          yield* log.record(events)
          // The other member as the answer shows them, and the sender's new contact if connected.
          const counterpart = (recipient ?? sender).summary
          return {
            ...state,
            counterpart,
            contact:
              state._tag === "Sent" ? null : listing(state.connection, senderId, counterpart),
          }
        })

      const send = (senderId: MemberId, recipientHandle: string, command: SendCommand) =>
        db.transaction(
          sendWithin(senderId, recipientHandle, command),
          sendLock(senderId, recipientHandle.toLowerCase()),
        )

      const accept = (actorId: MemberId, requestId: string, command: AcceptCommand) =>
        db.transaction(
          Effect.gen(function* () {
            const facts = yield* db.first(acceptFacts, [requestId])
            if (facts === undefined || facts.request.to !== actorId)
              return yield* Effect.fail(new RequestNotFound())
            const { request, sender, recipient } = facts
            const groupIds = request.foundVia?.kind === "group" ? [request.foundVia.groupId] : []
            // Sent from the sender's address book entry: it moves onto their new record.
            const senderEntry =
              request.foundVia?.kind === "import"
                ? yield* db.first(entryForConnection, [sender.id, sender.id, recipient.id])
                : undefined
            const { state, events } = yield* decided(
              acceptRequest(request, command, {
                actor: actorId,
                now: yield* now,
                policy,
                sender: party(sender),
                recipient: party(recipient),
                ownedCategoryIds: new Set(facts.ownedCategories),
                senderOwnedCategoryIds: new Set(facts.senderCategories),
                groupNames: yield* members.groupNames(groupIds),
                connected: facts.connected,
                senderEntry: senderEntry ?? null,
              }),
            )
            yield* db.run(updateRequest, updateParams(state.request))
            yield* connect(
              state.connection,
              { [sender.id]: sender.displayName, [recipient.id]: recipient.displayName },
              state.entriesTaken,
            )
            yield* log.record(events)
            return { ...state, contact: listing(state.connection, actorId, sender.summary) }
          }),
          requestLock(requestId),
        )

      const simple =
        (transition: typeof ignoreRequest | typeof withdrawRequest, side: "from" | "to") =>
        (actorId: MemberId, requestId: string) =>
          db.transaction(
            Effect.gen(function* () {
              const fresh = yield* db.first(requestById, [requestId])
              if (fresh === undefined || fresh[side] !== actorId)
                return yield* Effect.fail(new RequestNotFound())
              const { state, events } = yield* decided(
                transition(fresh, { actor: actorId, now: yield* now }),
              )
              if (state !== fresh) yield* requests.update(state)
              yield* log.record(events)
              return state
            }),
            requestLock(requestId),
          )

      return {
        send,
        /**
         * The send, for a command that runs it inside its own transaction — one that
         * already holds the locks of the sender and the recipient (a forwarded introduction).
         */
        sendWithin,
        accept,
        ignore: simple(ignoreRequest, "to"),
        withdraw: simple(withdrawRequest, "from"),
        /** Expires every open request past its age; returns how many. */
        expireDue: (limit = 500) =>
          Effect.gen(function* () {
            const at = yield* now
            const due = yield* requests.openBefore(
              new Date(at.getTime() - policy.requestExpiryDays * 86_400_000),
              limit,
            )
            let expired = 0
            for (const r of due) {
              const done = yield* db.transaction(
                Effect.gen(function* () {
                  const fresh: ContactRequest | undefined = yield* db.first(requestById, [r.id])
                  if (fresh === undefined) return false
                  const result = expireRequest(fresh, { now: at, policy })
                  if (Either.isLeft(result)) return false
                  yield* requests.update(result.right.state)
                  yield* log.record(result.right.events)
                  return true
                }),
                requestLock(r.id),
              )
              if (done) expired++
            }
            return expired
          }),
      }
    }),
  },
) {}
