/**
 * Introductions — the contact behind the contact, put to work (seed 2:
 * "Einer der besten Wege ist und bleibt die Weiterempfehlung").
 *
 * I ask a contact of mine who knows the member I want to meet (a mutual
 * contact) or who is the first step on my path to them (XING's contact path)
 * to introduce me. They forward it
 * with a note of their own — the target receives my request, "introduced by
 * X" among its verdict's reasons — or decline, silently: my view of a
 * declined ask is the same as of a pending one, and both lapse alike after
 * `introductionExpiryDays`. The target hears of an ask only when it is
 * forwarded.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import {
  AlreadyConnected,
  CannotTargetSelf,
  ContactNotFound,
  IntroducerNotOnPath,
  IntroductionAlreadyOpen,
  IntroductionNotFound,
  MemberNotFound,
  RequestAlreadyOpen,
  WeeklyLimitReached,
} from "./Errors.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { Handle } from "./Member.js"
import { addDays, defaultPolicy, type Policy } from "./Policy.js"
import { type ContactRequest, requestMessageSchema } from "./Request.js"
import { rollingLimitFreesAt, type SendCommand } from "./Send.js"
import { hasControlCharacters } from "./Text.js"
import type { Transition } from "./Transition.js"

/** Where an ask stands. `declined` is never shown to the asker. */
export type IntroductionState = "pending" | "forwarded" | "declined"

/** An ask for an introduction, as stored. */
export interface Introduction {
  readonly id: string
  readonly asker: MemberId
  /** The contact asked to introduce. */
  readonly via: MemberId
  /** The member the asker wants to meet. */
  readonly target: MemberId
  /** Why the asker wants to meet them; it becomes the request's message. */
  readonly message: string
  readonly state: IntroductionState
  /** The request a forward sent, once forwarded (null when the rules let none through). */
  readonly requestId: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/**
 * A note by an introducer or a recommender for a policy: trimmed, at most
 * `introductionNoteMaxLength` characters, no control characters but line
 * breaks; empty means none.
 *
 * @example
 * ```ts
 * introductionNoteSchema(defaultPolicy).parse("  Ada baut Messestände.  ") // "Ada baut Messestände."
 * ```
 */
export const introductionNoteSchema = (policy: Policy) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .max(policy.introductionNoteMaxLength, {
          message: `At most ${policy.introductionNoteMaxLength} characters`,
        })
        .refine((s) => !hasControlCharacters(s), {
          message: "Must not contain control characters",
        }),
    )
    .transform((s) => (s.length === 0 ? null : s))

/**
 * The body of "ask for an introduction": through whom, to whom, and why
 * (required: the introducer needs something to pass on).
 *
 * @example
 * ```ts
 * askIntroductionInputSchema(defaultPolicy).parse({ via: "bob", to: "carl", message: "Wegen der Messe" })
 * ```
 */
export const askIntroductionInputSchema = (policy: Policy) =>
  z
    .object({
      via: Handle,
      to: Handle,
      message: requestMessageSchema(policy).pipe(
        z.string({ message: "Say why you would like to meet them" }),
      ),
    })
    .strict()

/** "Ask for an introduction" under the default policy. @see {@link askIntroductionInputSchema} */
export const AskIntroductionInput = askIntroductionInputSchema(defaultPolicy)
/** @see {@link AskIntroductionInput} */
export type AskIntroductionInput = z.infer<typeof AskIntroductionInput>

/** The body of "forward an introduction" under the default policy. */
export const ForwardIntroductionInput = z
  .object({ note: introductionNoteSchema(defaultPolicy).optional() })
  .strict()

/** Everything `askIntroduction` needs to decide, loaded by the caller. */
export interface AskContext {
  readonly now: Date
  readonly policy: Policy
  /** The id the new ask gets. */
  readonly newId: string
  readonly asker: MemberId
  /** `null` when no such member exists or a block stands between them and the asker. */
  readonly target: MemberId | null
  readonly via: {
    readonly id: MemberId
    /** Whether they are the asker's contact. */
    readonly isContact: boolean
    /** Whether the asker sees them among their mutual contacts with the target. */
    readonly isMutual: boolean
    /** Whether they are the first step on the asker's connection path to the target. */
    readonly isFirstHop?: boolean
  } | null
  readonly connected: boolean
  /** An open request between the asker and the target, either way. */
  readonly openRequest: ContactRequest | null
  /** The asker's ask for this target that has not lapsed (pending, declined or forwarded). */
  readonly openAsk: Introduction | null
  /** When the asker asked recently: at least those inside the rolling window. */
  readonly recentAsks: readonly Date[]
}

/**
 * Whether an ask has lapsed: neither forwarded nor answered within
 * `introductionExpiryDays` (a declined one lapses at the same moment, so the
 * asker cannot tell the two apart).
 *
 * @example
 * ```ts
 * hasLapsed(introduction, now, defaultPolicy) // false for a fresh ask
 * ```
 */
export const hasLapsed = (introduction: Introduction, now: Date, policy: Policy): boolean =>
  introduction.state !== "forwarded" &&
  now.getTime() >= addDays(introduction.createdAt, policy.introductionExpiryDays).getTime()

/**
 * Asks the contact `via` to introduce the asker to the target.
 *
 * Refuses with `CannotTargetSelf`, `MemberNotFound` (no such target, or a
 * block either way), `ContactNotFound` (`via` is not the asker's contact),
 * `IntroducerNotOnPath` (neither a contact of the target nor the first step
 * on the path to them, as the asker sees both — so an ask never reveals a
 * hidden contact list), `AlreadyConnected`,
 * `RequestAlreadyOpen`, `IntroductionAlreadyOpen` (also after a silent
 * decline, until it lapses) or `WeeklyLimitReached`.
 *
 * @example
 * ```ts
 * askIntroduction({ message: "Wegen der Messe" }, context)
 * ```
 */
export const askIntroduction = (
  command: { readonly message: string },
  context: AskContext,
): Transition<Introduction> => {
  const { now, policy, asker, target, via } = context
  if (target === asker || via?.id === asker) return Either.left(new CannotTargetSelf())
  if (target === null) return Either.left(new MemberNotFound({}))
  if (via === null || !via.isContact) return Either.left(new ContactNotFound())
  if (via.id === target || !(via.isMutual || via.isFirstHop === true))
    return Either.left(new IntroducerNotOnPath())
  if (context.connected) return Either.left(new AlreadyConnected())
  if (context.openRequest !== null)
    return Either.left(new RequestAlreadyOpen({ requestId: context.openRequest.id }))
  if (context.openAsk !== null && !hasLapsed(context.openAsk, now, policy))
    return Either.left(new IntroductionAlreadyOpen({ introductionId: context.openAsk.id }))
  const retryAt = rollingLimitFreesAt(
    context.recentAsks,
    now,
    policy.weeklyIntroductionLimit,
    policy.requestWindowDays,
  )
  if (retryAt !== null)
    return Either.left(
      new WeeklyLimitReached({
        what: "introductions",
        limit: policy.weeklyIntroductionLimit,
        retryAt,
      }),
    )
  const introduction: Introduction = {
    id: context.newId,
    asker,
    via: via.id,
    target,
    message: command.message,
    state: "pending",
    requestId: null,
    createdAt: now,
    updatedAt: now,
  }
  return Either.right({
    state: introduction,
    events: [
      DomainEvent.IntroductionAsked({
        introductionId: introduction.id,
        asker,
        via: via.id,
        target,
        at: now,
      }),
    ],
  })
}

/** An ask as it waits for its introducer: only while pending and not lapsed. */
const waitingFor = (
  introduction: Introduction,
  actor: MemberId,
  now: Date,
  policy: Policy,
): boolean =>
  introduction.via === actor &&
  introduction.state === "pending" &&
  !hasLapsed(introduction, now, policy)

/**
 * The introducer forwards an ask: the ask becomes `forwarded`, and the
 * returned command is the asker's request to the target, found through the
 * introducer, carrying their note. The caller sends it with `sendRequest` in
 * the same transaction; whatever the send decides (a block, a request
 * already open, the target's rules) is not the introducer's to know, so a
 * refused send still leaves the ask forwarded and answers them the same.
 *
 * Refuses with `IntroductionNotFound` (not theirs, or no longer waiting) or
 * `ContactNotFound` (the introducer is no longer the asker's contact). An
 * introducer who is the first step on the path rather than the target's
 * contact forwards all the same: the target's verdict then says who
 * introduced the asker, but `introducedByContact` holds only for a contact.
 *
 * @example
 * ```ts
 * forwardIntroduction(ask, { note: "Ada kennt sich aus" }, { actor: bob, viaHandle: "bob", stillContact: true, now, policy })
 * ```
 */
export const forwardIntroduction = (
  introduction: Introduction,
  command: { readonly note: string | null },
  context: {
    readonly actor: MemberId
    readonly viaHandle: string
    /** Whether the introducer is still the asker's contact. */
    readonly stillContact: boolean
    readonly now: Date
    readonly policy: Policy
  },
): Transition<{ readonly introduction: Introduction; readonly send: SendCommand }> => {
  const { actor, now, policy } = context
  if (!waitingFor(introduction, actor, now, policy)) return Either.left(new IntroductionNotFound())
  if (!context.stillContact) return Either.left(new ContactNotFound())
  return Either.right({
    state: {
      introduction: { ...introduction, state: "forwarded", updatedAt: now },
      send: {
        message: introduction.message,
        foundVia: { kind: "introduction", via: context.viaHandle },
        introduction: { by: actor, note: command.note },
      },
    },
    events: [
      DomainEvent.IntroductionForwarded({
        introductionId: introduction.id,
        asker: introduction.asker,
        via: actor,
        target: introduction.target,
        at: now,
      }),
    ],
  })
}

/**
 * The introducer declines an ask. Silent: the asker's view does not change
 * (see {@link askerView}) and the target never hears of it.
 *
 * @example
 * ```ts
 * declineIntroduction(ask, { actor: bob, now, policy })
 * ```
 */
export const declineIntroduction = (
  introduction: Introduction,
  context: { readonly actor: MemberId; readonly now: Date; readonly policy: Policy },
): Transition<Introduction> => {
  if (!waitingFor(introduction, context.actor, context.now, context.policy))
    return Either.left(new IntroductionNotFound())
  return Either.right({
    state: { ...introduction, state: "declined", updatedAt: context.now },
    events: [
      DomainEvent.IntroductionDeclined({
        introductionId: introduction.id,
        asker: introduction.asker,
        via: introduction.via,
        target: introduction.target,
        at: context.now,
      }),
    ],
  })
}

/** An ask as its asker sees it. */
export interface AskerIntroductionView {
  readonly id: string
  readonly via: MemberId
  readonly target: MemberId
  readonly message: string
  readonly state: "pending" | "forwarded" | "lapsed"
  readonly createdAt: Date
}

/**
 * The asker's view of an ask: a declined ask reads exactly as a pending one
 * (and lapses at the same moment), and nothing dates the introducer's
 * decision. The one place that rule lives.
 *
 * @example
 * ```ts
 * askerView({ ...ask, state: "declined" }, now, defaultPolicy).state // "pending"
 * ```
 */
export const askerView = (
  introduction: Introduction,
  now: Date,
  policy: Policy,
): AskerIntroductionView => ({
  id: introduction.id,
  via: introduction.via,
  target: introduction.target,
  message: introduction.message,
  state:
    introduction.state === "forwarded"
      ? "forwarded"
      : hasLapsed(introduction, now, policy)
        ? "lapsed"
        : "pending",
  createdAt: introduction.createdAt,
})
