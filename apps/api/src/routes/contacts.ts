/**
 * My contacts: list (search in names and my notes; by category or none,
 * importance, muted, accepted automatically; sorted), one contact, change my record
 * of them, delete them (silently).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { ContactPatch, Importance } from "@kontakt/domain"
import { ContactService, Contacts, Members } from "@kontakt/store"
import { Effect, Option } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { cursorOf, encodeCursor } from "../cursor.js"
import { BooleanQuery, ContactView, HandleParam, PageQuery, page, problems } from "../schemas.js"
import { contactView } from "../views.js"

const ListQuery = PageQuery.extend({
  category: z.string().min(1).max(64).optional().openapi({
    description: 'One of my categories by id, or "uncategorized" for contacts in none',
  }),
  q: z.string().trim().max(100).optional().openapi({
    description: "Part of the contact's name or handle, or of my note on them",
  }),
  importance: Importance.optional(),
  muted: BooleanQuery.optional(),
  acceptedAutomatically: BooleanQuery.optional().openapi({
    description: "true: those my acceptance policy accepted for me, to sort later",
  }),
  sort: z.enum(["name", "connectedAt", "reviewDue"]).default("name"),
})

const list = createRoute({
  method: "get",
  path: "/contacts",
  tags: ["Contacts"],
  summary: "My contacts with my own categories, note, importance, muted and review date",
  request: { query: ListQuery },
  responses: {
    200: {
      description: "Contacts",
      content: { "application/json": { schema: page(ContactView) } },
    },
    ...problems(400, 401),
  },
})
const one = createRoute({
  method: "get",
  path: "/contacts/{handle}",
  tags: ["Contacts"],
  summary: "One contact",
  request: { params: HandleParam },
  responses: {
    200: { description: "The contact", content: { "application/json": { schema: ContactView } } },
    ...problems(400, 401, 404),
  },
})
const patch = createRoute({
  method: "patch",
  path: "/contacts/{handle}",
  tags: ["Contacts"],
  summary: "Change my record of a contact: categories, note, importance, muted",
  request: {
    params: HandleParam,
    body: { required: true, content: { "application/json": { schema: ContactPatch } } },
  },
  responses: {
    200: {
      description: "The contact, changed",
      content: { "application/json": { schema: ContactView } },
    },
    ...problems(400, 401, 403, 404),
  },
})
const remove = createRoute({
  method: "delete",
  path: "/contacts/{handle}",
  tags: ["Contacts"],
  summary: "Delete a contact; they are not told",
  request: { params: HandleParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
})

const viewOf = async (c: Parameters<typeof memberOf>[0], me: string, handle: string) =>
  run(
    c,
    Effect.gen(function* () {
      const { record, dueAt } = yield* Effect.flatMap(ContactService, (s) => s.get(me, handle))
      const member = yield* Effect.flatMap(Members, (m) => m.byId(record.contact))
      if (Option.isNone(member)) return yield* Effect.die(new Error("contact without member"))
      return contactView(record, member.value, dueAt)
    }),
  )

export const contactRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => {
      const me = memberOf(c)
      const { limit, cursor, category, q, sort, importance, muted, acceptedAutomatically } =
        c.req.valid("query")
      const after = cursorOf(cursor)
      const page = await run(
        c,
        Effect.flatMap(Contacts, (s) =>
          s.page(me, {
            sort,
            limit,
            after: after === null ? null : { key: after.k, id: after.id },
            categoryId: category ?? null,
            q: q ?? null,
            importance: importance ?? null,
            muted: muted ?? null,
            acceptedAutomatically: acceptedAutomatically ?? null,
          }),
        ),
      )
      const items = page.items.map((i) => contactView(i.record, i.member, i.reviewDueAt))
      const next = page.next
      return c.json(
        { items, nextCursor: next === null ? null : encodeCursor({ k: next.key, id: next.id }) },
        200,
      )
    })
    .openapi(one, async (c) =>
      c.json(await viewOf(c, memberOf(c), c.req.valid("param").handle), 200),
    )
    .openapi(patch, async (c) => {
      const me = memberOf(c)
      const { handle } = c.req.valid("param")
      await run(
        c,
        Effect.flatMap(ContactService, (s) => s.update(me, handle, c.req.valid("json"))),
      )
      return c.json(await viewOf(c, me, handle), 200)
    })
    .openapi(remove, async (c) => {
      await run(
        c,
        Effect.flatMap(ContactService, (s) => s.remove(memberOf(c), c.req.valid("param").handle)),
      )
      return c.body(null, 204)
    })
