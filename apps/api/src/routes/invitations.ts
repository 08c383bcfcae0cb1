/**
 * Invitations: links for people not on kontakt yet — for address book
 * entries, for emails, or one to pass on by hand. Single use, expiring,
 * revocable. kontakt sends no email: the link is shown once, at creation (only
 * its hash is kept), for the inviter to copy or send. Signing up through one
 * (POST /v1/auth/signup with `invitation`) connects the two if the invitee
 * chooses; one who declines leaves the invitation reading as open.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import {
  defaultPolicy,
  type Invitation,
  invitationInputSchema,
  invitationStatus,
} from "@kontakt/domain"
import { type CreatedInvitation, InvitationService } from "@kontakt/store"
import { Effect } from "effect"
import type { Context } from "hono"
import { type Env, memberOf, nowOf, run } from "../context.js"
import { cursorOf, encodeCursor } from "../cursor.js"
import { overHttps } from "../middleware.js"
import { IdParam, PageQuery, page, problems } from "../schemas.js"

const InvitationView = z
  .object({
    id: z.string(),
    entryId: z.string().nullable(),
    email: z.string().nullable(),
    message: z.string().nullable(),
    status: z.enum(["open", "accepted", "expired", "revoked"]).openapi({
      description:
        "As I see it: `accepted` once someone signed up through it and connected; a link used by someone who chose not to connect reads as `open` until it expires",
    }),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi("Invitation")

const CreatedView = InvitationView.extend({
  secret: z.string().openapi({ description: "The link's secret; shown only now" }),
  url: z.string().openapi({ description: "The link to pass on: the sign-up page with the secret" }),
}).openapi("CreatedInvitation")

const create = createRoute({
  method: "post",
  path: "/invitations",
  tags: ["Address book"],
  summary: "Create invitation links: for address book entries, for emails, or one to pass on",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: invitationInputSchema(defaultPolicy) } },
    },
  },
  responses: {
    201: {
      description: "The links, each shown only now (kontakt sends no email)",
      content: { "application/json": { schema: z.object({ items: z.array(CreatedView) }) } },
    },
    ...problems(400, 401, 403, 404, 409, 429),
  },
})
const list = createRoute({
  method: "get",
  path: "/invitations",
  tags: ["Address book"],
  summary: "My invitations, newest first",
  request: { query: PageQuery },
  responses: {
    200: {
      description: "Invitations",
      content: { "application/json": { schema: page(InvitationView) } },
    },
    ...problems(400, 401),
  },
})
const revoke = createRoute({
  method: "delete",
  path: "/invitations/{id}",
  tags: ["Address book"],
  summary: "Revoke an invitation: its link signs nobody up any more",
  request: { params: IdParam },
  responses: { 204: { description: "Revoked" }, ...problems(400, 401, 403, 404) },
})

const view = (i: Invitation, now: Date): z.infer<typeof InvitationView> => ({
  id: i.id,
  entryId: i.entryId,
  email: i.email,
  message: i.message,
  status: invitationStatus(i, now),
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
})

/**
 * The link: the web app's sign-up page, the secret in the fragment (browsers never send a
 * fragment, so no server's log ever holds it).
 */
const linkOf = (c: Context<Env>, secret: string) => {
  const host = c.req.header("Host") ?? new URL(c.req.url).host
  return `${overHttps(c) ? "https" : "http"}://${host}/signup#invitation=${encodeURIComponent(secret)}`
}

export const invitationRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(create, async (c) => {
      const made: CreatedInvitation[] = await run(
        c,
        Effect.flatMap(InvitationService, (s) => s.create(memberOf(c), c.req.valid("json"))),
      )
      return c.json(
        {
          items: made.map((m) => ({
            ...view(m.invitation, nowOf(c)),
            secret: m.secret,
            url: linkOf(c, m.secret),
          })),
        },
        201,
      )
    })
    .openapi(list, async (c) => {
      const { limit, cursor } = c.req.valid("query")
      const after = cursorOf(cursor)
      const found = await run(
        c,
        Effect.flatMap(InvitationService, (s) =>
          s.page(memberOf(c), limit, after === null ? null : { at: after.k, id: after.id }),
        ),
      )
      return c.json(
        {
          items: found.items.map((i) => view(i, nowOf(c))),
          nextCursor:
            found.next === null ? null : encodeCursor({ k: found.next.at, id: found.next.id }),
        },
        200,
      )
    })
    .openapi(revoke, async (c) => {
      await run(
        c,
        Effect.flatMap(InvitationService, (s) => s.revoke(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
