/**
 * The two steps every application service shares: read the time from the
 * Effect clock (tests move it), and turn a domain decision into an effect —
 * its error fails the effect, its state and events are returned.
 */
import type { DomainError, DomainEvent } from "@kontakt/domain"
import { Clock, Effect, Either } from "effect"

/** Runs a domain decision: its error fails the effect, its success is returned. */
export const decided = <S>(
  result: Either.Either<
    { readonly state: S; readonly events: readonly DomainEvent[] },
    DomainError
  >,
) => Either.match(result, { onLeft: (e) => Effect.fail(e), onRight: (r) => Effect.succeed(r) })

/** The current time, from the Effect clock. */
export const now = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms))
