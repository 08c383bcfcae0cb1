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
import { decided, now } from "./Decide.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { type Member, Members } from "./Members.js"
import { Requests } from "./Requests.js"
import { StorePolicy } from "./StorePolicy.js"
import { writeTransaction, writeTransactionFor } from "./Transactions.js"

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

      const party = (m: Member & { readonly connectionCount: number }) => ({
        id: m.id,
        locale: m.settings.locale,
        connectionCount: m.connectionCount,
        broadcastConnections: m.settings.broadcastConnections,
      })

      const dueFor = (p: Policy) => (r: ContactRecord) => reviewDueAt(r, p.reviewEveryDays, p)

      const persistConnection = (
        accepted: { request: ContactRequest; connection: Connection },
        names: Record<string, string>,
      ) =>
        Effect.gen(function* () {
          yield* requests.update(accepted.request)
          yield* contacts.insert(accepted.connection, names, dueFor(policy))
        })

      /** Both members of a decision and the facts about them; the first must exist. */
      const pairOf = (x: MemberId, y: MemberId) =>
        Effect.flatMap(members.pair(x, y), (facts) => {
          const first = facts.members.get(x)
          return first === undefined
            ? Effect.fail(new MemberNotFound({}))
            : Effect.succeed({
                first,
                second: facts.members.get(y) ?? null,
                connected: facts.connected,
              })
        })

      // Only PostgreSQL needs the pair before its transaction (to lock it); the transaction reads the request again.
      const pairOfRequest = (requestId: string, actorId: MemberId, side: "from" | "to") =>
        Effect.flatMap(requests.byId(requestId), (found) =>
          Option.isSome(found) && found.value[side] === actorId
            ? Effect.succeed([found.value.from, found.value.to])
            : Effect.fail(new RequestNotFound()),
        )

      const send = (senderId: MemberId, recipientHandle: string, command: SendCommand) =>
        writeTransactionFor(
          Effect.map(members.byHandle(recipientHandle), (found) => [
            senderId,
            Option.match(found, { onNone: () => senderId, onSome: (m) => m.id }),
          ]),
          Effect.gen(function* () {
            const at = yield* now
            const found = Option.getOrNull(yield* members.byHandle(recipientHandle))
            const to = found?.id ?? senderId
            const facts = yield* pairOf(senderId, to)
            const sender = facts.first
            const recipient = found === null ? null : facts.second
            const groupIds = [command.foundVia?.kind === "group" ? command.foundVia.groupId : null]
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
                ...party(sender),
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
                      ...party(recipient),
                      whoCanRequest: recipient.settings.whoCanRequest,
                      requireMessage: recipient.settings.requireMessage,
                      acceptance: recipient.settings.acceptance,
                    },
              between: {
                blocked: recipient === null ? false : yield* blocks.between(senderId, to),
                connected: recipient === null ? false : facts.connected,
                openFromSender: recipient === null ? null : yield* requests.openFrom(senderId, to),
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

      const accept = (actorId: MemberId, requestId: string, command: AcceptCommand) =>
        writeTransactionFor(
          pairOfRequest(requestId, actorId, "to"),
          Effect.gen(function* () {
            const at = yield* now
            const fresh = Option.getOrNull(yield* requests.byId(requestId))
            if (fresh === null || fresh.to !== actorId)
              return yield* Effect.fail(new RequestNotFound())
            const facts = yield* pairOf(fresh.from, fresh.to)
            const sender = facts.first
            const recipient = facts.second
            if (recipient === null) return yield* Effect.fail(new MemberNotFound({}))
            const groupIds = fresh.foundVia?.kind === "group" ? [fresh.foundVia.groupId] : []
            // Only chosen categories need checking against the owner's own.
            const owned =
              (command.categoryIds ?? []).length === 0
                ? []
                : (yield* categories.ofOwner(actorId)).map((c) => c.id)
            const { state, events } = yield* decided(
              acceptRequest(fresh, command, {
                actor: actorId,
                now: at,
                policy,
                sender: party(sender),
                recipient: party(recipient),
                ownedCategoryIds: new Set(owned),
                groupNames: yield* members.groupNames(groupIds),
                connected: facts.connected,
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

      const simple =
        (transition: typeof ignoreRequest | typeof withdrawRequest, side: "from" | "to") =>
        (actorId: MemberId, requestId: string) =>
          writeTransactionFor(
            pairOfRequest(requestId, actorId, side),
            Effect.gen(function* () {
              const fresh = Option.getOrNull(yield* requests.byId(requestId))
              if (fresh === null || fresh[side] !== actorId)
                return yield* Effect.fail(new RequestNotFound())
              const { state, events } = yield* decided(
                transition(fresh, { actor: actorId, now: yield* now }),
              )
              if (state !== fresh) yield* requests.update(state)
              yield* log.record(events)
              return state
            }),
          )

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
