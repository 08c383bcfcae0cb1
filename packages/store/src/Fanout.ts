/**
 * Writing feed items: a fan-out's readers become rows in `feed_items`, at once
 * for an ordinary audience, or queued in `fanout_jobs` and written in batches
 * for a very large one. Retractions take rows (and pending jobs) back. What
 * reaches whom is decided by the domain's delivery policy, never here.
 */
import { SqlClient } from "@effect/sql"
import {
  type Fanout as FanoutOf,
  type FeedSubject,
  type Retraction,
  subjectKey,
} from "@kontakt/domain"
import { Context, Effect } from "effect"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"
import { writeTransaction } from "./Transactions.js"

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

/** When a fan-out is queued instead of written at once, and how large its batches are. */
export class FanoutSettings extends Context.Reference<FanoutSettings>()(
  "@kontakt/store/FanoutSettings",
  {
    // Up to 1,000 readers are written at once; beyond, each row lands on its own index
    // pages and 5,000 of them cost ~0.2 s (see docs/feed.md), so they are queued.
    defaultValue: () => ({ inlineMax: 1_000, batch: 5_000 }),
  },
) {}

export class Fanout extends Effect.Service<Fanout>()("@kontakt/store/Fanout", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const ids = yield* Ids

    /**
     * Writes a fan-out's feed items. For a contacts audience a window of the
     * contacts can be given (ids after `after`, up to and including `upTo`),
     * which is how queued jobs proceed in batches.
     */
    const write = (
      f: FanoutOf,
      window: { readonly after: string; readonly upTo: string | null } | null = null,
    ) => {
      const cols = subjectColumns(f.subject)
      const others = f.excludeBlockedWith
      const notBlocked =
        others.length === 0
          ? sql`1 = 1`
          : sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE
              (b.blocker_id = r.reader AND ${sql.in("b.blocked_id", others)})
              OR (b.blocked_id = r.reader AND ${sql.in("b.blocker_id", others)}))`
      // Written after the fact (a queued job, connection news): nothing for a subject that is gone.
      const [lo, hi] = [cols.memberA, cols.memberB ?? ""].sort()
      const subjectExists =
        cols.postId !== null
          ? sql`EXISTS (SELECT 1 FROM posts p WHERE p.id = ${cols.postId})`
          : sql`EXISTS (SELECT 1 FROM connections k WHERE k.pair_lo = ${lo} AND k.pair_hi = ${hi})`
      const readers =
        f.audience._tag === "Member"
          ? sql`SELECT CAST(${f.audience.member} AS TEXT) AS reader`
          : sql`SELECT c.contact_id AS reader FROM contacts c WHERE c.owner_id = ${f.audience.member}
              ${f.audience.except.length === 0 ? sql`` : sql`AND NOT (${sql.in("c.contact_id", f.audience.except)})`}
              ${window === null ? sql`` : sql`AND c.contact_id > ${window.after}`}
              ${window === null || window.upTo === null ? sql`` : sql`AND c.contact_id <= ${window.upTo}`}`
      return sql`INSERT INTO feed_items (reader_id, subject_key, subject_kind, post_id, member_a, member_b, brought_by, reason, at)
        SELECT r.reader, ${cols.subjectKey}, ${cols.subjectKind}, ${cols.postId}, ${cols.memberA}, ${cols.memberB},
          ${f.broughtBy}, ${f.reason}, ${iso(f.at)}
        FROM (${readers}) r WHERE ${notBlocked} AND ${subjectExists}
        ON CONFLICT (reader_id, subject_key, brought_by, reason) DO UPDATE SET at = EXCLUDED.at`
    }

    /** Writes an ordinary audience at once; queues a very large one (in the caller's transaction). */
    const deliver = (f: FanoutOf) =>
      Effect.gen(function* () {
        const settings = yield* FanoutSettings
        if (f.audience._tag === "ContactsOf") {
          // Only whether the audience exceeds the limit matters: count no further than one past it.
          const [row] = yield* sql<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (
            SELECT 1 FROM contacts WHERE owner_id = ${f.audience.member} LIMIT ${settings.inlineMax + 1}) x`
          if ((row?.n ?? 0) > settings.inlineMax) {
            yield* sql`INSERT INTO fanout_jobs ${sql.insert({
              id: yield* ids.next,
              fanout: JSON.stringify(f),
              subjectKey: subjectKey(f.subject),
              broughtBy: f.broughtBy,
              reason: f.reason,
              createdAt: iso(f.at),
            })}`
            return
          }
        }
        yield* write(f)
      })

    /** Writes the next batch of the oldest queued fan-out; false when the queue is empty. */
    const drainOnce = Effect.gen(function* () {
      const settings = yield* FanoutSettings
      const claim = sql.onDialectOrElse({
        pg: () => sql<{
          id: string
          fanout: string
          afterContact: string
        }>`SELECT id, fanout, after_contact FROM fanout_jobs
          ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        orElse: () => sql<{
          id: string
          fanout: string
          afterContact: string
        }>`SELECT id, fanout, after_contact FROM fanout_jobs
          ORDER BY created_at, id LIMIT 1`,
      })
      return yield* writeTransaction(
        [],
        Effect.gen(function* () {
          const [job] = yield* claim
          if (job === undefined) return false
          const parsed = JSON.parse(job.fanout) as FanoutOf
          const f: FanoutOf = { ...parsed, at: new Date(parsed.at) }
          const member = f.audience._tag === "ContactsOf" ? f.audience.member : ""
          const [edge] = yield* sql<{ contactId: string }>`SELECT contact_id FROM contacts
            WHERE owner_id = ${member} AND contact_id > ${job.afterContact}
            ORDER BY contact_id LIMIT 1 OFFSET ${settings.batch - 1}`
          const upTo = edge?.contactId ?? null
          yield* write(f, { after: job.afterContact, upTo })
          if (upTo === null) yield* sql`DELETE FROM fanout_jobs WHERE id = ${job.id}`
          else yield* sql`UPDATE fanout_jobs SET after_contact = ${upTo} WHERE id = ${job.id}`
          return true
        }),
      )
    })

    /** Takes feed items back, and any queued fan-out that would write them again. */
    const retract = (r: Retraction) => {
      switch (r._tag) {
        case "Subject": {
          const key = subjectKey(r.subject)
          return Effect.zipRight(
            sql`DELETE FROM feed_items WHERE subject_key = ${key}`,
            sql`DELETE FROM fanout_jobs WHERE subject_key = ${key}`,
          )
        }
        case "BroughtBy": {
          const key = subjectKey(r.subject)
          return Effect.zipRight(
            sql`DELETE FROM feed_items WHERE subject_key = ${key} AND brought_by = ${r.member} AND reason = ${r.reason}`,
            sql`DELETE FROM fanout_jobs WHERE subject_key = ${key} AND brought_by = ${r.member} AND reason = ${r.reason}`,
          )
        }
        case "BetweenMembers":
          // No longer connected: what each brought the other goes; what others brought stays.
          return sql`DELETE FROM feed_items
            WHERE (reader_id = ${r.a} AND brought_by = ${r.b}) OR (reader_id = ${r.b} AND brought_by = ${r.a})`
      }
    }

    return { write, deliver, drainOnce, retract }
  }),
}) {}
