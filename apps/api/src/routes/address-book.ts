/**
 * The address book: import a file (a LinkedIn export, vCards, a CSV with a
 * column mapping) all or nothing, list my entries (by category or none, by
 * a search in name, company, position, email and note), one entry, change
 * my curation of it, delete it. Only ever the member's own.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import {
  type AddressBookEntry,
  defaultPolicy,
  defaultSettings,
  entryPatchSchema,
  entryReviewSchema,
  importRequestDraft,
  type Locale,
  type Settings,
} from "@kontakt/domain"
import { AddressBook, type EntryMatch, Members, type StoredEntry } from "@kontakt/store"
import { Effect, Option } from "effect"
import { type Env, memberOf, nowOf, run } from "../context.js"
import { cursorOf, encodeCursor } from "../cursor.js"
import { CsvMapping } from "../exchange/csv.js"
import { previewImport, readImport } from "../exchange/read-file.js"
import { ProblemFailure } from "../problem.js"
import {
  BooleanQuery,
  IdParam,
  MemberView,
  PageQuery,
  page,
  problems,
  Relationship,
} from "../schemas.js"
import { memberView } from "../views.js"

const OnKontakt = z
  .object({
    member: MemberView,
    relationship: Relationship,
    draft: z
      .object({
        message: z.string(),
        foundVia: z.object({
          kind: z.literal("import"),
          source: z.enum(["linkedin", "xing", "vcard", "csv", "manual"]),
        }),
      })
      .openapi({
        description:
          "A request to send them from this entry (POST /v1/requests with this foundVia); the words are mine to change",
      }),
  })
  .nullable()
  .openapi({
    description:
      "The member this entry turned out to be: one of its emails belongs to a member who chose to be findable by email. Null for everyone else, whether they are on kontakt or not.",
  })

const EntryView = z
  .object({
    id: z.string(),
    displayName: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    company: z.string().nullable(),
    position: z.string().nullable(),
    urls: z.array(z.string()),
    source: z.enum(["linkedin", "xing", "vcard", "csv", "manual"]),
    connectedAt: z.string().nullable(),
    categoryIds: z.array(z.string()),
    note: z.string(),
    importance: z.enum(["low", "normal", "high"]),
    reviewDueAt: z.string().openapi({
      description: "When the entry is next due for review, under my cadence",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    onKontakt: OnKontakt,
  })
  .openapi("AddressBookEntry")

const ImportReport = z
  .object({
    format: z.enum(["linkedin", "vcard", "csv"]),
    created: z.number().int(),
    merged: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.array(
      z.object({
        line: z.number().int(),
        reason: z.enum(["noName", "noWayToReach", "duplicateInFile", "tooMany"]),
      }),
    ),
  })
  .openapi("ImportReport")

const entryView = (
  e: AddressBookEntry,
  match: EntryMatch | undefined,
  locale: Locale,
  reviewDueAt: Date,
): z.infer<typeof EntryView> => ({
  id: e.id,
  displayName: e.displayName,
  emails: [...e.emails],
  phones: [...e.phones],
  company: e.company,
  position: e.position,
  urls: [...e.urls],
  source: e.source,
  connectedAt: e.connectedAt === null ? null : e.connectedAt.toISOString(),
  categoryIds: [...e.categoryIds],
  note: e.note,
  importance: e.importance,
  reviewDueAt: reviewDueAt.toISOString(),
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  onKontakt:
    match === undefined
      ? null
      : {
          member: memberView(match.member),
          relationship: match.status,
          draft: importRequestDraft(locale, e),
        },
})

/** The signed-in member's settings (the session read them; a token's request reads them once). */
const settingsOf = (c: Parameters<typeof memberOf>[0]) =>
  Effect.gen(function* () {
    const known = c.get("member")
    if (known !== null) return known.settings
    const member = yield* Effect.flatMap(Members, (m) => m.byId(memberOf(c)))
    return Option.isSome(member) ? member.value.settings : defaultSettings()
  })
const localeOf = (c: Parameters<typeof memberOf>[0]) => Effect.map(settingsOf(c), (s) => s.locale)

/**
 * Entries as shown to their owner (whose `settings` give the language and the cadence), each
 * with the member it turned out to be: one statement for them all.
 */
const shown = (
  c: Parameters<typeof memberOf>[0],
  entries: readonly StoredEntry[],
  settings: Settings,
) =>
  Effect.gen(function* () {
    const book = yield* AddressBook
    const matches = yield* book.matches(memberOf(c), entries)
    return entries.map((e) =>
      entryView(e, matches.get(e.id), settings.locale, book.dueAt(e, settings.reviewEveryDays)),
    )
  })
/** One entry as shown (see `shown`). */
const shownOne = (c: Parameters<typeof memberOf>[0], entry: StoredEntry) =>
  Effect.flatMap(settingsOf(c), (settings) =>
    Effect.map(shown(c, [entry], settings), (views) => views[0] as z.infer<typeof EntryView>),
  )

const ImportQuery = z.object({
  mapping: z.string().max(4_000).optional().openapi({
    description:
      "For a CSV that is neither a LinkedIn export nor a vCard: which header holds what, as JSON ({name | firstName, lastName, emails: [], phones: [], company, position, urls: [], categories, connectedAt})",
  }),
})

const importFile = createRoute({
  method: "post",
  path: "/imports",
  tags: ["Address book"],
  summary: "Import a LinkedIn Connections.csv, vCards (3.0, 4.0) or a CSV into my address book",
  description:
    "The file is the raw body or the `file` part of a multipart form (a `mapping` part may carry the CSV mapping); at most 5 MiB; its format is told by its content. All or nothing: a file that cannot be read answers 422 with the line that failed and changes nothing. Importing the same file again changes nothing.",
  request: {
    query: ImportQuery,
    body: {
      required: false,
      content: {
        "text/csv": { schema: z.string() },
        "text/vcard": { schema: z.string() },
      },
    },
  },
  responses: {
    200: {
      description: "What the import did",
      content: { "application/json": { schema: ImportReport } },
    },
    ...problems(400, 401, 403, 413, 422),
  },
})

const ImportPreview = z
  .object({
    format: z.enum(["linkedin", "vcard", "csv"]),
    columns: z.array(z.string()).nullable().openapi({
      description: "A CSV's header row, to map (null for a LinkedIn export or vCards)",
    }),
    suggestedMapping: CsvMapping.nullable().openapi({
      description: "A mapping guessed from the columns' usual names, to check",
    }),
    people: z.number().int().nullable().openapi({
      description: "How many people the file names (null: a CSV still needs its mapping)",
    }),
    sample: z
      .array(
        z.object({
          line: z.number().int(),
          displayName: z.string(),
          emails: z.array(z.string()),
          company: z.string().nullable(),
          position: z.string().nullable(),
        }),
      )
      .openapi({ description: "The first people, as they would be read" }),
    report: ImportReport.omit({ format: true }).nullable().openapi({
      description: "What importing it would do now (nothing is written)",
    }),
  })
  .openapi("ImportPreview")

const previewFile = createRoute({
  method: "post",
  path: "/imports/preview",
  tags: ["Address book"],
  summary:
    "What a file would import as, before importing it: format, columns, first people, report",
  description:
    "Takes the same body as POST /v1/imports and writes nothing. A CSV without a mapping answers its columns and a guessed mapping; with one, the people and the report as the import would make it.",
  request: importFile.request,
  responses: {
    200: {
      description: "What the import would do",
      content: { "application/json": { schema: ImportPreview } },
    },
    ...problems(400, 401, 403, 413, 422),
  },
})

const ListQuery = PageQuery.extend({
  category: z.string().min(1).max(64).optional().openapi({
    description: 'One of my categories by id, or "uncategorized" for entries in none',
  }),
  q: z.string().trim().max(100).optional().openapi({
    description: "Part of the name, company, position, an email or my note",
  }),
  due: BooleanQuery.optional().openapi({
    description: "`true`: only entries due for review now",
  }),
  importance: z.enum(["low", "normal", "high"]).optional().openapi({
    description: "Only entries of this importance",
  }),
})
const list = createRoute({
  method: "get",
  path: "/address-book",
  tags: ["Address book"],
  summary: "My address book: people I know from elsewhere, with my categories and note",
  request: { query: ListQuery },
  responses: {
    200: { description: "Entries", content: { "application/json": { schema: page(EntryView) } } },
    ...problems(400, 401),
  },
})
const one = createRoute({
  method: "get",
  path: "/address-book/{id}",
  tags: ["Address book"],
  summary: "One entry of my address book",
  request: { params: IdParam },
  responses: {
    200: { description: "The entry", content: { "application/json": { schema: EntryView } } },
    ...problems(400, 401, 404),
  },
})
const change = createRoute({
  method: "patch",
  path: "/address-book/{id}",
  tags: ["Address book"],
  summary: "Change an entry: name, company, position, categories, note, importance",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: { "application/json": { schema: entryPatchSchema(defaultPolicy) } },
    },
  },
  responses: {
    200: {
      description: "The entry, changed",
      content: { "application/json": { schema: EntryView } },
    },
    ...problems(400, 401, 403, 404),
  },
})
const review = createRoute({
  method: "post",
  path: "/address-book/{id}/review",
  tags: ["Address book"],
  summary: "Review an entry: keep it (a new cadence starts), snooze it, or delete it",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: { "application/json": { schema: entryReviewSchema(defaultPolicy) } },
    },
  },
  responses: {
    200: {
      description: "The entry, reviewed",
      content: { "application/json": { schema: EntryView } },
    },
    204: { description: "Deleted" },
    ...problems(400, 401, 403, 404),
  },
})
const remove = createRoute({
  method: "delete",
  path: "/address-book/{id}",
  tags: ["Address book"],
  summary: "Delete an entry of my address book",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
})

const badMapping = (detail: string) =>
  new ProblemFailure(400, "ValidationFailed", "The column mapping is not valid", detail, {
    errors: [{ path: "mapping", message: detail }],
  })

/** The mapping given as JSON text, checked; null when none was given. */
const mappingOf = (raw: string | undefined | null): CsvMapping | null => {
  if (raw === undefined || raw === null || raw.trim() === "") return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw badMapping("The mapping is not JSON.")
  }
  const parsed = CsvMapping.safeParse(json)
  if (!parsed.success)
    throw badMapping(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "))
  return parsed.data
}

/** The file and its mapping, from a multipart form or the raw body. */
const upload = async (c: Parameters<typeof memberOf>[0], query: string | undefined) => {
  const type = c.req.header("Content-Type") ?? ""
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    const form = await c.req.parseBody()
    const file = form["file"]
    if (!(file instanceof File))
      throw new ProblemFailure(
        400,
        "ValidationFailed",
        "No file",
        "Send the file as the form's `file` part.",
        { errors: [{ path: "file", message: "Required" }] },
      )
    const mapping = typeof form["mapping"] === "string" ? form["mapping"] : query
    return { bytes: new Uint8Array(await file.arrayBuffer()), mapping: mappingOf(mapping) }
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), mapping: mappingOf(query) }
}

const unreadable = (error: { readonly line: number; readonly message: string }) =>
  new ProblemFailure(
    422,
    "ImportUnreadable",
    "The file cannot be read",
    `Line ${error.line}: ${error.message}. Nothing was imported.`,
    { errors: [{ path: `line ${error.line}`, message: error.message }] },
  )

export const addressBookRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(previewFile, async (c) => {
      const me = memberOf(c)
      const { bytes, mapping } = await upload(c, c.req.valid("query").mapping)
      const preview = previewImport(bytes)
      const waiting = preview.format === "csv" && mapping === null
      const read = waiting ? null : readImport(bytes, mapping)
      if (read !== null && "error" in read) throw unreadable(read.error)
      const report =
        read === null
          ? null
          : await run(
              c,
              Effect.flatMap(localeOf(c), (locale) =>
                Effect.flatMap(AddressBook, (b) =>
                  b.importPeople(me, read.people, read.source, locale, { dryRun: true }),
                ),
              ),
            )
      return c.json(
        {
          format: preview.format,
          columns: preview.columns === null ? null : [...preview.columns],
          suggestedMapping: preview.suggestedMapping,
          people: read === null ? null : read.people.length,
          sample: (read?.people ?? []).slice(0, 5).map((p) => ({
            line: p.line,
            displayName: p.displayName,
            emails: [...p.emails],
            company: p.company,
            position: p.position,
          })),
          report: report === null ? null : { ...report, skipped: [...report.skipped] },
        },
        200,
      )
    })
    .openapi(importFile, async (c) => {
      const me = memberOf(c)
      const { bytes, mapping } = await upload(c, c.req.valid("query").mapping)
      const read = readImport(bytes, mapping)
      if ("error" in read) throw unreadable(read.error)
      const report = await run(
        c,
        Effect.gen(function* () {
          const locale = yield* localeOf(c)
          return yield* Effect.flatMap(AddressBook, (b) =>
            b.importPeople(me, read.people, read.source, locale),
          )
        }),
      )
      return c.json({ format: read.format, ...report, skipped: [...report.skipped] }, 200)
    })
    .openapi(list, async (c) => {
      const { limit, cursor, category, q, due, importance } = c.req.valid("query")
      const after = cursorOf(cursor)
      const { found, items } = await run(
        c,
        Effect.gen(function* () {
          const settings = yield* settingsOf(c)
          const cadenceDays = settings.reviewEveryDays
          const found = yield* Effect.flatMap(AddressBook, (b) =>
            b.page(memberOf(c), {
              categoryId: category ?? null,
              q: q ?? null,
              limit,
              after: after === null ? null : { key: after.k, id: after.id },
              ...(due === true ? { due: { now: nowOf(c), cadenceDays } } : {}),
              ...(importance === undefined ? {} : { importance }),
            }),
          )
          return { found, items: yield* shown(c, found.items, settings) }
        }),
      )
      return c.json(
        {
          items,
          nextCursor:
            found.next === null ? null : encodeCursor({ k: found.next.key, id: found.next.id }),
        },
        200,
      )
    })
    .openapi(one, async (c) => {
      const entry = await run(
        c,
        Effect.flatMap(
          Effect.flatMap(AddressBook, (b) => b.get(memberOf(c), c.req.valid("param").id)),
          (e) => shownOne(c, e),
        ),
      )
      return c.json(entry, 200)
    })
    .openapi(change, async (c) => {
      const entry = await run(
        c,
        Effect.flatMap(
          Effect.flatMap(AddressBook, (b) =>
            b.update(memberOf(c), c.req.valid("param").id, c.req.valid("json")),
          ),
          (e) => shownOne(c, e),
        ),
      )
      return c.json(entry, 200)
    })
    .openapi(review, async (c) => {
      const reviewed = await run(
        c,
        Effect.flatMap(
          Effect.flatMap(AddressBook, (b) =>
            b.review(memberOf(c), c.req.valid("param").id, c.req.valid("json")),
          ),
          (e) => (e === null ? Effect.succeed(null) : shownOne(c, e)),
        ),
      )
      return reviewed === null ? c.body(null, 204) : c.json(reviewed, 200)
    })
    .openapi(remove, async (c) => {
      await run(
        c,
        Effect.flatMap(AddressBook, (b) => b.remove(memberOf(c), c.req.valid("param").id)),
      )
      return c.body(null, 204)
    })
