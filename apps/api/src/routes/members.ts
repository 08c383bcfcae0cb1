/**
 * Other members: the directory, a profile with my relationship to them,
 * their photo, and blocking (silent both ways).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { type MemberId, MemberNotFound } from "@kontakt/domain"
import { Blocks, ContactService, type ListedMember, Members } from "@kontakt/store"
import { Effect, Option } from "effect"
import { DomainFailure, type Env, memberOf, run } from "../context.js"
import { cursorOf, encodeCursor, nextCursor } from "../cursor.js"
import type { NetworkQueries } from "../network/queries.js"
import { ProblemFailure } from "../problem.js"
import {
  BooleanQuery,
  HandleParam,
  ListedMemberView,
  MemberView,
  PageQuery,
  page,
  problems,
} from "../schemas.js"
import { memberOrGone, memberView } from "../views.js"

const ProfileView = ListedMemberView.extend({
  mutualContacts: z.array(MemberView),
  path: z.object({ degree: z.number().int().min(1).max(4).nullable(), path: z.array(MemberView) }),
}).openapi("MemberProfile")

const directory = createRoute({
  method: "get",
  path: "/members",
  tags: ["Members"],
  summary:
    "The member directory: search by name, handle or headline, list a group's members, keep those with a photo or open to networking",
  request: {
    query: PageQuery.extend({
      q: z.string().trim().max(100).optional(),
      groupId: z.string().min(1).max(64).optional(),
      hasPhoto: BooleanQuery.optional().openapi({
        description: "true: only members with a photo; false: only those without",
      }),
      openToNetworking: BooleanQuery.optional().openapi({
        description: "true: only members open to networking; false: only those who are not",
      }),
    }),
  },
  responses: {
    200: {
      description: "Members",
      content: { "application/json": { schema: page(ListedMemberView) } },
    },
    ...problems(400, 401),
  },
})
const profile = createRoute({
  method: "get",
  path: "/members/{handle}",
  tags: ["Members"],
  summary:
    "A member's public profile, my relationship to them, our mutual contacts and the path to them",
  request: { params: HandleParam },
  responses: {
    200: { description: "Profile", content: { "application/json": { schema: ProfileView } } },
    ...problems(400, 401, 404),
  },
})
const photo = createRoute({
  method: "get",
  path: "/members/{handle}/photo",
  tags: ["Members"],
  summary: "A member's photo",
  request: { params: HandleParam },
  responses: {
    200: {
      description: "The image",
      content: {
        "image/png": { schema: z.any() },
        "image/jpeg": { schema: z.any() },
        "image/webp": { schema: z.any() },
      },
    },
    ...problems(401, 404),
  },
})
const blockRoute = (method: "post" | "delete", summary: string) =>
  createRoute({
    method,
    path: "/members/{handle}/block",
    tags: ["Members"],
    summary,
    request: { params: HandleParam },
    responses: { 204: { description: "Done" }, ...problems(400, 401, 403, 404) },
  })

const BlockView = z.object({ member: MemberView, blockedAt: z.string() }).openapi("Block")
const blocks = createRoute({
  method: "get",
  path: "/blocks",
  tags: ["Members"],
  summary: "Whom I blocked, the latest first (only I see this list)",
  request: { query: PageQuery },
  responses: {
    200: { description: "My blocks", content: { "application/json": { schema: page(BlockView) } } },
    ...problems(400, 401),
  },
})

/** A listed member as the API shows them. */
const listedView = (m: ListedMember) => ({
  ...memberView(m),
  relationship: m.relationship,
  mutualCount: m.mutualCount,
})

/** A page of the directory (or of one group's members) with my relationship to each. */
export const listMembers = async (
  c: Parameters<typeof memberOf>[0],
  me: MemberId,
  options: {
    readonly q: string | null
    readonly groupId: string | null
    readonly hasPhoto?: boolean | undefined
    readonly openToNetworking?: boolean | undefined
    readonly limit: number
    readonly cursor: string | undefined
  },
) => {
  const after = cursorOf(options.cursor)
  const found = await run(
    c,
    Effect.flatMap(Members, (m) =>
      m.directory(me, {
        q: options.q,
        groupId: options.groupId,
        hasPhoto: options.hasPhoto ?? null,
        openToNetworking: options.openToNetworking ?? null,
        limit: options.limit,
        after: after?.k ?? null,
      }),
    ),
  )
  const items = found.map(listedView)
  return {
    items,
    nextCursor: nextCursor(items, options.limit, (last) => ({ k: last.handle, id: "" })),
  }
}

export const memberRoutes = (network: NetworkQueries) =>
  new OpenAPIHono<Env>()
    .openapi(directory, async (c) => {
      const me = memberOf(c)
      const { limit, cursor, q, groupId, hasPhoto, openToNetworking } = c.req.valid("query")
      return c.json(
        await listMembers(c, me, {
          q: q ?? null,
          groupId: groupId ?? null,
          hasPhoto,
          openToNetworking,
          limit,
          cursor,
        }),
        200,
      )
    })
    .openapi(profile, async (c) => {
      const me = memberOf(c)
      const { handle } = c.req.valid("param")
      // The network answers from memory, given the member's id; the member and everyone the
      // answers name, in one more statement. With the id known from memory (a hint, checked
      // against the row), that statement and the member's row go together.
      const around = async (id: string) => {
        const mutual = (await network.mutual(c, me, id)).slice(0, 20)
        const chain = id === me ? null : await network.path(c, me, id)
        return { mutual, chain, named: [...mutual, ...(chain ?? [])] }
      }
      const notFound = () => new DomainFailure(new MemberNotFound({ handle }))
      // The id from memory: the network's answers first, then the row and the members together.
      const byHint = async (hinted: string) => {
        const net = await around(hinted)
        const found = await run(
          c,
          Effect.flatMap(Members, (m) => m.listedWith(me, handle, net.named)),
        )
        if (Option.isNone(found.listed)) throw notFound()
        // The handle is someone else's now: the long way.
        if (found.listed.value.id !== hinted) return null
        return { other: found.listed.value, net, members: found.summaries }
      }
      // The row, the network's answers, the members they name: one after the other.
      const theLongWay = async () => {
        const found = await run(
          c,
          Effect.flatMap(Members, (m) => m.listed(me, handle)),
        )
        if (Option.isNone(found)) throw notFound()
        const other = found.value
        network.learnHandle(handle, other.id)
        const net = await around(other.id)
        const members = await run(
          c,
          Effect.flatMap(Members, (m) => m.summaries(net.named)),
        )
        return { other, net, members }
      }
      const hinted = network.idOfHandle(handle)
      const { other, net, members } =
        (hinted === undefined ? null : await byHint(hinted)) ?? (await theLongWay())
      return c.json(
        {
          ...listedView(other),
          mutualContacts: net.mutual.flatMap((id) => {
            const m = members.get(id)
            return m === undefined ? [] : [memberView(m)]
          }),
          path:
            net.chain === null
              ? { degree: null, path: [] }
              : {
                  degree: net.chain.length - 1,
                  path: net.chain.map((id) =>
                    memberOrGone(id === other.id ? other : members.get(id)),
                  ),
                },
        },
        200,
      )
    })
    .openapi(photo, async (c) => {
      const me = memberOf(c)
      const image = await run(
        c,
        Effect.gen(function* () {
          const other = yield* Effect.flatMap(ContactService, (s) =>
            s.visible(me, c.req.valid("param").handle),
          )
          return yield* Effect.flatMap(Members, (m) => m.photo(other.id))
        }),
      )
      if (Option.isNone(image))
        throw new ProblemFailure(404, "PhotoNotFound", "No photo", "This member has no photo.")
      c.header("Content-Type", image.value.contentType)
      c.header("X-Content-Type-Options", "nosniff")
      c.header("Cache-Control", "private, max-age=300")
      return c.body(new Uint8Array(image.value.bytes), 200)
    })
    .openapi(blockRoute("post", "Block a member (silent: they are not told)"), async (c) => {
      const me = memberOf(c)
      await run(
        c,
        Effect.flatMap(ContactService, (s) => s.block(me, c.req.valid("param").handle)).pipe(
          // Blocking twice is the same as blocking once.
          Effect.catchIf(
            (e) =>
              typeof e === "object" && e !== null && "_tag" in e && e._tag === "AlreadyBlocked",
            () => Effect.void,
          ),
        ),
      )
      return c.body(null, 204)
    })
    .openapi(blocks, async (c) => {
      const me = memberOf(c)
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const { rows, members } = await run(
        c,
        Effect.gen(function* () {
          const rows = yield* Effect.flatMap(Blocks, (b) =>
            b.mine(me, limit, after === null ? null : { at: after.k, member: after.id }),
          )
          const members = yield* Effect.flatMap(Members, (m) =>
            m.summaries(rows.map((r) => r.member)),
          )
          return { rows, members }
        }),
      )
      const last = rows.at(-1)
      return c.json(
        {
          // A blocked member's account gone takes its block with it: nobody left to show.
          items: rows.flatMap((r) => {
            const member = members.get(r.member)
            return member === undefined
              ? []
              : [{ member: memberView(member), blockedAt: r.at.toISOString() }]
          }),
          nextCursor:
            last === undefined || rows.length < limit
              ? null
              : encodeCursor({ k: last.at.toISOString(), id: last.member }),
        },
        200,
      )
    })
    .openapi(blockRoute("delete", "Unblock a member"), async (c) => {
      await run(
        c,
        Effect.flatMap(ContactService, (s) => s.unblock(memberOf(c), c.req.valid("param").handle)),
      )
      return c.body(null, 204)
    })
