/**
 * Errors as application/problem+json (RFC 9457), and the one table that maps
 * each domain error to its HTTP status.
 */
import type { DomainError, DomainErrorTag } from "@kontakt/domain"
import type { Context } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"

/** A problem document. `code` is the domain error's tag (or a transport code such as `ValidationFailed`). */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly errors?: readonly { readonly path: string; readonly message: string }[]
}

const STATUS: {
  readonly [K in DomainErrorTag]: { readonly status: ContentfulStatusCode; readonly title: string }
} = {
  MemberNotFound: { status: 404, title: "Member not found" },
  CannotTargetSelf: { status: 400, title: "You cannot do this to yourself" },
  AlreadyConnected: { status: 409, title: "Already connected" },
  RequestAlreadyOpen: { status: 409, title: "A request is already open" },
  RequestNotAllowed: { status: 403, title: "This member does not accept requests from you" },
  MessageRequired: { status: 400, title: "This member asks for a message" },
  RateLimited: { status: 429, title: "Weekly request limit reached" },
  TooManyOpenRequests: { status: 409, title: "Too many open requests" },
  CooldownActive: { status: 429, title: "Please wait before asking again" },
  ConnectionLimitReached: { status: 409, title: "Connection limit reached" },
  RequestNotFound: { status: 404, title: "Request not found" },
  RequestNotOpen: { status: 409, title: "Request is no longer open" },
  RequestNotExpired: { status: 409, title: "Request has not expired" },
  ContactNotFound: { status: 404, title: "Contact not found" },
  CategoryNotFound: { status: 404, title: "Category not found" },
  CategoryNameTaken: { status: 409, title: "You already have a category of that name" },
  CategoryLimitReached: { status: 409, title: "Category limit reached" },
  PostNotFound: { status: 404, title: "Post not found" },
  AlreadyLiked: { status: 409, title: "Already liked" },
  AlreadyBlocked: { status: 409, title: "Already blocked" },
  IntroductionNotFound: { status: 404, title: "Introduction not found" },
  EntryNotFound: { status: 404, title: "Address book entry not found" },
  IntroductionAlreadyOpen: { status: 409, title: "You already asked for this introduction" },
  IntroducerNotOnPath: {
    status: 409,
    title: "This contact is neither one of theirs nor on your path to them",
  },
  WeeklyLimitReached: { status: 429, title: "Weekly limit reached" },
  InvitationNotFound: { status: 404, title: "Invitation not found or no longer valid" },
  TooManyOpenInvitations: { status: 409, title: "Too many open invitations" },
}

const detailOf = (e: DomainError): string => {
  switch (e._tag) {
    case "RateLimited":
      return `At most ${e.limit} requests a week; the next one is possible at ${e.retryAt.toISOString()}.`
    case "CooldownActive":
      return `You withdrew a request to this member; you can ask again from ${e.until.toISOString()}.`
    case "RequestNotAllowed":
      return e.requires === "sharedGroup"
        ? "This member accepts requests only from members who share a group."
        : "This member accepts requests only from contacts of their contacts."
    case "RequestNotOpen":
      return `The request is ${e.state}.`
    case "WeeklyLimitReached":
      return `At most ${e.limit} ${e.what} a week; the next is possible at ${e.retryAt.toISOString()}.`
    case "TooManyOpenRequests":
    case "TooManyOpenInvitations":
    case "ConnectionLimitReached":
    case "CategoryLimitReached":
      return `The limit is ${e.limit}.`
    default:
      return STATUS[e._tag].title
  }
}

/** When a refused client may try again, for `Retry-After`. */
const retryAt = (e: DomainError): Date | null =>
  e._tag === "RateLimited" || e._tag === "WeeklyLimitReached"
    ? e.retryAt
    : e._tag === "CooldownActive"
      ? e.until
      : null

/** Sends a problem document with the right content type. */
export const problem = (
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  title: string,
  detail: string,
  extra: { readonly errors?: Problem["errors"]; readonly retryAfterSeconds?: number } = {},
) => {
  const body: Problem = {
    type: `https://kontakt.dev/problems/${code}`,
    title,
    status,
    detail,
    code,
    ...(extra.errors === undefined ? {} : { errors: extra.errors }),
  }
  if (extra.retryAfterSeconds !== undefined)
    c.header("Retry-After", String(Math.max(1, Math.ceil(extra.retryAfterSeconds))))
  c.header("Content-Type", "application/problem+json")
  return c.body(JSON.stringify(body), status)
}

/** The problem for a domain error. */
export const domainProblem = (c: Context, e: DomainError, now: Date) => {
  const { status, title } = STATUS[e._tag]
  const at = retryAt(e)
  return problem(
    c,
    status,
    e._tag,
    title,
    detailOf(e),
    at === null ? {} : { retryAfterSeconds: (at.getTime() - now.getTime()) / 1000 },
  )
}

/** Whether a value is one of the domain's errors. */
export const isDomainError = (e: unknown): e is DomainError =>
  typeof e === "object" &&
  e !== null &&
  "_tag" in e &&
  typeof e._tag === "string" &&
  e._tag in STATUS

/** A problem to answer with, thrown from a handler (handlers return only their success shapes). */
export class ProblemFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: {
      readonly errors?: Problem["errors"]
      readonly retryAfterSeconds?: number
    } = {},
  ) {
    super(code)
  }
}
