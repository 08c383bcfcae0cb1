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
import { dateOrNull, iso } from "./Rows.js"
import { ReadModel, SYNC_STEP, toEvent } from "./readmodel/ReadModel.js"
import { newSecret, SecretHash } from "./Secrets.js"

/** What a personal access token may do: read only, or read and write. */
export type TokenScope = "read" | "read-write"

/** A token as its owner sees it (never the secret). */
export interface AccessToken {
  readonly id: string
  readonly name: string
  readonly scope: TokenScope
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
  /** When it stops working, or null for never (until revoked). */
  readonly expiresAt: Date | null
}

/** A session as its member sees it (never the secret). */
export interface SessionInfo {
  readonly id: string
  /** The `User-Agent` of the browser that signed in (for a label; may be empty). */
  readonly userAgent: string
  readonly createdAt: Date
  readonly lastUsedAt: Date
  readonly expiresAt: Date
}

/** The member behind a token, and what the token may do. */
export interface TokenHolder {
  readonly member: MemberId
  readonly scope: TokenScope
}

// "Last used" to the minute: not every request need be a write.
const TOUCH_EVERY_MS = 60_000
const DAY = 86_400_000
// A user agent is kept for its label; longer ones are cut.
const USER_AGENT_MAX = 512

const insertSession = statement(
  `INSERT INTO sessions (id, token_hash, member_id, user_agent, created_at, last_used_at, expires_at)
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
)
const sessionFields =
  "s.id AS session_id, s.last_used_at AS session_used, s.expires_at AS session_expires"
const sessionOf = (r: Record<string, unknown>) => ({
  id: col.strOrNull(r, "session_id") ?? "",
  lastUsedAt: col.strOrNull(r, "session_used"),
  expiresAt: col.str(r, "session_expires"),
})
// The session's member (whole), and the events after this process's place in the outbox: one
// statement gives a request who is asking and everything committed before it (resolveSession).
const sessionAndEvents = statement(
  `SELECT 'session' AS kind, ${memberColumns}, NULL AS seq, NULL AS payload, ${sessionFields}
     FROM sessions s JOIN members m ON m.id = s.member_id
     WHERE s.token_hash = ? AND s.expires_at > ?
   UNION ALL
   SELECT * FROM (SELECT 'event' AS kind, ${memberColumnsAbsent},
     seq, payload, NULL AS session_id, NULL AS session_used, NULL AS session_expires
     FROM outbox WHERE seq > ? ORDER BY seq LIMIT ${SYNC_STEP}) e`,
  (r) =>
    col.str(r, "kind") === "session"
      ? ({ kind: "session", member: toMember(r), session: sessionOf(r) } as const)
      : ({ kind: "event", ...toEvent(r) } as const),
)
const sessionMemberWhole = statement(
  `SELECT ${memberColumns}, ${sessionFields}
   FROM sessions s JOIN members m ON m.id = s.member_id
   WHERE s.token_hash = ? AND s.expires_at > ?`,
  (r) => ({ member: toMember(r), session: sessionOf(r) }),
)
const touchSession = statement(
  "UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE token_hash = ?",
)
const endSession = statement("DELETE FROM sessions WHERE token_hash = ?")
const sessionsOf = statement(
  `SELECT id, user_agent, created_at, last_used_at, expires_at FROM sessions
   WHERE member_id = ? AND expires_at > ? ORDER BY last_used_at DESC, id`,
  (r): SessionInfo => ({
    id: col.str(r, "id"),
    userAgent: col.str(r, "user_agent"),
    createdAt: new Date(col.str(r, "created_at")),
    lastUsedAt: new Date(col.strOrNull(r, "last_used_at") ?? col.str(r, "created_at")),
    expiresAt: new Date(col.str(r, "expires_at")),
  }),
)
const expiredSessions = statement("DELETE FROM sessions WHERE member_id = ? AND expires_at <= ?")
const sessionById = statement("SELECT id FROM sessions WHERE id = ? AND member_id = ?", (r) =>
  col.str(r, "id"),
)
const endSessionById = statement("DELETE FROM sessions WHERE id = ? AND member_id = ?")
const endOtherSessions = statement("DELETE FROM sessions WHERE member_id = ? AND token_hash <> ?")
const endToken = statement("DELETE FROM access_tokens WHERE token_hash = ?")
const endTokensOf = statement("DELETE FROM access_tokens WHERE member_id = ?")
const forgetDevices = statement("DELETE FROM trusted_devices WHERE member_id = ?")
const setPassword = statement("UPDATE members SET password_hash = ? WHERE id = ?")
const insertToken = statement(
  `INSERT INTO access_tokens (id, member_id, name, scope, token_hash, created_at, expires_at)
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
)
const tokens = statement(
  `SELECT id, name, scope, created_at, last_used_at, expires_at FROM access_tokens
   WHERE member_id = ? ORDER BY created_at DESC, id`,
  (r): AccessToken => ({
    id: col.str(r, "id"),
    name: col.str(r, "name"),
    scope: col.str(r, "scope") === "read" ? "read" : "read-write",
    createdAt: new Date(col.str(r, "created_at")),
    lastUsedAt: dateOrNull(col.strOrNull(r, "last_used_at")),
    expiresAt: dateOrNull(col.strOrNull(r, "expires_at")),
  }),
)
const tokenOf = statement("SELECT id FROM access_tokens WHERE id = ? AND member_id = ?", (r) =>
  col.str(r, "id"),
)
const revokeToken = statement("DELETE FROM access_tokens WHERE id = ? AND member_id = ?")
const tokenMember = statement(
  `SELECT member_id, scope, last_used_at FROM access_tokens
   WHERE token_hash = ? AND (expires_at IS NULL OR expires_at > ?)`,
  (r) => ({
    member: col.str(r, "member_id"),
    scope: (col.str(r, "scope") === "read" ? "read" : "read-write") as TokenScope,
    lastUsedAt: col.strOrNull(r, "last_used_at"),
  }),
)
const touchToken = statement("UPDATE access_tokens SET last_used_at = ? WHERE token_hash = ?")

export class Accounts extends Effect.Service<Accounts>()("@kontakt/store/Accounts", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const ids = yield* Ids
    const model = yield* ReadModel
    const hashed = (secret: string) => Effect.flatMap(SecretHash, (h) => h.hash(secret))
    const session = (secret: string, now: Date, days = 30) =>
      Effect.gen(function* () {
        const hash = yield* hashed(secret)
        const position = model.position()
        let found: { member: Member; session: ReturnType<typeof sessionOf> } | undefined
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
        if (found === undefined)
          return { member: Option.none<Member>(), sessionId: null, renewedUntil: null }
        const { id, lastUsedAt, expiresAt } = found.session
        // It slides: renewed (and its cookie with it) when less than `days − 1` are left.
        const renewedUntil =
          new Date(expiresAt).getTime() < now.getTime() + (days - 1) * DAY
            ? new Date(now.getTime() + days * DAY)
            : null
        const stale =
          lastUsedAt === null || now.getTime() - new Date(lastUsedAt).getTime() >= TOUCH_EVERY_MS
        if (renewedUntil !== null || stale)
          yield* db.run(touchSession, [
            iso(now),
            renewedUntil ? iso(renewedUntil) : expiresAt,
            hash,
          ])
        return { member: Option.some(found.member), sessionId: id, renewedUntil }
      })
    return {
      /** Starts a session for the browser with this user agent; returns the secret for the cookie. */
      createSession: (member: MemberId, now: Date, days: number, userAgent = "") =>
        Effect.gen(function* () {
          const secret = newSecret("ks_")
          yield* db.run(insertSession, [
            yield* ids.next,
            yield* hashed(secret),
            member,
            userAgent.slice(0, USER_AGENT_MAX),
            iso(now),
            iso(now),
            iso(new Date(now.getTime() + days * DAY)),
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
       * `resolveSession` with the session's id, and the session slides: it
       * lasts `days` after its last use, renewed at most once a day (when less
       * than `days − 1` are left) — then `renewedUntil` says until when, for
       * the cookie. Its last use is kept to the minute.
       */
      session,
      endSession: (secret: string) =>
        Effect.flatMap(hashed(secret), (hash) => db.run(endSession, [hash])),
      /** The member's sessions that have not expired, the most recently used first. */
      sessions: (member: MemberId, now: Date) =>
        Effect.gen(function* () {
          yield* db.run(expiredSessions, [member, iso(now)])
          return yield* db.all(sessionsOf, [member, iso(now)])
        }),
      /** Ends one of the member's sessions by its id; false when it is not theirs. */
      endSessionById: (member: MemberId, id: string) =>
        Effect.gen(function* () {
          if ((yield* db.all(sessionById, [id, member])).length === 0) return false
          yield* db.run(endSessionById, [id, member])
          return true
        }),
      /** Ends every session of the member but the one with this secret. */
      endOtherSessions: (member: MemberId, keep: string) =>
        Effect.flatMap(hashed(keep), (hash) => db.run(endOtherSessions, [member, hash])),
      /**
       * A new password, in one transaction: every other session ends, every
       * token too unless `keepTokens`, and the browsers the account trusted
       * for sign-ins are forgotten (they earn it again with the new password).
       */
      changePassword: (
        member: MemberId,
        passwordHash: string,
        keep: string,
        options: { readonly keepTokens: boolean },
      ) =>
        Effect.gen(function* () {
          const hash = yield* hashed(keep)
          yield* db.transaction(
            Effect.gen(function* () {
              yield* db.run(setPassword, [passwordHash, member])
              yield* db.run(endOtherSessions, [member, hash])
              if (!options.keepTokens) yield* db.run(endTokensOf, [member])
              yield* db.run(forgetDevices, [member])
            }),
          )
        }),
      /** Revokes the token behind a secret (a logout made with the token). */
      endToken: (secret: string) =>
        Effect.flatMap(hashed(secret), (hash) => db.run(endToken, [hash])),
      /** Creates a personal access token; the secret is returned once. */
      createToken: (
        member: MemberId,
        name: string,
        now: Date,
        options: { readonly scope?: TokenScope; readonly expiresAt?: Date | null } = {},
      ) =>
        Effect.gen(function* () {
          const id = yield* ids.next
          const secret = newSecret("kt_")
          const scope = options.scope ?? "read-write"
          const expiresAt = options.expiresAt ?? null
          yield* db.run(insertToken, [
            id,
            member,
            name,
            scope,
            yield* hashed(secret),
            iso(now),
            expiresAt === null ? null : iso(expiresAt),
          ])
          return {
            token: {
              id,
              name,
              scope,
              createdAt: now,
              lastUsedAt: null,
              expiresAt,
            } satisfies AccessToken,
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
      /** The member behind a token that is neither revoked nor expired, and its scope. */
      tokenMember: (secret: string, now: Date) =>
        Effect.gen(function* () {
          const hash = yield* hashed(secret)
          const found = (yield* db.all(tokenMember, [hash, iso(now)]))[0]
          if (found === undefined) return Option.none<TokenHolder>()
          if (
            found.lastUsedAt === null ||
            now.getTime() - new Date(found.lastUsedAt).getTime() >= TOUCH_EVERY_MS
          )
            yield* db.run(touchToken, [iso(now), hash])
          return Option.some<TokenHolder>({ member: found.member, scope: found.scope })
        }),
    }
  }),
}) {}
