/**
 * Requests, end to end: load the facts → the domain decides → write the new
 * state and its events, all in one write transaction that holds the locks of
 * both members. A unique violation that slips past the locks (it cannot on
 * SQLite, nor on PostgreSQL while every writer takes the same locks) still
 * surfaces as the domain's error, never as a crash.
 */
import {
  type AcceptCommand,
  acceptRequest,
  type Connection,
  type ContactRecord,
  type ContactRequest,
  expireRequest,
  ignoreRequest,
  type MemberId,
  MemberNotFound,
  type Policy,
  RequestNotFound,
  reviewDueAt,
  type SendCommand,
  sendRequest,
  withdrawRequest,
} from "@kontakt/domain"
import { Effect, Either, Option } from "effect"
import { Blocks } from "./Blocks.js"
import { Categories } from "./Categories.js"
import { Contacts } from "./Contacts.js"
import { writeTransaction } from "./Database.js"
import { decided, now } from "./Decide.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { type Member, Members } from "./Members.js"
import { Requests } from "./Requests.js"
import { StorePolicy } from "./StorePolicy.js"

export class RequestService extends Effect.Service<RequestService>()(
  "@kontakt/store/RequestService",
  {
    effect: Effect.gen(function* () {
      const members = yield* Members
      const categories = yield* Categories
      const requests = yield* Requests
      const contacts = yield* Contacts
      const blocks = yield* Blocks
      const log = yield* EventLog
      const ids = yield* Ids
      const { policy } = yield* StorePolicy

      const party = (m: Member) =>
        Effect.map(contacts.count(m.id), (connectionCount) => ({
          id: m.id,
          locale: m.settings.locale,
          connectionCount,
          broadcastConnections: m.settings.broadcastConnections,
        }))

      const dueFor = (p: Policy) => (r: ContactRecord) => reviewDueAt(r, p.reviewEveryDays, p)

      const persistConnection = (
        accepted: { request: ContactRequest; connection: Connection },
        names: Record<string, string>,
      ) =>
        Effect.gen(function* () {
          yield* requests.update(accepted.request)
          yield* contacts.insert(accepted.connection, names, dueFor(policy))
        })

      const member = (id: MemberId) =>
        Effect.flatMap(
          members.byId(id),
          Option.match({
            onNone: () => Effect.fail(new MemberNotFound({})),
            onSome: Effect.succeed,
          }),
        )

      const send = (senderId: MemberId, recipientHandle: string, command: SendCommand) =>
        Effect.gen(function* () {
          const found = yield* members.byHandle(recipientHandle)
          const recipientId = Option.match(found, { onNone: () => senderId, onSome: (m) => m.id })
          return yield* writeTransaction(
            [senderId, recipientId],
            Effect.gen(function* () {
              const at = yield* now
              const sender = yield* member(senderId)
              const recipient = Option.getOrNull(yield* members.byHandle(recipientHandle))
              const to = recipient?.id ?? senderId
              const groupIds = [
                command.foundVia?.kind === "group" ? command.foundVia.groupId : null,
              ]
              const openFromRecipient =
                recipient === null ? null : yield* requests.openFrom(to, senderId)
              if (openFromRecipient?.foundVia?.kind === "group")
                groupIds.push(openFromRecipient.foundVia.groupId)
              const id = yield* ids.next
              const decision = sendRequest(command, {
                now: at,
                policy,
                newRequestId: id,
                sender: {
                  ...(yield* party(sender)),
                  hasPhoto: sender.hasPhoto,
                  openToNetworking: sender.openToNetworking,
                  openOutgoingCount: yield* requests.openOutgoingCount(senderId),
                  recentSends: yield* requests.sentSince(
                    senderId,
                    new Date(at.getTime() - policy.requestWindowDays * 86_400_000),
                  ),
                },
                recipient:
                  recipient === null
                    ? null
                    : {
                        ...(yield* party(recipient)),
                        whoCanRequest: recipient.settings.whoCanRequest,
                        requireMessage: recipient.settings.requireMessage,
                        acceptance: recipient.settings.acceptance,
                      },
                between: {
                  blocked: recipient === null ? false : yield* blocks.between(senderId, to),
                  connected: recipient === null ? false : yield* contacts.connected(senderId, to),
                  openFromSender:
                    recipient === null ? null : yield* requests.openFrom(senderId, to),
                  openFromRecipient,
                  lastWithdrawalBySender:
                    recipient === null ? null : yield* requests.lastWithdrawal(senderId, to),
                  mutualCount: recipient === null ? 0 : yield* contacts.mutualCount(senderId, to),
                  sharedGroupCount:
                    recipient === null ? 0 : yield* contacts.sharedGroupCount(senderId, to),
                },
                groupNames: yield* members.groupNames(
                  groupIds.filter((g): g is string => g !== null),
                ),
              })
              const { state, events } = yield* decided(decision)
              for (const r of state.expired) yield* requests.update(r)
              const names = { [sender.id]: sender.displayName, [to]: recipient?.displayName ?? "" }
              if (state._tag === "Sent") {
                yield* requests.insert(state.request)
              } else if (state.how === "autoAccepted") {
                yield* requests.insert(state.request)
                yield* contacts.insert(state.connection, names, dueFor(policy))
              } else {
                yield* persistConnection(state, names)
              }
              yield* log.record(events)
              return state
            }),
          )
        })

      const accept = (actorId: MemberId, requestId: string, command: AcceptCommand) =>
        Effect.gen(function* () {
          const request = Option.getOrNull(yield* requests.byId(requestId))
          if (request === null || request.to !== actorId)
            return yield* Effect.fail(new RequestNotFound())
          return yield* writeTransaction(
            [request.from, request.to],
            Effect.gen(function* () {
              const at = yield* now
              const fresh = Option.getOrNull(yield* requests.byId(requestId))
              if (fresh === null) return yield* Effect.fail(new RequestNotFound())
              const sender = yield* member(fresh.from)
              const recipient = yield* member(fresh.to)
              const groupIds = fresh.foundVia?.kind === "group" ? [fresh.foundVia.groupId] : []
              const { state, events } = yield* decided(
                acceptRequest(fresh, command, {
                  actor: actorId,
                  now: at,
                  policy,
                  sender: yield* party(sender),
                  recipient: yield* party(recipient),
                  ownedCategoryIds: new Set((yield* categories.ofOwner(actorId)).map((c) => c.id)),
                  groupNames: yield* members.groupNames(groupIds),
                  connected: yield* contacts.connected(fresh.from, fresh.to),
                }),
              )
              yield* persistConnection(state, {
                [sender.id]: sender.displayName,
                [recipient.id]: recipient.displayName,
              })
              yield* log.record(events)
              return state
            }),
          )
        })

      const simple =
        (transition: typeof ignoreRequest | typeof withdrawRequest, party: "from" | "to") =>
        (actorId: MemberId, requestId: string) =>
          Effect.gen(function* () {
            const request = Option.getOrNull(yield* requests.byId(requestId))
            if (request === null || request[party] !== actorId)
              return yield* Effect.fail(new RequestNotFound())
            return yield* writeTransaction(
              [request.from, request.to],
              Effect.gen(function* () {
                const fresh = Option.getOrNull(yield* requests.byId(requestId))
                if (fresh === null) return yield* Effect.fail(new RequestNotFound())
                const { state, events } = yield* decided(
                  transition(fresh, { actor: actorId, now: yield* now }),
                )
                if (state !== fresh) yield* requests.update(state)
                yield* log.record(events)
                return state
              }),
            )
          })

      return {
        send,
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
              const done = yield* writeTransaction(
                [r.from, r.to],
                Effect.gen(function* () {
                  const fresh = Option.getOrNull(yield* requests.byId(r.id))
                  if (fresh === null) return false
                  const result = expireRequest(fresh, { now: at, policy })
                  if (Either.isLeft(result)) return false
                  yield* requests.update(result.right.state)
                  yield* log.record(result.right.events)
                  return true
                }),
              )
              if (done) expired++
            }
            return expired
          }),
      }
    }),
  },
) {}
