/**
 * Connections and the private contact records on them.
 *
 * A connection is mutual and symmetric; each side keeps its own record
 * (categories, note, importance, muted, review dates). Nothing on one side's
 * record is ever visible to the other.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import { requireOwnedCategories } from "./Category.js"
import { ContactNotFound } from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { multiLine } from "./Text.js"
import type { Transition } from "./Transition.js"

/** How much a contact matters to its owner; `high` always survives a review. */
export const Importance = z.enum(["low", "normal", "high"])
/** @see {@link Importance} */
export type Importance = z.infer<typeof Importance>

/** The private note schema for a policy (at most `noteMaxLength` characters). */
export const noteSchema = (policy: Policy) => multiLine(0, policy.noteMaxLength)
/** The private note under the default policy. */
export const Note = noteSchema(defaultPolicy)

/** One member's private record of a contact. */
export interface ContactRecord {
  readonly owner: MemberId
  readonly contact: MemberId
  readonly categoryIds: readonly string[]
  readonly note: string
  readonly importance: Importance
  readonly muted: boolean
  readonly connectedAt: Date
  readonly lastReviewedAt: Date | null
  readonly snoozedUntil: Date | null
  /** My acceptance policy accepted them for me, without my looking: worth sorting later. */
  readonly acceptedAutomatically: boolean
}

/**
 * A connection between two members, with both sides' records. The pair is
 * unordered; `a` is the smaller id so that one pair has one key.
 */
export interface Connection {
  readonly a: MemberId
  readonly b: MemberId
  readonly since: Date
  readonly requestId: string
  readonly records: readonly [ContactRecord, ContactRecord]
}

/**
 * The key of an unordered pair: the same for (x, y) and (y, x).
 *
 * @example
 * ```ts
 * pairKey("b", "a") === pairKey("a", "b") // true
 * ```
 */
export const pairKey = (x: MemberId, y: MemberId): readonly [MemberId, MemberId] =>
  x < y ? [x, y] : [y, x]

/**
 * A fresh contact record, reviewed never, snoozed never.
 *
 * @example
 * ```ts
 * newRecord({ owner: "a", contact: "b", at: now, note: "", categoryIds: [] })
 * ```
 */
export const newRecord = (input: {
  readonly owner: MemberId
  readonly contact: MemberId
  readonly at: Date
  readonly note: string
  readonly categoryIds: readonly string[]
  readonly acceptedAutomatically?: boolean
}): ContactRecord => ({
  owner: input.owner,
  contact: input.contact,
  categoryIds: [...new Set(input.categoryIds)],
  note: input.note,
  importance: "normal",
  muted: false,
  connectedAt: input.at,
  lastReviewedAt: null,
  snoozedUntil: null,
  acceptedAutomatically: input.acceptedAutomatically ?? false,
})

/**
 * The record of `owner` on a connection, if `owner` is one of its sides.
 *
 * @example
 * ```ts
 * recordOf(connection, "a")?.note
 * ```
 */
export const recordOf = (connection: Connection, owner: MemberId): ContactRecord | undefined =>
  connection.records.find((r) => r.owner === owner)

/**
 * The changes a member may make to their record of a contact.
 *
 * @example
 * ```ts
 * contactPatchSchema(defaultPolicy).parse({ note: "Met at the fair", importance: "high" })
 * ```
 */
export const contactPatchSchema = (policy: Policy) =>
  z
    .object({
      categoryIds: z.array(z.string().min(1).max(64)).max(policy.maxCategoriesPerMember),
      note: noteSchema(policy),
      importance: Importance,
      muted: z.boolean(),
    })
    .partial()
    .strict()
/** A contact patch under the default policy. @see {@link contactPatchSchema} */
export const ContactPatch = contactPatchSchema(defaultPolicy)
/** @see {@link ContactPatch} */
export type ContactPatch = z.infer<typeof ContactPatch>

/**
 * Changes one's own record of a contact: categories, note, importance, muted.
 * Categories must be the owner's own. Emits `ContactCategorized` when
 * categories, note or importance change and `ContactMuted`/`ContactUnmuted`
 * when muting changes; an unchanged field emits nothing.
 *
 * @example
 * ```ts
 * updateContact(record, { importance: "high" }, { now, ownedCategoryIds: new Set() })
 * ```
 */
export const updateContact = (
  record: ContactRecord,
  patch: ContactPatch,
  context: { readonly now: Date; readonly ownedCategoryIds: ReadonlySet<string> },
): Transition<ContactRecord> =>
  Either.map(requireOwnedCategories(patch.categoryIds ?? [], context.ownedCategoryIds), () => {
    const next: ContactRecord = {
      ...record,
      ...(patch.categoryIds !== undefined ? { categoryIds: [...new Set(patch.categoryIds)] } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.importance !== undefined ? { importance: patch.importance } : {}),
      ...(patch.muted !== undefined ? { muted: patch.muted } : {}),
    }
    const at = context.now
    const { owner, contact } = record
    const categorized =
      next.note !== record.note ||
      next.importance !== record.importance ||
      next.categoryIds.join("\u0000") !== record.categoryIds.join("\u0000")
    const events: DomainEvent[] = []
    if (categorized) {
      events.push(
        DomainEvent.ContactCategorized({ owner, contact, categoryIds: next.categoryIds, at }),
      )
    }
    if (next.muted !== record.muted) {
      events.push(
        next.muted
          ? DomainEvent.ContactMuted({ owner, contact, at })
          : DomainEvent.ContactUnmuted({ owner, contact, at }),
      )
    }
    return { state: next, events }
  })

/**
 * Deletes a connection, for both sides and both records. Silent: the only
 * event is `ConnectionRemoved`, which the delivery policy tells no one.
 * Fails with `ContactNotFound` when there is no connection or the actor is not on it.
 *
 * @example
 * ```ts
 * deleteContact(connection, { actor: "a", now })
 * ```
 */
export const deleteContact = (
  connection: Connection | null,
  context: { readonly actor: MemberId; readonly now: Date },
): Transition<null> => {
  if (connection === null || (connection.a !== context.actor && connection.b !== context.actor)) {
    return Either.left(new ContactNotFound())
  }
  const other = connection.a === context.actor ? connection.b : connection.a
  return Either.right({
    state: null,
    events: [
      DomainEvent.ConnectionRemoved({
        by: context.actor,
        other,
        at: context.now,
        reason: "deleted",
      }),
    ],
  })
}
