/**
 * Stored requests: by id, the inbox and the sent list (keyset pages), the
 * expiry sweep's candidates, and their writes.
 */
import type { ContactRequest, MemberId } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { Db } from "./db/Db.js"
import { col, type Row, statement } from "./db/Statement.js"
import { Members, summaryColumnsAs, toSummary } from "./Members.js"
import { iso, requestColumns, requestParams, toRequest, toSettings } from "./Rows.js"
import { ReaderViews } from "./readmodel/ReaderViews.js"
import { ReadModel } from "./readmodel/ReadModel.js"

const OPEN = "r.state IN ('pending', 'ignored')"

/** A position in a list of requests: after this time and id (newest first). */
export interface RequestCursor {
  readonly at: string
  readonly id: string
}

const byId = statement(`SELECT ${requestColumns} FROM requests r WHERE r.id = ?`, toRequest)
const between = statement(
  `SELECT ${requestColumns} FROM requests r WHERE r.pair_lo = ? AND r.pair_hi = ?`,
  toRequest,
)
// A first page, and the pages after a cursor: two statements, so that both seek the index.
const pages = (side: "to_id" | "from_id", state: string) => {
  const query = (after: string) =>
    statement(
      `SELECT ${requestColumns} FROM requests r WHERE r.${side} = ? AND ${state} ${after}
       ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
      toRequest,
    )
  return {
    first: query(""),
    after: query("AND r.created_at <= ? AND (r.created_at, r.id) < (?, ?)"),
  }
}
const incoming = pages("to_id", "r.state = ?")

// The inbox as a page shows it: each request with its sender's summary, the facts the
// acceptance policy's verdict weighs, and the recipient's own settings (the policy). The page
// is chosen first, so that the facts are counted for its requests only; mutual contacts are
// counted here only when no network is kept in memory. Senders' summaries are joined where a
// statement is a round trip; in process they come from the summaries in memory (Members).
const inboxStatement = (after: boolean, mutual: boolean, joined: boolean) =>
  statement(
    `SELECT ${requestColumns}, ${joined ? summaryColumnsAs("member_") : "NULL AS member_id"},
       ${
         mutual
           ? `(SELECT COUNT(*) FROM contacts a JOIN contacts b ON b.owner_id = r.from_id AND b.contact_id = a.contact_id
         WHERE a.owner_id = r.to_id)`
           : "0"
       } AS mutual_count,
       (SELECT COUNT(*) FROM group_members a JOIN group_members b ON b.group_id = a.group_id AND b.member_id = r.from_id
         WHERE a.member_id = r.to_id) AS shared_groups,
       (SELECT t.settings FROM members t WHERE t.id = r.to_id) AS recipient_settings,
       (SELECT COUNT(*) FROM contacts k WHERE k.owner_id = r.to_id AND k.contact_id = r.introduced_by)
         AS introducer_known
     FROM (SELECT * FROM requests q WHERE q.to_id = ? AND q.state = ?
       ${after ? "AND q.created_at <= ? AND (q.created_at, q.id) < (?, ?)" : ""}
       ORDER BY q.created_at DESC, q.id DESC LIMIT ?) r
     ${joined ? "JOIN members m ON m.id = r.from_id" : ""}
     ORDER BY r.created_at DESC, r.id DESC`,
    (r) => ({
      request: toRequest(r),
      from: r["member_id"] === null ? undefined : toSummary(r, "member_"),
      mutualCount: col.num(r, "mutual_count"),
      sharedGroupCount: col.num(r, "shared_groups"),
      recipientSettings: toSettings(col.str(r, "recipient_settings")),
      /** Whether whoever introduced the sender is the recipient's contact. */
      introducerKnown: col.num(r, "introducer_known") > 0,
    }),
  )
// Mutual contacts counted and senders joined; joined only (the network in memory counts);
// neither (in process, the senders' summaries from memory too).
const inboxWay = (after: boolean) => ({
  counted: inboxStatement(after, true, true),
  joined: inboxStatement(after, false, true),
  unjoined: inboxStatement(after, false, false),
})
const inbox = { first: inboxWay(false), after: inboxWay(true) }
const sentColumns = `${requestColumns}, ${summaryColumnsAs("member_")}`
const toSent = (r: Row) => ({ request: toRequest(r), to: toSummary(r, "member_") })
const sent = {
  first: statement(
    `SELECT ${sentColumns} FROM requests r JOIN members m ON m.id = r.to_id
     WHERE r.from_id = ? AND ${OPEN} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    toSent,
  ),
  after: statement(
    `SELECT ${sentColumns} FROM requests r JOIN members m ON m.id = r.to_id
     WHERE r.from_id = ? AND ${OPEN} AND r.created_at <= ? AND (r.created_at, r.id) < (?, ?)
     ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    toSent,
  ),
}
const outgoing = pages("from_id", OPEN)
const openBefore = statement(
  `SELECT ${requestColumns} FROM requests r WHERE ${OPEN} AND r.created_at <= ?
   ORDER BY r.created_at LIMIT ?`,
  toRequest,
)

/** Inserts a request (see `requestParams`). */
export const insertRequest = statement(`INSERT INTO requests
  (id, from_id, to_id, pair_lo, pair_hi, message, found_via, sender_category_ids, introduced_by,
   introducer_note, state, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
/** Writes a state change; only the state and its time ever change. */
export const updateRequest = statement("UPDATE requests SET state = ?, updated_at = ? WHERE id = ?")

/** The parameters of `updateRequest`. */
export const updateParams = (r: ContactRequest) => [r.state, iso(r.updatedAt), r.id]

export class Requests extends Effect.Service<Requests>()("@kontakt/store/Requests", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const readers = yield* ReaderViews
    const model = yield* ReadModel
    const members = yield* Members
    return {
      byId: (id: string) => Effect.map(db.all(byId, [id]), (rows) => Option.fromNullable(rows[0])),
      /** Every request between two members, either direction. */
      between: (x: MemberId, y: MemberId) => db.all(between, x < y ? [x, y] : [y, x]),
      insert: (request: ContactRequest) => db.run(insertRequest, requestParams(request)),
      update: (request: ContactRequest) => db.run(updateRequest, updateParams(request)),
      incoming: (
        to: MemberId,
        state: "pending" | "ignored",
        limit: number,
        after: RequestCursor | null,
      ) =>
        after === null
          ? db.all(incoming.first, [to, state, limit])
          : db.all(incoming.after, [to, state, after.at, after.at, after.id, limit]),
      outgoing: (from: MemberId, limit: number, after: RequestCursor | null) =>
        after === null
          ? db.all(outgoing.first, [from, limit])
          : db.all(outgoing.after, [from, after.at, after.at, after.id, limit]),
      /** A page of the inbox, each request with what its view and verdict need. */
      inbox: (
        to: MemberId,
        state: "pending" | "ignored",
        limit: number,
        after: RequestCursor | null,
      ) =>
        Effect.gen(function* () {
          const net = readers.network()
          if (net !== null) yield* model.sync
          const way = after === null ? inbox.first : inbox.after
          const rows = yield* db.all(
            net === null ? way.counted : db.inProcess ? way.unjoined : way.joined,
            after === null ? [to, state, limit] : [to, state, after.at, after.at, after.id, limit],
          )
          const named = yield* members.named(
            rows,
            (r) => r.request.from,
            (r) => r.from,
          )
          return named.map(([r, from]) =>
            net === null
              ? { ...r, from }
              : { ...r, from, mutualCount: net.mutualCount(to, r.request.from) },
          )
        }),
      /** A page of the member's open requests, each with its recipient's summary. */
      sent: (from: MemberId, limit: number, after: RequestCursor | null) =>
        after === null
          ? db.all(sent.first, [from, limit])
          : db.all(sent.after, [from, after.at, after.at, after.id, limit]),
      /** Open requests older than `before`, for the expiry sweep. */
      openBefore: (before: Date, limit: number) => db.all(openBefore, [iso(before), limit]),
    }
  }),
}) {}
