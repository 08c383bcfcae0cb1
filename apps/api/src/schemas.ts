/**
 * Response and parameter schemas of the HTTP API. Request bodies reuse the
 * domain's schemas, so the API, the web app and third parties validate alike.
 */
import { z } from "@hono/zod-openapi"
import { Handle, Settings } from "@kontakt/domain"

export const MemberView = z
  .object({
    handle: z.string(),
    displayName: z.string(),
    headline: z.string(),
    bio: z.string(),
    hasPhoto: z.boolean(),
    openToNetworking: z.boolean(),
  })
  .openapi("Member")

export const Relationship = z
  .enum(["none", "requestSent", "requestReceived", "contact"])
  .openapi("Relationship")

/** A member as listed: their profile, my relationship to them, how many contacts we share. */
export const ListedMemberView = MemberView.extend({
  relationship: Relationship,
  mutualCount: z.number(),
}).openapi("ListedMember")

export const MeView = MemberView.extend({
  email: z.string(),
  settings: Settings,
  createdAt: z.string(),
}).openapi("Me")

export const FoundViaView = z
  .union([
    z.object({ kind: z.literal("group"), groupId: z.string() }),
    z.object({ kind: z.literal("contact"), handle: z.string() }),
    z.object({ kind: z.literal("search") }),
    z.object({ kind: z.literal("suggestion") }),
    z.object({ kind: z.literal("post"), postId: z.string() }),
    z.object({ kind: z.literal("introduction"), via: z.string() }),
    z.object({
      kind: z.literal("import"),
      source: z.enum(["linkedin", "xing", "vcard", "csv", "manual"]),
    }),
    z.object({ kind: z.literal("invitation") }),
  ])
  .nullable()

export const VerdictView = z
  .object({
    mode: z.enum(["manual", "acceptAll", "criteria"]),
    recommendation: z.enum(["accept", "decide"]),
    autoAccept: z.boolean(),
    reasons: z.array(
      z.object({
        rule: z.enum([
          "acceptAll",
          "photo",
          "sharedGroup",
          "message",
          "mutualContacts",
          "openToNetworking",
          "introducedByContact",
        ]),
        passed: z.boolean(),
        required: z.boolean(),
        count: z.number().optional(),
        atLeast: z.number().optional(),
        text: z.string(),
      }),
    ),
  })
  .openapi("Verdict")

export const IncomingRequestView = z
  .object({
    id: z.string(),
    from: MemberView,
    message: z.string().nullable(),
    foundVia: FoundViaView,
    /** A contact of mine who introduced the sender, and what they wrote to me. */
    introduction: z.object({ by: MemberView, note: z.string().nullable() }).nullable(),
    state: z.enum(["pending", "ignored"]),
    createdAt: z.string(),
    verdict: VerdictView,
  })
  .openapi("IncomingRequest")

export const SentRequestView = z
  .object({
    id: z.string(),
    to: MemberView,
    message: z.string().nullable(),
    foundVia: FoundViaView,
    /** My own categories for them, applied to my record when they accept. */
    categoryIds: z.array(z.string()),
    state: z.enum(["pending", "accepted", "withdrawn", "expired", "discarded"]),
    createdAt: z.string(),
  })
  .openapi("SentRequest")

/** An ask waiting for me to introduce a contact of mine to another. */
export const IntroductionView = z
  .object({
    id: z.string(),
    asker: MemberView,
    target: MemberView,
    message: z.string(),
    createdAt: z.string(),
  })
  .openapi("Introduction")

/** An ask of mine, as I see it: a declined one reads as pending. */
export const AskedIntroductionView = z
  .object({
    id: z.string(),
    via: MemberView,
    target: MemberView,
    message: z.string(),
    state: z.enum(["pending", "forwarded", "lapsed"]),
    createdAt: z.string(),
  })
  .openapi("AskedIntroduction")

export const ContactView = z
  .object({
    member: MemberView,
    categoryIds: z.array(z.string()),
    note: z.string(),
    importance: z.enum(["low", "normal", "high"]),
    muted: z.boolean(),
    /** My acceptance policy accepted them for me, without my looking. */
    acceptedAutomatically: z.boolean(),
    connectedAt: z.string(),
    reviewDueAt: z.string(),
  })
  .openapi("Contact")

export const CategoryView = z
  .object({
    id: z.string(),
    name: z.string(),
    reviewEveryDays: z.number().nullable(),
    /** "Less from this category": the review advises muting quiet contacts in it. */
    lessNews: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Category")

export const ProblemView = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem")

/** A page of items and the cursor of the next page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })

/** A yes-or-no query parameter, written `true` or `false`. */
export const BooleanQuery = z.enum(["true", "false"]).transform((v) => v === "true")

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: "limit", in: "query" } }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" } }),
})

// Domain schemas are plain zod: no .openapi() on them (zod 4 adds methods when a schema is made, before this module extends zod).
export const HandleParam = z.object({ handle: Handle })
export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { message: "Not a valid id" })
    .openapi({ param: { name: "id", in: "path" } }),
})

/** Problem responses every route may give, for the OpenAPI document. */
export const problems = (
  ...statuses: readonly (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503)[]
) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: "A problem",
        content: { "application/problem+json": { schema: ProblemView } },
      },
    ]),
  )
