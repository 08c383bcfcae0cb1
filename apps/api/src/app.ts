/**
 * The kontakt HTTP API v1 as a Hono app, built from its dependencies.
 */

import { OpenAPIHono } from "@hono/zod-openapi"
import { Db, newCounter, statement } from "@kontakt/store"
import { Effect } from "effect"
import { HTTPException } from "hono/http-exception"
import { gatedHasher, HashingBusy, hashGate } from "./auth/hash-gate.js"
import { bodySizeLimit } from "./body-size.js"
import { DomainFailure, type Env, nowOf, SessionRequired, Unauthenticated } from "./context.js"
import { docsRoutes } from "./docs.js"
import { authenticate, csrfGuard, requestLog } from "./middleware.js"
import { indexQueries } from "./network/index-queries.js"
import { sqlQueries } from "./network/sql-queries.js"
import { domainProblem, ProblemFailure, problem } from "./problem.js"
import { addressBookRoutes } from "./routes/address-book.js"
import { authRoutes } from "./routes/auth.js"
import { categoryRoutes } from "./routes/categories.js"
import { contactRoutes } from "./routes/contacts.js"
import { exportRoutes } from "./routes/export.js"
import { feedRoutes } from "./routes/feed.js"
import { groupRoutes } from "./routes/groups.js"
import { introductionRoutes } from "./routes/introductions.js"
import { invitationRoutes } from "./routes/invitations.js"
import { meRoutes } from "./routes/me.js"
import { memberRoutes } from "./routes/members.js"
import { networkRoutes } from "./routes/network.js"
import { notificationRoutes } from "./routes/notifications.js"
import { photoRoutes } from "./routes/photos.js"
import { requestRoutes } from "./routes/requests.js"
import { reviewRoutes } from "./routes/reviews.js"
import { securityRoutes } from "./routes/security.js"
import type { AppDeps } from "./runtime.js"
import { answerHeaders, noStore } from "./web-headers.js"

const MiB = 1024 * 1024
const ping = statement("SELECT 1 AS ok")

/**
 * Builds the API from its dependencies: the Effect runtime with the store,
 * the password hasher, and optionally a clock and a logger.
 *
 * @example
 * ```ts
 * const app = createApp({ runtime, hasher: scryptHasher() })
 * serve({ fetch: app.fetch, port: 3000 })
 * ```
 */
export const createApp = (given: AppDeps) => {
  // Every hash and verification waits its turn (auth/hash-gate.ts).
  const gate = given.hashGate ?? hashGate({ concurrency: 1, queue: 32 })
  const deps: AppDeps = { ...given, hashGate: gate, hasher: gatedHasher(given.hasher, gate) }
  const app = new OpenAPIHono<Env>({
    // Every validation failure answers the same way: 400 problem+json listing each field.
    defaultHook: (result, c) => {
      if (!result.success) {
        return problem(
          c,
          400,
          "ValidationFailed",
          "The request is not valid",
          "Some fields are missing or invalid.",
          {
            errors: result.error.issues.map((i) => ({
              path: i.path.map(String).join(".") || "(body)",
              message: i.message,
            })),
          },
        )
      }
      return undefined
    },
  })

  app.use("*", answerHeaders())
  app.use("*", async (c, next) => {
    c.set("deps", deps)
    if (deps.countStatements !== true) {
      c.set("counter", null)
      return next()
    }
    const counter = newCounter()
    c.set("counter", counter)
    await next()
    c.header(
      "X-Kontakt-Statements",
      `statements=${counter.statements}; transactions=${counter.transactions}; roundTrips=${counter.roundTrips}`,
    )
  })
  app.use("*", requestLog)
  // Bodies are refused before they are read whole: 2 MiB for photos, 5 MiB for a file to import,
  // 1 MiB for everything else.
  // GET and HEAD carry none; asking for one would make the adapter build a whole Request.
  const photoLimit = bodySizeLimit(2 * MiB, (c) =>
    problem(c, 413, "PayloadTooLarge", "Too large", "A photo may be at most 2 MiB."),
  )
  const importLimit = bodySizeLimit(5 * MiB, (c) =>
    problem(c, 413, "PayloadTooLarge", "Too large", "A file to import may be at most 5 MiB."),
  )
  const bodyLimitDefault = bodySizeLimit(MiB, (c) =>
    problem(c, 413, "PayloadTooLarge", "Too large", "A request body may be at most 1 MiB."),
  )
  app.use("/v1/*", (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next()
    if (c.req.path === "/v1/me/photo") return photoLimit(c, next)
    return c.req.path === "/v1/imports" || c.req.path === "/v1/imports/preview"
      ? importLimit(c, next)
      : bodyLimitDefault(c, next)
  })
  app.use("/v1/*", authenticate)
  // An answer of the API is its member's alone (a sign-in's too): no cache keeps it, unless the
  // route says otherwise (a photo sets its own, which replaces this). Set before the handler:
  // reading `c.res` after it would build a whole Response on Node's fast path (+50% CPU on /v1/me).
  app.use("/v1/*", noStore())
  app.use("/v1/*", csrfGuard)

  // Node keeps the network in memory; an edge worker asks the database.
  const network = deps.network === "sql" ? sqlQueries : indexQueries(deps.network)
  // Before the contacts' routes, and outside the typed chain: it answers /contacts/export only
  // (routes/export.ts), and the typed client must not read it as /contacts/{handle}.
  app.route("/v1", exportRoutes())
  // Chained, so that the app's type carries every route for the typed client.
  const api = app
    .route("/v1/auth", authRoutes())
    .route("/v1", meRoutes())
    .route("/v1", securityRoutes())
    .route("/v1", photoRoutes())
    .route("/v1", memberRoutes(network))
    .route("/v1", groupRoutes())
    .route("/v1", requestRoutes())
    .route("/v1", introductionRoutes(network))
    .route("/v1", contactRoutes())
    .route("/v1", categoryRoutes())
    .route("/v1", reviewRoutes())
    .route("/v1", feedRoutes())
    .route("/v1", notificationRoutes())
    .route("/v1", networkRoutes(network))
    .route("/v1", addressBookRoutes())
    .route("/v1", invitationRoutes())

  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "kontakt_session",
  })
  app.openAPIRegistry.registerComponent("securitySchemes", "token", {
    type: "http",
    scheme: "bearer",
  })
  app.doc31("/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "kontakt API",
      version: "1.0.0",
      description:
        "Manage professional contacts over their whole life. Errors are application/problem+json (RFC 9457) with `code` set to the domain error's tag. Lists take `limit` (1–100, default 20) and `cursor`, and answer `{ items, nextCursor }`.",
    },
    security: [{ session: [] }, { token: [] }],
  })
  if (deps.docsAssets !== undefined) app.route("/docs", docsRoutes(deps.docsAssets))

  app.get("/healthz", async (c) => {
    const ok = await deps.runtime
      .runPromise(Effect.flatMap(Db, (db) => db.all(ping)))
      .then(() => true)
      .catch(() => false)
    return ok ? c.json({ status: "ok" }, 200) : c.json({ status: "database unavailable" }, 503)
  })

  app.notFound((c) => problem(c, 404, "NotFound", "Not found", "There is nothing at this address."))
  app.onError((err, c) => {
    if (err instanceof DomainFailure) return domainProblem(c, err.error, nowOf(c))
    if (err instanceof ProblemFailure)
      return problem(c, err.status, err.code, err.title, err.detail, err.extra)
    if (err instanceof HashingBusy)
      return problem(
        c,
        503,
        "Busy",
        "Too many sign-ins at once",
        "Too many passwords are being checked right now; please try again in a moment.",
        { retryAfterSeconds: 1 },
      )
    if (err instanceof SessionRequired)
      return problem(
        c,
        403,
        "SessionRequired",
        "Needs your own session",
        "Access tokens cannot create, list or revoke tokens; sign in to do this.",
      )
    if (err instanceof Unauthenticated)
      return problem(
        c,
        401,
        "Unauthenticated",
        "Please sign in",
        "This needs a session cookie or a bearer token.",
      )
    if (err instanceof HTTPException) {
      const status = err.status === 413 || err.status === 415 ? err.status : 400
      return problem(
        c,
        status,
        status === 413
          ? "PayloadTooLarge"
          : status === 415
            ? "UnsupportedMediaType"
            : "MalformedRequest",
        err.message || "Bad request",
        err.message || "The request could not be read.",
      )
    }
    const log =
      deps.log === undefined
        ? (l: Record<string, unknown>) => console.error(JSON.stringify(l))
        : deps.log
    log?.({
      at: new Date().toISOString(),
      level: "error",
      requestId: c.get("requestId"),
      error: String(err),
      // A database error's own message (a deadlock, a constraint) is in its cause.
      cause: err instanceof Error && err.cause !== undefined ? String(err.cause) : undefined,
      stack: err instanceof Error ? err.stack : undefined,
    })
    return problem(
      c,
      500,
      "InternalError",
      "Something went wrong",
      "An unexpected error occurred; it has been logged.",
    )
  })
  return api
}

/** The app's type, for the typed client. */
export type AppType = ReturnType<typeof createApp>
