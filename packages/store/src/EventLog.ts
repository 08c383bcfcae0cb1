/**
 * Where events go: appended to the outbox (in order, with a sequence number)
 * and, in the same transaction, turned into notifications and feed items by
 * the domain's delivery policy. Nothing here decides who is told what.
 */
import { SqlClient } from "@effect/sql"
import {
  type DomainEvent,
  deliver,
  type Fanout,
  type FeedSubject,
  subjectKey,
} from "@kontakt/domain"
import { Effect } from "effect"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"

const subjectColumns = (s: FeedSubject) =>
  s.kind === "post"
    ? {
        subjectKey: subjectKey(s),
        subjectKind: s.kind,
        postId: s.postId,
        memberA: s.author,
        memberB: null,
      }
    : { subjectKey: subjectKey(s), subjectKind: s.kind, postId: null, memberA: s.a, memberB: s.b }

// Dates become ISO text in the payload; the outbox is read by other processes.
const payloadOf = (event: DomainEvent) => JSON.stringify(event)

export class EventLog extends Effect.Service<EventLog>()("@kontakt/store/EventLog", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const ids = yield* Ids

    const fanout = (f: Fanout) => {
      const cols = subjectColumns(f.subject)
      const others = f.excludeBlockedWith
      const notBlocked =
        others.length === 0
          ? sql`1 = 1`
          : sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE
              (b.blocker_id = r.reader AND ${sql.in("b.blocked_id", others)})
              OR (b.blocked_id = r.reader AND ${sql.in("b.blocker_id", others)}))`
      const readers =
        f.audience._tag === "Member"
          ? sql`SELECT CAST(${f.audience.member} AS TEXT) AS reader`
          : sql`SELECT c.contact_id AS reader FROM contacts c WHERE c.owner_id = ${f.audience.member}
              ${f.audience.except.length === 0 ? sql`` : sql`AND NOT (${sql.in("c.contact_id", f.audience.except)})`}`
      return sql`INSERT INTO feed_items (reader_id, subject_key, subject_kind, post_id, member_a, member_b, brought_by, reason, at)
        SELECT r.reader, ${cols.subjectKey}, ${cols.subjectKind}, ${cols.postId}, ${cols.memberA}, ${cols.memberB},
          ${f.broughtBy}, ${f.reason}, ${iso(f.at)}
        FROM (${readers}) r WHERE ${notBlocked}
        ON CONFLICT (reader_id, subject_key, brought_by, reason) DO UPDATE SET at = EXCLUDED.at`
    }

    return {
      /** Appends events to the outbox and applies what the delivery policy says they cause. */
      record: (events: readonly DomainEvent[]) =>
        Effect.forEach(
          events,
          (event) =>
            Effect.gen(function* () {
              yield* sql`INSERT INTO outbox (tag, payload, at) VALUES (${event._tag}, ${payloadOf(event)}, ${iso(event.at)})`
              const out = deliver(event)
              for (const n of out.notifications) {
                const id = yield* ids.next
                yield* sql`INSERT INTO notifications ${sql.insert({
                  id,
                  recipientId: n.recipient,
                  kind: n.kind,
                  actorId: n.actor,
                  subjectId: n.subjectId,
                  at: iso(n.at),
                })}`
              }
              for (const f of out.feed) yield* fanout(f)
              for (const r of out.retractions) {
                const key = subjectKey(r.subject)
                yield* r._tag === "Subject"
                  ? sql`DELETE FROM feed_items WHERE subject_key = ${key}`
                  : sql`DELETE FROM feed_items WHERE subject_key = ${key} AND brought_by = ${r.member} AND reason = ${r.reason}`
              }
            }),
          { discard: true },
        ),
    }
  }),
}) {}
