/**
 * Where events go: appended to the outbox (in order, with a sequence number)
 * and, in the same transaction, turned into notifications and feed items by
 * the domain's delivery policy. Nothing here decides who is told what.
 *
 * One kind of delivery waits for the outbox instead: "A is now connected with
 * B" reaches both sides' contacts after the accept has committed, written by
 * whichever comes first — the background loop, or the next feed read
 * (`catchUpNews`). Accepting stays one small transaction, the news is never
 * lost (its event is committed with the connection), and no reader misses it.
 */
import { SqlClient } from "@effect/sql"
import { type DomainEvent, deliver, DomainEvent as Event } from "@kontakt/domain"
import { Effect } from "effect"
import { Fanout } from "./Fanout.js"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"
import { writeTransaction } from "./Transactions.js"

// Dates become ISO text in the payload; the outbox is read by other processes.
const payloadOf = (event: DomainEvent) => JSON.stringify(event)

// Any constant: on PostgreSQL, event-writing transactions take this lock just
// before their outbox rows and keep it to their commit, so rows become visible
// in sequence order and a follower reading `seq > n` can never skip one.
const OUTBOX_LOCK = 7_250_001

/** How many connection events one catch-up step delivers. */
const NEWS_STEP = 200

const isDeferred = (e: DomainEvent) => e._tag === "ConnectionMade"

export class EventLog extends Effect.Service<EventLog>()("@kontakt/store/EventLog", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const ids = yield* Ids
    const fanout = yield* Fanout

    const lockOutbox = sql.onDialectOrElse({
      pg: () => Effect.asVoid(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK})`),
      orElse: () => Effect.void,
    })

    const record = (events: readonly DomainEvent[]) =>
      Effect.gen(function* () {
        if (events.length === 0) return
        yield* lockOutbox
        yield* sql`INSERT INTO outbox ${sql.insert(
          events.map((e) => ({ tag: e._tag, payload: payloadOf(e), at: iso(e.at) })),
        )}`
        const outs = events.map((e) => ({ event: e, out: deliver(e) }))
        const notifications = outs.flatMap(({ out }) => out.notifications)
        if (notifications.length > 0) {
          const rows = []
          for (const n of notifications)
            rows.push({
              id: yield* ids.next,
              recipientId: n.recipient,
              kind: n.kind,
              actorId: n.actor,
              subjectId: n.subjectId,
              at: iso(n.at),
            })
          yield* sql`INSERT INTO notifications ${sql.insert(rows)}`
        }
        for (const { event, out } of outs) {
          if (!isDeferred(event)) for (const f of out.feed) yield* fanout.deliver(f)
          for (const r of out.retractions) yield* fanout.retract(r)
        }
      })

    /**
     * Delivers the connection news not yet delivered, up to a step's worth;
     * false when there was none. `skip` leaves the work to another process that
     * is at it already; `wait` waits for it (a reader about to read its feed).
     */
    const followNews = (mode: "skip" | "wait") =>
      writeTransaction(
        [],
        Effect.gen(function* () {
          const [cursor] = yield* sql.onDialectOrElse({
            pg: () =>
              sql<{ seq: number }>`SELECT seq FROM outbox_cursors WHERE name = 'connectionNews'
                ${mode === "skip" ? sql`FOR UPDATE SKIP LOCKED` : sql`FOR UPDATE`}`,
            orElse: () =>
              sql<{ seq: number }>`SELECT seq FROM outbox_cursors WHERE name = 'connectionNews'`,
          })
          if (cursor === undefined) return false
          const rows = yield* sql<{ seq: number; payload: string }>`SELECT seq, payload FROM outbox
            WHERE tag = 'ConnectionMade' AND seq > ${cursor.seq} ORDER BY seq LIMIT ${NEWS_STEP}`
          const last = rows.at(-1)
          if (last === undefined) return false
          for (const row of rows) {
            const p = JSON.parse(row.payload) as DomainEvent & { at: string }
            if (p._tag !== "ConnectionMade") continue
            const event = Event.ConnectionMade({ ...p, at: new Date(p.at) })
            for (const f of deliver(event).feed) yield* fanout.deliver(f)
          }
          yield* sql`UPDATE outbox_cursors SET seq = ${last.seq} WHERE name = 'connectionNews'`
          return true
        }),
      )

    const newsPending = Effect.map(
      sql<{ pending: number }>`SELECT 1 AS pending FROM outbox_cursors c
        JOIN outbox o ON o.tag = 'ConnectionMade' AND o.seq > c.seq
        WHERE c.name = 'connectionNews' LIMIT 1`,
      (rows) => rows.length > 0,
    )

    /** One step of background work: connection news first, then a queued fan-out's batch. */
    const drainOnce = Effect.flatMap(followNews("skip"), (worked) =>
      worked ? Effect.succeed(true) : fanout.drainOnce,
    )

    return {
      /** Appends events to the outbox and applies what the delivery policy says they cause. */
      record,
      /**
       * Delivers every connection news committed so far (a few steps at most),
       * so that a feed read right after an accept shows it. One cheap read when
       * there is none.
       */
      catchUpNews: Effect.gen(function* () {
        for (let step = 0; step < 10 && (yield* newsPending); step++) yield* followNews("wait")
      }),
      drainOnce,
      /** Does background work for as long as it runs, pausing briefly whenever there is none. */
      drainForever: Effect.forever(
        Effect.flatMap(drainOnce, (worked) => (worked ? Effect.void : Effect.sleep("50 millis"))),
      ),
    }
  }),
  dependencies: [Fanout.Default],
}) {}
