/**
 * Sessions and personal access tokens. Only a hash of each secret is
 * stored (Secrets.ts); the secret itself is shown once and never kept.
 */
import type { MemberId } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { Ids } from "./Ids.js"
import { type Member, memberColumns, memberColumnsAbsent, toMember } from "./Members.js"
import { iso } from "./Rows.js"
import { ReadModel, SYNC_STEP, toEvent } from "./readmodel/ReadModel.js"
import { newSecret, SecretHash } from "./Secrets.js"

/** A token as its owner sees it (never the secret). */
export interface AccessToken {
  readonly id: string
  readonly name: string
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
}

const insertSession = statement(
  "INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
)
// The session's member (whole), and the events after this process's place in the outbox: one
// statement gives a request who is asking and everything committed before it (resolveSession).
const sessionAndEvents = statement(
  `SELECT 'session' AS kind, ${memberColumns}, NULL AS seq, NULL AS payload,
       s.expires_at AS session_expires
     FROM sessions s JOIN members m ON m.id = s.member_id
     WHERE s.token_hash = ? AND s.expires_at > ?
   UNION ALL
   SELECT * FROM (SELECT 'event' AS kind, ${memberColumnsAbsent},
     seq, payload, NULL AS session_expires FROM outbox WHERE seq > ? ORDER BY seq LIMIT ${SYNC_STEP}) e`,
  (r) =>
    col.str(r, "kind") === "session"
      ? ({
          kind: "session",
          member: toMember(r),
          expiresAt: col.str(r, "session_expires"),
        } as const)
      : ({ kind: "event", ...toEvent(r) } as const),
)
const sessionMemberWhole = statement(
  `SELECT ${memberColumns}, s.expires_at AS session_expires
   FROM sessions s JOIN members m ON m.id = s.member_id
   WHERE s.token_hash = ? AND s.expires_at > ?`,
  (r) => ({ member: toMember(r), expiresAt: col.str(r, "session_expires") }),
)
const renewSession = statement("UPDATE sessions SET expires_at = ? WHERE token_hash = ?")
const endSession = statement("DELETE FROM sessions WHERE token_hash = ?")
const endToken = statement("DELETE FROM access_tokens WHERE token_hash = ?")
const insertToken = statement(
  "INSERT INTO access_tokens (id, member_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
)
const tokens = statement(
  `SELECT id, name, created_at, last_used_at FROM access_tokens WHERE member_id = ?
   ORDER BY created_at DESC, id`,
  (r): AccessToken => ({
    id: col.str(r, "id"),
    name: col.str(r, "name"),
    createdAt: new Date(col.str(r, "created_at")),
    lastUsedAt: ((v) => (v === null ? null : new Date(v)))(col.strOrNull(r, "last_used_at")),
  }),
)
const tokenOf = statement("SELECT id FROM access_tokens WHERE id = ? AND member_id = ?", (r) =>
  col.str(r, "id"),
)
const revokeToken = statement("DELETE FROM access_tokens WHERE id = ? AND member_id = ?")
const tokenMember = statement(
  "SELECT member_id, last_used_at FROM access_tokens WHERE token_hash = ?",
  (r) => ({ member: col.str(r, "member_id"), lastUsedAt: col.strOrNull(r, "last_used_at") }),
)
// "Last used" to the minute: a token's every request need not be a write.
const TOUCH_EVERY_MS = 60_000
const touchToken = statement("UPDATE access_tokens SET last_used_at = ? WHERE token_hash = ?")

export class Accounts extends Effect.Service<Accounts>()("@kontakt/store/Accounts", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const ids = yield* Ids
    const model = yield* ReadModel
    const hashed = (secret: string) => Effect.flatMap(SecretHash, (h) => h.hash(secret))
    const DAY = 86_400_000
    const session = (secret: string, now: Date, days = 30) =>
      Effect.gen(function* () {
        const hash = yield* hashed(secret)
        const position = model.position()
        let found: { member: Member; expiresAt: string } | undefined
        if (position === null) {
          found = (yield* db.all(sessionMemberWhole, [hash, iso(now)]))[0]
          yield* model.sync
        } else {
          const rows = yield* db.all(sessionAndEvents, [hash, iso(now), position])
          const events = rows.flatMap((r) => (r.kind === "event" ? [r] : []))
          if (model.apply(events)) yield* model.sync
          const row = rows.find((r) => r.kind === "session")
          found = row?.kind === "session" ? row : undefined
        }
        if (found === undefined) return { member: Option.none<Member>(), renewedUntil: null }
        let renewedUntil: Date | null = null
        if (new Date(found.expiresAt).getTime() < now.getTime() + (days - 1) * DAY) {
          renewedUntil = new Date(now.getTime() + days * DAY)
          yield* db.run(renewSession, [iso(renewedUntil), hash])
        }
        return { member: Option.some(found.member), renewedUntil }
      })
    return {
      /** Starts a session; returns the secret for the cookie. */
      createSession: (member: MemberId, now: Date, days: number) =>
        Effect.gen(function* () {
          const secret = newSecret("ks_")
          yield* db.run(insertSession, [
            yield* hashed(secret),
            member,
            iso(now),
            iso(new Date(now.getTime() + days * 86_400_000)),
          ])
          return secret
        }),
      /**
       * The member behind a session secret (the whole member: what a request
       * asks first), with the read model brought up to date in the same
       * statement: every read model query of the request then sees what was
       * committed before it, and asks no more (run the request
       * `alreadySynced`). Before the model's first load, that load.
       */
      resolveSession: (secret: string, now: Date) =>
        Effect.map(session(secret, now), (found) => found.member),
      /**
       * `resolveSession`, and the session slides: it lasts `days` after its
       * last use, renewed at most once a day (when less than `days − 1` are
       * left) — then `renewedUntil` says until when, for the cookie.
       */
      session,
      endSession: (secret: string) =>
        Effect.flatMap(hashed(secret), (hash) => db.run(endSession, [hash])),
      /** Revokes the token behind a secret (a logout made with the token). */
      endToken: (secret: string) =>
        Effect.flatMap(hashed(secret), (hash) => db.run(endToken, [hash])),
      /** Creates a personal access token; the secret is returned once. */
      createToken: (member: MemberId, name: string, now: Date) =>
        Effect.gen(function* () {
          const id = yield* ids.next
          const secret = newSecret("kt_")
          yield* db.run(insertToken, [id, member, name, yield* hashed(secret), iso(now)])
          return {
            token: { id, name, createdAt: now, lastUsedAt: null } satisfies AccessToken,
            secret,
          }
        }),
      tokens: (member: MemberId) => db.all(tokens, [member]),
      /** Revokes one of the member's tokens; false when it is not theirs. */
      revokeToken: (member: MemberId, id: string) =>
        Effect.gen(function* () {
          if ((yield* db.all(tokenOf, [id, member])).length === 0) return false
          yield* db.run(revokeToken, [id, member])
          return true
        }),
      tokenMember: (secret: string, now: Date) =>
        Effect.gen(function* () {
          const hash = yield* hashed(secret)
          const found = (yield* db.all(tokenMember, [hash]))[0]
          if (found === undefined) return Option.none<string>()
          if (
            found.lastUsedAt === null ||
            now.getTime() - new Date(found.lastUsedAt).getTime() >= TOUCH_EVERY_MS
          )
            yield* db.run(touchToken, [iso(now), hash])
          return Option.some(found.member)
        }),
    }
  }),
}) {}
