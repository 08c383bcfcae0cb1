/**
 * The throttles on password checks and sign-ups, counted in the database
 * (LoginAttempts in the store) before any password is hashed, so that
 * attempts in flight count, in every process:
 *
 * - a sign-in from a browser that signed in to this account before (its
 *   device cookie, TrustedDevices) counts against that device only: five
 *   failures in 15 minutes;
 * - any other sign-in counts against the account (five failures in 15
 *   minutes) and the address (twenty): strangers guessing cannot lock the
 *   owner out of the browsers they already use;
 * - sign-ups: `signupsPerHour` per address (default 20), successful or not;
 * - deleting the account (which asks for the password): five failures in 15
 *   minutes per member.
 * docs/api.md describes the model for clients.
 */
import { LoginAttempts, type ThrottleKey } from "@kontakt/store"
import { Effect } from "effect"
import type { Context } from "hono"
import { type Env, nowOf, run } from "../context.js"
import { ProblemFailure } from "../problem.js"
import { HashingBusy } from "./hash-gate.js"

export const FAILED_SIGNINS_PER_ACCOUNT = 5
export const FAILED_SIGNINS_PER_DEVICE = 5
export const FAILED_SIGNINS_PER_ADDRESS = 20
export const SIGNIN_WINDOW_MS = 15 * 60_000
export const SIGNUPS_PER_HOUR = 20

/** The client's address as the deployment sees it (client-address.ts). */
export const addressOf = (c: Context<Env>) => c.get("deps").clientAddress?.(c) ?? "unknown"

/**
 * Counts an attempt under every key before its password is hashed; a key at
 * its limit refuses it: 429 with Retry-After. Returns the attempt's id (for
 * `succeeded`).
 */
export const countAttempt = async (
  c: Context<Env>,
  keys: readonly ThrottleKey[],
  windowMs: number,
  refusal: { readonly title: string; readonly detail: string } = {
    title: "Too many failed sign-ins",
    detail: "Please wait before trying again.",
  },
): Promise<string> => {
  // With every hashing turn taken, refused before it costs a write.
  if (c.get("deps").hashGate?.full() === true) throw new HashingBusy()
  const begun = await run(
    c,
    Effect.flatMap(LoginAttempts, (a) => a.begin(keys, windowMs, nowOf(c))),
  )
  if (begun._tag === "Refused")
    throw new ProblemFailure(429, "TooManyAttempts", refusal.title, refusal.detail, {
      retryAfterSeconds: begun.retryAfterSeconds,
    })
  return begun.attempt
}

/** The attempt succeeded: it does not count, nor do earlier failures under `reset`. */
export const attemptSucceeded = (c: Context<Env>, attempt: string, reset: readonly string[]) =>
  run(
    c,
    Effect.flatMap(LoginAttempts, (a) => a.succeeded(attempt, reset)),
  )
