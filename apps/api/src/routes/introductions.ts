/**
 * Introductions — the contact behind the contact, put to work: ask a mutual
 * contact to introduce me, the asks waiting for me, my own asks (a declined
 * one reads as pending), forward with a note (the target gets my request,
 * found through the introducer) or decline, silently. And the other way
 * round: recommend a member to some of my contacts.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import {
  type AskerIntroductionView,
  AskIntroductionInput,
  ForwardIntroductionInput,
  type Introduction,
  type MemberId,
  RecommendInput,
} from "@kontakt/domain"
import {
  ContactService,
  IntroductionService,
  Introductions,
  type MemberSummary,
  Members,
} from "@kontakt/store"
import { Effect, Option } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { cursorOf, nextCursor } from "../cursor.js"
import type { Ctx, NetworkQueries } from "../network/queries.js"
import {
  AskedIntroductionView,
  HandleParam,
  IdParam,
  IntroductionView,
  PageQuery,
  page,
  problems,
} from "../schemas.js"
import { memberOrGone } from "../views.js"

const ask = createRoute({
  method: "post",
  path: "/introductions",
  tags: ["Introductions"],
  summary:
    "Ask a contact of mine who knows a member, or who is the first step on my path to them, to introduce me, saying why",
  request: {
    body: { required: true, content: { "application/json": { schema: AskIntroductionInput } } },
  },
  responses: {
    201: {
      description: "The ask waits for the introducer",
      content: {
        "application/json": { schema: z.object({ introduction: AskedIntroductionView }) },
      },
    },
    ...problems(400, 401, 403, 404, 409, 429),
  },
})
const incoming = createRoute({
  method: "get",
  path: "/introductions/incoming",
  tags: ["Introductions"],
  summary: "Asks waiting for me to introduce one contact of mine to another",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "Asks waiting for me",
      content: { "application/json": { schema: page(IntroductionView) } },
    },
    ...problems(400, 401),
  },
})
const outgoing = createRoute({
  method: "get",
  path: "/introductions/outgoing",
  tags: ["Introductions"],
  summary: "My asks: pending, forwarded or lapsed (a declined one reads as pending)",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "My asks",
      content: { "application/json": { schema: page(AskedIntroductionView) } },
    },
    ...problems(400, 401),
  },
})
const forward = createRoute({
  method: "post",
  path: "/introductions/{id}/forward",
  tags: ["Introductions"],
  summary: "Forward an ask with a note: the target receives the asker's request, found through me",
  request: {
    params: IdParam,
    body: {
      required: false,
      content: { "application/json": { schema: ForwardIntroductionInput } },
    },
  },
  responses: {
    200: {
      description: "Forwarded",
      content: {
        "application/json": {
          schema: z.object({
            introduction: IntroductionView.extend({ state: z.literal("forwarded") }),
          }),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
})
const decline = createRoute({
  method: "post",
  path: "/introductions/{id}/decline",
  tags: ["Introductions"],
  summary: "Decline an ask (the asker is never told; the target never hears of it)",
  request: { params: IdParam },
  responses: { 204: { description: "Declined" }, ...problems(401, 403, 404) },
})

const recommend = createRoute({
  method: "post",
  path: "/members/{handle}/recommend",
  tags: ["Introductions"],
  summary:
    "Recommend a member to some of my contacts, with a note (whom a block separates from them is left out, silently)",
  request: {
    params: HandleParam,
    body: { required: true, content: { "application/json": { schema: RecommendInput } } },
  },
  responses: { 204: { description: "Recommended" }, ...problems(400, 401, 403, 404, 429) },
})

/** The members a list of asks names, as summaries (from memory where the process keeps them). */
const summariesOf = (ids: readonly MemberId[]) => Effect.flatMap(Members, (m) => m.summaries(ids))

/**
 * The first member on my connection path to a member (by handle), as the network answers it
 * for me — hidden contact lists and blocks applied — or null (no such member, no path).
 */
const firstHopTo = async (c: Ctx, network: NetworkQueries, me: MemberId, handle: string) => {
  const target = await run(
    c,
    Effect.option(Effect.flatMap(ContactService, (s) => s.visible(me, handle))),
  )
  if (Option.isNone(target) || target.value.id === me) return null
  return (await network.path(c, me, target.value.id))?.[1] ?? null
}

/** Asks with the summaries of the members they name, read in the same run. */
const named = <A, E, R>(
  list: Effect.Effect<readonly A[], E, R>,
  membersOf: (a: A) => readonly MemberId[],
) =>
  Effect.gen(function* () {
    const items = yield* list
    return { items, names: yield* summariesOf(items.flatMap(membersOf)) }
  })
type Names = ReadonlyMap<MemberId, MemberSummary>

/** An ask of mine as I see it (`askerView`: a decline reads as pending). */
const askedView = (i: AskerIntroductionView, names: Names) => ({
  id: i.id,
  via: memberOrGone(names.get(i.via)),
  target: memberOrGone(names.get(i.target)),
  message: i.message,
  state: i.state,
  createdAt: i.createdAt.toISOString(),
})
/** An ask as its introducer sees it. */
const waitingView = (i: Introduction, names: Names) => ({
  id: i.id,
  asker: memberOrGone(names.get(i.asker)),
  target: memberOrGone(names.get(i.target)),
  message: i.message,
  createdAt: i.createdAt.toISOString(),
})
const pageOf = <A extends { readonly id: string; readonly createdAt: Date }>(
  items: readonly A[],
  limit: number,
) => nextCursor(items, limit, (last) => ({ k: last.createdAt.toISOString(), id: last.id }))

export const introductionRoutes = (network: NetworkQueries) =>
  new OpenAPIHono<Env>()
    .openapi(ask, async (c) => {
      const me = memberOf(c)
      const input = c.req.valid("json")
      const firstHop = await firstHopTo(c, network, me, input.to)
      const { items, names } = await run(
        c,
        named(
          Effect.map(
            Effect.flatMap(IntroductionService, (s) =>
              s.ask(me, input.via, input.to, input.message, firstHop),
            ),
            (view) => [view],
          ),
          (v) => [v.via, v.target],
        ),
      )
      const [view] = items
      if (view === undefined) throw new Error("an ask without its view")
      return c.json({ introduction: askedView(view, names) }, 201)
    })
    .openapi(incoming, async (c) => {
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const { items, names } = await run(
        c,
        named(
          Effect.flatMap(Introductions, (i) =>
            i.waiting(memberOf(c), limit, after === null ? null : { at: after.k, id: after.id }),
          ),
          (i) => [i.asker, i.target],
        ),
      )
      return c.json(
        { items: items.map((i) => waitingView(i, names)), nextCursor: pageOf(items, limit) },
        200,
      )
    })
    .openapi(outgoing, async (c) => {
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const { items, names } = await run(
        c,
        named(
          Effect.flatMap(Introductions, (i) =>
            i.askedBy(memberOf(c), limit, after === null ? null : { at: after.k, id: after.id }),
          ),
          (i) => [i.via, i.target],
        ),
      )
      return c.json(
        { items: items.map((i) => askedView(i, names)), nextCursor: pageOf(items, limit) },
        200,
      )
    })
    .openapi(forward, async (c) => {
      const body = c.req.valid("json") ?? {}
      const { items, names } = await run(
        c,
        named(
          Effect.map(
            Effect.flatMap(IntroductionService, (s) =>
              s.forward(memberOf(c), c.req.valid("param").id, body.note ?? null),
            ),
            (forwarded) => [forwarded],
          ),
          (i) => [i.asker, i.target],
        ),
      )
      const [forwarded] = items
      if (forwarded === undefined) throw new Error("a forward without its ask")
      return c.json(
        { introduction: { ...waitingView(forwarded, names), state: "forwarded" as const } },
        200,
      )
    })
    .openapi(recommend, async (c) => {
      const input = c.req.valid("json")
      await run(
        c,
        Effect.flatMap(IntroductionService, (s) =>
          s.recommend(memberOf(c), c.req.valid("param").handle, input.to, input.note ?? null),
        ),
      )
      return c.body(null, 204)
    })
    .openapi(decline, async (c) => {
      await run(
        c,
        Effect.flatMap(IntroductionService, (s) => s.decline(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
