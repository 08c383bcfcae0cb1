/**
 * A member's own contacts: change the record, delete (silently), block and
 * unblock (silently), review.
 */
import {
  blockMember,
  type Category,
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
import { Effect } from "effect"
import { Blocks, notBlockedBy } from "./Blocks.js"
import { categoriesOf } from "./Categories.js"
import { Contacts, categoryIdsColumn } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { Db } from "./db/Db.js"
import { col, type Row, statement } from "./db/Statement.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { type Member, memberColumns, toMember } from "./Members.js"
import { membersLock } from "./RequestFacts.js"
import { Requests } from "./Requests.js"
import { iso, recordColumns, toRecord } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"

// The member behind a handle, and whether a block stands between them and the viewer.
const visibleMember = statement(
  `SELECT ${memberColumns},
     CASE WHEN EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ? AND b.blocked_id = m.id)
       OR (b.blocker_id = m.id AND b.blocked_id = ?)) THEN 1 ELSE 0 END AS blocked
   FROM members m WHERE m.handle = ?`,
  (r) => ({ member: toMember(r), blocked: col.bool(r, "blocked") }),
)

// What a review weighs, since the last review (or since connecting), for one record.
const SINCE = "COALESCE(c.last_reviewed_at, c.connected_at)"
const interactions = (by: string, author: string) => `(SELECT COUNT(*) FROM likes l
    JOIN posts p ON p.id = l.post_id WHERE l.member_id = ${by} AND p.author_id = ${author} AND l.at >= ${SINCE})
  + (SELECT COUNT(*) FROM comments k JOIN posts p ON p.id = k.post_id
    WHERE k.author_id = ${by} AND p.author_id = ${author} AND k.created_at >= ${SINCE})`
const lastOf = (by: string, author: string) => `COALESCE((SELECT MAX(l.at) FROM likes l
    JOIN posts p ON p.id = l.post_id WHERE l.member_id = ${by} AND p.author_id = ${author}), ''),
  COALESCE((SELECT MAX(k.created_at) FROM comments k JOIN posts p ON p.id = k.post_id
    WHERE k.author_id = ${by} AND p.author_id = ${author}), '')`
const withSignals = (where: string) =>
  statement(
    (d) => `SELECT ${recordColumns}, ${categoryIdsColumn(d)},
      (SELECT COUNT(*) FROM posts p WHERE p.author_id = c.contact_id AND p.created_at >= ${SINCE}) AS seen,
      (SELECT COUNT(*) FROM flags fl JOIN posts p ON p.id = fl.post_id
        WHERE fl.member_id = c.owner_id AND p.author_id = c.contact_id AND fl.at >= ${SINCE}) AS flagged,
      (SELECT COUNT(*) FROM flag_bringers fb
        WHERE fb.member_id = c.owner_id AND fb.bringer_id = c.contact_id AND fb.at >= ${SINCE}) AS spread,
      ${interactions("c.owner_id", "c.contact_id")} AS mine,
      ${interactions("c.contact_id", "c.owner_id")} AS theirs,
      (SELECT COUNT(*) FROM contacts a JOIN contacts b ON b.owner_id = c.contact_id AND b.contact_id = a.contact_id
        WHERE a.owner_id = c.owner_id) AS mutual,
      ${d.name === "pg" ? "GREATEST" : "MAX"}(${lastOf("c.owner_id", "c.contact_id")},
        ${lastOf("c.contact_id", "c.owner_id")}) AS last_interaction,
      CASE WHEN EXISTS (SELECT 1 FROM contact_categories cc JOIN categories g ON g.id = cc.category_id
        WHERE cc.owner_id = c.owner_id AND cc.contact_id = c.contact_id AND g.less_news = 1)
        THEN 1 ELSE 0 END AS less_news
    FROM contacts c WHERE ${where}`,
    (r) => ({ record: toRecord(r), signals: (at: Date) => signalsOf(r, at) }),
  )
const signalsOf = (r: Row, at: Date): ReviewSignals => {
  const last = col.str(r, "last_interaction")
  return {
    postsSeen: col.num(r, "seen"),
    postsFlagged: col.num(r, "flagged"),
    spreadFlagged: col.num(r, "spread"),
    myInteractions: col.num(r, "mine"),
    theirInteractions: col.num(r, "theirs"),
    mutualCount: col.num(r, "mutual"),
    importance: toRecord(r).importance,
    daysSinceLastInteraction:
      last === "" ? null : Math.floor((at.getTime() - new Date(last).getTime()) / 86_400_000),
    inLessNewsCategory: col.bool(r, "less_news"),
  }
}
const recordWithSignals = withSignals("c.owner_id = ? AND c.contact_id = ?")
const dueWithSignals = withSignals(
  "c.owner_id = ? AND c.review_due_at <= ? ORDER BY c.review_due_at, c.contact_id LIMIT ?",
)
const history = statement(
  `SELECT contact_id, decision, snooze_days, recommendation, at FROM review_history h
   WHERE owner_id = ? AND ${notBlockedBy("h.contact_id", "h.owner_id")}
   ORDER BY at DESC, id DESC LIMIT ?`,
  (r) => ({
    contactId: col.str(r, "contact_id"),
    decision: col.str(r, "decision") as "keep" | "mute" | "snooze" | "delete",
    snoozeDays: col.numOrNull(r, "snooze_days"),
    recommendation: col.str(r, "recommendation") as "keep" | "mute" | "delete",
    at: col.str(r, "at"),
  }),
)
const insertReview = statement(`INSERT INTO review_history
  (id, owner_id, contact_id, decision, snooze_days, recommendation, at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
const ownerFacts = statement(`SELECT ${memberColumns} FROM members m WHERE m.id = ?`, toMember)

export class ContactService extends Effect.Service<ContactService>()(
  "@kontakt/store/ContactService",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const contacts = yield* Contacts
      const requests = yield* Requests
      const blocks = yield* Blocks
      const log = yield* EventLog
      const ids = yield* Ids
      const { policy } = yield* StorePolicy

      /** The member behind a handle as `viewer` may see them: a block either way hides them. */
      const visible = (viewer: MemberId, handle: string) =>
        Effect.flatMap(
          db.first(visibleMember, [viewer, viewer, handle.toLowerCase()]),
          (found): Effect.Effect<Member, MemberNotFound> =>
            found === undefined || (found.member.id !== viewer && found.blocked)
              ? Effect.fail(new MemberNotFound({ handle }))
              : Effect.succeed(found.member),
        )

      /**
       * The owner's categories, and when a record of theirs falls due: its
       * categories' cadences, else the owner's own setting.
       */
      const ownerContext = (owner: MemberId) =>
        Effect.gen(function* () {
          const [mine, me] = yield* db.reads([
            [categoriesOf, [owner]],
            [ownerFacts, [owner]],
          ] as const)
          const everyDays = me[0]?.settings.reviewEveryDays ?? policy.reviewEveryDays
          const dueAt = (record: ContactRecord) =>
            reviewDueAt(
              record,
              reviewCadenceDays(
                mine.filter((c: Category) => record.categoryIds.includes(c.id)),
                everyDays,
              ),
              policy,
            )
          return { categories: mine, dueAt }
        })
      const cadenceOf = (owner: MemberId) => Effect.map(ownerContext(owner), (o) => o.dueAt)

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
          const found = yield* db.first(recordWithSignals, [owner, record.contact])
          const at = yield* now
          return found === undefined
            ? ({
                postsSeen: 0,
                postsFlagged: 0,
                spreadFlagged: 0,
                myInteractions: 0,
                theirInteractions: 0,
                mutualCount: 0,
                importance: record.importance,
                daysSinceLastInteraction: null,
              } satisfies ReviewSignals)
            : found.signals(at)
        })

      return {
        visible,
        /** The owner's record of a contact and when it is due for review, or null. */
        view: (owner: MemberId, contactId: MemberId) =>
          Effect.gen(function* () {
            const record = yield* contacts.record(owner, contactId)
            if (record === null) return null
            return { record, dueAt: (yield* cadenceOf(owner))(record) }
          }),
        /** The owner's record of the contact behind a handle; ContactNotFound if none or hidden. */
        get: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const record = yield* ownRecord(owner, handle)
            return { record, dueAt: (yield* cadenceOf(owner))(record) }
          }),
        /** The owner's review decisions, newest first. */
        history: (owner: MemberId, limit: number) => db.all(history, [owner, limit]),
        update: (owner: MemberId, handle: string, patch: ContactPatch) =>
          Effect.gen(function* () {
            const record = yield* ownRecord(owner, handle)
            return yield* db.transaction(
              Effect.gen(function* () {
                const { categories, dueAt } = yield* ownerContext(owner)
                const owned = new Set(categories.map((c) => c.id))
                const { state, events } = yield* decided(
                  updateContact(record, patch, { now: yield* now, ownedCategoryIds: owned }),
                )
                yield* contacts.updateRecord(state, dueAt(state))
                yield* log.record(events)
                return state
              }),
              membersLock([owner]),
            )
          }),
        remove: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const other = yield* visible(owner, handle).pipe(
              Effect.mapError(() => new ContactNotFound()),
            )
            yield* db.transaction(
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
              membersLock([owner, other.id]),
            )
          }),
        block: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const found = yield* db.first(visibleMember, [owner, owner, handle.toLowerCase()])
            const target = found?.member ?? null
            yield* db.transaction(
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
              membersLock([owner, target?.id ?? owner]),
            )
          }),
        unblock: (owner: MemberId, handle: string) =>
          Effect.gen(function* () {
            const found = yield* db.first(visibleMember, [owner, owner, handle.toLowerCase()])
            const target = found?.member ?? null
            yield* db.transaction(
              Effect.gen(function* () {
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
              membersLock([owner]),
            )
          }),
        /** Contacts due for review now, each with its signals and the recommendation. */
        due: (owner: MemberId, limit: number) =>
          Effect.gen(function* () {
            const at = yield* now
            const rows = yield* db.all(dueWithSignals, [owner, iso(at), limit])
            if (rows.length === 0) return []
            const dueAt = yield* cadenceOf(owner)
            return rows.map(({ record, signals: s }) => {
              const found = s(at)
              return {
                record,
                signals: found,
                advice: recommend(found, policy),
                dueAt: dueAt(record),
              }
            })
          }),
        review: (owner: MemberId, handle: string, decision: ReviewDecision) =>
          Effect.gen(function* () {
            const record = yield* ownRecord(owner, handle)
            yield* db.transaction(
              Effect.gen(function* () {
                const advice = recommend(yield* signals(owner, record), policy)
                const { state, events } = yield* decided(
                  decideReview(record, decision, {
                    now: yield* now,
                    recommendation: advice.recommendation,
                  }),
                )
                yield* db.run(insertReview, [
                  yield* ids.next,
                  owner,
                  record.contact,
                  state.entry.decision,
                  state.entry.snoozeDays,
                  state.entry.recommendation,
                  iso(state.entry.at),
                ])
                if (state.record === null) yield* contacts.remove(owner, record.contact)
                else
                  yield* contacts.updateRecord(
                    state.record,
                    (yield* cadenceOf(owner))(state.record),
                  )
                yield* log.record(events)
              }),
              membersLock([owner, record.contact]),
            )
          }),
        signals,
      }
    }),
  },
) {}
