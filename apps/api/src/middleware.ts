/**
 * Cross-cutting request handling: who is asking (session cookie or bearer
 * token), CSRF protection for cookie-authenticated writes, one JSON log line
 * per request.
 */
import { Accounts } from "@kontakt/store"
import { Effect, Option } from "effect"
import type { Context, MiddlewareHandler } from "hono"
import { getCookie, setCookie } from "hono/cookie"
import { type Env, nowOf, run } from "./context.js"
import { problem } from "./problem.js"

export const SESSION_COOKIE = "kontakt_session"
/** A session lasts this long after its last use (renewed at most once a day). */
export const SESSION_DAYS = 30

/** Whether the request came over https (directly or through a proxy): cookies are then Secure. */
export const overHttps = (c: Context<Env>) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("X-Forwarded-Proto") === "https"

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind https, as long as the session. */
export const setSessionCookie = (c: Context<Env>, secret: string, until: Date) =>
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "Lax",
    secure: overHttps(c),
    path: "/",
    maxAge: Math.max(0, Math.round((until.getTime() - nowOf(c).getTime()) / 1000)),
  })

const SAFE = new Set(["GET", "HEAD", "OPTIONS"])

/** Resolves the member behind a session cookie or an `Authorization: Bearer` token. */
export const authenticate: MiddlewareHandler<Env> = async (c, next) => {
  c.set("memberId", null)
  c.set("member", null)
  c.set("via", null)
  c.set("sessionSecret", null)
  c.set("sessionId", null)
  c.set("scope", null)
  c.set("synced", false)
  const now = nowOf(c)
  const header = c.req.header("Authorization")
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const member =
      match?.[1] === undefined
        ? Option.none()
        : await run(
            c,
            Effect.flatMap(Accounts, (a) => a.tokenMember(match[1] ?? "", now)),
          )
    if (Option.isNone(member))
      return problem(
        c,
        401,
        "InvalidToken",
        "Invalid access token",
        "The bearer token is unknown, revoked or expired.",
      )
    // A read-only token reads; the one write it may make is ending itself.
    if (
      member.value.scope === "read" &&
      !SAFE.has(c.req.method) &&
      !(c.req.method === "POST" && c.req.path === "/v1/auth/logout")
    )
      return problem(
        c,
        403,
        "TokenReadOnly",
        "This token may only read",
        "The access token has the scope read; writes need a read-write token.",
      )
    c.set("memberId", member.value.member)
    c.set("via", "token")
    c.set("scope", member.value.scope)
    c.set("sessionSecret", match?.[1] ?? null)
    return next()
  }
  const secret = getCookie(c, SESSION_COOKIE)
  if (secret !== undefined) {
    // Who is asking, and the read model brought up to date, in one statement.
    const { member, sessionId, renewedUntil } = await run(
      c,
      Effect.flatMap(Accounts, (a) => a.session(secret, now, SESSION_DAYS)),
    )
    c.set("synced", true)
    // The session slid on (once a day at most): so does the cookie.
    if (renewedUntil !== null) setSessionCookie(c, secret, renewedUntil)
    if (Option.isSome(member)) {
      c.set("member", member.value)
      c.set("memberId", member.value.id)
      c.set("via", "cookie")
      c.set("sessionSecret", secret)
      c.set("sessionId", sessionId)
    }
  }
  return next()
}

/**
 * A cookie-authenticated write must come from our own origin: its `Origin`
 * header (sent by every browser on writes) must match the host, or
 * `Sec-Fetch-Site` must say same-origin. Bearer-token requests carry no
 * ambient credentials and need no such check.
 */
export const csrfGuard: MiddlewareHandler<Env> = async (c, next) => {
  if (SAFE.has(c.req.method) || c.get("via") !== "cookie") return next()
  const origin = c.req.header("Origin")
  const site = c.req.header("Sec-Fetch-Site")
  const host = c.req.header("Host") ?? new URL(c.req.url).host
  const sameOrigin = origin !== undefined ? safeHost(origin) === host : site === "same-origin"
  if (!sameOrigin) {
    return problem(
      c,
      403,
      "CsrfRejected",
      "Cross-site request refused",
      "Writes with a session cookie must come from kontakt's own origin.",
    )
  }
  return next()
}

const safeHost = (origin: string) => {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

/** One JSON line per request: id, method, path, status, duration, member. */
export const requestLog: MiddlewareHandler<Env> = async (c, next) => {
  const started = performance.now()
  await next()
  const log = c.get("deps").log
  if (log === null) return
  const line = {
    at: new Date().toISOString(),
    requestId: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    member: c.get("memberId") ?? null,
  }
  // console, not process.stdout: the same on Node and in an edge worker.
  ;(log ?? ((l: Record<string, unknown>) => console.log(JSON.stringify(l))))(line)
}
