/**
 * Invitations: a link a member gives someone who is not on kontakt yet (an
 * address book entry, an email, or whoever they hand it to). It is used once,
 * expires, can be revoked; signing up through it connects the two, as a
 * request from the inviter that the invitee accepted by their sign-up choice.
 *
 * Privacy: an invitee who signs up but declines to connect leaves the
 * invitation looking open to the inviter until it expires, exactly as if
 * it had not been used (declining is as silent as ignoring a request). kontakt
 * sends no email itself; the link is the inviter's to pass on.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import type { AddressBookEntry } from "./AddressBook.js"
import { type Accepted, acceptRequest, type Party } from "./Connect.js"
import {
  EntryNotFound,
  InvitationNotFound,
  TooManyOpenInvitations,
  WeeklyLimitReached,
} from "./Errors.js"
import type { MemberId } from "./Ids.js"
import { Email } from "./Member.js"
import { addDays, type Policy } from "./Policy.js"
import type { ContactRequest } from "./Request.js"
import { requestMessageSchema } from "./Request.js"
import type { Transition } from "./Transition.js"

/** An invitation, as stored (its link's secret is the store's: only a hash of it is kept). */
export interface Invitation {
  readonly id: string
  readonly inviter: MemberId
  /** The address book entry it was made for, if any. */
  readonly entryId: string | null
  /** Whom it is meant for, if the inviter said (the web app offers a `mailto:` to it). */
  readonly email: string | null
  /** The inviter's words, shown to the invitee before they sign up. */
  readonly message: string | null
  readonly createdAt: Date
  readonly expiresAt: Date
  readonly revokedAt: Date | null
  /** When someone signed up through it (it cannot be used again). */
  readonly usedAt: Date | null
  /** Whether the invitee chose to connect when they signed up. */
  readonly connected: boolean
}

/**
 * An invitation as its inviter sees it. `accepted`: someone signed up through
 * it and connected. A link used by someone who declined to connect reads as
 * `open`, and then `expired`, like one nobody used.
 */
export type InvitationStatus = "open" | "accepted" | "expired" | "revoked"

/**
 * The status of an invitation for its inviter at `now`.
 *
 * @example
 * ```ts
 * invitationStatus(invitation, now) // "open"
 * ```
 */
export const invitationStatus = (invitation: Invitation, now: Date): InvitationStatus => {
  if (invitation.usedAt !== null && invitation.connected) return "accepted"
  if (invitation.revokedAt !== null) return "revoked"
  return now.getTime() >= invitation.expiresAt.getTime() ? "expired" : "open"
}

/**
 * Whether an invitation counts against the inviter's open ones at `now`.
 *
 * @example
 * ```ts
 * mine.filter((i) => invitationOpen(i, now)).length
 * ```
 */
export const invitationOpen = (invitation: Invitation, now: Date) =>
  invitationStatus(invitation, now) === "open"

/** Whether the link still signs someone up: not used, not revoked, not expired. */
export const invitationUsable = (invitation: Invitation, now: Date) =>
  invitation.usedAt === null &&
  invitation.revokedAt === null &&
  now.getTime() < invitation.expiresAt.getTime()

/**
 * The body of "create invitations": address book entries, emails, or neither
 * (one link to pass on by hand), and the inviter's words.
 *
 * @example
 * ```ts
 * invitationInputSchema(defaultPolicy).parse({ emails: ["jana@example.org"], message: "Komm dazu!" })
 * ```
 */
export const invitationInputSchema = (policy: Policy) =>
  z
    .object({
      entryIds: z.array(z.string().min(1).max(64)).max(policy.invitationsPerRequest).optional(),
      emails: z.array(Email).max(policy.invitationsPerRequest).optional(),
      message: requestMessageSchema(policy),
    })
    .strict()
    .refine(
      (i) => (i.entryIds?.length ?? 0) + (i.emails?.length ?? 0) <= policy.invitationsPerRequest,
      {
        message: `At most ${policy.invitationsPerRequest} invitations at once`,
        path: ["emails"],
      },
    )
/** @see {@link invitationInputSchema} */
export type InvitationInput = z.infer<ReturnType<typeof invitationInputSchema>>

/** What creating invitations needs besides the input. */
export interface InvitationContext {
  readonly inviter: MemberId
  readonly now: Date
  readonly policy: Policy
  /** The entries the input names that are the inviter's own (others are missing). */
  readonly entries: readonly Pick<AddressBookEntry, "id" | "owner" | "emails">[]
  /** The inviter's invitations created within the last week (for both limits). */
  readonly recent: readonly Invitation[]
  /** How many of the inviter's invitations are open now. */
  readonly openCount: number
  /** A new id per invitation, taken in order. */
  readonly newId: () => string
}

/**
 * Creates the invitations an input asks for: one per entry (meant for its first
 * email), one per email not already among them, or one link if it names
 * neither. An entry that is not the inviter's fails as EntryNotFound; the open
 * and weekly limits are the policy's.
 *
 * @example
 * ```ts
 * createInvitations({ emails: ["jana@example.org"], message: null }, context)
 * ```
 */
export const createInvitations = (
  input: InvitationInput,
  context: InvitationContext,
): Either.Either<Invitation[], EntryNotFound | TooManyOpenInvitations | WeeklyLimitReached> => {
  const { now, policy } = context
  const byId = new Map(context.entries.map((e) => [e.id, e]))
  const wanted: { entryId: string | null; email: string | null }[] = []
  const seen = new Set<string>()
  for (const id of new Set(input.entryIds ?? [])) {
    const entry = byId.get(id)
    if (entry === undefined || entry.owner !== context.inviter)
      return Either.left(new EntryNotFound())
    const email = entry.emails[0]?.trim().toLowerCase() ?? null
    if (email !== null) seen.add(email)
    wanted.push({ entryId: id, email })
  }
  for (const email of input.emails ?? []) {
    if (seen.has(email)) continue
    seen.add(email)
    wanted.push({ entryId: null, email })
  }
  if (wanted.length === 0) wanted.push({ entryId: null, email: null })
  if (context.openCount + wanted.length > policy.maxOpenInvitations)
    return Either.left(new TooManyOpenInvitations({ limit: policy.maxOpenInvitations }))
  const weekAgo = addDays(now, -7).getTime()
  const thisWeek = context.recent
    .map((i) => i.createdAt.getTime())
    .filter((t) => t > weekAgo)
    .sort((a, b) => a - b)
  if (thisWeek.length + wanted.length > policy.weeklyInvitationLimit) {
    const freeing = thisWeek[thisWeek.length + wanted.length - policy.weeklyInvitationLimit - 1]
    return Either.left(
      new WeeklyLimitReached({
        what: "invitations",
        limit: policy.weeklyInvitationLimit,
        retryAt: new Date((freeing ?? now.getTime()) + 7 * 86_400_000),
      }),
    )
  }
  return Either.right(
    wanted.map((w) => ({
      id: context.newId(),
      inviter: context.inviter,
      entryId: w.entryId,
      email: w.email,
      message: input.message,
      createdAt: now,
      expiresAt: addDays(now, policy.invitationValidDays),
      revokedAt: null,
      usedAt: null,
      connected: false,
    })),
  )
}

/**
 * Revokes an open invitation of the actor's; revoking again changes nothing.
 * Another member's reads as InvitationNotFound. One already accepted stays accepted.
 *
 * @example
 * ```ts
 * revokeInvitation(invitation, { actor: "a", now })
 * ```
 */
export const revokeInvitation = (
  invitation: Invitation,
  context: { readonly actor: MemberId; readonly now: Date },
): Either.Either<Invitation, InvitationNotFound> => {
  if (invitation.inviter !== context.actor) return Either.left(new InvitationNotFound())
  if (invitation.revokedAt !== null || invitationStatus(invitation, context.now) === "accepted")
    return Either.right(invitation)
  return Either.right({ ...invitation, revokedAt: context.now })
}

/** What signing up through an invitation needs. */
export interface RedeemContext {
  readonly now: Date
  readonly policy: Policy
  /** The new member. */
  readonly invitee: Party
  /** The inviter as a request's sender. */
  readonly inviter: Party
  /** Whether the invitee chose to connect with the inviter. */
  readonly connect: boolean
  /** The id the connecting request gets. */
  readonly newRequestId: string
  /** The inviter's own categories now (an entry's deleted ones are left out). */
  readonly inviterOwnedCategoryIds: ReadonlySet<string>
  /** The inviter's entry the invitation was made for, if it is still there. */
  readonly entry: AddressBookEntry | null
}

/** The invitation used, and the connection if the invitee chose one. */
export interface Redeemed {
  readonly invitation: Invitation
  readonly accepted: Accepted | null
}

/**
 * Signing up through an invitation: it is used (never again), and if the
 * invitee chose to connect, the two are connected as by a request from the
 * inviter (carrying the invitation's words) that the invitee accepted — the
 * inviter is told, as of any accepted request. The entry the invitation was
 * made for gives its curation to the inviter's new record and goes. A link
 * that is used, revoked or expired is InvitationNotFound.
 *
 * @example
 * ```ts
 * redeemInvitation(invitation, { ...context, connect: true })
 * ```
 */
export const redeemInvitation = (
  invitation: Invitation,
  context: RedeemContext,
): Transition<Redeemed> => {
  const { now } = context
  if (!invitationUsable(invitation, now) || invitation.inviter === context.invitee.id)
    return Either.left(new InvitationNotFound())
  const used: Invitation = { ...invitation, usedAt: now, connected: context.connect }
  if (!context.connect)
    return Either.right({ state: { invitation: used, accepted: null }, events: [] })
  const request: ContactRequest = {
    id: context.newRequestId,
    from: invitation.inviter,
    to: context.invitee.id,
    message: invitation.message,
    foundVia: { kind: "invitation" },
    senderCategoryIds: [],
    introduction: null,
    state: "pending",
    createdAt: now,
    updatedAt: now,
  }
  return Either.map(
    acceptRequest(
      request,
      {},
      {
        actor: context.invitee.id,
        now,
        policy: context.policy,
        sender: context.inviter,
        recipient: context.invitee,
        ownedCategoryIds: new Set(),
        senderOwnedCategoryIds: context.inviterOwnedCategoryIds,
        groupNames: {},
        connected: false,
        senderEntry: context.entry,
      },
    ),
    ({ state, events }) => ({ state: { invitation: used, accepted: state }, events }),
  )
}
