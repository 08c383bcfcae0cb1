/**
 * The acceptance policy: how a member's incoming requests are judged.
 *
 * - `manual`: kontakt recommends, the member decides.
 * - `acceptAll`: every request is accepted at once ("I accept every request").
 * - `criteria`: the member switches rules on (photo, shared group, message,
 *   at least k mutual contacts, open to networking, introduced by a contact);
 *   with `autoAccept`, a request that passes every rule is accepted at once.
 *
 * Every verdict lists each signal with whether it held, so the inbox can
 * always say why.
 *
 * @module
 */
import { z } from "zod"

/** The rules a member can switch on in `criteria` mode. `minMutualContacts: 0` means off. */
export const AcceptanceRules = z
  .object({
    photo: z.boolean(),
    sharedGroup: z.boolean(),
    message: z.boolean(),
    minMutualContacts: z.number().int().min(0).max(1_000),
    openToNetworking: z.boolean(),
    /** Only requests a contact of mine forwarded as an introduction (settings from before: off). */
    introducedByContact: z.boolean().default(false),
  })
  .strict()
/** @see {@link AcceptanceRules} */
export type AcceptanceRules = z.infer<typeof AcceptanceRules>

/**
 * An acceptance policy, as stored in a member's settings.
 *
 * @example
 * ```ts
 * AcceptancePolicySchema.parse({ mode: "criteria", autoAccept: true,
 *   rules: { photo: true, sharedGroup: true, message: false, minMutualContacts: 0, openToNetworking: false } })
 * ```
 */
export const AcceptancePolicySchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("manual") }).strict(),
  z.object({ mode: z.literal("acceptAll") }).strict(),
  z
    .object({ mode: z.literal("criteria"), rules: AcceptanceRules, autoAccept: z.boolean() })
    .strict(),
])
/** @see {@link AcceptancePolicySchema} */
export type AcceptancePolicy = z.infer<typeof AcceptancePolicySchema>

/** New members decide every request themselves. */
export const defaultAcceptancePolicy: AcceptancePolicy = { mode: "manual" }

/** What is known about a requester when their request is judged. */
export interface RequesterFacts {
  readonly hasPhoto: boolean
  readonly sharedGroupCount: number
  readonly hasMessage: boolean
  readonly mutualCount: number
  readonly openToNetworking: boolean
  /** The contact who introduced the requester (a forwarded introduction), if one did. */
  readonly introducedBy?: string | null
}

/** The name of one signal in a verdict. */
export type VerdictRule =
  | "acceptAll"
  | "photo"
  | "sharedGroup"
  | "message"
  | "mutualContacts"
  | "openToNetworking"
  | "introducedByContact"

/**
 * One reason in a verdict: the signal, whether it held, whether the member's
 * policy requires it, and an English sentence (the web app translates by `rule`).
 */
export interface VerdictReason {
  readonly rule: VerdictRule
  readonly passed: boolean
  readonly required: boolean
  /** The observed number, for counting rules (shared groups, mutual contacts). */
  readonly count?: number
  /** The number the rule asks for, for `mutualContacts`. */
  readonly atLeast?: number
  readonly text: string
}

/**
 * The policy's judgement of one request.
 *
 * `recommendation` is `accept` when every required rule holds (or, in manual
 * mode, when the signals look like a real networker), otherwise `decide`.
 * `autoAccept` is true when the request is to be accepted at once.
 */
export interface Verdict {
  readonly mode: AcceptancePolicy["mode"]
  readonly recommendation: "accept" | "decide"
  readonly autoAccept: boolean
  readonly reasons: readonly VerdictReason[]
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const introduced = (facts: RequesterFacts) => (facts.introducedBy ?? null) !== null

const signals = (facts: RequesterFacts, required: AcceptanceRules | null): VerdictReason[] => {
  const minMutual = required?.minMutualContacts ?? 0
  const mutualPassed = minMutual > 0 ? facts.mutualCount >= minMutual : facts.mutualCount > 0
  return [
    {
      rule: "photo",
      passed: facts.hasPhoto,
      required: required?.photo ?? false,
      text: facts.hasPhoto ? "Has a profile photo" : "Has no profile photo",
    },
    {
      rule: "sharedGroup",
      passed: facts.sharedGroupCount > 0,
      required: required?.sharedGroup ?? false,
      count: facts.sharedGroupCount,
      text:
        facts.sharedGroupCount > 0
          ? `Shares ${plural(facts.sharedGroupCount, "group", "groups")} with you`
          : "Shares no group with you",
    },
    {
      rule: "message",
      passed: facts.hasMessage,
      required: required?.message ?? false,
      text: facts.hasMessage ? "Wrote a message" : "Wrote no message",
    },
    {
      rule: "mutualContacts",
      passed: mutualPassed,
      required: minMutual > 0,
      count: facts.mutualCount,
      ...(minMutual > 0 ? { atLeast: minMutual } : {}),
      text:
        `${plural(facts.mutualCount, "mutual contact", "mutual contacts")}` +
        (minMutual > 0 ? ` (at least ${minMutual} required)` : ""),
    },
    {
      rule: "openToNetworking",
      passed: facts.openToNetworking,
      required: required?.openToNetworking ?? false,
      text: facts.openToNetworking ? "Open to networking" : "Not marked open to networking",
    },
    // Said when it holds or when the policy asks for it: most requests come without one.
    ...(introduced(facts) || required?.introducedByContact === true
      ? [
          {
            rule: "introducedByContact" as const,
            passed: introduced(facts),
            required: required?.introducedByContact ?? false,
            text: introduced(facts)
              ? "Introduced by one of your contacts"
              : "Not introduced by a contact",
          },
        ]
      : []),
  ]
}

// In manual mode the seed's own rule of thumb recommends: a photo, and some
// sign of shared ground (a group, a mutual contact or a message) — or a contact
// of mine who vouches for them ("Weiterempfehlung").
const looksLikeANetworker = (facts: RequesterFacts): boolean =>
  introduced(facts) ||
  (facts.hasPhoto && (facts.sharedGroupCount > 0 || facts.mutualCount > 0 || facts.hasMessage))

/**
 * Judges a request under a member's acceptance policy. Deterministic: the
 * same policy and facts always give the same verdict, and every verdict has
 * at least one reason.
 *
 * Use it on receipt (to auto-accept) and whenever the inbox is shown.
 *
 * @example
 * ```ts
 * const verdict = judgeRequest({ mode: "acceptAll" }, facts)
 * verdict.autoAccept // true
 * ```
 */
export const judgeRequest = (policy: AcceptancePolicy, facts: RequesterFacts): Verdict => {
  switch (policy.mode) {
    case "manual":
      return {
        mode: "manual",
        recommendation: looksLikeANetworker(facts) ? "accept" : "decide",
        autoAccept: false,
        reasons: signals(facts, null),
      }
    case "acceptAll":
      return {
        mode: "acceptAll",
        recommendation: "accept",
        autoAccept: true,
        reasons: [
          { rule: "acceptAll", passed: true, required: true, text: "You accept every request" },
          ...signals(facts, null),
        ],
      }
    case "criteria": {
      const reasons = signals(facts, policy.rules)
      const passes = reasons.every((r) => !r.required || r.passed)
      return {
        mode: "criteria",
        recommendation: passes ? "accept" : "decide",
        autoAccept: passes && policy.autoAccept,
        reasons,
      }
    }
  }
}
