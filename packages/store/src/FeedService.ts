/**
 * Posts and the feed: publish, delete, like, unlike, comment, share, flag;
 * a reader's feed (one item per post, naming who brought it, muted and
 * blocked members left out); notifications and read marks. The domain decides
 * who may act and who is told; this service stores it in one transaction.
 */
import { SqlClient, type SqlError } from "@effect/sql"
import {
  assembleFeed,
  type CommentInput,
  commentOnPost,
  deletePost,
  type FeedDelivery,
  type FeedReason,
  type FeedSubject,
  flagPost,
  likePost,
  type MemberId,
  type Post,
  type PostInput,
  PostNotFound,
  publishPost,
  type ShareInput,
  sharePost,
  unlikePost,
} from "@kontakt/domain"
import { Effect } from "effect"
import { Blocks } from "./Blocks.js"
import { decided, now } from "./Decide.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"
import { writeTransaction } from "./Transactions.js"

interface PostRow {
  readonly id: string
  readonly authorId: string
  readonly text: string
  readonly link: string | null
  readonly createdAt: string
}
const toPost = (r: PostRow): Post => ({
  id: r.id,
  author: r.authorId,
  text: r.text,
  link: r.link,
  createdAt: new Date(r.createdAt),
})

/** A post with what the reader needs to show it. */
export interface PostDetails {
  readonly post: Post
  readonly likes: number
  readonly comments: number
  readonly likedByMe: boolean
  readonly flaggedByMe: boolean
}

/** One feed item as stored deliveries make it: the subject, who brought it, when. */
export interface FeedEntry {
  readonly key: string
  readonly subject: FeedSubject
  readonly broughtBy: readonly { readonly member: MemberId; readonly reason: FeedReason }[]
  readonly latestAt: Date
}

export class FeedService extends Effect.Service<FeedService>()("@kontakt/store/FeedService", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const blocks = yield* Blocks
    const log = yield* EventLog
    const ids = yield* Ids

    const postById = (id: string) =>
      Effect.map(
        sql<PostRow>`SELECT id, author_id, text, link, created_at FROM posts WHERE id = ${id}`,
        (rows) => (rows[0] === undefined ? null : toPost(rows[0])),
      )

    /** The post, if the reader may see it: a block either way hides it exactly like a missing one. */
    const visiblePost = (reader: MemberId, id: string) =>
      Effect.gen(function* () {
        const post = yield* postById(id)
        if (
          post === null ||
          (post.author !== reader && (yield* blocks.between(reader, post.author)))
        ) {
          return yield* Effect.fail(new PostNotFound())
        }
        return post
      })

    // Readers hide what muted contacts bring and everything about members blocked either way.
    // Usually few: read once per page and filtered by list, not re-derived per row.
    const hiddenFor = (reader: MemberId) =>
      Effect.map(
        sql<{
          m: string
        }>`SELECT contact_id AS m FROM contacts WHERE owner_id = ${reader} AND muted = 1
          UNION SELECT blocked_id FROM blocks WHERE blocker_id = ${reader}
          UNION SELECT blocker_id FROM blocks WHERE blocked_id = ${reader}`,
        (rows) => rows.map((r) => r.m),
      )

    const counted = (
      statement: Effect.Effect<readonly { readonly n: number }[], SqlError.SqlError>,
    ) => Effect.map(statement, (rows) => rows[0]?.n ?? 0)

    /** Whether `member` likes the post. */
    const likes = (postId: string, member: MemberId) =>
      Effect.map(
        counted(
          sql<{
            n: number
          }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM likes WHERE post_id = ${postId} AND member_id = ${member}`,
        ),
        (n) => n > 0,
      )

    return {
      publish: (author: MemberId, input: PostInput) =>
        writeTransaction(
          [author],
          Effect.gen(function* () {
            const { state, events } = yield* decided(
              publishPost(input, { author, id: yield* ids.next, now: yield* now }),
            )
            yield* sql`INSERT INTO posts ${sql.insert({ id: state.id, authorId: state.author, text: state.text, link: state.link, createdAt: iso(state.createdAt) })}`
            yield* log.record(events)
            return state
          }),
        ),
      details: (reader: MemberId, id: string) =>
        Effect.gen(function* () {
          const post = yield* visiblePost(reader, id)
          const [row] = yield* sql<{
            likes: number
            comments: number
            liked: number
            flagged: number
          }>`SELECT
            (SELECT CAST(COUNT(*) AS INTEGER) FROM likes WHERE post_id = ${id}) AS likes,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM comments WHERE post_id = ${id}) AS comments,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM likes WHERE post_id = ${id} AND member_id = ${reader}) AS liked,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM flags WHERE post_id = ${id} AND member_id = ${reader}) AS flagged`
          const details: PostDetails = {
            post,
            likes: row?.likes ?? 0,
            comments: row?.comments ?? 0,
            likedByMe: (row?.liked ?? 0) > 0,
            flaggedByMe: (row?.flagged ?? 0) > 0,
          }
          return details
        }),
      /**
       * Counts and the reader's own marks for several posts in one query: for
       * a feed page, whose posts the feed query has already filtered.
       */
      detailsOf: (reader: MemberId, ids: readonly string[]) =>
        ids.length === 0
          ? Effect.succeed(new Map<string, Omit<PostDetails, "post">>())
          : Effect.map(
              sql<{
                id: string
                likes: number
                comments: number
                liked: number
                flagged: number
              }>`SELECT p.id,
                  (SELECT CAST(COUNT(*) AS INTEGER) FROM likes l WHERE l.post_id = p.id) AS likes,
                  (SELECT CAST(COUNT(*) AS INTEGER) FROM comments c WHERE c.post_id = p.id) AS comments,
                  (SELECT CAST(COUNT(*) AS INTEGER) FROM likes l WHERE l.post_id = p.id AND l.member_id = ${reader}) AS liked,
                  (SELECT CAST(COUNT(*) AS INTEGER) FROM flags f WHERE f.post_id = p.id AND f.member_id = ${reader}) AS flagged
                FROM posts p WHERE ${sql.in("p.id", ids)}`,
              (rows) =>
                new Map(
                  rows.map((r) => [
                    r.id,
                    {
                      likes: r.likes,
                      comments: r.comments,
                      likedByMe: r.liked > 0,
                      flaggedByMe: r.flagged > 0,
                    },
                  ]),
                ),
            ),
      remove: (actor: MemberId, id: string) =>
        writeTransaction(
          [actor],
          Effect.gen(function* () {
            const post = yield* visiblePost(actor, id)
            const { events } = yield* decided(deletePost(post, { actor, now: yield* now }))
            yield* log.record(events)
            yield* sql`DELETE FROM posts WHERE id = ${id}`
          }),
        ),
      like: (actor: MemberId, id: string) =>
        writeTransaction(
          [actor],
          Effect.gen(function* () {
            const post = yield* visiblePost(actor, id)
            const liked = yield* likes(id, actor)
            const at = yield* now
            const { events } = yield* decided(
              likePost(post, { actor, now: at, canSee: true, alreadyLiked: liked }),
            )
            yield* sql`INSERT INTO likes ${sql.insert({ postId: id, memberId: actor, at: iso(at) })}`
            yield* log.record(events)
          }),
        ),
      unlike: (actor: MemberId, id: string) =>
        writeTransaction(
          [actor],
          Effect.gen(function* () {
            const post = yield* visiblePost(actor, id)
            const liked = yield* likes(id, actor)
            const { events } = yield* decided(
              unlikePost(post, { actor, now: yield* now, canSee: true, liked }),
            )
            yield* sql`DELETE FROM likes WHERE post_id = ${id} AND member_id = ${actor}`
            yield* log.record(events)
          }),
        ),
      comment: (actor: MemberId, id: string, input: CommentInput) =>
        writeTransaction(
          [actor],
          Effect.gen(function* () {
            const post = yield* visiblePost(actor, id)
            const { state, events } = yield* decided(
              commentOnPost(post, input, {
                actor,
                now: yield* now,
                canSee: true,
                id: yield* ids.next,
              }),
            )
            yield* sql`INSERT INTO comments ${sql.insert({ id: state.id, postId: id, authorId: actor, text: state.text, createdAt: iso(state.createdAt) })}`
            yield* log.record(events)
            return state
          }),
        ),
      /** Comments on a post the reader may see, oldest first, without those of members blocked either way. */
      comments: (
        reader: MemberId,
        id: string,
        limit: number,
        after: { at: string; id: string } | null,
      ) =>
        Effect.gen(function* () {
          yield* visiblePost(reader, id)
          return yield* sql<{
            id: string
            authorId: string
            text: string
            createdAt: string
          }>`SELECT k.id, k.author_id, k.text, k.created_at
            FROM comments k WHERE k.post_id = ${id}
            AND k.author_id NOT IN (SELECT b.blocked_id FROM blocks b WHERE b.blocker_id = ${reader} UNION SELECT b.blocker_id FROM blocks b WHERE b.blocked_id = ${reader})
            ${after === null ? sql`` : sql`AND (k.created_at, k.id) > (${after.at}, ${after.id})`}
            ORDER BY k.created_at, k.id LIMIT ${limit}`
        }),
      share: (actor: MemberId, id: string, input: ShareInput) =>
        writeTransaction(
          [actor],
          Effect.gen(function* () {
            const post = yield* visiblePost(actor, id)
            const { state, events } = yield* decided(
              sharePost(post, input, { actor, now: yield* now, canSee: true, id: yield* ids.next }),
            )
            yield* sql`INSERT INTO shares ${sql.insert({ id: state.id, postId: id, memberId: actor, text: state.text, createdAt: iso(state.createdAt) })}`
            yield* log.record(events)
            return state
          }),
        ),
      flag: (actor: MemberId, id: string) =>
        writeTransaction(
          [actor],
          Effect.gen(function* () {
            const post = yield* visiblePost(actor, id)
            const at = yield* now
            const { events } = yield* decided(flagPost(post, { actor, now: at, canSee: true }))
            yield* sql`INSERT INTO flags (post_id, member_id, at) VALUES (${id}, ${actor}, ${iso(at)})
              ON CONFLICT (post_id, member_id) DO NOTHING`

            yield* log.record(events)
          }),
        ),
      /**
       * A page of the reader's feed: one item per subject, newest activity
       * first, naming who brought it; nothing by or about muted or blocked members.
       * Connection news committed before the read is in it.
       */
      feed: (reader: MemberId, limit: number, after: { at: string; key: string } | null) =>
        Effect.gen(function* () {
          yield* log.catchUpNews
          const hidden = yield* hiddenFor(reader)
          const visible =
            hidden.length === 0
              ? sql`f.reader_id = ${reader}`
              : sql`f.reader_id = ${reader}
                  AND NOT (${sql.in("f.brought_by", hidden)}) AND NOT (${sql.in("f.member_a", hidden)})
                  AND (f.member_b IS NULL OR NOT (${sql.in("f.member_b", hidden)}))`

          const keys = yield* sql<{
            subjectKey: string
            latest: string
          }>`SELECT f.subject_key, MAX(f.at) AS latest
            FROM feed_items f WHERE ${visible}
            GROUP BY f.subject_key
            ${after === null ? sql`` : sql`HAVING (MAX(f.at), f.subject_key) < (${after.at}, ${after.key})`}
            ORDER BY latest DESC, f.subject_key DESC LIMIT ${limit}`
          if (keys.length === 0) return { items: [] as FeedEntry[], next: null }
          const rows = yield* sql<{
            subjectKey: string
            subjectKind: "post" | "connection"
            postId: string | null
            memberA: string
            memberB: string | null
            broughtBy: string
            reason: FeedReason
            at: string
          }>`SELECT
              f.subject_key, f.subject_kind, f.post_id, f.member_a, f.member_b, f.brought_by, f.reason, f.at
            FROM feed_items f WHERE ${visible} AND ${sql.in(
              "f.subject_key",
              keys.map((k) => k.subjectKey),
            )}
            ORDER BY f.at DESC`
          const byKey = new Map<string, FeedDelivery[]>()
          for (const r of rows) {
            const subject: FeedSubject =
              r.subjectKind === "post"
                ? { kind: "post", postId: r.postId ?? "", author: r.memberA }
                : { kind: "connection", a: r.memberA, b: r.memberB ?? "" }
            const list = byKey.get(r.subjectKey) ?? []
            list.push({
              reader,
              subject,
              broughtBy: r.broughtBy,
              reason: r.reason,
              at: new Date(r.at),
            })
            byKey.set(r.subjectKey, list)
          }
          // Muted and blocked members are already filtered out in SQL (so pages stay full);
          // the domain folds the deliveries into one item per subject, naming each bringer once.
          const assembled = new Map(
            assembleFeed([...byKey.values()].flat(), {
              reader,
              muted: new Set(),
              blocked: new Set(),
            }).map((i) => [i.key, i]),
          )
          const items = keys.flatMap((k): FeedEntry[] => {
            const item = assembled.get(k.subjectKey)
            return item === undefined ? [] : [{ ...item, latestAt: new Date(k.latest) }]
          })
          const last = keys.at(-1)
          return {
            items,
            next:
              last === undefined || keys.length < limit
                ? null
                : { at: last.latest, key: last.subjectKey },
          }
        }),
      posts: (ids: readonly string[]) =>
        ids.length === 0
          ? Effect.succeed(new Map<string, Post>())
          : Effect.map(
              sql<PostRow>`SELECT id, author_id, text, link, created_at FROM posts WHERE ${sql.in("id", ids)}`,
              (rows) => new Map(rows.map((r) => [r.id, toPost(r)])),
            ),
      notifications: (member: MemberId, limit: number, after: { at: string; id: string } | null) =>
        sql<{
          id: string
          kind: string
          actorId: string
          subjectId: string
          at: string
          readAt: string | null
        }>`SELECT id, kind, actor_id, subject_id, at, read_at
          FROM notifications WHERE recipient_id = ${member}
          ${after === null ? sql`` : sql`AND (at, id) < (${after.at}, ${after.id})`}
          ORDER BY at DESC, id DESC LIMIT ${limit}`,
      /** Marks notifications read, up to a time (all when none is given). */
      markRead: (member: MemberId, upTo: Date | null) =>
        Effect.gen(function* () {
          const at = iso(yield* now)
          yield* sql`UPDATE notifications SET read_at = ${at} WHERE recipient_id = ${member} AND read_at IS NULL
            ${upTo === null ? sql`` : sql`AND at <= ${iso(upTo)}`}`
        }),
      unreadCount: (member: MemberId) =>
        counted(
          sql<{
            n: number
          }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM notifications WHERE recipient_id = ${member} AND read_at IS NULL`,
        ),
    }
  }),
}) {}
