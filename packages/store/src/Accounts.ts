/**
 * Sessions and personal access tokens. Only a SHA-256 hash of each secret is
 * stored; the secret itself is shown once and never kept.
 */
import { SqlClient } from "@effect/sql"
import type { MemberId } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { base64url, randomBytes, sha256Hex } from "./Bytes.js"
import { Ids } from "./Ids.js"
import { iso } from "./Rows.js"

/** A new secret: 32 random bytes, URL-safe, with a prefix that says what it is. */
export const newSecret = (prefix: string): string => `${prefix}${base64url(randomBytes(32))}`
/** The stored form of a secret: its SHA-256, in hex. */
export const hashSecret = (secret: string): Promise<string> => sha256Hex(secret)
const hashed = (secret: string) => Effect.promise(() => hashSecret(secret))

/** A token as its owner sees it (never the secret). */
export interface AccessToken {
  readonly id: string
  readonly name: string
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
}

export class Accounts extends Effect.Service<Accounts>()("@kontakt/store/Accounts", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const ids = yield* Ids
    return {
      /** Starts a session; returns the secret for the cookie. */
      createSession: (member: MemberId, now: Date, days: number) =>
        Effect.gen(function* () {
          const secret = newSecret("ks_")
          yield* sql`INSERT INTO sessions ${sql.insert({
            tokenHash: yield* hashed(secret),
            memberId: member,
            createdAt: iso(now),
            expiresAt: iso(new Date(now.getTime() + days * 86_400_000)),
          })}`
          return secret
        }),
      sessionMember: (secret: string, now: Date) =>
        Effect.flatMap(hashed(secret), (hash) =>
          sql<{
            memberId: string
          }>`SELECT member_id FROM sessions WHERE token_hash = ${hash} AND expires_at > ${iso(now)}`.pipe(
            Effect.map((rows) => Option.fromNullable(rows[0]?.memberId)),
          ),
        ),
      endSession: (secret: string) =>
        Effect.flatMap(hashed(secret), (hash) =>
          sql`DELETE FROM sessions WHERE token_hash = ${hash}`.pipe(Effect.asVoid),
        ),
      /** Creates a personal access token; the secret is returned once. */
      createToken: (member: MemberId, name: string, now: Date) =>
        Effect.gen(function* () {
          const id = yield* ids.next
          const secret = newSecret("kt_")
          yield* sql`INSERT INTO access_tokens ${sql.insert({ id, memberId: member, name, tokenHash: yield* hashed(secret), createdAt: iso(now) })}`
          return {
            token: { id, name, createdAt: now, lastUsedAt: null } satisfies AccessToken,
            secret,
          }
        }),
      tokens: (member: MemberId) =>
        sql<{
          id: string
          name: string
          createdAt: string
          lastUsedAt: string | null
        }>`SELECT id, name, created_at, last_used_at
          FROM access_tokens WHERE member_id = ${member} ORDER BY created_at DESC, id`.pipe(
          Effect.map((rows) =>
            rows.map(
              (r): AccessToken => ({
                id: r.id,
                name: r.name,
                createdAt: new Date(r.createdAt),
                lastUsedAt: r.lastUsedAt === null ? null : new Date(r.lastUsedAt),
              }),
            ),
          ),
        ),
      /** Revokes one of the member's tokens; false when it is not theirs. */
      revokeToken: (member: MemberId, id: string) =>
        Effect.gen(function* () {
          const rows = yield* sql<{
            id: string
          }>`SELECT id FROM access_tokens WHERE id = ${id} AND member_id = ${member}`
          if (rows.length === 0) return false
          yield* sql`DELETE FROM access_tokens WHERE id = ${id} AND member_id = ${member}`
          return true
        }),
      tokenMember: (secret: string, now: Date) =>
        Effect.gen(function* () {
          const hash = yield* hashed(secret)
          const rows = yield* sql<{
            memberId: string
          }>`SELECT member_id FROM access_tokens WHERE token_hash = ${hash}`
          const member = rows[0]?.memberId
          if (member === undefined) return Option.none<string>()
          yield* sql`UPDATE access_tokens SET last_used_at = ${iso(now)} WHERE token_hash = ${hash}`
          return Option.some(member)
        }),
    }
  }),
}) {}
