/**
 * Contact requests: send, the inbox with the acceptance policy's verdict,
 * sent requests (an ignored one reads as pending), accept, ignore, withdraw.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { CategoryIds, judgeRequest, Note, SendRequestInput } from "@kontakt/domain"
import { type MemberSummary, Members, RequestService, Requests } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { cursorOf, nextCursor } from "../cursor.js"
import {
  ContactView,
  IdParam,
  IncomingRequestView,
  PageQuery,
  page,
  problems,
  SentRequestView,
} from "../schemas.js"
import { contactView, incomingView, sentView } from "../views.js"

const AcceptInput = z
  .object({
    categoryIds: CategoryIds.optional(),
    note: Note.optional(),
  })
  .strict()

const send = createRoute({
  method: "post",
  path: "/requests",
  tags: ["Requests"],
  summary: "Ask a member to connect, saying why",
  request: {
    body: { required: true, content: { "application/json": { schema: SendRequestInput } } },
  },
  responses: {
    201: {
      description: "The request is pending",
      content: { "application/json": { schema: z.object({ request: SentRequestView }) } },
    },
    200: {
      description: "Connected at once: they had asked you too, or their policy accepts",
      content: { "application/json": { schema: z.object({ contact: ContactView }) } },
    },
    ...problems(400, 401, 403, 404, 409, 429),
  },
})
const incoming = createRoute({
  method: "get",
  path: "/requests/incoming",
  tags: ["Requests"],
  summary: "Requests to me, each with my acceptance policy's verdict and its reasons",
  request: {
    query: PageQuery.extend({ state: z.enum(["pending", "ignored"]).default("pending") }),
  },
  responses: {
    200: {
      description: "Incoming requests",
      content: { "application/json": { schema: page(IncomingRequestView) } },
    },
    ...problems(400, 401),
  },
})
const outgoing = createRoute({
  method: "get",
  path: "/requests/outgoing",
  tags: ["Requests"],
  summary: "My open requests",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "Sent requests",
      content: { "application/json": { schema: page(SentRequestView) } },
    },
    ...problems(400, 401),
  },
})
const accept = createRoute({
  method: "post",
  path: "/requests/{id}/accept",
  tags: ["Requests"],
  summary: "Accept a request, optionally with categories and a note",
  request: {
    params: IdParam,
    body: { required: false, content: { "application/json": { schema: AcceptInput } } },
  },
  responses: {
    200: {
      description: "The new contact",
      content: { "application/json": { schema: z.object({ contact: ContactView }) } },
    },
    ...problems(400, 401, 403, 404, 409),
  },
})
const action = (verb: "ignore" | "withdraw", summary: string) =>
  createRoute({
    method: "post",
    path: `/requests/{id}/${verb}`,
    tags: ["Requests"],
    summary,
    request: { params: IdParam },
    responses: { 204: { description: "Done" }, ...problems(401, 403, 404, 409) },
  })

export const requestRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(send, async (c) => {
      const me = memberOf(c)
      const input = c.req.valid("json")
      const outcome = await run(
        c,
        Effect.flatMap(RequestService, (s) =>
          s.send(me, input.to, {
            message: input.message ?? null,
            foundVia: input.foundVia ?? null,
            categoryIds: input.categoryIds ?? [],
          }),
        ),
      )
      if (outcome.contact !== null) {
        const { record, member, reviewDueAt } = outcome.contact
        return c.json({ contact: contactView(record, member, reviewDueAt) }, 200)
      }
      if (outcome._tag !== "Sent") throw new Error("a connection without its contact")
      return c.json({ request: sentView(outcome.request, outcome.counterpart) }, 201)
    })
    .openapi(incoming, async (c) => {
      const me = memberOf(c)
      const { limit, cursor, state } = c.req.valid("query")
      const after = cursorOf(cursor)
      const { list, introducers } = await run(
        c,
        Effect.gen(function* () {
          const list = yield* Effect.flatMap(Requests, (r) =>
            r.inbox(me, state, limit, after === null ? null : { at: after.k, id: after.id }),
          )
          // Those who introduced a sender: only asked for when a request on the page was introduced.
          const by = list.flatMap((i) =>
            i.request.introduction === null ? [] : [i.request.introduction.by],
          )
          const introducers =
            by.length === 0
              ? new Map<string, MemberSummary>()
              : yield* Effect.flatMap(Members, (m) => m.summaries(by))
          return { list, introducers }
        }),
      )
      const items = list.map((i) => {
        const verdict = judgeRequest(i.recipientSettings.acceptance, {
          hasPhoto: i.from.hasPhoto,
          sharedGroupCount: i.sharedGroupCount,
          hasMessage: i.request.message !== null,
          mutualCount: i.mutualCount,
          openToNetworking: i.from.openToNetworking,
          // "Introduced by a contact" holds for an introducer who is one of mine.
          introducedBy: i.introducerKnown ? (i.request.introduction?.by ?? null) : null,
        })
        const introducer =
          i.request.introduction === null ? undefined : introducers.get(i.request.introduction.by)
        return { request: i.request, view: incomingView(i.request, i.from, verdict, introducer) }
      })
      return c.json(
        {
          items: items.map((i) => i.view),
          nextCursor: nextCursor(items, limit, (last) => ({
            k: last.request.createdAt.toISOString(),
            id: last.request.id,
          })),
        },
        200,
      )
    })
    .openapi(outgoing, async (c) => {
      const me = memberOf(c)
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const list = await run(
        c,
        Effect.flatMap(Requests, (r) =>
          r.sent(me, limit, after === null ? null : { at: after.k, id: after.id }),
        ),
      )
      return c.json(
        {
          items: list.map((r) => sentView(r.request, r.to)),
          nextCursor: nextCursor(list, limit, (last) => ({
            k: last.request.createdAt.toISOString(),
            id: last.request.id,
          })),
        },
        200,
      )
    })
    .openapi(accept, async (c) => {
      const me = memberOf(c)
      const body = c.req.valid("json") ?? {}
      const accepted = await run(
        c,
        Effect.flatMap(RequestService, (s) =>
          s.accept(me, c.req.valid("param").id, {
            ...(body.categoryIds === undefined ? {} : { categoryIds: body.categoryIds }),
            ...(body.note === undefined ? {} : { note: body.note }),
          }),
        ),
      )
      const { record, member, reviewDueAt } = accepted.contact
      return c.json({ contact: contactView(record, member, reviewDueAt) }, 200)
    })
    .openapi(action("ignore", "Ignore a request (the sender is never told)"), async (c) => {
      await run(
        c,
        Effect.flatMap(RequestService, (s) => s.ignore(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
    .openapi(action("withdraw", "Withdraw my request (the recipient is never told)"), async (c) => {
      await run(
        c,
        Effect.flatMap(RequestService, (s) => s.withdraw(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
