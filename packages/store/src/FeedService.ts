/**
 * Posts and the feed: publish, delete, like, unlike, comment, share, flag,
 * each one transaction whose facts are one read; a reader's feed page, its
 * skeleton from the read model (fanned out on read), its posts in one more
 * statement, the members it shows from memory (and those not there yet read
 * along with the posts).
 */
import {
  AlreadyLiked,
  CategoryNotFound,
  type CommentInput,
  commentOnPost,
  deletePost,
  type FeedItem,
  type FeedReason,
  type FeedSubject,
  flagPost,
  likePost,
  type MemberId,
  MemberNotFound,
  type Post,
  type PostInput,
  PostNotFound,
  publishPost,
  type ShareInput,
  sharePost,
  unflagPost,
  unlikePost,
} from "@kontakt/domain"
import { Effect } from "effect"
import { blockedWith, notBlockedBy, unblocked } from "./Blocks.js"
import { UNCATEGORIZED } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { Db, isUniqueViolation } from "./db/Db.js"
import {
  col,
  type Dialect,
  multiRow,
  type Param,
  type Row,
  type Statement,
  statement,
} from "./db/Statement.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { type MemberSummary, Members, summaryColumnsAs, toSummary } from "./Members.js"
import { END_OF_TIME, iso } from "./Rows.js"
import type { FeedCursor } from "./readmodel/FeedIndex.js"
import { ReaderViews } from "./readmodel/ReaderViews.js"
import { alreadySynced, ReadModel } from "./readmodel/ReadModel.js"

/** A post with what the reader needs to show it. */
export interface PostDetails {
  readonly post: Post
  readonly author: MemberSummary | undefined
  readonly likes: number
  readonly comments: number
  readonly likedByMe: boolean
  readonly flaggedByMe: boolean
}

/** One item of a feed page, with everything it shows. */
export interface FeedEntry {
  readonly key: string
  readonly subject: FeedSubject
  readonly post: PostDetails | null
  readonly connection: {
    readonly a: MemberSummary | undefined
    readonly b: MemberSummary | undefined
  } | null
  readonly broughtBy: readonly {
    readonly member: MemberSummary | undefined
    readonly reason: FeedReason
    /** Every reason they had, the latest first (liked and commented). */
    readonly reasons: readonly FeedReason[]
    /** The words they shared the post with, when they shared it (and wrote some). */
    readonly words: string | null
  }[]
  readonly latestAt: Date
}

const toPost = (r: Row): Post => ({
  id: col.str(r, "id"),
  author: col.str(r, "author_id"),
  text: col.str(r, "text"),
  link: col.strOrNull(r, "link"),
  createdAt: new Date(col.str(r, "created_at")),
})

// A post as an actor finds it: whether a block stands between them, whether it was delivered
// to them (their own, or it reaches them as it would reach their feed: they are the author's
// contact, or the contact of someone who liked, commented on or shared it, and not blocked with
// them), whether they like it, whether they flagged it. Parameters: `postForParams`.
const broughtBy = (table: string, member: string) =>
  `EXISTS (SELECT 1 FROM ${table} x JOIN contacts c ON c.owner_id = ? AND c.contact_id = x.${member}
     WHERE x.post_id = p.id AND ${unblocked(`x.${member}`, "c.owner_id")})`
const postFor = statement(
  `SELECT p.id, p.author_id, p.text, p.link, p.created_at,
     CASE WHEN p.author_id <> ? AND EXISTS (SELECT 1 FROM blocks b
       WHERE (b.blocker_id = ? AND b.blocked_id = p.author_id) OR (b.blocker_id = p.author_id AND b.blocked_id = ?))
       THEN 1 ELSE 0 END AS blocked,
     CASE WHEN p.author_id = ?
       OR EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = ? AND c.contact_id = p.author_id)
       OR ${broughtBy("likes", "member_id")} OR ${broughtBy("comments", "author_id")}
       OR ${broughtBy("shares", "member_id")}
       THEN 1 ELSE 0 END AS delivered,
     CASE WHEN EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.id AND l.member_id = ?) THEN 1 ELSE 0 END AS liked,
     CASE WHEN EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.id AND f.member_id = ?) THEN 1 ELSE 0 END AS flagged
   FROM posts p WHERE p.id = ?`,
  (r) => ({
    post: toPost(r),
    blocked: col.bool(r, "blocked"),
    delivered: col.bool(r, "delivered"),
    liked: col.bool(r, "liked"),
    flagged: col.bool(r, "flagged"),
  }),
)
const postForParams = (actor: MemberId, id: string) => [
  ...Array.from({ length: 10 }, () => actor),
  id,
]

// Posts with their counts and the reader's marks (the members a page shows come from Members).
// The counts leave out whoever the comment list leaves out: members blocked either way. They
// are kept on the post (migration 19's triggers), less the likes and comments of the members the
// reader is blocked with: constant time for a post however many liked it. Parameters: the
// reader, six times. CROSS JOIN keeps SQLite's loop on the reader's blocks (a plain join would
// walk the post's likes).
const postDetailColumns = `p.id, p.author_id, p.text, p.link, p.created_at,
     p.like_count - (SELECT COUNT(*) FROM (${blockedWith("?")}) bl
       CROSS JOIN likes l WHERE l.post_id = p.id AND l.member_id = bl.m) AS likes,
     p.comment_count - (SELECT COUNT(*) FROM (${blockedWith("?")}) bc
       CROSS JOIN comments k WHERE k.author_id = bc.m AND k.post_id = p.id) AS comments,
     CASE WHEN EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.id AND l.member_id = ?) THEN 1 ELSE 0 END AS liked,
     CASE WHEN EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.id AND f.member_id = ?) THEN 1 ELSE 0 END AS flagged`
const toPostDetails = (r: Row) => ({
  post: toPost(r),
  likes: col.num(r, "likes"),
  comments: col.num(r, "comments"),
  likedByMe: col.bool(r, "liked"),
  flaggedByMe: col.bool(r, "flagged"),
})
const postsById = statement(
  (d) => `SELECT ${postDetailColumns} FROM posts p WHERE p.id IN ${d.list}`,
  toPostDetails,
)
type PostRow = ReturnType<typeof toPostDetails> & {
  readonly share?: { readonly member: string; readonly text: string | null } | null
}
// The same, with the words of the shares by some members (those a page names as sharers): one
// row per share, or one with no share. Parameters: the reader six times, the sharers, the posts.
const postsWithShares = statement(
  (d) => `SELECT ${postDetailColumns}, s.member_id AS share_member, s.text AS share_text
   FROM posts p LEFT JOIN shares s ON s.post_id = p.id AND s.member_id IN ${d.list}
   WHERE p.id IN ${d.list} ORDER BY p.id, s.created_at DESC`,
  (r) => ({
    ...toPostDetails(r),
    share:
      r["share_member"] === null || r["share_member"] === undefined
        ? null
        : { member: col.str(r, "share_member"), text: col.strOrNull(r, "share_text") },
  }),
)
// A member's wall as a reader finds it: whether a block stands between them, and whether the
// reader may read it (the member's own, or their contact's).
const wallOwner = statement(
  `SELECT m.id,
     CASE WHEN m.id <> ? AND EXISTS (SELECT 1 FROM blocks b
       WHERE (b.blocker_id = ? AND b.blocked_id = m.id) OR (b.blocker_id = m.id AND b.blocked_id = ?))
       THEN 1 ELSE 0 END AS blocked,
     CASE WHEN m.id = ? OR EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = ? AND c.contact_id = m.id)
       THEN 1 ELSE 0 END AS readable
   FROM members m WHERE m.handle = ?`,
  (r) => ({
    id: col.str(r, "id"),
    blocked: col.bool(r, "blocked"),
    readable: col.bool(r, "readable"),
  }),
)
// The newest of a member's posts after a keyset cursor (when, id), from the author's index; the
// first page starts at END_OF_TIME.
const wallPosts = statement(
  `SELECT ${postDetailColumns} FROM posts p
   WHERE p.author_id = ? AND (p.created_at < ? OR (p.created_at = ? AND p.id < ?))
   ORDER BY p.created_at DESC, p.id DESC LIMIT ?`,
  toPostDetails,
)

const insertPost = statement(
  "INSERT INTO posts (id, author_id, text, link, created_at) VALUES (?, ?, ?, ?, ?)",
)
const removePost = statement("DELETE FROM posts WHERE id = ?")
const insertLike = statement("INSERT INTO likes (post_id, member_id, at) VALUES (?, ?, ?)")
const removeLike = statement("DELETE FROM likes WHERE post_id = ? AND member_id = ?")
const insertComment = statement(
  "INSERT INTO comments (id, post_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
)
const insertShare = statement(
  "INSERT INTO shares (id, post_id, member_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
)
const insertFlag = statement(`INSERT INTO flags (post_id, member_id, at) VALUES (?, ?, ?)
  ON CONFLICT (post_id, member_id) DO NOTHING`)
const removeFlag = statement("DELETE FROM flags WHERE post_id = ? AND member_id = ?")
// Those of the flagger's contacts who liked, commented on or shared the post (only they could
// have brought it to the flagger: the read stays within the flagger's contacts, whatever the
// post's audience), each with whether a block stands between them. Parameters: the flagger
// twice, then flagger and post three times. The domain's flagPost decides whom the flag counts
// against.
const reacting = (table: string, member: string) =>
  `SELECT x.${member} AS member FROM ${table} x
   JOIN contacts c ON c.owner_id = ? AND c.contact_id = x.${member} WHERE x.post_id = ?`
const flaggersReactors = statement(
  `SELECT DISTINCT r.member,
     CASE WHEN ${unblocked("r.member", "?")} THEN 0 ELSE 1 END AS blocked
   FROM (${reacting("likes", "member_id")} UNION ${reacting("comments", "author_id")}
     UNION ${reacting("shares", "member_id")}) r`,
  (r) => ({
    member: col.str(r, "member"),
    isFlaggersContact: true,
    blockedWithFlagger: col.bool(r, "blocked"),
  }),
)
const insertBringers = multiRow(
  "INSERT INTO flag_bringers (post_id, member_id, bringer_id, at) VALUES",
  4,
  "ON CONFLICT DO NOTHING",
)
const comments = (after: boolean) =>
  statement(
    `SELECT k.id, k.author_id, k.text, k.created_at, ${summaryColumnsAs("member_")}
     FROM comments k LEFT JOIN members m ON m.id = k.author_id WHERE k.post_id = ?
     AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ? AND b.blocked_id = k.author_id)
       OR (b.blocker_id = k.author_id AND b.blocked_id = ?))
     ${after ? "AND k.created_at >= ? AND (k.created_at, k.id) > (?, ?)" : ""}
     ORDER BY k.created_at, k.id LIMIT ?`,
    (r) => ({
      id: col.str(r, "id"),
      authorId: col.str(r, "author_id"),
      author: col.strOrNull(r, "member_handle") === null ? undefined : toSummary(r, "member_"),
      text: col.str(r, "text"),
      createdAt: col.str(r, "created_at"),
    }),
  )
const firstComments = comments(false)
const laterComments = comments(true)
const notifications = (after: boolean) =>
  statement(
    `SELECT id, kind, actor_id, subject_id, at, read_at FROM notifications n WHERE recipient_id = ?
     AND ${notBlockedBy("n.actor_id", "n.recipient_id")}
     ${after ? "AND at <= ? AND (at, id) < (?, ?)" : ""}
     ORDER BY at DESC, id DESC LIMIT ?`,
    (r) => ({
      id: col.str(r, "id"),
      kind: col.str(r, "kind"),
      actorId: col.str(r, "actor_id"),
      subjectId: col.str(r, "subject_id"),
      at: col.str(r, "at"),
      readAt: col.strOrNull(r, "read_at"),
    }),
  )
const firstNotifications = notifications(false)
const laterNotifications = notifications(true)
// Without statistics SQLite would rather walk the recipient's key (every notification, read or
// not) than the unread ones' index (migration 20): it is told the index.
const unreadIndex = (d: Dialect) => (d.name === "sqlite" ? "INDEXED BY notifications_unread" : "")
const markAllRead = statement(
  (d) =>
    `UPDATE notifications ${unreadIndex(d)} SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL`,
)
const markReadUpTo = statement(
  (d) => `UPDATE notifications ${unreadIndex(d)} SET read_at = ?
    WHERE recipient_id = ? AND read_at IS NULL AND at <= ?`,
)
/** How far the unread count counts: a badge shows "99+" beyond, and the count stays cheap. */
export const UNREAD_COUNTED = 100
// The unread notifications, counted up to UNREAD_COUNTED, from the unread ones' own index
// (migration 20): the same cost for a member with years of notifications.
const unread = statement(
  (d) => `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM notifications x ${unreadIndex(d)}
     WHERE recipient_id = ? AND read_at IS NULL AND ${notBlockedBy("x.actor_id", "x.recipient_id")}
     LIMIT ${UNREAD_COUNTED}) u`,
  (r) => col.num(r, "n"),
)

// A category of the owner's with its contacts: one row with no contact when it has none, no row
// when it is not theirs.
const categoryContacts = statement(
  `SELECT cc.contact_id FROM categories k
   LEFT JOIN contact_categories cc ON cc.owner_id = k.owner_id AND cc.category_id = k.id
   WHERE k.id = ? AND k.owner_id = ?`,
  (r) => ({ contact: col.strOrNull(r, "contact_id") }),
)
const uncategorizedContacts = statement(
  `SELECT c.contact_id FROM contacts c WHERE c.owner_id = ? AND NOT EXISTS
     (SELECT 1 FROM contact_categories u WHERE u.owner_id = c.owner_id AND u.contact_id = c.contact_id)`,
  (r) => col.str(r, "contact_id"),
)

export class FeedService extends Effect.Service<FeedService>()("@kontakt/store/FeedService", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const log = yield* EventLog
    const ids = yield* Ids
    const model = yield* ReadModel
    const readers = yield* ReaderViews
    const members = yield* Members

    /**
     * The post and the actor's relation to it. Only its author and those it was delivered to
     * may see it; to anyone else — a block either way, a contact since deleted — it is missing.
     */
    const found = (actor: MemberId, id: string) =>
      Effect.flatMap(db.first(postFor, postForParams(actor, id)), (f) =>
        f === undefined || f.blocked || !f.delivered
          ? Effect.fail(new PostNotFound())
          : Effect.succeed(f),
      )

    /**
     * Posts (with counts and the reader's marks) and members (summaries): one statement, and
     * one more for the members not in memory — together one round trip on PostgreSQL.
     */
    const hydrate = (
      reader: MemberId,
      postIds: readonly string[],
      memberIds: readonly string[],
      sharers: readonly MemberId[] = [],
    ) => {
      const readers = [reader, reader, reader, reader, reader, reader]
      const posts = [...new Set(postIds)]
      const read: readonly [Statement<PostRow>, readonly Param[]] | null =
        postIds.length === 0
          ? null
          : sharers.length === 0
            ? [postsById, [...readers, posts]]
            : [postsWithShares, [...readers, [...new Set(sharers)], posts]]
      return Effect.map(members.summariesAlong(memberIds, read), ([rows, found]) => {
        const details = new Map<string, Omit<PostDetails, "author">>()
        // The latest words of each member's share of each post.
        const words = new Map<string, string | null>()
        for (const r of rows) {
          if (!details.has(r.post.id)) details.set(r.post.id, r)
          const share = "share" in r ? r.share : null
          const key = share === null ? null : `${r.post.id} ${share.member}`
          if (share !== null && key !== null && !words.has(key)) words.set(key, share.text)
        }
        return { members: found, posts: details, words }
      })
    }

    /** The reader's contacts in one of their categories (CategoryNotFound when not theirs). */
    const sourcesOf = (reader: MemberId, category: string) =>
      category === UNCATEGORIZED
        ? Effect.map(db.all(uncategorizedContacts, [reader]), (ids) => new Set(ids))
        : Effect.flatMap(db.all(categoryContacts, [category, reader]), (rows) =>
            rows.length === 0
              ? Effect.fail(new CategoryNotFound({ categoryId: category }))
              : Effect.succeed(
                  new Set(rows.flatMap((r) => (r.contact === null ? [] : [r.contact]))),
                ),
          )

    const detailsOf = (reader: MemberId, post: Post) =>
      Effect.map(hydrate(reader, [post.id], [post.author]), ({ members, posts }) => {
        const p = posts.get(post.id)
        const details: PostDetails = {
          post,
          author: members.get(post.author),
          likes: p?.likes ?? 0,
          comments: p?.comments ?? 0,
          likedByMe: p?.likedByMe ?? false,
          flaggedByMe: p?.flaggedByMe ?? false,
        }
        return details
      })

    const onPost = <A, E>(
      actor: MemberId,
      id: string,
      act: (
        f: Effect.Effect.Success<ReturnType<typeof found>>,
        at: Date,
      ) => Effect.Effect<A, E, never>,
    ) =>
      db.transaction(
        Effect.gen(function* () {
          const f = yield* found(actor, id)
          return yield* act(f, yield* now)
        }),
      )

    const entriesOf = (reader: MemberId, items: readonly FeedItem[]) =>
      Effect.gen(function* () {
        const postIds = items.flatMap((i) => (i.subject.kind === "post" ? [i.subject.postId] : []))
        const memberIds = items.flatMap((i) => [
          ...(i.subject.kind === "post" ? [i.subject.author] : [i.subject.a, i.subject.b]),
          ...i.broughtBy.map((b) => b.member),
        ])
        if (items.length === 0) return []
        const sharers = items.flatMap((i) =>
          i.broughtBy.flatMap((b) => (b.reasons.includes("shared") ? [b.member] : [])),
        )
        const { members, posts, words } = yield* hydrate(reader, postIds, memberIds, sharers)
        return items.flatMap((i): FeedEntry[] => {
          const base = {
            key: i.key,
            subject: i.subject,
            broughtBy: i.broughtBy.map((b) => ({
              member: members.get(b.member),
              reason: b.reason,
              reasons: b.reasons,
              words:
                i.subject.kind === "post" && b.reasons.includes("shared")
                  ? (words.get(`${i.subject.postId} ${b.member}`) ?? null)
                  : null,
            })),
            latestAt: i.latestAt,
          }
          if (i.subject.kind === "connection")
            return [
              {
                ...base,
                post: null,
                connection: { a: members.get(i.subject.a), b: members.get(i.subject.b) },
              },
            ]
          const p = posts.get(i.subject.postId)
          // Gone since (its author's account was deleted): not shown.
          if (p === undefined) return []
          return [
            {
              ...base,
              post: { ...p, author: members.get(p.post.author) },
              connection: null,
            },
          ]
        })
      })

    return {
      publish: (author: MemberId, input: PostInput) =>
        Effect.gen(function* () {
          const post = yield* db.transaction(
            Effect.gen(function* () {
              const { state, events } = yield* decided(
                publishPost(input, { author, id: yield* ids.next, now: yield* now }),
              )
              yield* db.run(insertPost, [
                state.id,
                state.author,
                state.text,
                state.link,
                iso(state.createdAt),
              ])
              yield* log.record(events)
              return state
            }),
          )
          const details: PostDetails = {
            post,
            author: (yield* members.summaries([author])).get(author),
            likes: 0,
            comments: 0,
            likedByMe: false,
            flaggedByMe: false,
          }
          return details
        }),
      /** A post as the reader sees it; PostNotFound when it is gone or hidden from them. */
      details: (reader: MemberId, id: string) =>
        Effect.flatMap(found(reader, id), (f) => detailsOf(reader, f.post)),
      remove: (actor: MemberId, id: string) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const { events } = yield* decided(deletePost(f.post, { actor, now: at }))
            yield* log.record(events)
            yield* db.run(removePost, [id])
          }),
        ),
      like: (actor: MemberId, id: string) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const { events } = yield* decided(
              likePost(f.post, { actor, now: at, canSee: true, alreadyLiked: f.liked }),
            )
            yield* db.run(insertLike, [id, actor, iso(at)])
            yield* log.record(events)
          }),
        ).pipe(
          // Two likes of one member at once (two tabs, two processes): the primary key lets one
          // in, and the other is what it would have been a moment later — AlreadyLiked.
          Effect.catchIf(isUniqueViolation, () => Effect.fail(new AlreadyLiked())),
        ),
      unlike: (actor: MemberId, id: string) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const { events } = yield* decided(
              unlikePost(f.post, { actor, now: at, canSee: true, liked: f.liked }),
            )
            yield* db.run(removeLike, [id, actor])
            yield* log.record(events)
          }),
        ),
      comment: (actor: MemberId, id: string, input: CommentInput) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const { state, events } = yield* decided(
              commentOnPost(f.post, input, { actor, now: at, canSee: true, id: yield* ids.next }),
            )
            yield* db.run(insertComment, [state.id, id, actor, state.text, iso(state.createdAt)])
            yield* log.record(events)
            return state
          }),
        ),
      /** Comments on a post the reader may see, oldest first, each with its author's summary. */
      comments: (
        reader: MemberId,
        id: string,
        limit: number,
        after: { at: string; id: string } | null,
      ) =>
        Effect.flatMap(found(reader, id), () =>
          after === null
            ? db.all(firstComments, [id, reader, reader, limit])
            : db.all(laterComments, [id, reader, reader, after.at, after.at, after.id, limit]),
        ),
      share: (actor: MemberId, id: string, input: ShareInput) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const { state, events } = yield* decided(
              sharePost(f.post, input, { actor, now: at, canSee: true, id: yield* ids.next }),
            )
            yield* db.run(insertShare, [state.id, id, actor, state.text, iso(state.createdAt)])
            yield* log.record(events)
            return state
          }),
        ),
      flag: (actor: MemberId, id: string) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const reactors = yield* db.all(flaggersReactors, [
              actor,
              actor,
              ...[actor, id, actor, id, actor, id],
            ])
            const { state, events } = yield* decided(
              flagPost(f.post, { actor, now: at, canSee: true, reactors }),
            )
            yield* db.run(insertFlag, [id, actor, iso(at)])
            // The odd news counts against each contact who spread it to the flagger, too.
            if (state.spreaders.length > 0)
              yield* db.run(
                insertBringers(state.spreaders.length),
                state.spreaders.flatMap((s) => [id, actor, s, iso(at)]),
              )
            yield* log.record(events)
          }),
        ),
      /** Takes the actor's flag back (none to take back: nothing changes). */
      unflag: (actor: MemberId, id: string) =>
        onPost(actor, id, (f, at) =>
          Effect.gen(function* () {
            const { events } = yield* decided(
              unflagPost(f.post, { actor, now: at, canSee: true, flagged: f.flagged }),
            )
            if (f.flagged) yield* db.run(removeFlag, [id, actor])
            yield* log.record(events)
          }),
        ),
      /**
       * A member's wall: their posts, newest first, for themselves and their
       * contacts; to anyone else an empty page (their profile says why), and
       * to a member blocked either way, or for a handle nobody has, MemberNotFound.
       */
      wall: (
        reader: MemberId,
        handle: string,
        limit: number,
        after: { at: string; id: string } | null,
      ) =>
        Effect.gen(function* () {
          const owner = yield* db.first(wallOwner, [
            reader,
            reader,
            reader,
            reader,
            reader,
            handle.toLowerCase(),
          ])
          if (owner === undefined || owner.blocked)
            return yield* Effect.fail(new MemberNotFound({ handle }))
          if (!owner.readable) return { items: [] as PostDetails[], next: null }
          const [rows, found] = yield* members.summariesAlong(
            [owner.id],
            [
              wallPosts,
              [
                ...Array.from({ length: 6 }, () => reader),
                owner.id,
                after?.at ?? END_OF_TIME,
                after?.at ?? END_OF_TIME,
                after?.id ?? "",
                limit,
              ],
            ],
          )
          const items = rows.map((r): PostDetails => ({ ...r, author: found.get(owner.id) }))
          const last = rows.at(-1)
          return {
            items,
            next:
              last === undefined || rows.length < limit
                ? null
                : { at: iso(last.post.createdAt), id: last.post.id },
          }
        }),
      /**
       * A page of the reader's feed: one item per subject, newest activity
       * first, naming who brought it; nothing by or about muted or blocked
       * members. Everything committed before the read is in it.
       */
      feed: (
        reader: MemberId,
        limit: number,
        after: FeedCursor | null,
        /** The news of one of the reader's categories, or of the contacts in none. */
        category: string | null = null,
      ) =>
        Effect.gen(function* () {
          yield* model.sync
          const all = yield* readers.of(reader)
          const view =
            category === null ? all : { ...all, sources: yield* sourcesOf(reader, category) }
          const items = model.feed().page(view, limit, after)
          // Synced just now: the members it shows need not ask again.
          const entries = yield* alreadySynced(entriesOf(reader, items))
          const last = items.at(-1)
          return {
            items: entries,
            next:
              last === undefined || items.length < limit
                ? null
                : ({ at: last.latestAt.getTime(), key: last.key } satisfies FeedCursor),
          }
        }),
      notifications: (member: MemberId, limit: number, after: { at: string; id: string } | null) =>
        after === null
          ? db.all(firstNotifications, [member, limit])
          : db.all(laterNotifications, [member, after.at, after.at, after.id, limit]),
      /** Marks notifications read, up to a time (all when none is given). */
      markRead: (member: MemberId, upTo: Date | null) =>
        Effect.flatMap(now, (at) =>
          upTo === null
            ? db.run(markAllRead, [iso(at), member])
            : db.run(markReadUpTo, [iso(at), member, iso(upTo)]),
        ),
      /** The member's unread notifications, counted up to `UNREAD_COUNTED` (that many or more). */
      unreadCount: (member: MemberId) =>
        Effect.map(db.all(unread, [member]), (rows) => rows[0] ?? 0),
    }
  }),
}) {}
