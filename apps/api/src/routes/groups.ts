/**
 * Groups: where members meet (and find each other).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { multiLine, singleLine } from "@kontakt/domain"
import { type GroupRow, Members } from "@kontakt/store"
import { Effect, Option } from "effect"
import { type Env, memberOf, nowOf, run } from "../context.js"
import { cursorOf, nextCursor } from "../cursor.js"
import { ProblemFailure } from "../problem.js"
import { IdParam, ListedMemberView, PageQuery, page, problems } from "../schemas.js"
import { listMembers } from "./members.js"

const GroupView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    memberCount: z.number(),
    /** Whether the caller belongs to the group. */
    joined: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Group")
const GroupInput = z
  .object({ name: singleLine(1, 80), description: multiLine(0, 1_000).optional() })
  .strict()

const list = createRoute({
  method: "get",
  path: "/groups",
  tags: ["Groups"],
  summary: "All groups",
  request: { query: PageQuery },
  responses: {
    200: { description: "Groups", content: { "application/json": { schema: page(GroupView) } } },
    ...problems(400, 401),
  },
})
const create = createRoute({
  method: "post",
  path: "/groups",
  tags: ["Groups"],
  summary: "Create a group (and join it)",
  request: { body: { required: true, content: { "application/json": { schema: GroupInput } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: GroupView } } },
    ...problems(400, 401, 403),
  },
})
const one = createRoute({
  method: "get",
  path: "/groups/{id}",
  tags: ["Groups"],
  summary: "One group",
  request: { params: IdParam },
  responses: {
    200: { description: "The group", content: { "application/json": { schema: GroupView } } },
    ...problems(400, 401, 404),
  },
})
const membership = (verb: "join" | "leave") =>
  createRoute({
    method: "post",
    path: `/groups/{id}/${verb}`,
    tags: ["Groups"],
    summary: verb === "join" ? "Join a group" : "Leave a group",
    request: { params: IdParam },
    responses: { 204: { description: "Done" }, ...problems(400, 401, 403, 404) },
  })
const members = createRoute({
  method: "get",
  path: "/groups/{id}/members",
  tags: ["Groups"],
  summary: "A group's members",
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: {
      description: "Members",
      content: { "application/json": { schema: page(ListedMemberView) } },
    },
    ...problems(400, 401, 404),
  },
})

const groupView = (g: GroupRow) => ({
  id: g.id,
  name: g.name,
  description: g.description,
  memberCount: g.memberCount,
  joined: g.joined,
  createdAt: g.createdAt,
})

const findGroup = (c: Parameters<typeof memberOf>[0], id: string) =>
  run(
    c,
    Effect.flatMap(Members, (m) => m.group(memberOf(c), id)),
  )
const groupNotFound = () =>
  new ProblemFailure(404, "GroupNotFound", "Group not found", "No such group.")

export const groupRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => {
      memberOf(c)
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const rows = await run(
        c,
        Effect.flatMap(Members, (m) => m.groups(memberOf(c), limit, after?.id ?? null)),
      )
      return c.json(
        {
          items: rows.map(groupView),
          nextCursor: nextCursor(rows, limit, (last) => ({ k: "", id: last.id })),
        },
        200,
      )
    })
    .openapi(create, async (c) => {
      const me = memberOf(c)
      const input = c.req.valid("json")
      const id = await run(
        c,
        Effect.flatMap(Members, (m) =>
          m.createGroup(
            { name: input.name, description: input.description ?? "", createdBy: me },
            nowOf(c),
          ),
        ),
      )
      const group = await findGroup(c, id)
      if (Option.isNone(group)) throw new Error("group vanished")
      return c.json(groupView(group.value), 201)
    })
    .openapi(one, async (c) => {
      memberOf(c)
      const group = await findGroup(c, c.req.valid("param").id)
      if (Option.isNone(group)) throw groupNotFound()
      return c.json(groupView(group.value), 200)
    })
    .openapi(membership("join"), async (c) => {
      const me = memberOf(c)
      const { id } = c.req.valid("param")
      if (Option.isNone(await findGroup(c, id))) throw groupNotFound()
      await run(
        c,
        Effect.flatMap(Members, (m) => m.joinGroup(id, me, nowOf(c))),
      )
      return c.body(null, 204)
    })
    .openapi(membership("leave"), async (c) => {
      const me = memberOf(c)
      const { id } = c.req.valid("param")
      if (Option.isNone(await findGroup(c, id))) throw groupNotFound()
      await run(
        c,
        Effect.flatMap(Members, (m) => m.leaveGroup(id, me)),
      )
      return c.body(null, 204)
    })
    .openapi(members, async (c) => {
      const me = memberOf(c)
      const { id } = c.req.valid("param")
      const { limit, cursor } = c.req.valid("query")
      if (Option.isNone(await findGroup(c, id))) throw groupNotFound()
      return c.json(await listMembers(c, me, { q: null, groupId: id, limit, cursor }), 200)
    })
