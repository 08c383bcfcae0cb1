/**
 * Where new ids come from. Ids sort by creation time (a millisecond prefix)
 * so that indexes on them stay append-mostly; 80 random bits make them unguessable.
 */
import { Context, Effect, Layer } from "effect"
import { base64url, randomBytes } from "./Bytes.js"

export class Ids extends Context.Tag("@kontakt/store/Ids")<
  Ids,
  { readonly next: Effect.Effect<string> }
>() {}

/**
 * A new opaque id: 9 characters of time, 16 of randomness.
 *
 * @example
 * ```ts
 * newId() // "0mhq3b1k2x3n4Cq8m1FvRm0aQ3t8"
 * ```
 */
export const newId = (): string =>
  Date.now().toString(36).padStart(9, "0") + base64url(randomBytes(12))

/** Random, time-ordered ids. */
export const IdsLive = Layer.succeed(Ids, { next: Effect.sync(newId) })
