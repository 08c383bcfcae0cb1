/**
 * The contact behind the contact: suggestions (and dismissing them), the
 * connection path to a member, and reach with the chance of a customer.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { BaseRate, reachChances } from "@kontakt/domain"
import { ContactService, Members, Network } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, nowOf, run } from "../context.js"
import type { Ctx, NetworkQueries } from "../network/queries.js"
import { HandleParam, MemberView, problems } from "../schemas.js"
import { memberOrGone, memberView } from "../views.js"

const SuggestionView = z
  .object({
    member: MemberView,
    mutualCount: z.number(),
    via: z.array(z.string()),
    /** The same contacts as `via`, with their names and photos. */
    viaMembers: z.array(MemberView),
    sharedGroups: z.number(),
    /** Why, in the order suggestions are ranked: mutual contacts, shared groups, openness, a photo. */
    reasons: z.array(z.enum(["mutualContacts", "sharedGroups", "openToNetworking", "hasPhoto"])),
  })
  .openapi("Suggestion")
const PathView = z
  .object({ degree: z.number().int().min(1).max(4).nullable(), path: z.array(MemberView) })
  .openapi("ConnectionPath")
const Rings = z.object({ first: z.number(), second: z.number(), third: z.number() })
const ReachView = z
  .object({
    first: z.number(),
    second: z.number(),
    third: z.number(),
    thirdEstimated: z.boolean(),
    chanceOfAtLeastOne: Rings,
  })
  .openapi("Reach")

const suggest = createRoute({
  method: "get",
  path: "/network/suggestions",
  tags: ["Network"],
  summary: "Members two hops away, ranked by mutual contacts, with the contacts they come through",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: {
      description: "Suggestions",
      content: { "application/json": { schema: z.object({ items: z.array(SuggestionView) }) } },
    },
    ...problems(400, 401),
  },
})
const dismiss = createRoute({
  method: "post",
  path: "/network/suggestions/{handle}/dismiss",
  tags: ["Network"],
  summary: "Do not suggest this member again",
  request: { params: HandleParam },
  responses: { 204: { description: "Dismissed" }, ...problems(400, 401, 403, 404) },
})
const path = createRoute({
  method: "get",
  path: "/network/path/{handle}",
  tags: ["Network"],
  summary: "The shortest chain of contacts to a member, up to 4 hops",
  request: { params: HandleParam },
  responses: {
    200: { description: "The path", content: { "application/json": { schema: PathView } } },
    ...problems(400, 401, 404),
  },
})
const reachRoute = createRoute({
  method: "get",
  path: "/network/reach",
  tags: ["Network"],
  summary:
    "How many members are 1, 2 and 3 hops away, and the chance that at least one is a customer",
  request: { query: z.object({ baseRate: z.coerce.number().pipe(BaseRate).default(0.01) }) },
  responses: {
    200: { description: "Reach", content: { "application/json": { schema: ReachView } } },
    ...problems(400, 401),
  },
})

/** The path from the viewer to another member, as members. */
export const pathTo = async (c: Ctx, network: NetworkQueries, viewer: string, target: string) => {
  const chain = await network.path(c, viewer, target)
  if (chain === null) return { degree: null, path: [] }
  const members = await run(
    c,
    Effect.flatMap(Members, (m) => m.summaries(chain)),
  )
  return { degree: chain.length - 1, path: chain.map((id) => memberOrGone(members.get(id))) }
}

export const networkRoutes = (network: NetworkQueries) =>
  new OpenAPIHono<Env>()
    .openapi(suggest, async (c) => {
      const me = memberOf(c)
      const { limit } = c.req.valid("query")
      const found = await network.suggestions(c, me, limit)
      const members = await run(
        c,
        Effect.flatMap(Members, (m) =>
          m.summaries([...found.map((s) => s.member), ...found.flatMap((s) => s.via)]),
        ),
      )
      const items = found.flatMap((s) => {
        const m = members.get(s.member)
        if (m === undefined) return []
        return [
          {
            member: memberView(m),
            mutualCount: s.mutualCount,
            via: s.via.map((v) => members.get(v)?.handle ?? "").filter((h) => h !== ""),
            viaMembers: s.via.flatMap((v) => {
              const through = members.get(v)
              return through === undefined ? [] : [memberView(through)]
            }),
            sharedGroups: s.sharedGroups,
            reasons: [
              ...(s.mutualCount > 0 ? ["mutualContacts" as const] : []),
              ...(s.sharedGroups > 0 ? ["sharedGroups" as const] : []),
              ...(s.standing >= 2 ? ["openToNetworking" as const] : []),
              ...(s.standing % 2 === 1 ? ["hasPhoto" as const] : []),
            ],
          },
        ]
      })
      return c.json({ items }, 200)
    })
    .openapi(dismiss, async (c) => {
      const me = memberOf(c)
      const other = await run(
        c,
        Effect.flatMap(ContactService, (s) => s.visible(me, c.req.valid("param").handle)),
      )
      await run(
        c,
        Effect.flatMap(Network, (n) => n.dismiss(me, other.id, nowOf(c))),
      )
      return c.body(null, 204)
    })
    .openapi(path, async (c) => {
      const me = memberOf(c)
      const other = await run(
        c,
        Effect.flatMap(ContactService, (s) => s.visible(me, c.req.valid("param").handle)),
      )
      return c.json(await pathTo(c, network, me, other.id), 200)
    })
    .openapi(reachRoute, async (c) => {
      const me = memberOf(c)
      const r = await network.reach(c, me)
      return c.json(
        { ...r, chanceOfAtLeastOne: reachChances(r, c.req.valid("query").baseRate) },
        200,
      )
    })
