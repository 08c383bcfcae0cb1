/**
 * Reviews: contacts due now with their signals and the recommendation, my
 * decisions, and my private review history.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { ReviewInput } from "@kontakt/domain"
import { ContactService, Members } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { ContactView, PageQuery, problems } from "../schemas.js"
import { contactView, memberOrGone } from "../views.js"

const Signals = z.object({
  postsSeen: z.number(),
  postsFlagged: z.number(),
  /** Others' posts they brought me (liked, commented on, shared) that I flagged as odd news. */
  spreadFlagged: z.number(),
  myInteractions: z.number(),
  theirInteractions: z.number(),
  mutualCount: z.number(),
  importance: z.enum(["low", "normal", "high"]),
  daysSinceLastInteraction: z.number().nullable(),
  /** In a category I want less news from. */
  inLessNewsCategory: z.boolean(),
})
const DueItem = z
  .object({
    contact: ContactView,
    signals: Signals,
    recommendation: z.enum(["keep", "mute", "delete"]),
    reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  })
  .openapi("ReviewDue")

const due = createRoute({
  method: "get",
  path: "/reviews/due",
  tags: ["Reviews"],
  summary: "Contacts due for review, each with its signals and a recommendation with reasons",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "Due contacts",
      content: {
        "application/json": { schema: z.object({ items: z.array(DueItem), nextCursor: z.null() }) },
      },
    },
    ...problems(400, 401),
  },
})
const decide = createRoute({
  method: "post",
  path: "/reviews",
  tags: ["Reviews"],
  summary: "Decide on a contact under review: keep, mute, snooze or delete (silently)",
  request: { body: { required: true, content: { "application/json": { schema: ReviewInput } } } },
  responses: {
    200: {
      description: "Recorded",
      content: { "application/json": { schema: z.object({ decision: z.string() }) } },
    },
    ...problems(400, 401, 403, 404),
  },
})
const HistoryItem = z
  .object({
    contact: z.object({ handle: z.string(), displayName: z.string() }),
    decision: z.enum(["keep", "mute", "snooze", "delete"]),
    snoozeDays: z.number().nullable(),
    recommendation: z.enum(["keep", "mute", "delete"]),
    at: z.string(),
  })
  .openapi("ReviewHistoryItem")
const history = createRoute({
  method: "get",
  path: "/reviews/history",
  tags: ["Reviews"],
  summary: "My review decisions, newest first",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "History",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(HistoryItem), nextCursor: z.null() }),
        },
      },
    },
    ...problems(400, 401),
  },
})

export const reviewRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(due, async (c) => {
      const me = memberOf(c)
      const { limit } = c.req.valid("query")
      const items = await run(
        c,
        Effect.gen(function* () {
          const list = yield* Effect.flatMap(ContactService, (s) => s.due(me, limit))
          const members = yield* Effect.flatMap(Members, (m) =>
            m.summaries(list.map((d) => d.record.contact)),
          )
          return list.flatMap((d) => {
            const m = members.get(d.record.contact)
            return m === undefined
              ? []
              : [
                  {
                    contact: contactView(d.record, m, d.dueAt),
                    signals: {
                      ...d.signals,
                      inLessNewsCategory: d.signals.inLessNewsCategory ?? false,
                    },
                    recommendation: d.advice.recommendation,
                    reasons: [...d.advice.reasons],
                  },
                ]
          })
        }),
      )
      return c.json({ items, nextCursor: null }, 200)
    })
    .openapi(decide, async (c) => {
      const { handle, ...decision } = c.req.valid("json")
      await run(
        c,
        Effect.flatMap(ContactService, (s) => s.review(memberOf(c), handle, decision)),
      )
      return c.json({ decision: decision.decision }, 200)
    })
    .openapi(history, async (c) => {
      const me = memberOf(c)
      const { limit } = c.req.valid("query")
      const items = await run(
        c,
        Effect.gen(function* () {
          const rows = yield* Effect.flatMap(ContactService, (s) => s.history(me, limit))
          const members = yield* Effect.flatMap(Members, (m) =>
            m.summaries(rows.map((r) => r.contactId)),
          )
          return rows.map((r) => {
            const m = members.get(r.contactId)
            const who = memberOrGone(m)
            return {
              contact: { handle: who.handle, displayName: who.displayName },
              decision: r.decision,
              snoozeDays: r.snoozeDays,
              recommendation: r.recommendation,
              at: r.at,
            }
          })
        }),
      )
      return c.json({ items, nextCursor: null }, 200)
    })
