/**
 * What guards the account itself — deleting it, a new password — asks for the
 * current password again, so that a session left open (or stolen) is not the
 * whole account. Five wrong guesses per member in 15 minutes, shared by every
 * such route, then 429: a session is not a licence to guess.
 */
import { Members } from "@kontakt/store"
import { Effect, Option } from "effect"
import type { Context } from "hono"
import { type Env, run } from "../context.js"
import { ProblemFailure } from "../problem.js"
import {
  attemptSucceeded,
  countAttempt,
  FAILED_SIGNINS_PER_ACCOUNT,
  SIGNIN_WINDOW_MS,
} from "./attempts.js"

/** Checks the member's current password (403 `InvalidCredentials` when wrong; `detail` says what for). */
export const checkCurrentPassword = async (
  c: Context<Env>,
  member: string,
  password: string,
  detail: string,
): Promise<void> => {
  const key = `password:${member}`
  const attempt = await countAttempt(
    c,
    [{ key, limit: FAILED_SIGNINS_PER_ACCOUNT }],
    SIGNIN_WINDOW_MS,
    {
      title: "Too many wrong passwords",
      detail: "Please wait before trying again.",
    },
  )
  const stored = await run(
    c,
    Effect.gen(function* () {
      const members = yield* Members
      const me = yield* members.byId(member)
      return Option.isNone(me) ? Option.none() : yield* members.passwordHash(me.value.email)
    }),
  )
  const ok =
    Option.isSome(stored) &&
    (await c.get("deps").hasher.verify(password, stored.value.passwordHash))
  if (!ok) throw new ProblemFailure(403, "InvalidCredentials", "Password is wrong", detail)
  await attemptSucceeded(c, attempt, [key])
}
