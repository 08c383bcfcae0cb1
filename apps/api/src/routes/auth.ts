/**
 * Sign up, log in, log out. Wrong email and wrong password answer the same,
 * in the same time; failed logins are throttled per account and address, or
 * per device for a browser that signed in before, and sign-ups per address
 * (auth/attempts.ts).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { defaultSettings, Email, SignupInput } from "@kontakt/domain"
import { Accounts, Members, TrustedDevices } from "@kontakt/store"
import { Effect, Option } from "effect"
import type { Context } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import {
  addressOf,
  attemptSucceeded,
  countAttempt,
  FAILED_SIGNINS_PER_ACCOUNT,
  FAILED_SIGNINS_PER_ADDRESS,
  FAILED_SIGNINS_PER_DEVICE,
  SIGNIN_WINDOW_MS,
  SIGNUPS_PER_HOUR,
} from "../auth/attempts.js"
import { type Env, memberOf, nowOf, run } from "../context.js"
import { overHttps, SESSION_COOKIE, SESSION_DAYS, setSessionCookie } from "../middleware.js"
import { ProblemFailure } from "../problem.js"
import { MeView, problems } from "../schemas.js"
import { meView } from "../views.js"

/** The cookie that makes a browser known to the accounts it signed in to (TrustedDevices). */
export const DEVICE_COOKIE = "kontakt_device"
const DEVICE_DAYS = 365

const startSession = async (c: Context<Env>, memberId: string) => {
  const secret = await run(
    c,
    Effect.flatMap(Accounts, (a) =>
      a.createSession(memberId, nowOf(c), SESSION_DAYS, c.req.header("User-Agent") ?? ""),
    ),
  )
  setSessionCookie(c, secret, new Date(nowOf(c).getTime() + SESSION_DAYS * 86_400_000))
  // This browser is now known to the account: its later sign-ins are throttled on their own.
  const device = await run(
    c,
    Effect.flatMap(TrustedDevices, (d) =>
      d.remember(memberId, getCookie(c, DEVICE_COOKIE) ?? null, nowOf(c)),
    ),
  )
  setCookie(c, DEVICE_COOKIE, device, {
    httpOnly: true,
    sameSite: "Lax",
    secure: overHttps(c),
    // Only sign-ins read it.
    path: "/v1/auth",
    maxAge: DEVICE_DAYS * 86_400,
  })
}

const me = (c: Context<Env>, id: string) =>
  run(
    c,
    Effect.flatMap(Members, (m) => m.byId(id)),
  ).then((m) => (Option.isSome(m) ? meView(m.value) : null))

const signup = createRoute({
  method: "post",
  path: "/signup",
  tags: ["Auth"],
  summary: "Create an account and sign in",
  request: { body: { required: true, content: { "application/json": { schema: SignupInput } } } },
  responses: {
    201: {
      description: "Signed up and signed in (session cookie set)",
      content: { "application/json": { schema: MeView } },
    },
    ...problems(400, 409, 413, 415, 429, 503),
  },
})

const LoginInput = z.object({ email: Email, password: z.string().min(1).max(128) }).strict()
const login = createRoute({
  method: "post",
  path: "/login",
  tags: ["Auth"],
  summary: "Sign in with email and password",
  request: { body: { required: true, content: { "application/json": { schema: LoginInput } } } },
  responses: {
    200: {
      description: "Signed in (session cookie set)",
      content: { "application/json": { schema: MeView } },
    },
    ...problems(400, 401, 429, 503),
  },
})

const logout = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Auth"],
  summary: "End this session",
  responses: { 204: { description: "Signed out" }, ...problems(401, 403) },
})

const session = createRoute({
  method: "get",
  path: "/session",
  tags: ["Auth"],
  summary: "Who is signed in, if anyone (answers 200 either way, for pages that ask on load)",
  responses: {
    200: {
      description: "The signed-in member, or null",
      content: { "application/json": { schema: z.object({ member: MeView.nullable() }) } },
    },
  },
})

export const authRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(signup, async (c) => {
      const input = c.req.valid("json")
      const { hasher } = c.get("deps")
      // Counted whether or not it succeeds: accounts are not made by the thousand.
      await countAttempt(
        c,
        [
          {
            key: `signup:${addressOf(c)}`,
            limit: c.get("deps").signupsPerHour ?? SIGNUPS_PER_HOUR,
          },
        ],
        3_600_000,
        {
          title: "Too many sign-ups",
          detail: "Too many accounts were made from this address; please wait.",
        },
      )
      const taken = await run(
        c,
        Effect.gen(function* () {
          const members = yield* Members
          const byEmail = yield* members.byEmail(input.email)
          // A deleted account's handle stays taken, so that this tells nobody who is still here.
          const handleTaken = yield* members.handleTaken(input.handle)
          return Option.isSome(byEmail) ? "email" : handleTaken ? "handle" : null
        }),
      )
      if (taken !== null) {
        throw new ProblemFailure(
          409,
          taken === "email" ? "EmailTaken" : "HandleTaken",
          `This ${taken} is taken`,
          `An account with this ${taken} exists already.`,
        )
      }
      const passwordHash = await hasher.hash(input.password)
      const locale = (c.req.header("Accept-Language") ?? "").toLowerCase().startsWith("de")
        ? "de"
        : "en"
      const id = await run(
        c,
        Effect.flatMap(Members, (m) =>
          m.create(
            {
              handle: input.handle,
              email: input.email,
              displayName: input.displayName,
              passwordHash,
              settings: { ...defaultSettings(), locale },
            },
            nowOf(c),
          ),
        ),
      ).catch((e: unknown) => {
        // Lost a race for the same email or handle to another request.
        if (/unique|duplicate/i.test(String((e as { cause?: unknown }).cause ?? e))) return null
        throw e
      })
      if (id === null)
        throw new ProblemFailure(
          409,
          "HandleTaken",
          "This handle or email is taken",
          "An account with this handle or email exists already.",
        )
      await startSession(c, id)
      const view = await me(c, id)
      return c.json(view ?? undefined, 201)
    })
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid("json")
      const account = `account:${email.toLowerCase()}`
      // A browser that signed in to this account before is throttled on its own; any other
      // attempt per account and per address. Counted before the password is checked.
      const brought = getCookie(c, DEVICE_COOKIE)
      const device =
        brought === undefined
          ? Option.none<string>()
          : await run(
              c,
              Effect.flatMap(TrustedDevices, (d) => d.trusted(brought, email)),
            )
      const keys = Option.isSome(device)
        ? [{ key: `device:${device.value}`, limit: FAILED_SIGNINS_PER_DEVICE }]
        : [
            { key: account, limit: FAILED_SIGNINS_PER_ACCOUNT },
            { key: `address:${addressOf(c)}`, limit: FAILED_SIGNINS_PER_ADDRESS },
          ]
      const attempt = await countAttempt(c, keys, SIGNIN_WINDOW_MS)
      const stored = await run(
        c,
        Effect.flatMap(Members, (m) => m.passwordHash(email)),
      )
      // An unknown email still costs one hash, so timing does not tell accounts apart.
      const ok = await c
        .get("deps")
        .hasher.verify(password, Option.isSome(stored) ? stored.value.passwordHash : "none")
      if (!ok || Option.isNone(stored)) {
        throw new ProblemFailure(
          401,
          "InvalidCredentials",
          "Email or password is wrong",
          "Email or password is wrong.",
        )
      }
      await attemptSucceeded(c, attempt, [keys[0]?.key ?? account])
      await startSession(c, stored.value.id)
      return c.json((await me(c, stored.value.id)) ?? undefined, 200)
    })
    .openapi(session, async (c) => {
      const id = c.get("memberId")
      return c.json({ member: id === null ? null : await me(c, id) }, 200)
    })
    .openapi(logout, async (c) => {
      memberOf(c)
      const secret = c.get("sessionSecret")
      // A logout made with a token ends that token, as one made with a session ends the session.
      if (secret !== null)
        await run(
          c,
          Effect.flatMap(Accounts, (a) =>
            c.get("via") === "token" ? a.endToken(secret) : a.endSession(secret),
          ),
        )
      deleteCookie(c, SESSION_COOKIE, { path: "/" })
      return c.body(null, 204)
    })
