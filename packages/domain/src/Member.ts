/**
 * Members: who they are (handle, name, profile) and how they want to be
 * reached (settings). Schemas here validate sign-up and profile input for the
 * API, the web app and third parties alike.
 *
 * @module
 */
import { Either } from "effect"
import { z } from "zod"
import { AcceptancePolicySchema, defaultAcceptancePolicy } from "./Acceptance.js"
import { COMMON_PASSWORDS } from "./CommonPasswords.js"
import { DomainEvent } from "./Events.js"
import type { MemberId } from "./Ids.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { multiLine, singleLine, visibleName } from "./Text.js"
import type { Transition } from "./Transition.js"

/** Handles that would collide with routes or impersonate the service. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  "admin",
  "administrator",
  "api",
  "docs",
  "export",
  "help",
  "kontakt",
  "login",
  "logout",
  "me",
  "root",
  "settings",
  "signup",
  "support",
  "system",
])

/**
 * A member's public handle: 3–30 characters of a–z, 0–9, `_` and `-`,
 * compared case-insensitively (input is lower-cased), not a reserved word.
 *
 * @example
 * ```ts
 * Handle.parse("Sandra_Staub") // "sandra_staub"
 * ```
 */
export const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { message: "At least 3 characters" })
  .max(30, { message: "At most 30 characters" })
  .regex(/^[a-z0-9_-]+$/, { message: "Only letters a–z, digits, _ and -" })
  .refine((h) => !RESERVED_HANDLES.has(h), { message: "This handle is reserved" })

/**
 * A display name: trimmed, 1–80 characters, at least one of them visible; no
 * control, format (but those of emoji) or direction-override characters.
 *
 * @example
 * ```ts
 * DisplayName.parse(" Sandra Staub ") // "Sandra Staub"
 * ```
 */
export const DisplayName = visibleName(1, 80)

/**
 * An email address, trimmed and lower-cased, at most 254 characters.
 *
 * @example
 * ```ts
 * Email.parse(" Ada@Example.org ") // "ada@example.org"
 * ```
 */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "At most 254 characters" })
  .pipe(z.email({ message: "Not a valid email address" }))

/**
 * A password: 12–128 characters (OWASP ASVS), not only whitespace. It is never
 * trimmed or normalised beyond what the user typed: it is hashed as given.
 *
 * @example
 * ```ts
 * Password.safeParse("short").success // false
 * ```
 */
export const Password = z
  .string()
  .min(12, { message: "At least 12 characters" })
  .max(128, { message: "At most 128 characters" })
  .refine((p) => p.trim().length > 0, { message: "Must not be only spaces" })
  .refine((p) => !/[\p{Cc}\p{Cf}]/u.test(p), {
    message: "Must not contain control or invisible characters",
  })
  .refine((p) => new Set(p).size > 1, { message: "Must not be one character repeated" })
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), {
    message: "Too common: it is on lists of leaked passwords",
  })

/** A one-line professional headline ("Trainer for online networking"). */
export const Headline = singleLine(0, 120)

/** A short biography. */
export const Bio = multiLine(0, 2_000)

/**
 * Who may send me a request: anyone, only members with at least one mutual
 * contact, or only members who share a group with me.
 */
export const WhoCanRequest = z.enum(["everyone", "contactsOfContacts", "sharedGroup"])
/** @see {@link WhoCanRequest} */
export type WhoCanRequest = z.infer<typeof WhoCanRequest>

/** The languages kontakt speaks. */
export const Locale = z.enum(["de", "en"])
/** @see {@link Locale} */
export type Locale = z.infer<typeof Locale>

/**
 * Builds the settings schema for a policy (the review cadence is bounded by it).
 *
 * @example
 * ```ts
 * settingsSchema(defaultPolicy).parse({ whoCanRequest: "sharedGroup", ... })
 * ```
 */
export const settingsSchema = (policy: Policy) =>
  z
    .object({
      whoCanRequest: WhoCanRequest,
      requireMessage: z.boolean(),
      acceptance: AcceptancePolicySchema,
      broadcastConnections: z.boolean(),
      hideContacts: z.boolean(),
      reviewEveryDays: z
        .number()
        .int()
        .min(7)
        .max(Math.max(7, policy.maxSnoozeDays * 3)),
      locale: Locale,
      /**
       * Whether members who import my email address into their address book see that I
       * am on kontakt (off by default; I am never told who did).
       */
      findableByEmail: z.boolean(),
    })
    .strict()

/**
 * A member's settings: who may request them and how, how requests are judged,
 * what their contacts hear, how often contacts come up for review, and their language.
 */
export const Settings = settingsSchema(defaultPolicy)
/** @see {@link Settings} */
export type Settings = z.infer<typeof Settings>

/**
 * A change to some settings; the result must still be valid settings.
 *
 * @example
 * ```ts
 * SettingsPatch.parse({ requireMessage: true })
 * ```
 */
export const SettingsPatch = Settings.partial()
/** @see {@link SettingsPatch} */
export type SettingsPatch = z.infer<typeof SettingsPatch>

/**
 * The settings a new member starts with: open to everyone, no message
 * required, decide every request yourself, connections broadcast, contacts
 * visible, review cadence from the policy, not findable by email.
 *
 * @example
 * ```ts
 * const settings = { ...defaultSettings(defaultPolicy), locale: "de" }
 * ```
 */
export const defaultSettings = (policy: Policy = defaultPolicy): Settings => ({
  whoCanRequest: "everyone",
  requireMessage: false,
  acceptance: defaultAcceptancePolicy,
  broadcastConnections: true,
  hideContacts: false,
  reviewEveryDays: policy.reviewEveryDays,
  locale: "en",
  findableByEmail: false,
})

/**
 * The sign-up form.
 *
 * @example
 * ```ts
 * SignupInput.parse({ email, password, handle: "ada", displayName: "Ada" })
 * ```
 */
export const SignupInput = z
  .object({ email: Email, password: Password, handle: Handle, displayName: DisplayName })
  .strict()
/** @see {@link SignupInput} */
export type SignupInput = z.infer<typeof SignupInput>

/** A public profile, as other members see it. */
export interface Profile {
  readonly id: MemberId
  readonly handle: string
  readonly displayName: string
  readonly headline: string
  readonly bio: string
  readonly hasPhoto: boolean
  readonly openToNetworking: boolean
}

/**
 * The profile fields a member may change.
 *
 * @example
 * ```ts
 * ProfilePatch.parse({ headline: "Trainer", openToNetworking: true })
 * ```
 */
export const ProfilePatch = z
  .object({
    displayName: DisplayName,
    headline: Headline,
    bio: Bio,
    openToNetworking: z.boolean(),
  })
  .partial()
  .strict()
/** @see {@link ProfilePatch} */
export type ProfilePatch = z.infer<typeof ProfilePatch>

/**
 * Changing one's profile: what others see of the member, so an event,
 * `ProfileChanged`, unless the patch changes nothing.
 *
 * @example
 * ```ts
 * changeProfile({ headline: "Trainerin" }, { member: "a", now }) // events: [ProfileChanged]
 * ```
 */
export const changeProfile = (
  patch: ProfilePatch,
  context: { readonly member: MemberId; readonly now: Date },
): Transition<ProfilePatch> =>
  Either.right({
    state: patch,
    events: Object.values(patch).every((v) => v === undefined)
      ? []
      : [
          DomainEvent.ProfileChanged({
            member: context.member,
            at: context.now,
            ...(patch.openToNetworking === undefined
              ? {}
              : { openToNetworking: patch.openToNetworking }),
          }),
        ],
  })

/**
 * Setting or removing one's photo: what others see of the member.
 *
 * @example
 * ```ts
 * changePhoto({ member: "a", now, hasPhoto: true }) // events: [ProfileChanged]
 * ```
 */
export const changePhoto = (context: {
  readonly member: MemberId
  readonly now: Date
  /** Whether they have a photo after the change. */
  readonly hasPhoto?: boolean
}): Transition<null> =>
  Either.right({
    state: null,
    events: [
      DomainEvent.ProfileChanged({
        member: context.member,
        at: context.now,
        ...(context.hasPhoto === undefined ? {} : { hasPhoto: context.hasPhoto }),
      }),
    ],
  })

/**
 * Changing one's settings. Private but for one: hiding or showing one's
 * contact list changes what others see (mutual contacts, paths), so it is an
 * event, `ContactListVisibilityChanged`; everything else changes silently.
 *
 * @example
 * ```ts
 * changeSettings(current, { ...current, hideContacts: true }, { member: "a", now })
 * ```
 */
export const changeSettings = (
  current: Settings,
  next: Settings,
  context: { readonly member: MemberId; readonly now: Date },
): Transition<Settings> =>
  Either.right({
    state: next,
    events:
      current.hideContacts === next.hideContacts
        ? []
        : [
            DomainEvent.ContactListVisibilityChanged({
              member: context.member,
              hidden: next.hideContacts,
              at: context.now,
            }),
          ],
  })
