/**
 * Connections and both sides' contact records, with their categories. A
 * connection is its two records, each the other's mirror (the database keeps
 * them together); a record's categories come with it as one column.
 */
import type { Connection, ContactRecord, Importance, MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, type Dialect, multiRow, type Statement, statement } from "./db/Statement.js"
import { type MemberSummary, Members, summaryColumns, toSummary } from "./Members.js"
import { flag, iso, like, recordColumns, toRecord } from "./Rows.js"

/** One page of contacts, ordered as asked. */
export type ContactSort = "name" | "connectedAt" | "reviewDue"

/** A record's categories, joined: one column of the record's row. */
export const categoryIdsColumn = (d: Dialect) => `(SELECT ${d.joined("cc.category_id")}
  FROM contact_categories cc WHERE cc.owner_id = c.owner_id AND cc.contact_id = c.contact_id) AS category_ids`

/** A contact as a list shows it: my record, the member's summary, when it is due for review. */
export interface ContactListing {
  readonly record: ContactRecord
  readonly member: MemberSummary
  readonly reviewDueAt: Date
}

const insertRecords = statement(`INSERT INTO contacts
  (owner_id, contact_id, request_id, note, importance, muted, connected_at, last_reviewed_at,
   snoozed_until, review_due_at, sort_name, accepted_automatically)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
const insertCategories = multiRow(
  "INSERT INTO contact_categories (owner_id, contact_id, category_id) VALUES",
  3,
)
const clearCategories = statement(
  "DELETE FROM contact_categories WHERE owner_id = ? AND contact_id = ?",
)
const removeConnection = statement("DELETE FROM contacts WHERE owner_id = ? AND contact_id = ?")
const connected = statement(
  "SELECT 1 AS yes FROM contacts WHERE owner_id = ? AND contact_id = ?",
  () => true,
)
const between = statement(
  (d) => `SELECT ${recordColumns}, c.request_id, ${categoryIdsColumn(d)} FROM contacts c
   WHERE (c.owner_id = ? AND c.contact_id = ?) OR (c.owner_id = ? AND c.contact_id = ?)
   ORDER BY c.owner_id`,
  (r) => ({ record: toRecord(r), requestId: col.str(r, "request_id") }),
)
const record = statement(
  (d) => `SELECT ${recordColumns}, ${categoryIdsColumn(d)} FROM contacts c
   WHERE c.owner_id = ? AND c.contact_id = ?`,
  (r) => toRecord(r),
)
const updateRecord = statement(`UPDATE contacts SET note = ?, importance = ?, muted = ?,
  last_reviewed_at = ?, snoozed_until = ?, review_due_at = ? WHERE owner_id = ? AND contact_id = ?`)
const contactIds = statement("SELECT contact_id FROM contacts WHERE owner_id = ?", (r) =>
  col.str(r, "contact_id"),
)

const sortColumn = {
  name: "c.sort_name",
  connectedAt: "c.connected_at",
  reviewDue: "c.review_due_at",
} as const

/** What a page of contacts keeps: each filter applies when given. */
export interface ContactFilters {
  /** One of my categories, or "uncategorized" for those in none. */
  readonly categoryId: string | null
  /** Part of the contact's name or handle, or of my note on them. */
  readonly q?: string | null
  readonly importance?: Importance | null
  readonly muted?: boolean | null
  readonly acceptedAutomatically?: boolean | null
}

/** The category filter's value for contacts in no category of mine. */
export const UNCATEGORIZED = "uncategorized"

// One statement per combination a page can ask for, each made the first time it is asked.
type PageRow = Omit<ContactListing, "member"> & {
  readonly member: MemberSummary | undefined
  readonly key: string
}
// Members' summaries are joined where a statement is a round trip (and where the search needs
// their handles); in process they come from the summaries in memory (Members).
const pageStatements = new Map<string, Statement<PageRow>>()
const pageStatement = (
  sort: ContactSort,
  filter: "all" | "category" | "uncategorized",
  search: boolean,
  traits: { readonly importance: boolean; readonly muted: boolean; readonly auto: boolean },
  after: boolean,
  joined: boolean,
) => {
  const name = `${sort}|${filter}|${search}|${traits.importance}|${traits.muted}|${traits.auto}|${after}|${joined}`
  let s = pageStatements.get(name)
  if (s === undefined) {
    const column = sortColumn[sort]
    s = statement(
      (d) => `SELECT ${recordColumns}, ${categoryIdsColumn(d)},
        ${joined ? summaryColumns : "NULL AS id"}, ${column} AS sort_key
        FROM contacts c
        ${filter === "category" ? "JOIN contact_categories f ON f.owner_id = c.owner_id AND f.contact_id = c.contact_id AND f.category_id = ?" : ""}
        ${joined ? "JOIN members m ON m.id = c.contact_id" : ""}
        WHERE c.owner_id = ?
        ${filter === "uncategorized" ? "AND NOT EXISTS (SELECT 1 FROM contact_categories u WHERE u.owner_id = c.owner_id AND u.contact_id = c.contact_id)" : ""}
        ${search ? "AND (c.sort_name LIKE ? ESCAPE '\\' OR m.handle LIKE ? ESCAPE '\\' OR LOWER(c.note) LIKE ? ESCAPE '\\')" : ""}
        ${traits.importance ? "AND c.importance = ?" : ""}
        ${traits.muted ? "AND c.muted = ?" : ""}
        ${traits.auto ? "AND c.accepted_automatically = ?" : ""}
        ${after ? `AND ${column} >= ? AND (${column}, c.contact_id) > (?, ?)` : ""}
        ORDER BY ${column}, c.contact_id LIMIT ?`,
      (r) => ({
        record: toRecord(r),
        member: r["id"] === null ? undefined : toSummary(r),
        reviewDueAt: new Date(col.str(r, "review_due_at")),
        key: col.str(r, "sort_key"),
      }),
    )
    pageStatements.set(name, s)
  }
  return s
}

/** The parameters of one record in `insertRecords`. */
const recordParams = (r: ContactRecord, requestId: string, reviewDue: Date, sortName: string) => [
  r.owner,
  r.contact,
  requestId,
  r.note,
  r.importance,
  flag(r.muted),
  iso(r.connectedAt),
  r.lastReviewedAt === null ? null : iso(r.lastReviewedAt),
  r.snoozedUntil === null ? null : iso(r.snoozedUntil),
  iso(reviewDue),
  sortName,
  flag(r.acceptedAutomatically),
]

export class Contacts extends Effect.Service<Contacts>()("@kontakt/store/Contacts", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const members = yield* Members

    const writeCategories = (owner: MemberId, contact: MemberId, categoryIds: readonly string[]) =>
      categoryIds.length === 0
        ? Effect.void
        : db.run(
            insertCategories(categoryIds.length),
            categoryIds.flatMap((id) => [owner, contact, id]),
          )

    return {
      connected: (x: MemberId, y: MemberId) =>
        Effect.map(db.all(connected, [x, y]), (rows) => rows.length > 0),
      /** Writes a new connection: both records in one statement, then their categories. */
      insert: (
        connection: Connection,
        sortNames: Readonly<Record<MemberId, string>>,
        reviewDue: (r: ContactRecord) => Date,
      ) =>
        Effect.gen(function* () {
          const [first, second] = connection.records
          yield* db.run(insertRecords, [
            ...recordParams(
              first,
              connection.requestId,
              reviewDue(first),
              (sortNames[first.contact] ?? "").toLowerCase(),
            ),
            ...recordParams(
              second,
              connection.requestId,
              reviewDue(second),
              (sortNames[second.contact] ?? "").toLowerCase(),
            ),
          ])
          const categories = connection.records.flatMap((r) =>
            r.categoryIds.map((id) => [r.owner, r.contact, id]),
          )
          if (categories.length > 0)
            yield* db.run(insertCategories(categories.length), categories.flat())
        }),
      /** Removes a connection: both records and their categories go (the database cascades). */
      remove: (x: MemberId, y: MemberId) => db.run(removeConnection, [x, y]),
      /** The connection between two members with both records, if any. */
      between: (x: MemberId, y: MemberId) =>
        Effect.map(db.all(between, [x, y, y, x]), (rows): Connection | null => {
          const [first, second] = rows
          if (first === undefined || second === undefined) return null
          const [a, b] = x < y ? [x, y] : [y, x]
          return {
            a,
            b,
            since: first.record.connectedAt,
            requestId: first.requestId,
            records: [first.record, second.record],
          }
        }),
      /** One owner's record of one contact. */
      record: (owner: MemberId, contact: MemberId) =>
        Effect.map(db.all(record, [owner, contact]), (rows) => rows[0] ?? null),
      /** Writes the owner's changes to their record, categories included. */
      updateRecord: (r: ContactRecord, reviewDueAt: Date) =>
        Effect.gen(function* () {
          yield* db.run(updateRecord, [
            r.note,
            r.importance,
            flag(r.muted),
            r.lastReviewedAt === null ? null : iso(r.lastReviewedAt),
            r.snoozedUntil === null ? null : iso(r.snoozedUntil),
            iso(reviewDueAt),
            r.owner,
            r.contact,
          ])
          yield* db.run(clearCategories, [r.owner, r.contact])
          yield* writeCategories(r.owner, r.contact, r.categoryIds)
        }),
      /**
       * A page of an owner's contacts, each with its categories and the
       * member's summary, keyset-paginated on the sort column and the contact id,
       * kept to the filters given (`ContactFilters`).
       */
      page: (
        owner: MemberId,
        options: ContactFilters & {
          readonly sort: ContactSort
          readonly limit: number
          readonly after: { readonly key: string; readonly id: string } | null
        },
      ) =>
        Effect.gen(function* () {
          const search = options.q !== undefined && options.q !== null && options.q !== ""
          const joined = search || !db.inProcess
          const given = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined
          const { importance, muted, acceptedAutomatically } = options
          const s = pageStatement(
            options.sort,
            options.categoryId === null
              ? "all"
              : options.categoryId === UNCATEGORIZED
                ? "uncategorized"
                : "category",
            search,
            {
              importance: given(importance),
              muted: given(muted),
              auto: given(acceptedAutomatically),
            },
            options.after !== null,
            joined,
          )
          const pattern = search ? like(options.q ?? "") : null
          const rows = yield* db.all(s, [
            ...(options.categoryId === null || options.categoryId === UNCATEGORIZED
              ? []
              : [options.categoryId]),
            owner,
            ...(pattern === null ? [] : [pattern, pattern, pattern]),
            ...(given(importance) ? [importance] : []),
            ...(given(muted) ? [flag(muted)] : []),
            ...(given(acceptedAutomatically) ? [flag(acceptedAutomatically)] : []),
            ...(options.after === null
              ? []
              : [options.after.key, options.after.key, options.after.id]),
            options.limit,
          ])
          const named = yield* members.named(
            rows,
            (r) => r.record.contact,
            (r) => r.member,
          )
          const items = named.map(([r, member]): ContactListing => ({ ...r, member }))
          const last = rows.at(-1)
          return {
            items,
            next:
              last === undefined || rows.length < options.limit
                ? null
                : { key: last.key, id: last.record.contact },
          }
        }),
      contactIds: (owner: MemberId) => db.all(contactIds, [owner]),
    }
  }),
}) {}
