/**
 * Per-request state shared by middleware and handlers, and the bridge from
 * handlers to the Effect runtime: a domain error becomes a thrown
 * `DomainFailure`, which the app's error handler turns into problem+json.
 */
import type { DomainError } from "@kontakt/domain"
import { alreadySynced, type Counter, counted, type Member, type TokenScope } from "@kontakt/store"
import { Cause, Clock, Effect, Exit, Option } from "effect"
import type { Context } from "hono"
import { isDomainError } from "./problem.js"
import type { AppDeps, Services } from "./runtime.js"

export interface Env {
  Variables: {
    deps: AppDeps
    requestId: string
    /** The signed-in member, or null. */
    memberId: string | null
    /** The signed-in member as the session lookup read them (cookie sessions), or null. */
    member: Member | null
    /** How they signed in. */
    via: "cookie" | "token" | null
    /** The session secret from the cookie, or the bearer token, for logout. */
    sessionSecret: string | null
    /** The id of the cookie's session (to mark it current in the list of sessions), or null. */
    sessionId: string | null
    /** What the bearer token may do, or null for a session. */
    scope: TokenScope | null
    /** What this request asked of the database, when counted. */
    counter: Counter | null
    /** Whether the read model was brought up to date for this request (with its session). */
    synced: boolean
  }
}

/** A refusal from the domain, carried to the error handler. */
export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(error._tag)
  }
}

/** 401: the route needs a signed-in member. */
export class Unauthenticated extends Error {}

/**
 * 403 for a bearer token: what guards the account itself — its tokens, its
 * password — needs the member's own session, so that a token (a script, a
 * leaked secret) cannot mint tokens that outlive it or lock the member out.
 */
export class SessionRequired extends Error {}

/** The signed-in member, who must have signed in with a session (not a token). */
export const sessionMemberOf = (c: Context<Env>): string => {
  const id = memberOf(c)
  if (c.get("via") !== "cookie") throw new SessionRequired()
  return id
}

/** The current time for this app. */
export const nowOf = (c: Context<Env>) => c.get("deps").now?.() ?? new Date()

/** A clock that reads the app's `now`, so tests can move time for the store too. */
const clockFor = (now: () => Date): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => now().getTime(),
  unsafeCurrentTimeNanos: () => BigInt(now().getTime()) * 1_000_000n,
  currentTimeMillis: Effect.sync(() => now().getTime()),
  currentTimeNanos: Effect.sync(() => BigInt(now().getTime()) * 1_000_000n),
  sleep: (d) => Effect.sleep(d),
})

/** Runs an effect on the app's runtime; domain errors become `DomainFailure`, anything else is thrown as it is. */
export const run = async <A, E>(
  c: Context<Env>,
  effect: Effect.Effect<A, E, Services>,
): Promise<A> => {
  const { runtime, now } = c.get("deps")
  const counter = c.get("counter")
  const clocked = now === undefined ? effect : Effect.withClock(effect, clockFor(now))
  const fresh = c.get("synced") === true ? alreadySynced(clocked) : clocked
  const exit = await runtime.runPromiseExit(
    counter === null || counter === undefined ? fresh : counted(counter, fresh),
  )
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure) && isDomainError(failure.value)) throw new DomainFailure(failure.value)
  throw Cause.squash(exit.cause)
}

/** The signed-in member's id, or a 401. */
export const memberOf = (c: Context<Env>): string => {
  const id = c.get("memberId")
  if (id === null) throw new Unauthenticated()
  return id
}
