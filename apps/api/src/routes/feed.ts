/**
 * The feed and posts: publish, read, delete, like, comment, share, flag; the
 * reader's feed with one item per post naming who brought it.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { CommentInput, PostInput, ShareInput } from "@kontakt/domain"
import { FeedService, Members, type PostDetails } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { cursorOf, encodeCursor, nextCursor } from "../cursor.js"
import { HandleParam, IdParam, MemberView, PageQuery, page, problems } from "../schemas.js"
import { memberOrGone } from "../views.js"

const PostView = z
  .object({
    id: z.string(),
    author: MemberView,
    text: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    likes: z.number(),
    comments: z.number(),
    likedByMe: z.boolean(),
    flaggedByMe: z.boolean(),
  })
  .openapi("Post")
const Reason = z.enum(["posted", "liked", "commented", "shared", "connected"])
const FeedItemView = z
  .object({
    key: z.string(),
    kind: z.enum(["post", "connection"]),
    post: PostView.nullable(),
    connection: z.object({ a: MemberView, b: MemberView }).nullable(),
    broughtBy: z.array(
      z.object({
        member: MemberView,
        /** Their latest reason. */
        reason: Reason,
        /** Every reason they had, the latest first (liked and commented, say). */
        reasons: z.array(Reason),
        /** The words they shared the post with, when they shared it and wrote some. */
        words: z.string().nullable(),
      }),
    ),
    latestAt: z.string(),
  })
  .openapi("FeedItem")
const CommentView = z
  .object({ id: z.string(), author: MemberView, text: z.string(), createdAt: z.string() })
  .openapi("Comment")

const feed = createRoute({
  method: "get",
  path: "/feed",
  tags: ["Feed"],
  summary:
    "My feed: connection news and posts, one item per post, with who brought each; muted contacts left out; with category, only what contacts of that category brought",
  request: {
    query: PageQuery.extend({
      category: z.string().min(1).max(64).optional().openapi({
        description: 'One of my categories by id, or "uncategorized" for my contacts in none',
      }),
    }),
  },
  responses: {
    200: { description: "Feed", content: { "application/json": { schema: page(FeedItemView) } } },
    ...problems(400, 401, 404),
  },
})
const wall = createRoute({
  method: "get",
  path: "/members/{handle}/posts",
  tags: ["Members"],
  summary:
    "A member's wall: their posts, newest first — for their contacts and themselves; to anyone else an empty page",
  request: { params: HandleParam, query: PageQuery },
  responses: {
    200: { description: "Posts", content: { "application/json": { schema: page(PostView) } } },
    ...problems(400, 401, 404),
  },
})
const publish = createRoute({
  method: "post",
  path: "/posts",
  tags: ["Feed"],
  summary: "Publish a post (text up to 3,000 characters, an optional http(s) link)",
  request: { body: { required: true, content: { "application/json": { schema: PostInput } } } },
  responses: {
    201: { description: "Published", content: { "application/json": { schema: PostView } } },
    ...problems(400, 401, 403),
  },
})
const getPost = createRoute({
  method: "get",
  path: "/posts/{id}",
  tags: ["Feed"],
  summary: "One post",
  request: { params: IdParam },
  responses: {
    200: { description: "The post", content: { "application/json": { schema: PostView } } },
    ...problems(400, 401, 404),
  },
})
const deleteRoute = createRoute({
  method: "delete",
  path: "/posts/{id}",
  tags: ["Feed"],
  summary: "Delete my post; it leaves every feed",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
})
const simple = (method: "post" | "delete", verb: "like" | "flag", summary: string) =>
  createRoute({
    method,
    path: `/posts/{id}/${verb}`,
    tags: ["Feed"],
    summary,
    request: { params: IdParam },
    responses: { 204: { description: "Done" }, ...problems(400, 401, 403, 404, 409) },
  })
const comment = createRoute({
  method: "post",
  path: "/posts/{id}/comments",
  tags: ["Feed"],
  summary: "Comment on a post; it travels on to my contacts",
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: CommentInput } } },
  },
  responses: {
    201: { description: "Commented", content: { "application/json": { schema: CommentView } } },
    ...problems(400, 401, 403, 404),
  },
})
const comments = createRoute({
  method: "get",
  path: "/posts/{id}/comments",
  tags: ["Feed"],
  summary: "Comments on a post, oldest first",
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: {
      description: "Comments",
      content: { "application/json": { schema: page(CommentView) } },
    },
    ...problems(400, 401, 404),
  },
})
const share = createRoute({
  method: "post",
  path: "/posts/{id}/share",
  tags: ["Feed"],
  summary: "Share a post with my own words; it travels on to my contacts",
  request: {
    params: IdParam,
    body: { required: false, content: { "application/json": { schema: ShareInput } } },
  },
  responses: {
    201: {
      description: "Shared",
      content: { "application/json": { schema: z.object({ id: z.string() }) } },
    },
    ...problems(400, 401, 403, 404),
  },
})

/** A post as the API shows it. */
const postView = (d: PostDetails) => ({
  id: d.post.id,
  author: memberOrGone(d.author),
  text: d.post.text,
  link: d.post.link,
  createdAt: d.post.createdAt.toISOString(),
  likes: d.likes,
  comments: d.comments,
  likedByMe: d.likedByMe,
  flaggedByMe: d.flaggedByMe,
})

export const feedRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(feed, async (c) => {
      const me = memberOf(c)
      const { limit, cursor, category } = c.req.valid("query")
      const after = cursorOf(cursor)
      const result = await run(
        c,
        Effect.flatMap(FeedService, (s) =>
          s.feed(
            me,
            limit,
            after === null ? null : { at: Date.parse(after.k), key: after.id },
            category ?? null,
          ),
        ),
      )
      const items = result.items.map((i) => ({
        key: i.key,
        kind: i.subject.kind,
        post: i.post === null ? null : postView(i.post),
        connection:
          i.connection === null
            ? null
            : { a: memberOrGone(i.connection.a), b: memberOrGone(i.connection.b) },
        broughtBy: i.broughtBy.map((b) => ({
          member: memberOrGone(b.member),
          reason: b.reason,
          reasons: [...b.reasons],
          words: b.words,
        })),
        latestAt: i.latestAt.toISOString(),
      }))
      return c.json(
        {
          items,
          nextCursor:
            result.next === null
              ? null
              : encodeCursor({ k: new Date(result.next.at).toISOString(), id: result.next.key }),
        },
        200,
      )
    })
    .openapi(wall, async (c) => {
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const found = await run(
        c,
        Effect.flatMap(FeedService, (s) =>
          s.wall(
            memberOf(c),
            c.req.valid("param").handle,
            limit,
            after === null ? null : { at: after.k, id: after.id },
          ),
        ),
      )
      return c.json(
        {
          items: found.items.map(postView),
          nextCursor:
            found.next === null ? null : encodeCursor({ k: found.next.at, id: found.next.id }),
        },
        200,
      )
    })
    .openapi(publish, async (c) => {
      const me = memberOf(c)
      const post = await run(
        c,
        Effect.flatMap(FeedService, (s) => s.publish(me, c.req.valid("json"))),
      )
      return c.json(postView(post), 201)
    })
    .openapi(getPost, async (c) => {
      const me = memberOf(c)
      const details = await run(
        c,
        Effect.flatMap(FeedService, (s) => s.details(me, c.req.valid("param").id)),
      )
      return c.json(postView(details), 200)
    })
    .openapi(deleteRoute, async (c) => {
      await run(
        c,
        Effect.flatMap(FeedService, (s) => s.remove(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
    .openapi(simple("post", "like", "Like a post; it travels on to my contacts"), async (c) => {
      await run(
        c,
        Effect.flatMap(FeedService, (s) => s.like(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
    .openapi(simple("delete", "like", "Take my like back"), async (c) => {
      await run(
        c,
        Effect.flatMap(FeedService, (s) => s.unlike(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
    .openapi(
      simple(
        "post",
        "flag",
        "Flag a post as odd news (private; it feeds the review of its author)",
      ),
      async (c) => {
        await run(
          c,
          Effect.flatMap(FeedService, (s) => s.flag(memberOf(c), c.req.valid("param").id)),
        )
        return c.body(null, 204)
      },
    )
    .openapi(
      simple("delete", "flag", "Take my odd-news flag back (as private as the flag)"),
      async (c) => {
        await run(
          c,
          Effect.flatMap(FeedService, (s) => s.unflag(memberOf(c), c.req.valid("param").id)),
        )
        return c.body(null, 204)
      },
    )
    .openapi(comment, async (c) => {
      const me = memberOf(c)
      const created = await run(
        c,
        Effect.flatMap(FeedService, (s) =>
          s.comment(me, c.req.valid("param").id, c.req.valid("json")),
        ),
      )
      const author = await run(
        c,
        Effect.flatMap(Members, (m) => m.summaries([me])),
      )
      const mine = author.get(me)
      return c.json(
        {
          id: created.id,
          author: memberOrGone(mine),
          text: created.text,
          createdAt: created.createdAt.toISOString(),
        },
        201,
      )
    })
    .openapi(comments, async (c) => {
      const me = memberOf(c)
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const rows = await run(
        c,
        Effect.flatMap(FeedService, (s) =>
          s.comments(
            me,
            c.req.valid("param").id,
            limit,
            after === null ? null : { at: after.k, id: after.id },
          ),
        ),
      )
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            author: memberOrGone(r.author),
            text: r.text,
            createdAt: r.createdAt,
          })),
          nextCursor: nextCursor(rows, limit, (last) => ({ k: last.createdAt, id: last.id })),
        },
        200,
      )
    })
    .openapi(share, async (c) => {
      const body = c.req.valid("json") ?? {}
      const shared = await run(
        c,
        Effect.flatMap(FeedService, (s) => s.share(memberOf(c), c.req.valid("param").id, body)),
      )
      return c.json({ id: shared.id }, 201)
    })
