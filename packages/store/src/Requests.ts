/**
 * Stored requests and the facts about them that sending needs.
 */
import { SqlClient } from "@effect/sql"
import type { ContactRequest, MemberId } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { fromRequest, iso, type RequestRow, toRequest } from "./Rows.js"

const OPEN = ["pending", "ignored"] as const

export class Requests extends Effect.Service<Requests>()("@kontakt/store/Requests", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const cols = sql`id, from_id, to_id, message, found_via, state, created_at, updated_at`
    return {
      byId: (id: string) =>
        sql<RequestRow>`SELECT ${cols} FROM requests WHERE id = ${id}`.pipe(
          Effect.map((rows) => Option.fromNullable(rows[0]).pipe(Option.map(toRequest))),
        ),
      /** The open request from `from` to `to`, if any. */
      openFrom: (from: MemberId, to: MemberId) =>
        sql<RequestRow>`SELECT ${cols} FROM requests
          WHERE from_id = ${from} AND to_id = ${to} AND ${sql.in("state", OPEN)}`.pipe(
          Effect.map((rows) => (rows[0] === undefined ? null : toRequest(rows[0]))),
        ),
      /** Every request between two members, either direction. */
      between: (x: MemberId, y: MemberId) => {
        const [lo, hi] = x < y ? [x, y] : [y, x]
        return sql<RequestRow>`SELECT ${cols} FROM requests WHERE pair_lo = ${lo} AND pair_hi = ${hi}`.pipe(
          Effect.map((rows) => rows.map(toRequest)),
        )
      },
      lastWithdrawal: (from: MemberId, to: MemberId) =>
        sql<{ at: string | null }>`SELECT MAX(updated_at) AS at FROM requests
          WHERE from_id = ${from} AND to_id = ${to} AND state = 'withdrawn'`.pipe(
          Effect.map((rows) => (rows[0]?.at == null ? null : new Date(rows[0].at))),
        ),
      /** When `from` created requests since `since` (auto-accepted ones included). */
      sentSince: (from: MemberId, since: Date) =>
        sql<{ createdAt: string }>`SELECT created_at FROM requests
          WHERE from_id = ${from} AND created_at > ${iso(since)}`.pipe(
          Effect.map((rows) => rows.map((r) => new Date(r.createdAt))),
        ),
      openOutgoingCount: (from: MemberId) =>
        sql<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM requests
          WHERE from_id = ${from} AND ${sql.in("state", OPEN)}`.pipe(
          Effect.map((rows) => rows[0]?.n ?? 0),
        ),
      insert: (request: ContactRequest) =>
        sql`INSERT INTO requests ${sql.insert(fromRequest(request))}`.pipe(Effect.asVoid),
      /** Writes a state change; only the state and its time ever change. */
      update: (request: ContactRequest) =>
        sql`UPDATE requests SET state = ${request.state}, updated_at = ${iso(request.updatedAt)}
          WHERE id = ${request.id}`.pipe(Effect.asVoid),
      incoming: (
        to: MemberId,
        state: "pending" | "ignored",
        limit: number,
        after: { at: string; id: string } | null,
      ) =>
        sql<RequestRow>`SELECT ${cols} FROM requests WHERE to_id = ${to} AND state = ${state}
          ${after === null ? sql`` : sql`AND (created_at < ${after.at} OR (created_at = ${after.at} AND id < ${after.id}))`}
          ORDER BY created_at DESC, id DESC LIMIT ${limit}`.pipe(
          Effect.map((rows) => rows.map(toRequest)),
        ),
      outgoing: (from: MemberId, limit: number, after: { at: string; id: string } | null) =>
        sql<RequestRow>`SELECT ${cols} FROM requests WHERE from_id = ${from} AND ${sql.in("state", OPEN)}
          ${after === null ? sql`` : sql`AND (created_at < ${after.at} OR (created_at = ${after.at} AND id < ${after.id}))`}
          ORDER BY created_at DESC, id DESC LIMIT ${limit}`.pipe(
          Effect.map((rows) => rows.map(toRequest)),
        ),
      /** Open requests older than `before`, for the expiry sweep. */
      openBefore: (before: Date, limit: number) =>
        sql<RequestRow>`SELECT ${cols} FROM requests WHERE ${sql.in("state", OPEN)} AND created_at <= ${iso(before)}
          ORDER BY created_at LIMIT ${limit}`.pipe(Effect.map((rows) => rows.map(toRequest))),
    }
  }),
}) {}
