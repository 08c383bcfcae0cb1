/**
 * My notifications: request received, request accepted, likes, comments and
 * shares on my posts — never anything for ignore, withdraw, delete, block or mute.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import {
  FeedService,
  type MemberSummary,
  Members,
  Recommendations,
  UNREAD_COUNTED,
} from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { cursorOf, nextCursor } from "../cursor.js"
import { MemberView, PageQuery, problems } from "../schemas.js"
import { memberOrGone, memberView } from "../views.js"

const NotificationView = z
  .object({
    id: z.string(),
    kind: z.enum([
      "requestReceived",
      "requestAccepted",
      "requestAutoAccepted",
      "postLiked",
      "postCommented",
      "postShared",
      "introductionAsked",
      "introductionForwarded",
      "memberRecommended",
    ]),
    actor: MemberView,
    subjectId: z.string(),
    /** For `memberRecommended`: whom the actor recommended, their note, and how a request names it. */
    recommendation: z
      .object({
        member: MemberView,
        note: z.string().nullable(),
        foundVia: z.object({ kind: z.literal("contact"), handle: z.string() }),
      })
      .nullable()
      .optional(),
    at: z.string(),
    read: z.boolean(),
  })
  .openapi("Notification")

const list = createRoute({
  method: "get",
  path: "/notifications",
  tags: ["Notifications"],
  summary: "My notifications, newest first, with the unread count",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "Notifications",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(NotificationView),
            nextCursor: z.string().nullable(),
            unread: z
              .number()
              .int()
              .openapi({
                description: `My unread notifications, counted up to ${UNREAD_COUNTED}: ${UNREAD_COUNTED} means that many or more`,
              }),
          }),
        },
      },
    },
    ...problems(400, 401),
  },
})
const ReadInput = z.object({ upTo: z.iso.datetime().optional() }).strict()
const read = createRoute({
  method: "post",
  path: "/notifications/read",
  tags: ["Notifications"],
  summary: "Mark my notifications read (all, or up to a time)",
  request: { body: { required: false, content: { "application/json": { schema: ReadInput } } } },
  responses: { 204: { description: "Marked" }, ...problems(400, 401, 403) },
})

type Kind = z.infer<typeof NotificationView>["kind"]

/** A recommendation as its recipient sees it; null when the member recommended has left. */
const recommendationView = (
  r: { readonly member: string; readonly note: string | null } | undefined,
  summaries: ReadonlyMap<string, MemberSummary>,
  by: MemberSummary | undefined,
) => {
  const member = r === undefined ? undefined : summaries.get(r.member)
  if (r === undefined || member === undefined || by === undefined) return null
  return {
    member: memberView(member),
    note: r.note,
    foundVia: { kind: "contact" as const, handle: by.handle },
  }
}

export const notificationRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => {
      const me = memberOf(c)
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const { rows, actors, recommendations, unread } = await run(
        c,
        Effect.gen(function* () {
          const feed = yield* FeedService
          const rows = yield* feed.notifications(
            me,
            limit,
            after === null ? null : { at: after.k, id: after.id },
          )
          // Recommendations are read only when the page has some.
          const recommended = rows.filter((r) => r.kind === "memberRecommended")
          const recommendations =
            recommended.length === 0
              ? []
              : yield* Effect.flatMap(Recommendations, (r) =>
                  r.byIds(recommended.map((n) => n.subjectId)),
                )
          const actors = yield* Effect.flatMap(Members, (m) =>
            m.summaries([...rows.map((r) => r.actorId), ...recommendations.map((r) => r.member)]),
          )
          return {
            rows,
            actors,
            recommendations: new Map(recommendations.map((r) => [r.id, r])),
            unread: yield* feed.unreadCount(me),
          }
        }),
      )
      return c.json(
        {
          items: rows.map((r) => {
            const a = actors.get(r.actorId)
            return {
              id: r.id,
              kind: r.kind as Kind,
              actor: memberOrGone(a),
              subjectId: r.subjectId,
              ...(r.kind === "memberRecommended"
                ? {
                    recommendation: recommendationView(recommendations.get(r.subjectId), actors, a),
                  }
                : {}),
              at: r.at,
              read: r.readAt !== null,
            }
          }),
          nextCursor: nextCursor(rows, limit, (last) => ({ k: last.at, id: last.id })),
          unread,
        },
        200,
      )
    })
    .openapi(read, async (c) => {
      const body = c.req.valid("json") ?? {}
      await run(
        c,
        Effect.flatMap(FeedService, (s) =>
          s.markRead(memberOf(c), body.upTo === undefined ? null : new Date(body.upTo)),
        ),
      )
      return c.body(null, 204)
    })
