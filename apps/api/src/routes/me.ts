/**
 * My profile and settings, my data to take away, and leaving.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { ProfilePatch, Settings, SettingsPatch } from "@kontakt/domain"
import { AccountService, Members } from "@kontakt/store"
import { Effect, Option } from "effect"
import { deleteCookie } from "hono/cookie"
import { checkCurrentPassword } from "../auth/current-password.js"
import { type Env, memberOf, run } from "../context.js"
import { SESSION_COOKIE } from "../middleware.js"
import { ProblemFailure } from "../problem.js"
import { MeView, problems } from "../schemas.js"
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
      await checkCurrentPassword(
        c,
        id,
        c.req.valid("json").password,
        "Deleting the account needs your current password.",
      )
      await run(
        c,
        Effect.flatMap(AccountService, (s) => s.remove(id)),
      )
      deleteCookie(c, SESSION_COOKIE, { path: "/" })
      return c.body(null, 204)
    })
