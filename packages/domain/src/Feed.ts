/**
 * The feed: posts and what carries them. A post reaches its author's
 * contacts; a like, a comment or a share carries it on to the contacts of
 * whoever acted. Each reader gets one item per post, naming who brought it.
 * Muted contacts and blocked members never appear.
 *
 * @module
 */
import { z } from "zod"
import type { MemberId } from "./Ids.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { multiLine } from "./Text.js"

/**
 * A link in a post: an absolute http or https URL of at most 2,048 characters.
 * `javascript:`, `data:` and every other scheme are refused, and so are a
 * user name or password before the host and direction overrides.
 *
 * @example
 * ```ts
 * Link.safeParse("javascript:alert(1)").success // false
 * ```
 */
export const Link = z
  .string()
  .trim()
  .max(2_048, { message: "At most 2048 characters" })
  .pipe(z.url({ protocol: /^https?$/, message: "Must be an http or https link" }))
  // https://bank.example@evil.example/ reads as the bank and goes elsewhere.
  // (The authority ends at the first / \ ? or #, as browsers parse it; an @ in it starts a host.)
  .refine((l) => !/^https?:\/\/[^/\\?#]*@/i.test(l), {
    message: "Must not contain a user name or password",
  })
  .refine((l) => !/[\u202A-\u202E\u2066-\u2069]/u.test(l), {
    message: "Must not contain direction overrides",
  })

/** Post text for a policy: 1..`postMaxLength` characters. */
export const postTextSchema = (policy: Policy) => multiLine(1, policy.postMaxLength)
/** Comment text for a policy: 1..`commentMaxLength` characters. */
export const commentTextSchema = (policy: Policy) => multiLine(1, policy.commentMaxLength)

/**
 * The body of "publish a post" for a policy.
 *
 * @example
 * ```ts
 * postInputSchema(defaultPolicy).parse({ text: "Neuer Artikel", link: "https://example.org" })
 * ```
 */
export const postInputSchema = (policy: Policy) =>
  z.object({ text: postTextSchema(policy), link: Link.optional() }).strict()
/** "Publish a post" under the default policy. */
export const PostInput = postInputSchema(defaultPolicy)
/** @see {@link PostInput} */
export type PostInput = z.infer<typeof PostInput>

/** The body of "comment on a post". */
export const commentInputSchema = (policy: Policy) =>
  z.object({ text: commentTextSchema(policy) }).strict()
/** "Comment" under the default policy. */
export const CommentInput = commentInputSchema(defaultPolicy)
/** @see {@link CommentInput} */
export type CommentInput = z.infer<typeof CommentInput>

/** The body of "share a post": optional words of one's own. */
export const shareInputSchema = (policy: Policy) =>
  z.object({ text: multiLine(0, policy.shareMaxLength).optional() }).strict()
/** "Share" under the default policy. */
export const ShareInput = shareInputSchema(defaultPolicy)
/** @see {@link ShareInput} */
export type ShareInput = z.infer<typeof ShareInput>

/** What a feed item is about. */
export type FeedSubject =
  | { readonly kind: "post"; readonly postId: string; readonly author: MemberId }
  | { readonly kind: "connection"; readonly a: MemberId; readonly b: MemberId }

/** Why something reached a reader. */
export type FeedReason = "posted" | "liked" | "commented" | "shared" | "connected"

/** One delivery: a subject reached a reader, brought by a member, for a reason. */
export interface FeedDelivery {
  readonly reader: MemberId
  readonly subject: FeedSubject
  readonly broughtBy: MemberId
  readonly reason: FeedReason
  readonly at: Date
}

/** One item in a reader's feed: one per subject, with everyone who brought it. */
export interface FeedItem {
  readonly key: string
  readonly subject: FeedSubject
  /**
   * Who brought it, most recent first, each once: with their latest reason,
   * and every reason they had (liked and commented), the latest first.
   */
  readonly broughtBy: readonly {
    readonly member: MemberId
    readonly reason: FeedReason
    readonly reasons: readonly FeedReason[]
  }[]
  readonly latestAt: Date
}

/**
 * The key that makes "one item per subject per reader".
 *
 * @example
 * ```ts
 * subjectKey({ kind: "post", postId: "p1", author: "a" }) // "post:p1"
 * ```
 */
export const subjectKey = (subject: FeedSubject): string =>
  subject.kind === "post" ? `post:${subject.postId}` : `connection:${subject.a}:${subject.b}`

/** The members a subject is about (whose being muted or blocked hides it). */
export const subjectMembers = (subject: FeedSubject): readonly MemberId[] =>
  subject.kind === "post" ? [subject.author] : [subject.a, subject.b]

/** Whom a reader does not want to, or may not, see. */
export interface ReaderFilter {
  readonly reader: MemberId
  /** Contacts the reader muted. */
  readonly muted: ReadonlySet<MemberId>
  /** Members blocked by or blocking the reader. */
  readonly blocked: ReadonlySet<MemberId>
  /**
   * Only what these members brought (posted, liked, commented, shared, or
   * connected): the news of one category of the reader's contacts. Absent:
   * everything that reaches the reader.
   */
  readonly sources?: ReadonlySet<MemberId> | undefined
}

/**
 * Whether a reader may see a post at all: anyone but a member blocked either
 * way with its author.
 *
 * @example
 * ```ts
 * canSeePost("c", { author: "a" }, { blocked: new Set(["a"]) }) // false
 * ```
 */
export const canSeePost = (
  reader: MemberId,
  post: { readonly author: MemberId },
  filter: Pick<ReaderFilter, "blocked">,
): boolean => reader === post.author || !filter.blocked.has(post.author)

/**
 * Whether one delivery may show in the reader's feed: the reader's own,
 * nothing about or brought by a muted or blocked member, and — in the news of
 * one category — only what its members brought.
 *
 * @example
 * ```ts
 * isVisibleDelivery(delivery, { reader: "c", muted: new Set(["a"]), blocked: new Set() })
 * ```
 */
export const isVisibleDelivery = (delivery: FeedDelivery, filter: ReaderFilter): boolean => {
  if (delivery.reader !== filter.reader) return false
  if (filter.sources !== undefined && !filter.sources.has(delivery.broughtBy)) return false
  const hidden = (m: MemberId) =>
    m !== filter.reader && (filter.muted.has(m) || filter.blocked.has(m))
  return !hidden(delivery.broughtBy) && !subjectMembers(delivery.subject).some(hidden)
}

/**
 * Folds a reader's deliveries into feed items: one per subject, naming
 * everyone who brought it with every reason they had, newest activity first;
 * muted and blocked members left out.
 *
 * @example
 * ```ts
 * assembleFeed(deliveries, { reader: "c", muted: new Set(), blocked: new Set() })
 * ```
 */
export const assembleFeed = (
  deliveries: readonly FeedDelivery[],
  filter: ReaderFilter,
): readonly FeedItem[] => {
  const byKey = new Map<string, FeedDelivery[]>()
  for (const d of deliveries) {
    if (!isVisibleDelivery(d, filter)) continue
    const key = subjectKey(d.subject)
    const list = byKey.get(key)
    if (list === undefined) byKey.set(key, [d])
    else list.push(d)
  }
  const items: FeedItem[] = []
  for (const [key, list] of byKey) {
    const newestFirst = [...list].sort((x, y) => y.at.getTime() - x.at.getTime())
    // One entry per member, in the order of their latest delivery, gathering their reasons.
    const byMember = new Map<MemberId, FeedReason[]>()
    for (const d of newestFirst) {
      const reasons = byMember.get(d.broughtBy)
      if (reasons === undefined) byMember.set(d.broughtBy, [d.reason])
      else if (!reasons.includes(d.reason)) reasons.push(d.reason)
    }
    const broughtBy = [...byMember].map(([member, reasons]) => ({
      member,
      reason: reasons[0] as FeedReason,
      reasons,
    }))
    const newest = newestFirst[0]
    if (newest === undefined) continue
    items.push({ key, subject: newest.subject, broughtBy, latestAt: newest.at })
  }
  return items.sort(
    (x, y) =>
      y.latestAt.getTime() - x.latestAt.getTime() || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  )
}
