/**
 * My profile and settings, and my access tokens.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { ProfilePatch, Settings, SettingsPatch } from "@kontakt/domain"
import { AccountService, Accounts, Members } from "@kontakt/store"
import { Effect, Option } from "effect"
import { deleteCookie } from "hono/cookie"
import { countAttempt, FAILED_SIGNINS_PER_ACCOUNT, SIGNIN_WINDOW_MS } from "../auth/attempts.js"
import { type Env, memberOf, nowOf, run, sessionMemberOf } from "../context.js"
import { SESSION_COOKIE } from "../middleware.js"
import { ProblemFailure } from "../problem.js"
import { IdParam, MeView, problems } from "../schemas.js"
import { meView } from "../views.js"

const MePatch = ProfilePatch.extend({ settings: SettingsPatch.optional() }).strict()

const getMe = createRoute({
  method: "get",
  path: "/me",
  tags: ["Account"],
  summary: "My profile and settings",
  responses: {
    200: { description: "Me", content: { "application/json": { schema: MeView } } },
    ...problems(401),
  },
})
const patchMe = createRoute({
  method: "patch",
  path: "/me",
  tags: ["Account"],
  summary: "Change my profile and settings",
  request: { body: { required: true, content: { "application/json": { schema: MePatch } } } },
  responses: {
    200: { description: "Me, changed", content: { "application/json": { schema: MeView } } },
    ...problems(400, 401, 403),
  },
})

const exportMe = createRoute({
  method: "get",
  path: "/me/export",
  tags: ["Account"],
  summary: "Everything stored about me, as JSON (GDPR Art. 20)",
  responses: {
    200: {
      description: "My data",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
    ...problems(401),
  },
})
const DeleteInput = z.object({ password: z.string().min(1).max(128) }).strict()
const deleteMe = createRoute({
  method: "delete",
  path: "/me",
  tags: ["Account"],
  summary: "Delete my account and all its connections (silently); needs my password",
  request: { body: { required: true, content: { "application/json": { schema: DeleteInput } } } },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 429, 503) },
})

const TokenInput = z.object({ name: z.string().trim().min(1).max(64) }).strict()
const TokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi("AccessToken")
const createToken = createRoute({
  method: "post",
  path: "/tokens",
  tags: ["Account"],
  summary: "Create a personal access token (shown once)",
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
  summary: "Revoke an access token",
  request: { params: IdParam },
  responses: { 204: { description: "Revoked" }, ...problems(401, 403, 404) },
})

const tokenView = (t: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
})

const loadMe = async (c: Parameters<typeof memberOf>[0], id: string) => {
  const found = await run(
    c,
    Effect.flatMap(Members, (m) => m.byId(id)),
  )
  if (Option.isNone(found)) throw new Error("the signed-in member has no record")
  return found.value
}

export const meRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(getMe, async (c) => {
      // Read with the session already, when the session is a cookie's.
      const asked = c.get("member")
      const me = asked !== null && asked.id === memberOf(c) ? asked : await loadMe(c, memberOf(c))
      return c.json(meView(me), 200)
    })
    .openapi(patchMe, async (c) => {
      const id = memberOf(c)
      const { settings, ...profile } = c.req.valid("json")
      const current = await loadMe(c, id)
      const nextSettings =
        settings === undefined ? null : Settings.safeParse({ ...current.settings, ...settings })
      if (nextSettings !== null && !nextSettings.success) {
        throw new ProblemFailure(
          400,
          "ValidationFailed",
          "Invalid settings",
          "The settings are not valid together.",
          {
            errors: nextSettings.error.issues.map((i) => ({
              path: ["settings", ...i.path].join("."),
              message: i.message,
            })),
          },
        )
      }
      await run(
        c,
        Effect.gen(function* () {
          const members = yield* Members
          yield* members.updateProfile(id, profile)
          if (nextSettings?.success)
            yield* Effect.flatMap(AccountService, (a) =>
              a.changeSettings(id, current.settings, nextSettings.data),
            )
        }),
      )
      return c.json(meView(await loadMe(c, id)), 200)
    })
    .openapi(exportMe, async (c) => {
      const data = await run(
        c,
        Effect.flatMap(AccountService, (s) => s.exportData(memberOf(c))),
      )
      c.header("Content-Disposition", 'attachment; filename="kontakt-export.json"')
      return c.json(data as Record<string, unknown>, 200)
    })
    .openapi(deleteMe, async (c) => {
      const id = memberOf(c)
      // A session is not a licence to guess the password: five failures in 15 minutes.
      await countAttempt(
        c,
        [{ key: `delete:${id}`, limit: FAILED_SIGNINS_PER_ACCOUNT }],
        SIGNIN_WINDOW_MS,
        { title: "Too many wrong passwords", detail: "Please wait before trying again." },
      )
      const me = await loadMe(c, id)
      const stored = await run(
        c,
        Effect.flatMap(Members, (m) => m.passwordHash(me.email)),
      )
      const ok =
        Option.isSome(stored) &&
        (await c.get("deps").hasher.verify(c.req.valid("json").password, stored.value.passwordHash))
      if (!ok)
        throw new ProblemFailure(
          403,
          "InvalidCredentials",
          "Password is wrong",
          "Deleting the account needs your current password.",
        )
      await run(
        c,
        Effect.flatMap(AccountService, (s) => s.remove(id)),
      )
      deleteCookie(c, SESSION_COOKIE, { path: "/" })
      return c.body(null, 204)
    })
    .openapi(createToken, async (c) => {
      const id = sessionMemberOf(c)
      const { name } = c.req.valid("json")
      const { token, secret } = await run(
        c,
        Effect.flatMap(Accounts, (a) => a.createToken(id, name, nowOf(c))),
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
