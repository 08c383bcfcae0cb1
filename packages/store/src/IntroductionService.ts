/**
 * Introductions and recommendations, end to end: read the facts (one round
 * trip) → the domain decides → write, in one transaction holding the
 * members' locks. A forward sends the asker's request inside the same
 * transaction (RequestService.sendWithin); what that send decides is not the
 * introducer's to know, so a refused send still answers them the same.
 */
import {
  askerView,
  askIntroduction,
  declineIntroduction,
  forwardIntroduction,
  IntroductionNotFound,
  type MemberId,
  recommendMember,
} from "@kontakt/domain"
import { Effect, Either } from "effect"
import { decided, now } from "./Decide.js"
import { Db, SqlError } from "./db/Db.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import {
  askLock,
  askMembers,
  forwardFacts,
  insertIntroduction,
  introductionLock,
  introductionParams,
  lastAsk,
  recentAsks,
  updateIntroduction,
  updateIntroductionParams,
} from "./Introductions.js"
import {
  insertRecommendations,
  recentRecommendations,
  recommendationParams,
  recommendMembers,
} from "./Recommendations.js"
import { membersLock, openBetween } from "./RequestFacts.js"
import { RequestService } from "./RequestService.js"
import { StorePolicy } from "./StorePolicy.js"

export class IntroductionService extends Effect.Service<IntroductionService>()(
  "@kontakt/store/IntroductionService",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const log = yield* EventLog
      const ids = yield* Ids
      const requests = yield* RequestService
      const { policy } = yield* StorePolicy
      const asksLately = recentAsks(policy.weeklyIntroductionLimit)
      const recommendedLately = recentRecommendations(policy.weeklyRecommendationLimit)
      const windowStart = (at: Date) =>
        new Date(at.getTime() - policy.requestWindowDays * 86_400_000).toISOString()

      /**
       * `asker` asks their contact (by handle) to introduce them to a member (by handle).
       * `firstHop`: the first member on the asker's connection path to the target, as the
       * network answers it for them (hiding and blocks applied), who may be asked too.
       */
      const ask = (
        asker: MemberId,
        viaHandle: string,
        toHandle: string,
        message: string,
        firstHop: MemberId | null = null,
      ) =>
        db.transaction(
          Effect.gen(function* () {
            const at = yield* now
            const [via, to] = [viaHandle.toLowerCase(), toHandle.toLowerCase()]
            const [found, open, recent, last] = yield* db.reads([
              [askMembers, [asker, asker, asker, to, via, to]],
              [openBetween, [asker, to, asker, to]],
              [asksLately, [asker, windowStart(at)]],
              [lastAsk, [asker, to]],
            ] as const)
            const target = found.find((m) => m.handle === to)
            const introducer = found.find((m) => m.handle === via)
            const { state, events } = yield* decided(
              askIntroduction(
                { message },
                {
                  now: at,
                  policy,
                  newId: yield* ids.next,
                  asker,
                  target: target === undefined || target.blocked ? null : target.id,
                  via:
                    introducer === undefined || introducer.blocked
                      ? null
                      : {
                          id: introducer.id,
                          isContact: introducer.contact,
                          // The asker's contact is never hidden from them as a mutual contact.
                          isMutual: introducer.knowsTarget,
                          isFirstHop: firstHop !== null && introducer.id === firstHop,
                        },
                  connected: target?.contact ?? false,
                  openRequest: open[0] ?? null,
                  openAsk: last[0] ?? null,
                  recentAsks: recent,
                },
              ),
            )
            yield* db.run(insertIntroduction, introductionParams(state))
            yield* log.record(events)
            return askerView(state, at, policy)
          }),
          askLock(asker, viaHandle.toLowerCase(), toHandle.toLowerCase()),
        )

      /** The introducer forwards an ask, with their note: the asker's request goes to the target. */
      const forward = (actor: MemberId, id: string, note: string | null) =>
        db.transaction(
          Effect.gen(function* () {
            const facts = yield* db.first(forwardFacts, [id])
            if (facts === undefined) return yield* Effect.fail(new IntroductionNotFound())
            const { state, events } = yield* decided(
              forwardIntroduction(
                facts.introduction,
                { note },
                {
                  actor,
                  viaHandle: facts.viaHandle,
                  stillContact: facts.stillContact,
                  now: yield* now,
                  policy,
                },
              ),
            )
            const sent = yield* Effect.either(
              requests.sendWithin(facts.introduction.asker, facts.targetHandle, state.send),
            )
            if (Either.isLeft(sent) && sent.left instanceof SqlError)
              return yield* Effect.fail(sent.left)
            const requestId = Either.isRight(sent) ? sent.right.request.id : null
            const forwarded = { ...state.introduction, requestId }
            yield* db.run(updateIntroduction, updateIntroductionParams(forwarded))
            yield* log.record(events)
            return forwarded
          }),
          introductionLock(id),
        )

      /** The introducer declines an ask: silently. */
      const decline = (actor: MemberId, id: string) =>
        db.transaction(
          Effect.gen(function* () {
            const facts = yield* db.first(forwardFacts, [id])
            if (facts === undefined) return yield* Effect.fail(new IntroductionNotFound())
            const { state, events } = yield* decided(
              declineIntroduction(facts.introduction, { actor, now: yield* now, policy }),
            )
            yield* db.run(updateIntroduction, updateIntroductionParams(state))
            yield* log.record(events)
            return state
          }),
          introductionLock(id),
        )

      /** `by` recommends a member (by handle) to some of their contacts (by handle), with a note. */
      const recommend = (
        by: MemberId,
        memberHandle: string,
        toHandles: readonly string[],
        note: string | null,
      ) =>
        db.transaction(
          Effect.gen(function* () {
            const handle = memberHandle.toLowerCase()
            const named = [...new Set(toHandles.map((h) => h.toLowerCase()))]
            const at = yield* now
            const [found, recent] = yield* db.reads([
              [recommendMembers, [by, by, by, handle, handle, [handle, ...named]]],
              [recommendedLately, [by, windowStart(at)]],
            ] as const)
            const member = found.find((m) => m.handle === handle)
            const newIds: string[] = []
            for (const _ of named) newIds.push(yield* ids.next)
            const { state, events } = yield* decided(
              recommendMember(
                { note },
                {
                  now: at,
                  policy,
                  by,
                  member: member === undefined || member.blockedWithMe ? null : member.id,
                  recipients: named.map((h) => {
                    const m = found.find((f) => f.handle === h)
                    return {
                      id: m?.contact ? m.id : null,
                      handle: h,
                      blockedWithMember: m?.blockedWithMember ?? false,
                      connectedToMember: m?.knowsMember ?? false,
                    }
                  }),
                  newIds,
                  recent,
                },
              ),
            )
            yield* db.run(insertRecommendations(state.length), recommendationParams(state))
            yield* log.record(events)
            return state
          }),
          membersLock([by]),
        )

      return { ask, forward, decline, recommend }
    }),
  },
) {}
