/**
 * Creating, changing and deleting one's categories. A category's cadence
 * decides when its contacts come up for review, so changing it (or deleting
 * the category) moves their due dates in the same transaction.
 */
import {
  type Category,
  type CategoryInput,
  CategoryNameTaken,
  type CategoryPatch,
  changeCategory,
  createCategory,
  deleteCategory,
  type MemberId,
  reviewCadenceDays,
  reviewDueAt,
} from "@kontakt/domain"
import { Effect } from "effect"
import { Categories, categoriesOf } from "./Categories.js"
import { categoryIdsColumn } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { Db, isUniqueViolation } from "./db/Db.js"
import { statement } from "./db/Statement.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { memberColumns, toMember } from "./Members.js"
import { membersLock } from "./RequestFacts.js"
import { iso, recordColumns, toRecord } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"

/** The database's unique index on (owner, name) fired: the domain's error, not a crash. */
const nameRace =
  (name: string) =>
  <E>(e: E) =>
    isUniqueViolation(e) ? Effect.fail(new CategoryNameTaken({ name })) : Effect.fail(e)

// The owner's records filed under a category, with all their categories.
const recordsIn = statement(
  (d) => `SELECT ${recordColumns}, ${categoryIdsColumn(d)} FROM contacts c
   WHERE c.owner_id = ? AND c.contact_id IN (SELECT contact_id FROM contact_categories
     WHERE owner_id = ? AND category_id = ?)`,
  (r) => toRecord(r),
)
const owner = statement(`SELECT ${memberColumns} FROM members m WHERE m.id = ?`, toMember)
const setDue = statement(
  "UPDATE contacts SET review_due_at = ? WHERE owner_id = ? AND contact_id = ?",
)

export class CategoryService extends Effect.Service<CategoryService>()(
  "@kontakt/store/CategoryService",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const categories = yield* Categories
      const log = yield* EventLog
      const ids = yield* Ids
      const { policy } = yield* StorePolicy

      /** New due dates for the owner's contacts in a category, given the categories as they will be. */
      const refreshDueDates = (ownerId: MemberId, categoryId: string, after: readonly Category[]) =>
        Effect.gen(function* () {
          const [records, me] = yield* db.reads([
            [recordsIn, [ownerId, ownerId, categoryId]],
            [owner, [ownerId]],
          ] as const)
          const everyDays = me[0]?.settings.reviewEveryDays ?? policy.reviewEveryDays
          for (const record of records) {
            const days = reviewCadenceDays(
              after.filter((c) => record.categoryIds.includes(c.id)),
              everyDays,
            )
            yield* db.run(setDue, [iso(reviewDueAt(record, days, policy)), ownerId, record.contact])
          }
        })

      return {
        list: (ownerId: MemberId) => categories.ofOwner(ownerId),
        create: (ownerId: MemberId, input: CategoryInput) =>
          db
            .transaction(
              Effect.gen(function* () {
                const { state, events } = yield* decided(
                  createCategory(yield* db.all(categoriesOf, [ownerId]), input, {
                    owner: ownerId,
                    id: yield* ids.next,
                    now: yield* now,
                    policy,
                  }),
                )
                yield* categories.insert(state)
                yield* log.record(events)
                return state
              }),
              membersLock([ownerId]),
            )
            .pipe(Effect.catchAll(nameRace(input.name))),
        change: (ownerId: MemberId, id: string, patch: CategoryPatch) =>
          Effect.gen(function* () {
            let name = patch.name ?? ""
            return yield* db
              .transaction(
                Effect.gen(function* () {
                  const mine = yield* db.all(categoriesOf, [ownerId])
                  const { state, events } = yield* decided(
                    changeCategory(mine, id, patch, { now: yield* now }),
                  )
                  name = state.name
                  yield* categories.update(state)
                  if (patch.reviewEveryDays !== undefined)
                    yield* refreshDueDates(
                      ownerId,
                      id,
                      mine.map((c) => (c.id === id ? state : c)),
                    )
                  yield* log.record(events)
                  return state
                }),
                membersLock([ownerId]),
              )
              .pipe(Effect.catchAll((e) => nameRace(name)(e)))
          }),
        remove: (ownerId: MemberId, id: string) =>
          db.transaction(
            Effect.gen(function* () {
              const mine = yield* db.all(categoriesOf, [ownerId])
              const { events } = yield* decided(deleteCategory(mine, id, { now: yield* now }))
              // Due dates as if the category were gone already (the delete is sent with them).
              yield* refreshDueDates(
                ownerId,
                id,
                mine.filter((c) => c.id !== id),
              )
              yield* categories.remove(ownerId, id)
              yield* log.record(events)
            }),
            membersLock([ownerId]),
          ),
      }
    }),
  },
) {}
