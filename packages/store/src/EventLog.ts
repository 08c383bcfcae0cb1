/**
 * Where events go: appended to the outbox (in order, with a sequence
 * number) and, in the same transaction, turned into notifications by the
 * domain's delivery policy. Nothing here decides who is told what.
 *
 * Feeds are not written at all: they are fanned out on read from the events
 * (readmodel/FeedIndex.ts), so a post costs its request one outbox row,
 * whatever the author's audience.
 */
import { type DomainEvent, deliver } from "@kontakt/domain"
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { multiRow, statement } from "./db/Statement.js"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"

// Any constant: on PostgreSQL, event-writing transactions take this lock just
// before their outbox rows and keep it to their commit, so rows become visible
// in sequence order and a follower reading `seq > n` can never skip one.
const lockOutbox = statement("SELECT pg_advisory_xact_lock(7250001)")
const insertEvents = multiRow("INSERT INTO outbox (tag, payload, at) VALUES", 3)
const insertNotifications = multiRow(
  "INSERT INTO notifications (id, recipient_id, kind, actor_id, subject_id, at) VALUES",
  6,
)

export class EventLog extends Effect.Service<EventLog>()("@kontakt/store/EventLog", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const ids = yield* Ids
    return {
      /** Appends events to the outbox and writes the notifications the delivery policy names. */
      record: (events: readonly DomainEvent[]) =>
        Effect.gen(function* () {
          if (events.length === 0) return
          if (db.dialect.name === "pg") yield* db.run(lockOutbox)
          yield* db.run(
            insertEvents(events.length),
            // Dates become ISO text in the payload; the outbox is read by other processes.
            events.flatMap((e) => [e._tag, JSON.stringify(e), iso(e.at)]),
          )
          const notifications = events.flatMap((e) => deliver(e).notifications)
          if (notifications.length === 0) return
          const params: (string | null)[] = []
          for (const n of notifications)
            params.push(yield* ids.next, n.recipient, n.kind, n.actor, n.subjectId, iso(n.at))
          yield* db.run(insertNotifications(notifications.length), params)
        }),
    }
  }),
}) {}
