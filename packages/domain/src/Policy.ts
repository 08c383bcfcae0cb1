/**
 * Every limit and default of the contact lifecycle, in one object.
 *
 * Use {@link defaultPolicy} as it is, or derive your own with {@link makePolicy};
 * every transition and schema factory takes the policy as an argument, so
 * nothing in the domain hides a number of its own.
 *
 * @example
 * ```ts
 * import { makePolicy } from "@kontakt/domain"
 * const strict = makePolicy({ weeklyRequestLimit: 20 })
 * ```
 */
export interface Policy {
  /** Longest request message, in characters (LinkedIn's limit). */
  readonly messageMaxLength: number
  /** Longest private note on a contact (Mastodon's limit for account notes). */
  readonly noteMaxLength: number
  /** Longest category name. */
  readonly categoryNameMaxLength: number
  /** Most categories one member may own. */
  readonly maxCategoriesPerMember: number
  /** Longest post text. */
  readonly postMaxLength: number
  /** Longest comment text. */
  readonly commentMaxLength: number
  /** Longest words of one's own on a share. */
  readonly shareMaxLength: number
  /** Most requests one member may send in a rolling window of {@link requestWindowDays}. */
  readonly weeklyRequestLimit: number
  /** Length of the rolling window for {@link weeklyRequestLimit}. */
  readonly requestWindowDays: number
  /** Most open (pending or ignored) outgoing requests one member may have. */
  readonly maxOpenOutgoingRequests: number
  /** Days a sender waits before asking the same member again after withdrawing. */
  readonly withdrawCooldownDays: number
  /** Most connections one member may have. */
  readonly maxConnections: number
  /** Days after which an open request expires. */
  readonly requestExpiryDays: number
  /** Days after connecting when the first review falls due. */
  readonly firstReviewAfterDays: number
  /** Days between reviews when neither the member nor a category says otherwise. */
  readonly reviewEveryDays: number
  /** Longest snooze of a review. */
  readonly maxSnoozeDays: number
  /** Review: at least this many flagged posts before "delete" is considered. */
  readonly reviewDeleteMinFlags: number
  /** Review: share of seen posts flagged as odd that counts as "mostly odd news". */
  readonly reviewNoisyFlagRatio: number
  /** Review: others' items a contact brought me that I flagged, from which they "spread odd news". */
  readonly reviewSpreadMinFlags: number
  /** Review: days without any interaction after which a contact counts as silent. */
  readonly reviewSilentAfterDays: number
  /** Review: mutual contacts from which a contact counts as well connected. */
  readonly reviewWellConnectedMutuals: number
  /** Most introductions one member may ask for in a rolling window of {@link requestWindowDays}. */
  readonly weeklyIntroductionLimit: number
  /** Most contacts one member may recommend someone to in a rolling window of {@link requestWindowDays}. */
  readonly weeklyRecommendationLimit: number
  /** Days after which an ask for an introduction that was not forwarded lapses. */
  readonly introductionExpiryDays: number
  /** Longest note an introducer or a recommender writes. */
  readonly introductionNoteMaxLength: number
  /** Most address book entries one member may keep. */
  readonly maxAddressBookEntries: number
  /** Days an invitation link stays valid. */
  readonly invitationValidDays: number
  /** Most invitations one member may have open (neither used, expired nor revoked). */
  readonly maxOpenInvitations: number
  /** Most invitations one member may create in a week. */
  readonly weeklyInvitationLimit: number
  /** Most invitations one request may create. */
  readonly invitationsPerRequest: number
}

/**
 * kontakt's defaults, taken from the product's rules (300-character messages,
 * 100 requests a week, 21-day cooldown, 30,000 connections, review after 90
 * days and then every 180; 10 introductions and 20 recommendations a week).
 *
 * @example
 * ```ts
 * import { defaultPolicy } from "@kontakt/domain"
 * defaultPolicy.weeklyRequestLimit // 100
 * ```
 */
export const defaultPolicy: Policy = Object.freeze({
  messageMaxLength: 300,
  noteMaxLength: 2_000,
  categoryNameMaxLength: 64,
  maxCategoriesPerMember: 100,
  postMaxLength: 3_000,
  commentMaxLength: 1_250,
  shareMaxLength: 3_000,
  weeklyRequestLimit: 100,
  requestWindowDays: 7,
  maxOpenOutgoingRequests: 500,
  withdrawCooldownDays: 21,
  maxConnections: 30_000,
  requestExpiryDays: 180,
  firstReviewAfterDays: 90,
  reviewEveryDays: 180,
  maxSnoozeDays: 365,
  reviewDeleteMinFlags: 3,
  reviewNoisyFlagRatio: 0.3,
  reviewSpreadMinFlags: 3,
  reviewSilentAfterDays: 180,
  reviewWellConnectedMutuals: 10,
  weeklyIntroductionLimit: 10,
  weeklyRecommendationLimit: 20,
  introductionExpiryDays: 30,
  introductionNoteMaxLength: 500,
  maxAddressBookEntries: 30_000,
  invitationValidDays: 30,
  maxOpenInvitations: 200,
  weeklyInvitationLimit: 100,
  invitationsPerRequest: 50,
})

/**
 * Builds a policy from the defaults with some numbers changed.
 *
 * Use it when embedding the domain with other limits (a closed community with
 * a lower weekly limit, say). Every override must be a finite, non-negative number.
 *
 * @example
 * ```ts
 * const policy = makePolicy({ maxConnections: 5_000 })
 * ```
 */
export const makePolicy = (overrides: Partial<Policy> = {}): Policy => {
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Policy.${key} must be a finite, non-negative number, got ${value}`)
    }
  }
  return Object.freeze({ ...defaultPolicy, ...overrides })
}

/** Milliseconds in one day; the domain counts durations in whole days. */
export const DAY_MS = 86_400_000

/**
 * Adds whole days to an instant.
 *
 * @example
 * ```ts
 * addDays(new Date("2026-01-01T00:00:00Z"), 21) // 2026-01-22
 * ```
 */
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS)
