/**
 * Browsers that signed in to an account before. A successful sign-in gives
 * the browser a device secret (a cookie); a later attempt that carries it for
 * the same account is throttled per device instead of per account and
 * address (auth routes), so strangers failing at an account's password do not
 * lock its owner out. Only the secret's hash is stored.
 */
import type { MemberId } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { iso } from "./Rows.js"
import { newSecret, SecretHash } from "./Secrets.js"

/** How many browsers an account remembers; the longest unused are forgotten first. */
export const DEVICES_PER_MEMBER = 20

const trustedFor = statement(
  `SELECT d.member_id FROM trusted_devices d JOIN members m ON m.id = d.member_id
   WHERE d.token_hash = ? AND m.email = ?`,
  (r) => col.str(r, "member_id"),
)
const ownerOf = statement("SELECT member_id FROM trusted_devices WHERE token_hash = ?", (r) =>
  col.str(r, "member_id"),
)
const insert = statement(
  "INSERT INTO trusted_devices (token_hash, member_id, created_at, last_used_at) VALUES (?, ?, ?, ?)",
)
const touch = statement("UPDATE trusted_devices SET last_used_at = ? WHERE token_hash = ?")
const trim = statement(
  `DELETE FROM trusted_devices WHERE member_id = ? AND token_hash NOT IN (
     SELECT token_hash FROM trusted_devices WHERE member_id = ?
     ORDER BY last_used_at DESC, token_hash LIMIT ${DEVICES_PER_MEMBER})`,
)

export class TrustedDevices extends Effect.Service<TrustedDevices>()(
  "@kontakt/store/TrustedDevices",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const hashed = (secret: string) => Effect.flatMap(SecretHash, (h) => h.hash(secret))
      return {
        /** The device's hash if this browser signed in to the account with this email before. */
        trusted: (secret: string, email: string) =>
          Effect.gen(function* () {
            const hash = yield* hashed(secret)
            const found = yield* db.all(trustedFor, [hash, email])
            return found.length > 0 ? Option.some(hash) : Option.none<string>()
          }),
        /**
         * After a successful sign-in: the browser's secret for its cookie —
         * the one it brought if it is this member's already, else a new one.
         */
        remember: (member: MemberId, brought: string | null, now: Date) =>
          Effect.gen(function* () {
            if (brought !== null) {
              const hash = yield* hashed(brought)
              if ((yield* db.all(ownerOf, [hash]))[0] === member) {
                yield* db.run(touch, [iso(now), hash])
                return brought
              }
            }
            const secret = newSecret("kd_")
            const hash = yield* hashed(secret)
            yield* db.transaction(
              Effect.gen(function* () {
                yield* db.run(insert, [hash, member, iso(now), iso(now)])
                yield* db.run(trim, [member, member])
              }),
            )
            return secret
          }),
      }
    }),
  },
) {}
