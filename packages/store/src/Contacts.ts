/**
 * Connections and both sides' contact records, with their categories.
 */
import { SqlClient } from "@effect/sql"
import type { Connection, ContactRecord, MemberId } from "@kontakt/domain"
import { Effect } from "effect"
import { type ContactRow, flag, iso, like, toRecord } from "./Rows.js"

/** One page of contacts, ordered as asked. */
export type ContactSort = "name" | "connectedAt" | "reviewDue"

interface CountRow {
  readonly other: string
  readonly n: number
}

/** A count per other member, from one query over the distinct ids (absent: none); no query for none. */
const countsByOther = <E, R>(
  others: readonly MemberId[],
  query: (ids: MemberId[]) => Effect.Effect<readonly CountRow[], E, R>,
) =>
  others.length === 0
    ? Effect.succeed(new Map<string, number>())
    : Effect.map(query([...new Set(others)]), (rows) => new Map(rows.map((r) => [r.other, r.n])))

export class Contacts extends Effect.Service<Contacts>()("@kontakt/store/Contacts", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const recordCols = sql`c.owner_id, c.contact_id, c.note, c.importance, c.muted, c.connected_at, c.last_reviewed_at, c.snoozed_until`

    const categoriesOf = (owner: MemberId, contacts: readonly MemberId[]) =>
      contacts.length === 0
        ? Effect.succeed(new Map<string, string[]>())
        : sql<{
            contactId: string
            categoryId: string
          }>`SELECT contact_id, category_id FROM contact_categories
            WHERE owner_id = ${owner} AND ${sql.in("contact_id", contacts)} ORDER BY category_id`.pipe(
            Effect.map((rows) => {
              const map = new Map<string, string[]>()
              for (const r of rows)
                map.set(r.contactId, [...(map.get(r.contactId) ?? []), r.categoryId])
              return map
            }),
          )

    const withCategories = (owner: MemberId, rows: readonly ContactRow[]) =>
      Effect.map(
        categoriesOf(
          owner,
          rows.map((r) => r.contactId),
        ),
        (cats) => rows.map((r) => toRecord(r, cats.get(r.contactId) ?? [])),
      )

    const writeCategories = (owner: MemberId, contact: MemberId, categoryIds: readonly string[]) =>
      Effect.gen(function* () {
        yield* sql`DELETE FROM contact_categories WHERE owner_id = ${owner} AND contact_id = ${contact}`
        if (categoryIds.length > 0) {
          yield* sql`INSERT INTO contact_categories ${sql.insert(
            categoryIds.map((categoryId) => ({ ownerId: owner, contactId: contact, categoryId })),
          )}`
        }
      })

    return {
      connected: (x: MemberId, y: MemberId) =>
        sql<{
          n: number
        }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM contacts WHERE owner_id = ${x} AND contact_id = ${y}`.pipe(
          Effect.map((rows) => (rows[0]?.n ?? 0) > 0),
        ),
      count: (owner: MemberId) =>
        sql<{
          n: number
        }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM contacts WHERE owner_id = ${owner}`.pipe(
          Effect.map((rows) => rows[0]?.n ?? 0),
        ),
      mutualCount: (x: MemberId, y: MemberId) =>
        sql<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM contacts a
          JOIN contacts b ON b.owner_id = ${y} AND b.contact_id = a.contact_id
          WHERE a.owner_id = ${x}`.pipe(Effect.map((rows) => rows[0]?.n ?? 0)),
      /** How many contacts `x` shares with each of `others`, in one query (absent: none). */
      mutualCounts: (x: MemberId, others: readonly MemberId[]) =>
        countsByOther(
          others,
          (ids) => sql<CountRow>`SELECT b.owner_id AS other, CAST(COUNT(*) AS INTEGER) AS n
            FROM contacts a JOIN contacts b ON b.contact_id = a.contact_id
            WHERE a.owner_id = ${x} AND ${sql.in("b.owner_id", ids)}
            GROUP BY b.owner_id`,
        ),
      /** How many groups `x` shares with each of `others`, in one query (absent: none). */
      sharedGroupCounts: (x: MemberId, others: readonly MemberId[]) =>
        countsByOther(
          others,
          (ids) => sql<CountRow>`SELECT b.member_id AS other, CAST(COUNT(*) AS INTEGER) AS n
            FROM group_members a JOIN group_members b ON b.group_id = a.group_id
            WHERE a.member_id = ${x} AND ${sql.in("b.member_id", ids)}
            GROUP BY b.member_id`,
        ),
      sharedGroupCount: (x: MemberId, y: MemberId) =>
        sql<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM group_members a
          JOIN group_members b ON b.group_id = a.group_id AND b.member_id = ${y}
          WHERE a.member_id = ${x}`.pipe(Effect.map((rows) => rows[0]?.n ?? 0)),
      /** Writes a new connection and both records atomically (the caller holds the transaction). */
      insert: (
        connection: Connection,
        sortNames: Readonly<Record<MemberId, string>>,
        reviewDue: (r: ContactRecord) => Date,
      ) =>
        Effect.gen(function* () {
          yield* sql`INSERT INTO connections ${sql.insert({
            pairLo: connection.a,
            pairHi: connection.b,
            since: iso(connection.since),
            requestId: connection.requestId,
          })}`
          yield* sql`INSERT INTO contacts ${sql.insert(
            connection.records.map((r) => ({
              ownerId: r.owner,
              contactId: r.contact,
              pairLo: connection.a,
              pairHi: connection.b,
              note: r.note,
              importance: r.importance,
              muted: flag(r.muted),
              connectedAt: iso(r.connectedAt),
              lastReviewedAt: r.lastReviewedAt === null ? null : iso(r.lastReviewedAt),
              snoozedUntil: r.snoozedUntil === null ? null : iso(r.snoozedUntil),
              reviewDueAt: iso(reviewDue(r)),
              sortName: (sortNames[r.contact] ?? "").toLowerCase(),
            })),
          )}`
          for (const r of connection.records) {
            if (r.categoryIds.length > 0) yield* writeCategories(r.owner, r.contact, r.categoryIds)
          }
        }),
      /** Removes a connection; both records and their categories go with it (cascade). */
      remove: (x: MemberId, y: MemberId) => {
        const [lo, hi] = x < y ? [x, y] : [y, x]
        return sql`DELETE FROM connections WHERE pair_lo = ${lo} AND pair_hi = ${hi}`.pipe(
          Effect.asVoid,
        )
      },
      /** The connection between two members with both records, if any. */
      between: (x: MemberId, y: MemberId) =>
        Effect.gen(function* () {
          const [lo, hi] = x < y ? [x, y] : [y, x]
          const rows = yield* sql<
            ContactRow & { since: string; requestId: string }
          >`SELECT ${recordCols}, k.since, k.request_id
            FROM connections k JOIN contacts c ON c.pair_lo = k.pair_lo AND c.pair_hi = k.pair_hi
            WHERE k.pair_lo = ${lo} AND k.pair_hi = ${hi} ORDER BY c.owner_id`
          const [first, second] = rows
          if (first === undefined || second === undefined) return null
          const [r1, r2] = [
            ...(yield* withCategories(first.ownerId, [first])),
            ...(yield* withCategories(second.ownerId, [second])),
          ]
          if (r1 === undefined || r2 === undefined) return null
          const connection: Connection = {
            a: lo,
            b: hi,
            since: new Date(first.since),
            requestId: first.requestId,
            records: [r1, r2],
          }
          return connection
        }),
      /** One owner's record of one contact. */
      record: (owner: MemberId, contact: MemberId) =>
        Effect.gen(function* () {
          const rows = yield* sql<ContactRow>`SELECT ${recordCols} FROM contacts c
            WHERE c.owner_id = ${owner} AND c.contact_id = ${contact}`
          return (yield* withCategories(owner, rows))[0] ?? null
        }),
      /** Writes the owner's changes to their record. */
      updateRecord: (record: ContactRecord, reviewDueAt: Date) =>
        Effect.gen(function* () {
          yield* sql`UPDATE contacts SET note = ${record.note}, importance = ${record.importance}, muted = ${flag(record.muted)},
              last_reviewed_at = ${record.lastReviewedAt === null ? null : iso(record.lastReviewedAt)},
              snoozed_until = ${record.snoozedUntil === null ? null : iso(record.snoozedUntil)},
              review_due_at = ${iso(reviewDueAt)}
            WHERE owner_id = ${record.owner} AND contact_id = ${record.contact}`
          yield* writeCategories(record.owner, record.contact, record.categoryIds)
        }),
      /**
       * A page of an owner's contacts with their categories, keyset-paginated
       * on the sort column and the contact id.
       */
      page: (
        owner: MemberId,
        options: {
          readonly sort: ContactSort
          readonly limit: number
          readonly after: { readonly key: string; readonly id: string } | null
          readonly categoryId: string | null
          /** Part of the contact's name or handle. */
          readonly q?: string | null
        },
      ) =>
        Effect.gen(function* () {
          const column = {
            name: sql`c.sort_name`,
            connectedAt: sql`c.connected_at`,
            reviewDue: sql`c.review_due_at`,
          }[options.sort]
          const keyName = {
            name: "sortName",
            connectedAt: "connectedAt",
            reviewDue: "reviewDueAt",
          } as const
          const rows = yield* sql<
            ContactRow & { sortName: string; reviewDueAt: string }
          >`SELECT ${recordCols}, c.sort_name, c.review_due_at
            FROM contacts c
            ${options.categoryId === null ? sql`` : sql`JOIN contact_categories cc ON cc.owner_id = c.owner_id AND cc.contact_id = c.contact_id AND cc.category_id = ${options.categoryId}`}
            WHERE c.owner_id = ${owner}
            ${
              options.q === undefined || options.q === null || options.q === ""
                ? sql``
                : sql`AND EXISTS (SELECT 1 FROM members m WHERE m.id = c.contact_id AND (c.sort_name LIKE ${like(options.q)} ESCAPE '\\' OR m.handle LIKE ${like(options.q)} ESCAPE '\\'))`
            }
            ${options.after === null ? sql`` : sql`AND (${column}, c.contact_id) > (${options.after.key}, ${options.after.id})`}
            ORDER BY ${column}, c.contact_id LIMIT ${options.limit}`
          const records = yield* withCategories(owner, rows)
          const last = rows.at(-1)
          return {
            records,
            reviewDue: rows.map((r) => new Date(r.reviewDueAt)),
            next:
              last === undefined || rows.length < options.limit
                ? null
                : { key: last[keyName[options.sort]], id: last.contactId },
          }
        }),
      contactIds: (owner: MemberId) =>
        sql<{ contactId: string }>`SELECT contact_id FROM contacts WHERE owner_id = ${owner}`.pipe(
          Effect.map((rows) => rows.map((r) => r.contactId)),
        ),
    }
  }),
}) {}
