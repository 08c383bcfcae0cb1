/**
 * Stored address books: a member's entries, what each is recognised by (its
 * keys) and its categories; an import in one transaction (the entries the
 * file names read by key, the domain plans, the writes go as a few
 * statements whatever the file's size); a page, one entry, a change, a
 * deletion. Every statement is bounded by its owner: nobody else's entry is
 * ever read or written.
 */
import {
  type AddressBookEntry,
  addDays,
  CategoryNotFound,
  changeEntry,
  EntryNotFound,
  type EntryPatch,
  type EntryReview,
  type EntrySource,
  emailKey,
  entryKeys,
  entryReviewDueAt,
  type ImportedPerson,
  type ImportPlan,
  type Locale,
  type MemberId,
  planImport,
  reviewEntry,
} from "@kontakt/domain"
import { Effect } from "effect"
import { now } from "./Decide.js"
import { Db } from "./db/Db.js"
import { col, type Dialect, jsonInsert, jsonRows, type Row, statement } from "./db/Statement.js"
import { Ids } from "./Ids.js"
import { type MemberSummary, summaryColumns, toSummary } from "./Members.js"
import { membersLock } from "./RequestFacts.js"
import { date, dateOrNull, iso, like } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"

const entryColumns =
  "e.id, e.owner_id, e.display_name, e.emails, e.phones, e.urls, e.company, e.position, e.source, e.connected_at, e.note, e.importance, e.last_reviewed_at, e.snoozed_until, e.created_at, e.updated_at"
// The shortest cadence among the entry's categories that have one (null: none has).
const CATEGORY_CADENCE = `(SELECT MIN(c.review_every_days) FROM address_book_categories ec
  JOIN categories c ON c.id = ec.category_id WHERE ec.entry_id = e.id)`
const categoryIdsColumn = (d: Dialect) =>
  `(SELECT ${d.joined("ec.category_id")} FROM address_book_categories ec WHERE ec.entry_id = e.id) AS category_ids,
   ${CATEGORY_CADENCE} AS category_cadence`

/**
 * An entry as the store reads it: with the shortest review cadence among its categories
 * (null when none has its own), for when it falls due, as a contact's does.
 */
export type StoredEntry = AddressBookEntry & { readonly categoryCadenceDays: number | null }

const texts = (r: Row, k: string): string[] => {
  const v = JSON.parse(col.str(r, k) || "[]") as unknown
  return Array.isArray(v) ? v.map(String) : []
}

const toEntry = (r: Row): StoredEntry => ({
  id: col.str(r, "id"),
  owner: col.str(r, "owner_id"),
  displayName: col.str(r, "display_name"),
  emails: texts(r, "emails"),
  phones: texts(r, "phones"),
  urls: texts(r, "urls"),
  company: col.strOrNull(r, "company"),
  position: col.strOrNull(r, "position"),
  source: col.str(r, "source") as EntrySource,
  connectedAt: dateOrNull(col.strOrNull(r, "connected_at")),
  categoryIds: col.list(r, "category_ids").sort(),
  note: col.str(r, "note"),
  importance: col.str(r, "importance") as AddressBookEntry["importance"],
  lastReviewedAt: dateOrNull(col.strOrNull(r, "last_reviewed_at")),
  snoozedUntil: dateOrNull(col.strOrNull(r, "snoozed_until")),
  createdAt: date(col.str(r, "created_at")),
  updatedAt: date(col.str(r, "updated_at")),
  categoryCadenceDays: col.numOrNull(r, "category_cadence"),
})

// The entries of one owner that any of the keys names. Parameters: owner, [keys], owner.
const byKeys = statement(
  (d) => `SELECT ${entryColumns}, ${categoryIdsColumn(d)} FROM address_book e
   WHERE e.id IN (SELECT k.entry_id FROM address_book_keys k WHERE k.owner_id = ? AND k.key IN ${d.list})
     AND e.owner_id = ?`,
  toEntry,
)
const countOf = statement("SELECT COUNT(*) AS n FROM address_book WHERE owner_id = ?", (r) =>
  col.num(r, "n"),
)
const ownCategories = statement(
  "SELECT id, name_key, review_every_days FROM categories WHERE owner_id = ?",
  (r) => ({
    id: col.str(r, "id"),
    nameKey: col.str(r, "name_key"),
    reviewEveryDays: col.numOrNull(r, "review_every_days"),
  }),
)
/** One entry by id and owner (parameters: id, owner). */
export const entryById = statement(
  (d) =>
    `SELECT ${entryColumns}, ${categoryIdsColumn(d)} FROM address_book e WHERE e.id = ? AND e.owner_id = ?`,
  toEntry,
)

const ENTRY_COLUMNS = 15
const insertEntries = jsonInsert(
  `INSERT INTO address_book (id, owner_id, display_name, sort_name, emails, phones, urls, company,
     position, source, connected_at, note, importance, created_at, updated_at)`,
  ENTRY_COLUMNS,
)
const insertKeys = jsonInsert(
  "INSERT INTO address_book_keys (owner_id, key, entry_id)",
  3,
  "ON CONFLICT DO NOTHING",
)
const insertCategories = jsonInsert(
  "INSERT INTO address_book_categories (entry_id, category_id)",
  2,
  "ON CONFLICT DO NOTHING",
)
const clearCategories = statement(
  (d) => `DELETE FROM address_book_categories WHERE entry_id IN ${d.list}`,
)
const updateEntry = statement(`UPDATE address_book SET display_name = ?, sort_name = ?, emails = ?,
  phones = ?, urls = ?, company = ?, position = ?, connected_at = ?, note = ?, importance = ?,
  last_reviewed_at = ?, snoozed_until = ?, updated_at = ? WHERE id = ? AND owner_id = ?`)
const removeEntry = statement("DELETE FROM address_book WHERE id = ? AND owner_id = ?")

const entryRow = (e: AddressBookEntry): (string | null)[] => [
  e.id,
  e.owner,
  e.displayName,
  e.displayName.toLowerCase(),
  JSON.stringify(e.emails),
  JSON.stringify(e.phones),
  JSON.stringify(e.urls),
  e.company,
  e.position,
  e.source,
  e.connectedAt === null ? null : iso(e.connectedAt),
  e.note,
  e.importance,
  iso(e.createdAt),
  iso(e.updatedAt),
]
const updateParams = (e: AddressBookEntry) => [
  e.displayName,
  e.displayName.toLowerCase(),
  JSON.stringify(e.emails),
  JSON.stringify(e.phones),
  JSON.stringify(e.urls),
  e.company,
  e.position,
  e.connectedAt === null ? null : iso(e.connectedAt),
  e.note,
  e.importance,
  e.lastReviewedAt === null ? null : iso(e.lastReviewedAt),
  e.snoozedUntil === null ? null : iso(e.snoozedUntil),
  iso(e.updatedAt),
  e.id,
  e.owner,
]

/** What a page of the address book keeps: each filter applies when given. */
export interface EntryFilters {
  /** One of my categories, or "uncategorized" for entries in none. */
  readonly categoryId: string | null
  /** Part of the name, company, position, an email or my note. */
  readonly q: string | null
  readonly limit: number
  /** After this (sort name, id), for the next page. */
  readonly after: { readonly key: string; readonly id: string } | null
  /** Only entries due for review by then, under the owner's cadence (days). */
  readonly due?: { readonly now: Date; readonly cadenceDays: number }
  /** Only entries of this importance. */
  readonly importance?: AddressBookEntry["importance"]
}

const pageStatements = new Map<string, ReturnType<typeof pageStatement>>()
// Due: snoozed until now or before; else never reviewed and in the book since the first
// review's days; else last reviewed a cadence ago: its categories' shortest, else the
// owner's own. Parameters: now, first cutoff, now, the owner's cadence.
const due = (d: Dialect) => `AND ((e.snoozed_until IS NOT NULL AND e.snoozed_until <= ?)
  OR (e.snoozed_until IS NULL AND e.last_reviewed_at IS NULL AND e.created_at <= ?)
  OR (e.snoozed_until IS NULL
    AND e.last_reviewed_at <= ${d.isoDaysBefore("?", `COALESCE(${CATEGORY_CADENCE}, ?)`)}))`
const pageStatement = (
  filter: "none" | "category" | "uncategorized",
  search: boolean,
  after: boolean,
  isDue: boolean,
  importance: boolean,
) =>
  statement(
    (d) => `SELECT ${entryColumns}, ${categoryIdsColumn(d)}, e.sort_name FROM address_book e
     ${filter === "category" ? "JOIN address_book_categories f ON f.entry_id = e.id AND f.category_id = ?" : ""}
     WHERE e.owner_id = ?
     ${filter === "uncategorized" ? "AND NOT EXISTS (SELECT 1 FROM address_book_categories u WHERE u.entry_id = e.id)" : ""}
     ${search ? "AND (e.sort_name LIKE ? ESCAPE '\\' OR LOWER(COALESCE(e.company, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(e.position, '')) LIKE ? ESCAPE '\\' OR LOWER(e.emails) LIKE ? ESCAPE '\\' OR LOWER(e.note) LIKE ? ESCAPE '\\')" : ""}
     ${importance ? "AND e.importance = ?" : ""}
     ${isDue ? due(d) : ""}
     ${after ? "AND e.sort_name >= ? AND (e.sort_name, e.id) > (?, ?)" : ""}
     ORDER BY e.sort_name, e.id LIMIT ?`,
    (r) => ({ entry: toEntry(r), key: col.str(r, "sort_name") }),
  )
const pageOf = (
  filter: "none" | "category" | "uncategorized",
  search: boolean,
  after: boolean,
  due = false,
  importance = false,
) => {
  const name = `${filter}/${search}/${after}/${due}/${importance}`
  let s = pageStatements.get(name)
  if (s === undefined) {
    s = pageStatement(filter, search, after, due, importance)
    pageStatements.set(name, s)
  }
  return s
}

// The oldest entry of an owner's that names a member's email: by handle, only if the member
// is findable by email and no block stands between the two (the same as matching, so that
// a request can tell nothing the list does not); or by id, whoever they are.
// Parameters: owner, owner, handle, owner, owner (findable) | owner, owner, id.
const namingMember = (by: "findable handle" | "id") =>
  statement(
    (d) => `SELECT ${entryColumns}, ${categoryIdsColumn(d)} FROM address_book e
   WHERE e.owner_id = ? AND e.id IN (SELECT k.entry_id FROM address_book_keys k
     JOIN members r ON k.key = 'mail:' || r.email
     WHERE k.owner_id = ? AND ${
       by === "id"
         ? "r.id = ?"
         : `r.handle = ? AND r.findable_by_email = 1 AND NOT EXISTS (SELECT 1 FROM blocks b
             WHERE (b.blocker_id = ? AND b.blocked_id = r.id) OR (b.blocker_id = r.id AND b.blocked_id = ?))`
     })
   ORDER BY e.created_at, e.id LIMIT 1`,
    toEntry,
  )
/**
 * The entry a request is sent from: the sender's, naming the email of a findable recipient
 * with no block between them. Parameters: sender, sender, handle, sender, sender.
 */
export const entryForRequest = namingMember("findable handle")
/** The entry a connection takes up: the sender's, naming the recipient's email. */
export const entryForConnection = namingMember("id")
/** Deletes the entries a connection took up (parameters: [ids], owner, owner). */
export const removeTakenEntries = statement(
  (d) => `DELETE FROM address_book WHERE id IN ${d.list} AND owner_id IN (?, ?)`,
)

/** Where I stand with a member an entry of mine turned out to be. */
export type MatchStatus = "none" | "contact" | "requestSent" | "requestReceived"

/** A member an entry of mine names by email, who chose to be findable by it. */
export interface EntryMatch {
  readonly member: MemberSummary
  readonly status: MatchStatus
}

// Findable members behind a list of emails, with where the owner stands with each; nobody
// blocked either way, never the owner. Parameters: owner ×3, [emails], owner ×3.
const findable = statement(
  (d) => `SELECT m.email, ${summaryColumns},
    CASE WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = ? AND c.contact_id = m.id)
      THEN 1 ELSE 0 END AS connected,
    (SELECT MIN(r.from_id) FROM requests r WHERE r.state IN ('pending', 'ignored')
      AND ((r.from_id = ? AND r.to_id = m.id) OR (r.from_id = m.id AND r.to_id = ?))) AS open_from
   FROM members m
   WHERE m.email IN ${d.list} AND m.findable_by_email = 1 AND m.id <> ?
     AND NOT EXISTS (SELECT 1 FROM blocks b
       WHERE (b.blocker_id = ? AND b.blocked_id = m.id) OR (b.blocker_id = m.id AND b.blocked_id = ?))`,
  (r) => ({
    email: col.str(r, "email"),
    member: toSummary(r),
    connected: col.bool(r, "connected"),
    openFrom: col.strOrNull(r, "open_from"),
  }),
)

/** An import's answer: what it created, merged, left as it was and skipped. */
export interface ImportReport {
  readonly created: number
  readonly merged: number
  readonly unchanged: number
  readonly skipped: ImportPlan["skipped"]
}

export class AddressBook extends Effect.Service<AddressBook>()("@kontakt/store/AddressBook", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const ids = yield* Ids
    const { policy } = yield* StorePolicy

    /** The categories of the given entries as rows for `insertCategories`. */
    const categoryRows = (entries: readonly AddressBookEntry[]) =>
      entries.flatMap((e) => e.categoryIds.map((c) => [e.id, c]))
    const keyRows = (entries: readonly AddressBookEntry[]) =>
      entries.flatMap((e) => entryKeys(e).map((k) => [e.owner, k, e.id]))

    return {
      /**
       * Imports the people of one file into `owner`'s book, all or nothing: the entries the
       * file's emails, addresses and phones name are read by key, the domain plans
       * (planImport), and the writes go as at most four statements plus one update per merged
       * entry, whatever the file's size. The owner's row is locked on PostgreSQL, so two imports
       * of one member run one after the other (SQLite's writer is one already). Importing the
       * same file again changes nothing. With `dryRun`, the plan is made and reported and
       * nothing is written (what the import would do, for a preview).
       */
      importPeople: (
        owner: MemberId,
        people: readonly ImportedPerson[],
        source: EntrySource,
        locale: Locale,
        options: { readonly dryRun?: boolean } = {},
      ) =>
        db.transaction(
          Effect.gen(function* () {
            const at = yield* now
            const keys = [...new Set(people.flatMap((p) => entryKeys(p)))]
            const [existing, counted, categories] = yield* db.reads([
              [byKeys, [owner, keys, owner]],
              [countOf, [owner]],
              [ownCategories, [owner]],
            ] as const)
            const fresh = yield* Effect.replicateEffect(ids.next, people.length)
            let next = 0
            const plan = planImport(existing, people, {
              owner,
              locale,
              source,
              now: at,
              categoriesByName: new Map(categories.map((c) => [c.nameKey, c.id])),
              newId: () => fresh[next++] ?? "",
              maxEntries: policy.maxAddressBookEntries,
              existingCount: counted[0] ?? 0,
            })
            const report: ImportReport = {
              created: plan.created.length,
              merged: plan.merged.length,
              unchanged: plan.unchanged,
              skipped: plan.skipped,
            }
            if (options.dryRun === true) return report
            if (plan.created.length > 0)
              yield* db.run(insertEntries, [jsonRows(plan.created.map(entryRow))])
            for (const e of plan.merged) yield* db.run(updateEntry, updateParams(e))
            const touched = [...plan.created, ...plan.merged]
            if (plan.merged.length > 0)
              yield* db.run(clearCategories, [plan.merged.map((e) => e.id)])
            const cats = categoryRows(touched)
            if (cats.length > 0) yield* db.run(insertCategories, [jsonRows(cats)])
            const keyed = keyRows(touched)
            if (keyed.length > 0) yield* db.run(insertKeys, [jsonRows(keyed)])
            return report
          }),
          membersLock([owner]),
        ),

      /** One page of `owner`'s entries by name, filtered. */
      page: (owner: MemberId, f: EntryFilters) => {
        const filter =
          f.categoryId === null
            ? "none"
            : f.categoryId === "uncategorized"
              ? "uncategorized"
              : "category"
        const search = f.q !== null && f.q !== ""
        const params = [
          ...(filter === "category" ? [f.categoryId as string] : []),
          owner,
          ...(search ? Array.from({ length: 5 }, () => like(f.q as string)) : []),
          ...(f.importance === undefined ? [] : [f.importance]),
          ...(f.due === undefined
            ? []
            : [
                iso(f.due.now),
                iso(addDays(f.due.now, -policy.firstReviewAfterDays)),
                iso(f.due.now),
                f.due.cadenceDays,
              ]),
          ...(f.after === null ? [] : [f.after.key, f.after.key, f.after.id]),
          f.limit + 1,
        ]
        const s = pageOf(
          filter,
          search,
          f.after !== null,
          f.due !== undefined,
          f.importance !== undefined,
        )
        return Effect.map(db.all(s, params), (rows) => {
          const items = rows.slice(0, f.limit)
          const last = items[items.length - 1]
          return {
            items: items.map((r) => r.entry),
            next:
              rows.length > f.limit && last !== undefined
                ? { key: last.key, id: last.entry.id }
                : null,
          }
        })
      },

      /** One of `owner`'s entries; another's, or none, is EntryNotFound. */
      get: (owner: MemberId, id: string) =>
        Effect.flatMap(db.first(entryById, [id, owner]), (e) =>
          e === undefined ? Effect.fail(new EntryNotFound()) : Effect.succeed(e),
        ),

      /** Changes an entry of `owner`'s; categories must be their own. */
      update: (owner: MemberId, id: string, patch: EntryPatch) =>
        db.transaction(
          Effect.gen(function* () {
            const at = yield* now
            const [found, categories] = yield* db.reads([
              [entryById, [id, owner]],
              [ownCategories, [owner]],
            ] as const)
            const entry = found[0]
            if (entry === undefined) return yield* Effect.fail(new EntryNotFound())
            const mine = new Set(categories.map((c) => c.id))
            const foreign = (patch.categoryIds ?? []).find((c) => !mine.has(c))
            if (foreign !== undefined)
              return yield* Effect.fail(new CategoryNotFound({ categoryId: foreign }))
            const changed = changeEntry(entry, patch, at)
            yield* db.run(updateEntry, updateParams(changed))
            if (patch.categoryIds !== undefined) {
              yield* db.run(clearCategories, [[changed.id]])
              const cats = categoryRows([changed])
              if (cats.length > 0) yield* db.run(insertCategories, [jsonRows(cats)])
            }
            // Its cadence as its categories are now.
            const cadences = categories.flatMap((c) =>
              changed.categoryIds.includes(c.id) && c.reviewEveryDays !== null
                ? [c.reviewEveryDays]
                : [],
            )
            const next: StoredEntry = {
              ...changed,
              categoryCadenceDays: cadences.length === 0 ? null : Math.min(...cadences),
            }
            return next
          }),
          membersLock([owner]),
        ),

      /** Deletes an entry of `owner`'s (its keys and categories go with it). */
      remove: (owner: MemberId, id: string) =>
        db.transaction(
          Effect.gen(function* () {
            const found = yield* db.first(entryById, [id, owner])
            if (found === undefined) return yield* Effect.fail(new EntryNotFound())
            yield* db.run(removeEntry, [id, owner])
          }),
        ),

      /**
       * The members the given entries of `owner`'s turned out to be: for each entry, the first
       * of its emails that belongs to a member who chose to be findable by email (nobody
       * blocked either way). A member who is not findable matches exactly as an email
       * nobody has: not at all. One statement for a page.
       */
      matches: (owner: MemberId, entries: readonly AddressBookEntry[]) =>
        Effect.gen(function* () {
          const emails = [...new Set(entries.flatMap((e) => e.emails.map((m) => emailKey(m))))]
          const out = new Map<string, EntryMatch>()
          if (emails.length === 0) return out
          const rows = yield* db.all(findable, [owner, owner, owner, emails, owner, owner, owner])
          const byEmail = new Map(rows.map((r) => [r.email, r]))
          for (const e of entries) {
            const hit = e.emails.map((m) => byEmail.get(emailKey(m))).find((r) => r !== undefined)
            if (hit === undefined) continue
            out.set(e.id, {
              member: hit.member,
              status: hit.connected
                ? "contact"
                : hit.openFrom === null
                  ? "none"
                  : hit.openFrom === owner
                    ? "requestSent"
                    : "requestReceived",
            })
          }
          return out
        }),

      /**
       * When an entry falls due for review: under its categories' shortest cadence, else the
       * owner's own (`cadenceDays`), as a contact's does.
       */
      dueAt: (entry: StoredEntry, cadenceDays: number) =>
        entryReviewDueAt(entry, entry.categoryCadenceDays ?? cadenceDays, policy),

      /**
       * A review of one of `owner`'s entries: `keep` starts a new cadence, `snooze` puts it
       * off, `delete` removes it (null).
       */
      review: (owner: MemberId, id: string, decision: EntryReview) =>
        db.transaction(
          Effect.gen(function* () {
            const at = yield* now
            const found = yield* db.first(entryById, [id, owner])
            if (found === undefined) return yield* Effect.fail(new EntryNotFound())
            if (decision.decision === "delete") {
              yield* db.run(removeEntry, [id, owner])
              return null
            }
            const next: StoredEntry = {
              ...reviewEntry(found, decision, at),
              categoryCadenceDays: found.categoryCadenceDays,
            }
            yield* db.run(updateEntry, updateParams(next))
            return next
          }),
          membersLock([owner]),
        ),

      /** Every entry of `owner`'s, by name (exports). */
      all: (owner: MemberId) =>
        Effect.map(
          db.all(pageOf("none", false, false), [owner, policy.maxAddressBookEntries + 1]),
          (rows) => rows.map((r) => r.entry),
        ),
    }
  }),
}) {}
