/**
 * Contact requests: their states, their inputs and how the sender sees them.
 *
 * A request belongs to the pair (sender, recipient). It is open while
 * `pending` or `ignored`, and final once `accepted`, `withdrawn`, `expired`
 * or `discarded` (a block or a deleted account took it away).
 *
 * @module
 */
import { z } from "zod"
import { EntrySource } from "./AddressBook.js"
import type { MemberId } from "./Ids.js"
import { Handle } from "./Member.js"
import { addDays, defaultPolicy, type Policy } from "./Policy.js"
import { hasControlCharacters } from "./Text.js"

/** Every state a request can be in. */
export type RequestState =
  | "pending"
  | "ignored"
  | "accepted"
  | "withdrawn"
  | "expired"
  | "discarded"

/** The states from which a request can still be accepted or withdrawn. */
export type OpenRequestState = "pending" | "ignored"

/** The states no transition leaves. */
export type FinalRequestState = Exclude<RequestState, OpenRequestState>

/**
 * How the sender found the recipient; it pre-fills the recipient's note on
 * accept ("Found you in group K.").
 *
 * @example
 * ```ts
 * FoundVia.parse({ kind: "group", groupId: "g1" })
 * ```
 */
const senderWays = [
  z.object({ kind: z.literal("group"), groupId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal("contact"), handle: Handle }).strict(),
  z.object({ kind: z.literal("search") }).strict(),
  z.object({ kind: z.literal("suggestion") }).strict(),
  /** Their post, in my feed (brought by a contact of mine, or theirs). */
  z.object({ kind: z.literal("post"), postId: z.string().min(1).max(64) }).strict(),
  /**
   * An entry of the sender's address book names the recipient's email, and the recipient
   * chose to be findable by email (the store checks both when the request is sent).
   */
  z.object({ kind: z.literal("import"), source: EntrySource }).strict(),
] as const
/** A contact of both forwarded the sender's ask for an introduction (only forwarding sets it). */
const throughIntroduction = z.object({ kind: z.literal("introduction"), via: Handle }).strict()
/** The recipient signed up through the sender's invitation link (only a sign-up sets it). */
const throughInvitation = z.object({ kind: z.literal("invitation") }).strict()

export const FoundVia = z.discriminatedUnion("kind", [
  ...senderWays,
  throughIntroduction,
  throughInvitation,
])
/** @see {@link FoundVia} */
export type FoundVia = z.infer<typeof FoundVia>

/**
 * The ways a sender may say they found someone: every {@link FoundVia} but
 * `introduction` and `invitation`, which only a forwarded introduction and a
 * sign-up record (a sender cannot claim either).
 */
export const SenderFoundVia = z.discriminatedUnion("kind", [...senderWays])
/** @see {@link SenderFoundVia} */
export type SenderFoundVia = z.infer<typeof SenderFoundVia>

/** Category ids of one's own, chosen when sending or accepting (checked against the owner's). */
export const CategoryIds = z.array(z.string().min(1).max(64)).max(100)

/**
 * The request message for a policy: trimmed, at most `messageMaxLength`
 * characters, no control characters (line breaks are allowed: a greeting and a
 * signature on their own lines are how people write). Empty means no message.
 *
 * @example
 * ```ts
 * requestMessageSchema(defaultPolicy).parse("  Hallo Frau M.  ") // "Hallo Frau M."
 * requestMessageSchema(defaultPolicy).parse("   ") // null
 * ```
 */
export const requestMessageSchema = (policy: Policy) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .max(policy.messageMaxLength, { message: `At most ${policy.messageMaxLength} characters` })
        .refine((s) => !hasControlCharacters(s), {
          message: "Must not contain control characters",
        }),
    )
    .transform((s) => (s.length === 0 ? null : s))

/** The request message under the default policy. @see {@link requestMessageSchema} */
export const RequestMessage = requestMessageSchema(defaultPolicy)

/**
 * The body of "send a request" for a policy.
 *
 * @example
 * ```ts
 * sendRequestInputSchema(defaultPolicy).parse({ to: "sandra", message: "Hallo!" })
 * ```
 */
export const sendRequestInputSchema = (policy: Policy) =>
  z
    .object({
      to: Handle,
      message: requestMessageSchema(policy).optional(),
      foundVia: SenderFoundVia.optional(),
      /** My categories for them, kept with the request and applied to my record on accept. */
      categoryIds: CategoryIds.optional(),
    })
    .strict()

/** "Send a request" under the default policy. @see {@link sendRequestInputSchema} */
export const SendRequestInput = sendRequestInputSchema(defaultPolicy)
/** @see {@link SendRequestInput} */
export type SendRequestInput = z.infer<typeof SendRequestInput>

/** A contact request, as stored. */
export interface ContactRequest {
  readonly id: string
  readonly from: MemberId
  readonly to: MemberId
  readonly message: string | null
  readonly foundVia: FoundVia | null
  /** The sender's own categories for the recipient, applied to the sender's record on accept. Private to the sender. */
  readonly senderCategoryIds: readonly string[]
  /** Who introduced the sender, and what they wrote to the recipient (a forwarded introduction). */
  readonly introduction: RequestIntroduction | null
  readonly state: RequestState
  readonly createdAt: Date
  /** When the state last changed. Never shown to the sender: it would date an ignore. */
  readonly updatedAt: Date
}

/** A contact of both vouching for the sender: who, and their note to the recipient. */
export interface RequestIntroduction {
  readonly by: MemberId
  readonly note: string | null
}

/**
 * Whether a request is still open (pending or ignored).
 *
 * @example
 * ```ts
 * isOpen({ ...request, state: "ignored" }) // true
 * ```
 */
export const isOpen = (request: Pick<ContactRequest, "state">): boolean =>
  request.state === "pending" || request.state === "ignored"

/**
 * When an open request expires.
 *
 * @example
 * ```ts
 * expiresAt(request, defaultPolicy) // createdAt + 180 days
 * ```
 */
export const expiresAt = (request: Pick<ContactRequest, "createdAt">, policy: Policy): Date =>
  addDays(request.createdAt, policy.requestExpiryDays)

/**
 * A request as its sender sees it. An ignored request reads exactly as a
 * pending one, and nothing dates the recipient's decision.
 */
export interface SentRequestView {
  readonly id: string
  readonly to: MemberId
  readonly message: string | null
  readonly foundVia: FoundVia | null
  /** The sender's categories for the recipient, waiting for the accept. */
  readonly categoryIds: readonly string[]
  readonly state: Exclude<RequestState, "ignored">
  readonly createdAt: Date
}

/**
 * The sender's view of a request: `ignored` reads as `pending`, and the time of
 * the last change is left out. This is the one place that rule lives; every
 * interface that shows a request to its sender goes through it.
 *
 * @example
 * ```ts
 * senderView({ ...request, state: "ignored" }).state // "pending"
 * ```
 */
export const senderView = (request: ContactRequest): SentRequestView => ({
  id: request.id,
  to: request.to,
  message: request.message,
  foundVia: request.foundVia,
  categoryIds: request.senderCategoryIds,
  state: request.state === "ignored" ? "pending" : request.state,
  createdAt: request.createdAt,
})
