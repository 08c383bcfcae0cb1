/**
 * Account security a member manages: a new password, the sessions they are
 * signed in with (listed, ended one by one or all but this one) and personal
 * access tokens (scoped, optionally expiring). None of it can be done with a
 * token: a token, a script or a leaked secret, cannot mint tokens that outlive
 * it, sign its owner out or lock them out (403 `SessionRequired`).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { Password } from "@kontakt/domain"
import { type AccessToken, Accounts, type SessionInfo } from "@kontakt/store"
import { Effect } from "effect"
import { deleteCookie } from "hono/cookie"
import { checkCurrentPassword } from "../auth/current-password.js"
import { deviceLabel } from "../auth/device-label.js"
import { type Env, nowOf, run, sessionMemberOf } from "../context.js"
import { SESSION_COOKIE } from "../middleware.js"
import { ProblemFailure } from "../problem.js"
import { IdParam, problems } from "../schemas.js"

const PasswordInput = z
  .object({
    currentPassword: z.string().min(1).max(128),
    newPassword: Password,
    /** Keep my access tokens working (they end with the old password otherwise). */
    keepTokens: z.boolean().optional(),
  })
  .strict()
const changePassword = createRoute({
  method: "post",
  path: "/me/password",
  tags: ["Account"],
  summary:
    "Change my password: every other session ends, and every token unless `keepTokens` (with a session, not a token)",
  request: { body: { required: true, content: { "application/json": { schema: PasswordInput } } } },
  responses: { 204: { description: "Changed" }, ...problems(400, 401, 403, 429, 503) },
})

const SessionView = z
  .object({
    id: z.string(),
    /** What signed in, from its user agent ("Firefox 133 · Windows 10"), or null when unknown. */
    device: z.string().nullable(),
    userAgent: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    expiresAt: z.string(),
    /** The session this request came with. */
    current: z.boolean(),
  })
  .openapi("Session")
const listSessions = createRoute({
  method: "get",
  path: "/me/sessions",
  tags: ["Account"],
  summary: "The sessions I am signed in with, most recently used first",
  responses: {
    200: {
      description: "Sessions",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(SessionView), nextCursor: z.null() }),
        },
      },
    },
    ...problems(401, 403),
  },
})
const endSession = createRoute({
  method: "delete",
  path: "/me/sessions/{id}",
  tags: ["Account"],
  summary: "End one of my sessions (this one too: then I am signed out)",
  request: { params: IdParam },
  responses: { 204: { description: "Ended" }, ...problems(401, 403, 404) },
})
const revokeOthers = createRoute({
  method: "post",
  path: "/me/sessions/revoke-others",
  tags: ["Account"],
  summary: "Sign out everywhere else: every session but this one ends",
  responses: { 204: { description: "Ended" }, ...problems(401, 403) },
})

const Scope = z.enum(["read", "read-write"])
const TokenInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    /** `read` may only read (GET); `read-write` (the default) may do what the member may. */
    scope: Scope.optional(),
    /** When the token stops working (in the future, at most a year ahead); none: until revoked. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
const TokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: Scope,
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .openapi("AccessToken")
const createToken = createRoute({
  method: "post",
  path: "/tokens",
  tags: ["Account"],
  summary: "Create a personal access token (shown once; with a session, not a token)",
  request: { body: { required: true, content: { "application/json": { schema: TokenInput } } } },
  responses: {
    201: {
      description: "The token; `token` is shown only now",
      content: { "application/json": { schema: TokenView.extend({ token: z.string() }) } },
    },
    ...problems(400, 401, 403),
  },
})
const listTokens = createRoute({
  method: "get",
  path: "/tokens",
  tags: ["Account"],
  summary: "My access tokens (never their secrets; with a session, not a token)",
  responses: {
    200: {
      description: "Tokens",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(TokenView), nextCursor: z.null() }),
        },
      },
    },
    ...problems(401, 403),
  },
})
const revokeToken = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags: ["Account"],
  summary: "Revoke an access token (with a session, not a token)",
  request: { params: IdParam },
  responses: { 204: { description: "Revoked" }, ...problems(401, 403, 404) },
})

const TOKEN_MAX_DAYS = 366

const tokenView = (t: AccessToken) => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
})

const sessionView = (s: SessionInfo, current: string | null) => ({
  id: s.id,
  device: deviceLabel(s.userAgent),
  userAgent: s.userAgent,
  createdAt: s.createdAt.toISOString(),
  lastUsedAt: s.lastUsedAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  current: s.id === current,
})

const invalid = (path: string, message: string) =>
  new ProblemFailure(400, "ValidationFailed", "Invalid input", message, {
    errors: [{ path, message }],
  })

export const securityRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(changePassword, async (c) => {
      const id = sessionMemberOf(c)
      const { currentPassword, newPassword, keepTokens } = c.req.valid("json")
      await checkCurrentPassword(
        c,
        id,
        currentPassword,
        "Changing the password needs your current password.",
      )
      const passwordHash = await c.get("deps").hasher.hash(newPassword)
      const keep = c.get("sessionSecret") ?? ""
      await run(
        c,
        Effect.flatMap(Accounts, (a) =>
          a.changePassword(id, passwordHash, keep, { keepTokens: keepTokens === true }),
        ),
      )
      return c.body(null, 204)
    })
    .openapi(listSessions, async (c) => {
      const id = sessionMemberOf(c)
      const sessions = await run(
        c,
        Effect.flatMap(Accounts, (a) => a.sessions(id, nowOf(c))),
      )
      const current = c.get("sessionId")
      return c.json({ items: sessions.map((s) => sessionView(s, current)), nextCursor: null }, 200)
    })
    .openapi(endSession, async (c) => {
      const id = sessionMemberOf(c)
      const session = c.req.valid("param").id
      const ended = await run(
        c,
        Effect.flatMap(Accounts, (a) => a.endSessionById(id, session)),
      )
      if (!ended)
        throw new ProblemFailure(404, "SessionNotFound", "Session not found", "No such session.")
      if (session === c.get("sessionId")) deleteCookie(c, SESSION_COOKIE, { path: "/" })
      return c.body(null, 204)
    })
    .openapi(revokeOthers, async (c) => {
      const id = sessionMemberOf(c)
      const keep = c.get("sessionSecret") ?? ""
      await run(
        c,
        Effect.flatMap(Accounts, (a) => a.endOtherSessions(id, keep)),
      )
      return c.body(null, 204)
    })
    .openapi(createToken, async (c) => {
      const id = sessionMemberOf(c)
      const { name, scope, expiresAt } = c.req.valid("json")
      const now = nowOf(c)
      const until = expiresAt === undefined ? null : new Date(expiresAt)
      if (until !== null && until.getTime() <= now.getTime())
        throw invalid("expiresAt", "The expiry must be in the future.")
      if (until !== null && until.getTime() > now.getTime() + TOKEN_MAX_DAYS * 86_400_000)
        throw invalid("expiresAt", "A token expires within a year, or not at all.")
      const { token, secret } = await run(
        c,
        Effect.flatMap(Accounts, (a) =>
          a.createToken(id, name, now, { scope: scope ?? "read-write", expiresAt: until }),
        ),
      )
      return c.json({ ...tokenView(token), token: secret }, 201)
    })
    .openapi(listTokens, async (c) => {
      const tokens = await run(
        c,
        Effect.flatMap(Accounts, (a) => a.tokens(sessionMemberOf(c))),
      )
      return c.json({ items: tokens.map(tokenView), nextCursor: null }, 200)
    })
    .openapi(revokeToken, async (c) => {
      const revoked = await run(
        c,
        Effect.flatMap(Accounts, (a) => a.revokeToken(sessionMemberOf(c), c.req.valid("param").id)),
      )
      if (!revoked)
        throw new ProblemFailure(404, "TokenNotFound", "Token not found", "No such token.")
      return c.body(null, 204)
    })
