/**
 * What this process keeps in memory, built from the database once and kept
 * current by following the outbox in sequence order: the feed (fanned out on
 * read, FeedIndex.ts), every member's muted contacts and blocks (a feed page
 * filters by them), the summaries of members read lately (SummaryCache.ts),
 * and whatever else subscribes — the API's network index.
 *
 * `sync` reads the events committed since this process last looked (one
 * indexed statement; nothing when there is nothing new) and applies them, so
 * a read that syncs first sees every write committed before it, from any
 * process. Loading reads the outbox position first and the state after it,
 * then replays from that position: every change is idempotent (sets, and
 * feed entries only ever come from the replay), so the state converges.
 */
import { type DomainEvent, deliver, type MemberId } from "@kontakt/domain"
import { Context, Effect, FiberRef, Layer } from "effect"
import { Db, type DbShape, type SqlError } from "../db/Db.js"
import { col, type Row, statement } from "../db/Statement.js"
import { FeedIndex } from "./FeedIndex.js"
import { SummaryCache } from "./SummaryCache.js"

/** Something else this process keeps current from the outbox. */
export interface Subscriber {
  /** Loads its state as of now; the outbox position was read before. */
  readonly load: (db: DbShape) => Effect.Effect<void, SqlError>
  /** Applies one event, in sequence order. */
  readonly apply: (event: DomainEvent) => void
}

/**
 * How far back the feed reaches, how much of each member it keeps, how many
 * summaries; and how long the outbox keeps events no feed needs
 * (`outboxKeepDays`, OutboxRetention.ts) — a process that has not followed
 * the outbox for half that time loads afresh rather than catch up, so it
 * never misses an event pruned meanwhile.
 */
export class ReadModelSettings extends Context.Reference<ReadModelSettings>()(
  "@kontakt/store/ReadModelSettings",
  {
    defaultValue: () => ({
      feedDays: 180,
      perMemberEntries: 200,
      summaries: 20_000,
      outboxKeepDays: 7,
    }),
  },
) {}

/** The read model's settings with some changed (the rest their defaults), as a layer. */
export const readModelSettings = (
  changes: Partial<Context.Tag.Service<typeof ReadModelSettings>>,
) => Layer.succeed(ReadModelSettings, { ...ReadModelSettings.defaultValue(), ...changes })

/** The events a feed is made of: a process's start replays those of the last `feedDays`. */
export const FEED_TAGS = [
  "PostPublished",
  "PostDeleted",
  "PostLiked",
  "PostUnliked",
  "PostCommented",
  "PostShared",
  "ConnectionMade",
  "ConnectionRemoved",
] as const

/** One outbox row as an event: its payload is the event with `at` as ISO text. */
export const toEvent = (r: Row) => ({
  seq: col.num(r, "seq"),
  event: ((p) => ({ ...p, at: new Date(p.at) }))(
    JSON.parse(col.str(r, "payload")) as DomainEvent & { at: string },
  ) as DomainEvent,
})

/** Whether the running unit of work (a request) has synced already: then `sync` does nothing. */
const synced: FiberRef.FiberRef<boolean> = FiberRef.unsafeMake(false)

/** Runs `effect` as having synced the read model (its request did, with the session lookup). */
export const alreadySynced = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.locally(effect, synced, true)

/** How many events one catch-up step reads. */
export const SYNC_STEP = 1_000
const STEP = SYNC_STEP
const head = statement("SELECT COALESCE(MAX(seq), 0) AS seq FROM outbox", (r) => col.num(r, "seq"))
const after = statement(
  `SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ${STEP}`,
  toEvent,
)
const feedEvents = statement(
  (d) => `SELECT seq, payload FROM outbox WHERE seq > ? AND seq <= ? AND at > ? AND tag IN ${d.list}
   ORDER BY seq LIMIT ${STEP}`,
  toEvent,
)
const muted = statement("SELECT owner_id, contact_id FROM contacts WHERE muted = 1", (r) => [
  col.str(r, "owner_id"),
  col.str(r, "contact_id"),
])
const hiding = statement("SELECT id FROM members WHERE hide_contacts = 1", (r) => col.str(r, "id"))
// Who is open to networking, who has a photo: what suggestions rank by after shared ground.
const traits = statement(
  `SELECT m.id, m.open_to_networking,
     CASE WHEN EXISTS (SELECT 1 FROM photos p WHERE p.member_id = m.id) THEN 1 ELSE 0 END AS has_photo
   FROM members m
   WHERE m.open_to_networking = 1 OR EXISTS (SELECT 1 FROM photos p WHERE p.member_id = m.id)`,
  (r) => ({
    id: col.str(r, "id"),
    open: col.bool(r, "open_to_networking"),
    photo: col.bool(r, "has_photo"),
  }),
)
const blocks = statement("SELECT blocker_id, blocked_id FROM blocks", (r) => [
  col.str(r, "blocker_id"),
  col.str(r, "blocked_id"),
])

const setOf = (map: Map<MemberId, Set<MemberId>>, key: MemberId) => {
  let s = map.get(key)
  if (s === undefined) {
    s = new Set()
    map.set(key, s)
  }
  return s
}
const none: ReadonlySet<MemberId> = new Set()

export class ReadModel extends Effect.Service<ReadModel>()("@kontakt/store/ReadModel", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const settings = yield* ReadModelSettings
    const subscribers: Subscriber[] = []
    let feed = new FeedIndex(settings.perMemberEntries)
    const mutedBy = new Map<MemberId, Set<MemberId>>()
    // Blocks by who blocked, and by who was blocked: "blocked with" is either.
    const blocking = new Map<MemberId, Set<MemberId>>()
    const blockedBy = new Map<MemberId, Set<MemberId>>()
    const hidingContacts = new Set<MemberId>()
    const openToNetworking = new Set<MemberId>()
    const withPhoto = new Set<MemberId>()
    const mark = (set: Set<MemberId>, member: MemberId, on: boolean | undefined) => {
      if (on === true) set.add(member)
      else if (on === false) set.delete(member)
    }
    const summaries = new SummaryCache(settings.summaries)
    let seq = -1
    // When this process last read the outbox (wall clock); past `staleAfterMs` it loads afresh.
    let followedAt = 0
    const staleAfterMs = (settings.outboxKeepDays * 86_400_000) / 2
    const stale = () => seq >= 0 && Date.now() - followedAt > staleAfterMs

    const apply = (event: DomainEvent) => {
      switch (event._tag) {
        case "ContactMuted":
          setOf(mutedBy, event.owner).add(event.contact)
          break
        case "ContactUnmuted":
          mutedBy.get(event.owner)?.delete(event.contact)
          break
        case "ConnectionRemoved":
          mutedBy.get(event.by)?.delete(event.other)
          mutedBy.get(event.other)?.delete(event.by)
          break
        case "MemberBlocked":
          setOf(blocking, event.by).add(event.member)
          setOf(blockedBy, event.member).add(event.by)
          break
        case "MemberUnblocked":
          blocking.get(event.by)?.delete(event.member)
          blockedBy.get(event.member)?.delete(event.by)
          break
        case "ContactListVisibilityChanged":
          if (event.hidden) hidingContacts.add(event.member)
          else hidingContacts.delete(event.member)
          break
        case "ProfileChanged":
          mark(openToNetworking, event.member, event.openToNetworking)
          mark(withPhoto, event.member, event.hasPhoto)
          summaries.forget(event.member)
          break
        case "AccountDeleted":
          openToNetworking.delete(event.member)
          withPhoto.delete(event.member)
          summaries.forget(event.member)
          break
      }
      if ((FEED_TAGS as readonly string[]).includes(event._tag)) {
        const out = deliver(event)
        for (const r of out.retractions) feed.retract(r)
        for (const f of out.feed) feed.add(f)
      }
      for (const s of subscribers) s.apply(event)
    }

    const load = Effect.gen(function* () {
      const position = (yield* db.all(head))[0] ?? 0
      summaries.clear()
      for (const s of subscribers) yield* s.load(db)
      mutedBy.clear()
      for (const [owner, contact] of yield* db.all(muted))
        setOf(mutedBy, owner ?? "").add(contact ?? "")
      hidingContacts.clear()
      for (const id of yield* db.all(hiding)) hidingContacts.add(id)
      openToNetworking.clear()
      withPhoto.clear()
      for (const m of yield* db.all(traits)) {
        mark(openToNetworking, m.id, m.open)
        mark(withPhoto, m.id, m.photo)
      }
      blocking.clear()
      blockedBy.clear()
      for (const [by, member] of yield* db.all(blocks)) {
        setOf(blocking, by ?? "").add(member ?? "")
        setOf(blockedBy, member ?? "").add(by ?? "")
      }
      feed = new FeedIndex(settings.perMemberEntries)
      const since = new Date(Date.now() - settings.feedDays * 86_400_000).toISOString()
      let from = 0
      for (;;) {
        const rows = yield* db.all(feedEvents, [from, position, since, [...FEED_TAGS]])
        for (const r of rows) {
          const out = deliver(r.event)
          for (const x of out.retractions) feed.retract(x)
          for (const f of out.feed) feed.add(f)
        }
        const last = rows.at(-1)
        if (last === undefined || rows.length < STEP) break
        from = last.seq
      }
      seq = position
      followedAt = Date.now()
    })

    /** Applies rows read after the position (in order; any already applied are skipped). */
    const applyRows = (rows: readonly { seq: number; event: DomainEvent }[]) => {
      followedAt = Date.now()
      for (const r of rows) {
        if (r.seq <= seq) continue
        apply(r.event)
        seq = r.seq
      }
      return rows.length
    }

    const catchUp: Effect.Effect<void, SqlError> = Effect.suspend(() =>
      seq < 0 || stale()
        ? load
        : Effect.flatMap(db.all(after, [seq]), (rows) =>
            applyRows(rows) < STEP ? Effect.void : catchUp,
          ),
    )
    const sync = Effect.flatMap(FiberRef.get(synced), (done) => (done ? Effect.void : catchUp))

    return {
      /**
       * Catches up with the outbox: one statement when there is nothing new,
       * none when this request has synced already.
       */
      sync,
      /**
       * Where this process is in the outbox, for a statement that reads the
       * events after it along with something else (the session lookup), or
       * null before the first load (or when this process has not followed
       * the outbox for so long that events it has not read may be pruned:
       * then `sync` loads afresh); `apply` takes such rows, and says whether
       * there may be more.
       */
      position: () => (seq < 0 || stale() ? null : seq),
      apply: (rows: readonly { seq: number; event: DomainEvent }[]) => applyRows(rows) >= STEP,
      /** Members who hide their contact list. */
      hidingContacts: (): ReadonlySet<MemberId> => hidingContacts,
      /**
       * How a member stands out among equally good suggestions: open to
       * networking counts 2, a photo 1 (the same as NetworkSql's `standing`).
       */
      standingOf: (member: MemberId): number =>
        (openToNetworking.has(member) ? 2 : 0) + (withPhoto.has(member) ? 1 : 0),
      /** Adds something to keep current (before the first sync). */
      subscribe: (s: Subscriber) => {
        subscribers.push(s)
        seq = -1
      },
      feed: () => feed,
      /** Members' summaries read lately, true as of the last sync (read them after syncing). */
      summaries,
      mutedBy: (member: MemberId): ReadonlySet<MemberId> => mutedBy.get(member) ?? none,
      /** Members blocked by or blocking `member`. */
      blockedWith: (member: MemberId): ReadonlySet<MemberId> => {
        const by = blocking.get(member)
        const of = blockedBy.get(member)
        if (by === undefined || by.size === 0) return of ?? none
        if (of === undefined || of.size === 0) return by
        return new Set([...by, ...of])
      },
    }
  }),
}) {}
