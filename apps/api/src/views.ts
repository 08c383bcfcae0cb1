/**
 * Domain and store values as the API shows them. One function per shape, so
 * that no route can leak a field by building its own.
 */
import type { Category, ContactRecord, ContactRequest, Verdict } from "@kontakt/domain"
import { senderView } from "@kontakt/domain"
import type { Member, MemberSummary } from "@kontakt/store"

export const memberView = (m: MemberSummary) => ({
  handle: m.handle,
  displayName: m.displayName,
  headline: m.headline,
  bio: m.bio,
  hasPhoto: m.hasPhoto,
  openToNetworking: m.openToNetworking,
})

export const meView = (m: Member) => ({
  ...memberView(m),
  email: m.email,
  settings: m.settings,
  createdAt: m.createdAt.toISOString(),
})

/** A member removed since: shown, not fabricated. */
const goneMember = {
  handle: "",
  displayName: "",
  headline: "",
  bio: "",
  hasPhoto: false,
  openToNetworking: false,
}

/** A member's public view, or the removed-member view when they are gone. */
export const memberOrGone = (m: MemberSummary | undefined) =>
  m === undefined ? goneMember : memberView(m)

export const contactView = (record: ContactRecord, member: MemberSummary, reviewDueAt: Date) => ({
  member: memberView(member),
  categoryIds: [...record.categoryIds],
  note: record.note,
  importance: record.importance,
  muted: record.muted,
  acceptedAutomatically: record.acceptedAutomatically,
  connectedAt: record.connectedAt.toISOString(),
  reviewDueAt: reviewDueAt.toISOString(),
})

export const categoryView = (c: Category) => ({
  id: c.id,
  name: c.name,
  reviewEveryDays: c.reviewEveryDays,
  lessNews: c.lessNews,
  createdAt: c.createdAt.toISOString(),
})

/** A request as its sender sees it: through `senderView`, so an ignored request reads as pending. */
export const sentView = (r: ContactRequest, to: MemberSummary | undefined) => {
  const v = senderView(r)
  return {
    id: v.id,
    to: memberOrGone(to),
    message: v.message,
    foundVia: v.foundVia,
    categoryIds: [...v.categoryIds],
    state: v.state,
    createdAt: v.createdAt.toISOString(),
  }
}

export const incomingView = (
  r: ContactRequest,
  from: MemberSummary | undefined,
  verdict: Verdict,
  introducer?: MemberSummary,
) => ({
  id: r.id,
  from: memberOrGone(from),
  message: r.message,
  foundVia: r.foundVia,
  introduction:
    r.introduction === null ? null : { by: memberOrGone(introducer), note: r.introduction.note },
  state: r.state === "ignored" ? ("ignored" as const) : ("pending" as const),
  createdAt: r.createdAt.toISOString(),
  verdict: { ...verdict, reasons: verdict.reasons.map((x) => ({ ...x })) },
})
