/**
 * A member's own contacts: change the record, delete (silently), block and
 * unblock (silently), review.
 */
import { SqlClient } from "@effect/sql"
import {
  blockMember,
  ContactNotFound,
  type ContactPatch,
  type ContactRecord,
  decideReview,
  deleteContact,
  type MemberId,
  MemberNotFound,
  type ReviewDecision,
  type ReviewSignals,
  recommend,
  reviewCadenceDays,
  reviewDueAt,
  unblockMember,
  updateContact,
} from "@kontakt/domain"
import { Effect, Option } from "effect"
import { Blocks } from "./Blocks.js"
import { Categories } from "./Categories.js"
import { Contacts } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { Members } from "./Members.js"
import { Requests } from "./Requests.js"
import { iso } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"
import { writeTransaction } from "./Transactions.js"

export class ContactService extends Effect.Service<ContactService>()(
  "@kontakt/store/ContactService",
  {
    effect: Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const members = yield* Members
      const contacts = yield* Contacts
      const categories = yield* Categories
      const requests = yield* Requests
      const blocks = yield* Blocks
      const log = yield* EventLog
      const ids = yield* Ids
      const { policy } = yield* StorePolicy

      /** The member behind a handle as `viewer` may see them: a block either way hides them. */
      const visible = (viewer: MemberId, handle: string) =>
        Effect.gen(function* () {
          const m = Option.getOrNull(yield* members.byHandle(handle))
          if (m === null || (m.id !== viewer && (yield* blocks.between(viewer, m.id)))) {
            return yield* Effect.fail(new MemberNotFound({ handle }))
          }
          return m
        })

      const cadence = (owner: MemberId, record: ContactRecord) =>
        Effect.gen(function* () {
          const mine = yield* categories.ofOwner(owner)
          const me = Option.getOrNull(yield* members.byId(owner))
          const own = mine.filter((c) => record.categoryIds.includes(c.id))
          return reviewCadenceDays(own, me?.settings.reviewEveryDays ?? policy.reviewEveryDays)
        })

      const dueAt = (owner: MemberId, record: ContactRecord) =>
        Effect.map(cadence(owner, record), (days) => reviewDueAt(record, days, policy))

      const ownRecord = (owner: MemberId, handle: string) =>
        Effect.gen(function* () {
          const other = yield* visible(owner, handle).pipe(
            Effect.mapError(() => new ContactNotFound()),
          )
          const record = yield* contacts.record(owner, other.id)
          if (record === null) return yield* Effect.fail(new ContactNotFound())
          return record
        })

      const signals = (owner: MemberId, record: ContactRecord) =>
        Effect.gen(function* () {
          const since = iso(record.lastReviewedAt ?? record.connectedAt)
          const other = record.contact
          const [row] = yield* sql<{
            seen: number
            flagged: number
            mine: number
            theirs: number
          }>`SELECT
          (SELECT CAST(COUNT(DISTINCT f.post_id) AS INTEGER) FROM feed_items f
            WHERE f.reader_id = ${owner} AND f.subject_kind = 'post' AND f.member_a = ${other} AND f.at >= ${since}) AS seen,
          (SELECT CAST(COUNT(*) AS INTEGER) FROM flags fl JOIN posts p ON p.id = fl.post_id
            WHERE fl.member_id = ${owner} AND p.author_id = ${other} AND fl.at >= ${since}) AS flagged,
          (SELECT CAST(COUNT(*) AS INTEGER) FROM likes l JOIN posts p ON p.id = l.post_id
            WHERE l.member_id = ${owner} AND p.author_id = ${other} AND l.at >= ${since})
          + (SELECT CAST(COUNT(*) AS INTEGER) FROM comments k JOIN posts p ON p.id = k.post_id
            WHERE k.author_id = ${owner} AND p.author_id = ${other} AND k.created_at >= ${since}) AS mine,
          (SELECT CAST(COUNT(*) AS INTEGER) FROM likes l JOIN posts p ON p.id = l.post_id
            WHERE l.member_id = ${other} AND p.author_id = ${owner} AND l.at >= ${since})
          + (SELECT CAST(COUNT(*) AS INTEGER) FROM comments k JOIN posts p ON p.id = k.post_id
            WHERE k.author_id = ${other} AND p.author_id = ${owner} AND k.created_at >= ${since}) AS theirs`
          const [last] = yield* sql<{ at: string | null }>`SELECT MAX(at) AS at FROM (
            SELECT l.at FROM likes l JOIN posts p ON p.id = l.post_id
              WHERE (l.member_id = ${owner} AND p.author_id = ${other}) OR (l.member_id = ${other} AND p.author_id = ${owner})
            UNION ALL SELECT k.created_at AS at FROM comments k JOIN posts p ON p.id = k.post_id
              WHERE (k.author_id = ${owner} AND p.author_id = ${other}) OR (k.author_id = ${other} AND p.author_id = ${owner})
          ) x`
          const at = yield* now
          const result: ReviewSignals = {
            postsSeen: row?.seen ?? 0,
            postsFlagged: row?.flagged ?? 0,
            myInteractions: row?.mine ?? 0,
            theirInteractions: row?.theirs ?? 0,
            mutualCount: yield* contacts.mutualCount(owner, other),
            importance: record.importance,
            daysSinceLastInteraction:
              last?.at == null
                ? null
                : Math.floor((at.getTime() - new Date(last.at).getTime()) / 86_400_000),
          }
          return result
        })

      return {
        visible,
        /** The owner's record of a contact and when it is due for review, or null. */
        view: (owner: MemberId, contactId: MemberId) =>
          Effect.gen(function* () {
            const record = yield* contacts.record(owner, contactId)
            if (record === null) return null
            return { record, dueAt: yield* dueAt(owner, record) }
          }),
        /** The owner's record of the contact behind a handle; ContactNotFound if none or hidden. */
        get: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const record = yield* ownRecord(owner, handle)
            return { record, dueAt: yield* dueAt(owner, record) }
          }),
        /** The owner's review decisions, newest first. */
        history: (owner: MemberId, limit: number) =>
          sql<{
            contactId: string
            decision: "keep" | "mute" | "snooze" | "delete"
            snoozeDays: number | null
            recommendation: "keep" | "mute" | "delete"
            at: string
          }>`SELECT contact_id, decision, snooze_days, recommendation, at
            FROM review_history WHERE owner_id = ${owner} ORDER BY at DESC, id DESC LIMIT ${limit}`,
        update: (owner: MemberId, handle: string, patch: ContactPatch) =>
          Effect.gen(function* () {
            const record = yield* ownRecord(owner, handle)
            return yield* writeTransaction(
              [owner],
              Effect.gen(function* () {
                const owned = new Set((yield* categories.ofOwner(owner)).map((c) => c.id))
                const { state, events } = yield* decided(
                  updateContact(record, patch, { now: yield* now, ownedCategoryIds: owned }),
                )
                yield* contacts.updateRecord(state, yield* dueAt(owner, state))
                yield* log.record(events)
                return state
              }),
            )
          }),
        remove: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const other = yield* visible(owner, handle).pipe(
              Effect.mapError(() => new ContactNotFound()),
            )
            yield* writeTransaction(
              [owner, other.id],
              Effect.gen(function* () {
                const { events } = yield* decided(
                  deleteContact(yield* contacts.between(owner, other.id), {
                    actor: owner,
                    now: yield* now,
                  }),
                )
                yield* contacts.remove(owner, other.id)
                yield* log.record(events)
              }),
            )
          }),
        block: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const target = Option.getOrNull(yield* members.byHandle(handle))
            yield* writeTransaction(
              [owner, target?.id ?? owner],
              Effect.gen(function* () {
                const targetId = target?.id ?? ""
                const { state, events } = yield* decided(
                  blockMember(target === null ? `missing:${handle}` : targetId, {
                    actor: owner,
                    now: yield* now,
                    memberExists: target !== null,
                    blockedByActor: target !== null && (yield* blocks.exists(owner, targetId)),
                    blockedByTarget: target !== null && (yield* blocks.exists(targetId, owner)),
                    connection: target === null ? null : yield* contacts.between(owner, targetId),
                    requests: target === null ? [] : yield* requests.between(owner, targetId),
                  }),
                )
                yield* blocks.insert(state.block)
                if (state.connectionRemoved) yield* contacts.remove(owner, targetId)
                for (const r of state.discarded) yield* requests.update(r)
                yield* log.record(events)
              }),
            )
          }),
        unblock: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const target = Option.getOrNull(yield* members.byHandle(handle))
            const blocked = target !== null && (yield* blocks.exists(owner, target.id))
            const { events } = yield* decided(
              unblockMember(target?.id ?? "", {
                actor: owner,
                now: yield* now,
                blockedByActor: blocked,
              }),
            )
            if (target !== null) yield* blocks.remove(owner, target.id)
            yield* log.record(events)
          }),
        /** Contacts due for review now, each with its signals and the recommendation. */
        due: (owner: MemberId, limit: number) =>
          Effect.gen(function* () {
            const at = yield* now
            const rows = yield* sql<{ contactId: string }>`SELECT contact_id FROM contacts
            WHERE owner_id = ${owner} AND review_due_at <= ${iso(at)} ORDER BY review_due_at, contact_id LIMIT ${limit}`
            return yield* Effect.forEach(rows, ({ contactId }) =>
              Effect.gen(function* () {
                const record = yield* contacts.record(owner, contactId)
                if (record === null) return null
                const s = yield* signals(owner, record)
                return {
                  record,
                  signals: s,
                  advice: recommend(s, policy),
                  dueAt: yield* dueAt(owner, record),
                }
              }),
            ).pipe(Effect.map((items) => items.filter((i) => i !== null)))
          }),
        review: (owner: MemberId, handle: string, decision: ReviewDecision) =>
          Effect.gen(function* () {
            const record = yield* ownRecord(owner, handle)
            yield* writeTransaction(
              [owner, record.contact],
              Effect.gen(function* () {
                const advice = recommend(yield* signals(owner, record), policy)
                const { state, events } = yield* decided(
                  decideReview(record, decision, {
                    now: yield* now,
                    recommendation: advice.recommendation,
                  }),
                )
                const id = yield* ids.next
                yield* sql`INSERT INTO review_history ${sql.insert({
                  id,
                  ownerId: owner,
                  contactId: record.contact,
                  decision: state.entry.decision,
                  snoozeDays: state.entry.snoozeDays,
                  recommendation: state.entry.recommendation,
                  at: iso(state.entry.at),
                })}`
                if (state.record === null) yield* contacts.remove(owner, record.contact)
                else yield* contacts.updateRecord(state.record, yield* dueAt(owner, state.record))
                yield* log.record(events)
              }),
            )
          }),
        signals,
      }
    }),
  },
) {}
