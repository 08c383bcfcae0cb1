/**
 * The shape every transition returns.
 *
 * @module
 */
import type { Either } from "effect"
import type { DomainError } from "./Errors.js"
import type { DomainEvent } from "./Events.js"

/**
 * A transition's result: the new state and the events it caused, or the
 * domain error that refused it.
 *
 * @example
 * ```ts
 * const result: Transition<ContactRequest> = ignoreRequest(request, { actor, now })
 * ```
 */
export type Transition<S, E extends DomainError = DomainError> = Either.Either<
  { readonly state: S; readonly events: readonly DomainEvent[] },
  E
>
