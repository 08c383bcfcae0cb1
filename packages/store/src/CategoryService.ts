/**
 * Creating, changing and deleting one's categories. A category's cadence
 * decides when its contacts come up for review, so changing it moves their
 * due dates in the same transaction.
 */
import {
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
import { Effect, Option } from "effect"
import { Categories } from "./Categories.js"
import { Contacts } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { Members } from "./Members.js"
import { StorePolicy } from "./StorePolicy.js"
import { writeTransaction } from "./Transactions.js"

/** The database's unique index on (owner, name) fired: the domain's error, not a crash. */
const nameRace = (name: string) => (e: { readonly _tag: string; readonly cause?: unknown }) =>
  e._tag === "SqlError" &&
  /unique|duplicate/i.test(
    String((e.cause as { message?: string } | undefined)?.message ?? e.cause),
  )
    ? Effect.fail(new CategoryNameTaken({ name }))
    : Effect.fail(e)

export class CategoryService extends Effect.Service<CategoryService>()(
  "@kontakt/store/CategoryService",
  {
    effect: Effect.gen(function* () {
      const categories = yield* Categories
      const contacts = yield* Contacts
      const members = yield* Members
      const log = yield* EventLog
      const ids = yield* Ids
      const { policy } = yield* StorePolicy

      // Review dates of the owner's contacts in a category follow its cadence.
      const refreshDueDates = (owner: MemberId, categoryId: string) =>
        Effect.gen(function* () {
          const mine = yield* categories.ofOwner(owner)
          const me = Option.getOrNull(yield* members.byId(owner))
          for (const contactId of yield* categories.contactsIn(categoryId)) {
            const record = yield* contacts.record(owner, contactId)
            if (record === null) continue
            const days = reviewCadenceDays(
              mine.filter((c) => record.categoryIds.includes(c.id)),
              me?.settings.reviewEveryDays ?? policy.reviewEveryDays,
            )
            yield* contacts.updateRecord(record, reviewDueAt(record, days, policy))
          }
        })

      return {
        list: (owner: MemberId) => categories.ofOwner(owner),
        create: (owner: MemberId, input: CategoryInput) =>
          writeTransaction(
            [owner],
            Effect.gen(function* () {
              const { state, events } = yield* decided(
                createCategory(yield* categories.ofOwner(owner), input, {
                  owner,
                  id: yield* ids.next,
                  now: yield* now,
                  policy,
                }),
              )
              yield* categories.insert(state).pipe(Effect.catchAll(nameRace(input.name)))
              yield* log.record(events)
              return state
            }),
          ),
        change: (owner: MemberId, id: string, patch: CategoryPatch) =>
          writeTransaction(
            [owner],
            Effect.gen(function* () {
              const { state, events } = yield* decided(
                changeCategory(yield* categories.ofOwner(owner), id, patch, { now: yield* now }),
              )
              yield* categories.update(state).pipe(Effect.catchAll(nameRace(state.name)))
              if (patch.reviewEveryDays !== undefined) yield* refreshDueDates(owner, id)
              yield* log.record(events)
              return state
            }),
          ),
        remove: (owner: MemberId, id: string) =>
          writeTransaction(
            [owner],
            Effect.gen(function* () {
              const { events } = yield* decided(
                deleteCategory(yield* categories.ofOwner(owner), id, { now: yield* now }),
              )
              const affected = yield* categories.contactsIn(id)
              yield* categories.remove(owner, id)
              for (const contactId of affected) {
                const record = yield* contacts.record(owner, contactId)
                if (record !== null)
                  yield* contacts.updateRecord(
                    record,
                    reviewDueAt(record, policy.reviewEveryDays, policy),
                  )
              }
              yield* log.record(events)
            }),
          ),
      }
    }),
  },
) {}
