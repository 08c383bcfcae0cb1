/**
 * The outbox does not keep every event forever. Two passes, each from where
 * it stopped last time (`outbox_retention`), so a pass reads only what came
 * after — never the whole table:
 *
 * - events no feed is made of (mutes, blocks, profile changes, requests …)
 *   go once they are `outboxKeepDays` old (default 7): every process follows
 *   the outbox within seconds, and one that has not for half that time loads
 *   afresh instead of catching up (ReadModel.ts), so none misses one;
 * - the feed's events (posts, likes, comments, shares, connections) go once
 *   they are `outboxKeepDays` older than `feedDays` (default 180 + 7): a
 *   process's start replays only the last `feedDays` of them, and a running
 *   process has them in memory already.
 *
 * Everything else the graph index and the feeds need is in the tables
 * (contacts, posts, likes, …), which a load reads. Run on a timer by the
 * server (docs/storage.md); a pass does at most `limit` rows per step, each
 * step one transaction, and passes may run in several processes at once.
 */
import { Effect } from "effect"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { iso } from "./Rows.js"
import { FEED_TAGS, ReadModelSettings } from "./readmodel/ReadModel.js"

const DAY = 86_400_000
const mark = statement("SELECT seq FROM outbox_retention WHERE name = ?", (r) => col.num(r, "seq"))
const setMark = statement("UPDATE outbox_retention SET seq = ? WHERE name = ? AND seq < ?")
const next = statement(
  "SELECT seq, tag, at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
  (r) => ({
    seq: col.num(r, "seq"),
    tag: col.str(r, "tag"),
    at: col.str(r, "at"),
  }),
)
const remove = statement(
  (d) =>
    `DELETE FROM outbox WHERE seq IN (SELECT CAST(value AS BIGINT) FROM ${
      d.name === "pg" ? "unnest(?::text[]) AS value" : "json_each(?)"
    })`,
)

const feedTags: ReadonlySet<string> = new Set(FEED_TAGS)

export class OutboxRetention extends Effect.Service<OutboxRetention>()(
  "@kontakt/store/OutboxRetention",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const settings = yield* ReadModelSettings
      /**
       * One pass: from the pass's mark, the rows older than `before` in
       * sequence order; those `gone` chooses are deleted, and the mark moves
       * past them all. Stops at the first row not older (the outbox is in
       * time order as it is in sequence order).
       */
      const pass = (name: string, before: string, gone: (tag: string) => boolean, limit: number) =>
        Effect.gen(function* () {
          let removed = 0
          for (;;) {
            const from = (yield* db.all(mark, [name]))[0] ?? 0
            const rows = yield* db.all(next, [from, limit])
            const younger = rows.findIndex((r) => r.at >= before)
            const old = younger < 0 ? rows : rows.slice(0, younger)
            const last = old.at(-1)
            if (last === undefined) return removed
            const seqs = old.filter((r) => gone(r.tag)).map((r) => String(r.seq))
            yield* db.transaction(
              Effect.gen(function* () {
                if (seqs.length > 0) yield* db.run(remove, [seqs])
                yield* db.run(setMark, [last.seq, name, last.seq])
              }),
            )
            removed += seqs.length
            if (old.length < rows.length || rows.length < limit) return removed
          }
        })
      return {
        /** Prunes what no process needs any more, as of `now`; returns how many events went. */
        prune: (now: Date, limit = 1_000) =>
          Effect.gen(function* () {
            const others = yield* pass(
              "others",
              iso(new Date(now.getTime() - settings.outboxKeepDays * DAY)),
              (tag) => !feedTags.has(tag),
              limit,
            )
            const feed = yield* pass(
              "feed",
              iso(new Date(now.getTime() - (settings.feedDays + settings.outboxKeepDays) * DAY)),
              () => true,
              limit,
            )
            return others + feed
          }),
      }
    }),
  },
) {}
