/**
 * My people out of kontakt: `GET /v1/contacts/export?format=vcard|csv&category=`
 * — my contacts (their name, headline, kontakt profile address, my
 * categories and note; never their email) and my address book entries, as
 * one vCard 4.0 file or one CSV, optionally only one category (or none).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { AddressBook, Categories, Contacts, StorePolicy } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, run } from "../context.js"
import { type ExportPerson, toCsv, toVcards } from "../exchange/export.js"
import { ProblemFailure } from "../problem.js"
import { problems } from "../schemas.js"

const ExportQuery = z.object({
  format: z.enum(["vcard", "csv"]).default("vcard"),
  category: z.string().min(1).max(64).optional().openapi({
    description: 'Only one of my categories by id, or "uncategorized" for those in none',
  }),
})

const exportContacts = createRoute({
  method: "get",
  path: "/contacts/export",
  tags: ["Address book"],
  summary: "My contacts and address book entries as a vCard 4.0 file or a CSV (UTF-8 with BOM)",
  request: { query: ExportQuery },
  responses: {
    200: {
      description: "The file",
      content: {
        "text/vcard": { schema: z.string() },
        "text/csv": { schema: z.string() },
      },
    },
    ...problems(400, 401),
  },
})

/**
 * The export, routed as `/contacts/{handle}` with the handle "export" (reserved, so no member
 * has it): a static path beside a parameter at the same place is a pattern Hono's RegExpRouter
 * cannot take, and one such pattern sends every request of the process through the slower
 * TrieRouter. The document still describes it as its own operation.
 */
export const exportRoutes = () => {
  const app = new OpenAPIHono<Env>()
  app.openAPIRegistry.registerPath(exportContacts)
  return app.get("/contacts/:handle", (c, next) =>
    c.req.param("handle") === "export" ? exportFile(c) : next(),
  )
}

const exportFile = async (c: Parameters<typeof memberOf>[0]) => {
  const me = memberOf(c)
  const query = ExportQuery.safeParse(c.req.query())
  if (!query.success)
    throw new ProblemFailure(
      400,
      "ValidationFailed",
      "The request is not valid",
      "Some fields are missing or invalid.",
      {
        errors: query.error.issues.map((i) => ({
          path: i.path.map(String).join(".") || "(query)",
          message: i.message,
        })),
      },
    )
  const { format, category } = query.data
  const origin = new URL(c.req.url).origin
  const people = await run(
    c,
    Effect.gen(function* () {
      const { policy } = yield* StorePolicy
      const names = new Map(
        (yield* Effect.flatMap(Categories, (s) => s.ofOwner(me))).map((g) => [g.id, g.name]),
      )
      const named = (ids: readonly string[]) =>
        ids.flatMap((id) => {
          const n = names.get(id)
          return n === undefined ? [] : [n]
        })
      const contacts = yield* Effect.flatMap(Contacts, (s) =>
        s.page(me, {
          sort: "name",
          limit: policy.maxConnections,
          after: null,
          categoryId: category ?? null,
        }),
      )
      const entries = yield* Effect.flatMap(AddressBook, (b) =>
        b.page(me, {
          categoryId: category ?? null,
          q: null,
          limit: policy.maxAddressBookEntries,
          after: null,
        }),
      )
      return [
        ...contacts.items.map(
          (i): ExportPerson => ({
            displayName: i.member.displayName,
            emails: [],
            phones: [],
            company: null,
            position: i.member.headline === "" ? null : i.member.headline,
            urls: [`${origin}/members/${i.member.handle}`],
            categories: named(i.record.categoryIds),
            note: i.record.note,
            kind: "contact",
          }),
        ),
        ...entries.items.map(
          (e): ExportPerson => ({
            displayName: e.displayName,
            emails: e.emails,
            phones: e.phones,
            company: e.company,
            position: e.position,
            urls: e.urls,
            categories: named(e.categoryIds),
            note: e.note,
            kind: e.source,
          }),
        ),
      ]
    }),
  )
  const day = new Date().toISOString().slice(0, 10)
  const [body, type, ext] =
    format === "csv"
      ? [toCsv(people), "text/csv; charset=utf-8", "csv"]
      : [toVcards(people), "text/vcard; charset=utf-8", "vcf"]
  c.header("Content-Type", type)
  c.header("Content-Disposition", `attachment; filename="kontakt-${day}.${ext}"`)
  return c.body(body, 200)
}
