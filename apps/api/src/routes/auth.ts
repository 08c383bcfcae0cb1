/**
 * Sign up, log in, log out. Wrong email and wrong password answer the same,
 * in the same time; failed logins are throttled per account and address, or
 * per device for a browser that signed in before, and sign-ups per address
 * (auth/attempts.ts).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { defaultSettings, Email, type Locale, SignupInput } from "@kontakt/domain"
import { Accounts, InvitationService, Members, TrustedDevices } from "@kontakt/store"
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
import { MemberView, MeView, problems } from "../schemas.js"
import { memberView, meView } from "../views.js"

/** The cookie that makes a browser known to the accounts it signed in to (TrustedDevices). */
export const DEVICE_COOKIE = "kontakt_device"
const DEVICE_DAYS = 365
/** Invitation previews one address may ask for in an hour. */
const INVITATION_LOOKUPS_PER_HOUR = 60

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

const InvitationSecret = z.string().min(1).max(200)
const SignupWithInvitation = SignupInput.extend({
  invitation: z
    .object({
      secret: InvitationSecret,
      connect: z.boolean().openapi({
        description: "Whether to connect with the inviter (shown to me before I agree)",
      }),
    })
    .strict()
    .optional()
    .openapi({
      description:
        "Signing up through an invitation link: used once; an unknown, used, expired or revoked link answers 404 and makes no account",
    }),
}).strict()

const signup = createRoute({
  method: "post",
  path: "/signup",
  tags: ["Auth"],
  summary: "Create an account and sign in",
  request: {
    body: { required: true, content: { "application/json": { schema: SignupWithInvitation } } },
  },
  responses: {
    201: {
      description: "Signed up and signed in (session cookie set)",
      content: { "application/json": { schema: MeView } },
    },
    ...problems(400, 404, 409, 413, 415, 429, 503),
  },
})

const InvitationPreview = z
  .object({
    inviter: MemberView,
    message: z.string().nullable(),
    expiresAt: z.string(),
  })
  .openapi("InvitationPreview")
const invitation = createRoute({
  method: "post",
  path: "/invitation",
  tags: ["Auth"],
  summary: "Who invites me, with which words: what the sign-up page shows before I agree",
  description:
    "The secret travels in the body, never in a URL. An unknown, used, expired or revoked link answers 404.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ secret: InvitationSecret }).strict() },
      },
    },
  },
  responses: {
    200: {
      description: "The invitation",
      content: { "application/json": { schema: InvitationPreview } },
    },
    ...problems(400, 404, 429, 503),
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
      const locale: Locale = (c.req.header("Accept-Language") ?? "").toLowerCase().startsWith("de")
        ? "de"
        : "en"
      const member = {
        handle: input.handle,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        settings: { ...defaultSettings(), locale },
      }
      const through = input.invitation
      const id = await run(
        c,
        through === undefined
          ? Effect.flatMap(Members, (m) => m.create(member, nowOf(c)))
          : Effect.flatMap(InvitationService, (s) => s.signUp(member, through)),
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
    .openapi(invitation, async (c) => {
      const { secret } = c.req.valid("json")
      // Counted like sign-ups: nobody tries links by the thousand.
      await countAttempt(
        c,
        [{ key: `invitation:${addressOf(c)}`, limit: INVITATION_LOOKUPS_PER_HOUR }],
        3_600_000,
        {
          title: "Too many invitation lookups",
          detail: "Too many invitation links were looked up from this address; please wait.",
        },
      )
      const found = await run(
        c,
        Effect.flatMap(InvitationService, (s) => s.preview(secret)),
      )
      return c.json(
        {
          inviter: memberView(found.inviter),
          message: found.message,
          expiresAt: found.expiresAt.toISOString(),
        },
        200,
      )
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
