/**
 * My categories, each with an optional review cadence of its own.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { CategoryInput, CategoryPatch } from "@kontakt/domain"
import { CategoryService } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { CategoryView, IdParam, problems } from "../schemas.js"
import { categoryView } from "../views.js"

const list = createRoute({
  method: "get",
  path: "/categories",
  tags: ["Categories"],
  summary: "My categories",
  responses: {
    200: {
      description: "Categories",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(CategoryView), nextCursor: z.null() }),
        },
      },
    },
    ...problems(401),
  },
})
const create = createRoute({
  method: "post",
  path: "/categories",
  tags: ["Categories"],
  summary: "Create a category",
  request: { body: { required: true, content: { "application/json": { schema: CategoryInput } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CategoryView } } },
    ...problems(400, 401, 403, 409),
  },
})
const change = createRoute({
  method: "patch",
  path: "/categories/{id}",
  tags: ["Categories"],
  summary: "Rename a category or change its review cadence",
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: CategoryPatch } } },
  },
  responses: {
    200: { description: "Changed", content: { "application/json": { schema: CategoryView } } },
    ...problems(400, 401, 403, 404, 409),
  },
})
const remove = createRoute({
  method: "delete",
  path: "/categories/{id}",
  tags: ["Categories"],
  summary: "Delete a category (contacts keep their other categories)",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
})

export const categoryRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => {
      const items = await run(
        c,
        Effect.flatMap(CategoryService, (s) => s.list(memberOf(c))),
      )
      return c.json({ items: items.map(categoryView), nextCursor: null }, 200)
    })
    .openapi(create, async (c) => {
      const created = await run(
        c,
        Effect.flatMap(CategoryService, (s) => s.create(memberOf(c), c.req.valid("json"))),
      )
      return c.json(categoryView(created), 201)
    })
    .openapi(change, async (c) => {
      const changed = await run(
        c,
        Effect.flatMap(CategoryService, (s) =>
          s.change(memberOf(c), c.req.valid("param").id, c.req.valid("json")),
        ),
      )
      return c.json(categoryView(changed), 200)
    })
    .openapi(remove, async (c) => {
      await run(
        c,
        Effect.flatMap(CategoryService, (s) => s.remove(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
