/**
 * The headers kontakt's answers carry, in one place for both ways the web
 * app is served: by the Node server (web.ts, app.ts) and, at the edge, by
 * Cloudflare's static assets, whose `_headers` file scripts/edge-assets.mjs
 * writes from `edgeHeadersFile`.
 */
import type { ServerResponse } from "node:http"
import { Hono, type MiddlewareHandler } from "hono"
import { secureHeaders } from "hono/secure-headers"

/** Hono's secure headers, with resources for this origin only. */
export const secure = () => secureHeaders({ crossOriginResourcePolicy: "same-origin" })

/**
 * The headers `secure()` sets, as constants (a test keeps them equal): on
 * Node they go straight onto the response (`res.setHeader`), because every
 * header set through the Fetch API's Headers class cost ~4 µs here and the
 * secure headers and the request id were half of a small answer's CPU time.
 */
export const SECURE_HEADERS: readonly (readonly [string, string])[] = [
  ["cross-origin-opener-policy", "same-origin"],
  ["cross-origin-resource-policy", "same-origin"],
  ["origin-agent-cluster", "?1"],
  ["referrer-policy", "no-referrer"],
  ["strict-transport-security", "max-age=15552000; includeSubDomains"],
  ["x-content-type-options", "nosniff"],
  ["x-dns-prefetch-control", "off"],
  ["x-download-options", "noopen"],
  ["x-frame-options", "SAMEORIGIN"],
  ["x-permitted-cross-domain-policies", "none"],
  ["x-xss-protection", "0"],
]

/** Node's response behind a request, when @hono/node-server serves it (its `env.outgoing`). */
export const nodeResponse = (env: unknown): ServerResponse | null => {
  const out = (env as { outgoing?: unknown } | undefined)?.outgoing
  return typeof out === "object" && out !== null && "setHeader" in out
    ? (out as ServerResponse)
    : null
}

/**
 * Every answer's constant headers, and its request id (`X-Request-Id`: the
 * client's if it sent a sane one, else a new one): on Node's response
 * directly; elsewhere (an edge worker, `app.request` in tests) through Hono.
 */
export const answerHeaders = (): MiddlewareHandler => {
  const fallback = secure()
  return async (c, next) => {
    const sent = c.req.header("X-Request-Id")
    const id =
      sent !== undefined && sent.length <= 255 && !/[^\w\-=]/.test(sent)
        ? sent
        : crypto.randomUUID()
    c.set("requestId", id)
    const res = nodeResponse(c.env)
    if (res === null) {
      c.header("X-Request-Id", id)
      return fallback(c, next)
    }
    for (const [name, value] of SECURE_HEADERS) res.setHeader(name, value)
    res.setHeader("x-request-id", id)
    return next()
  }
}

/**
 * `Cache-Control: no-store` unless the route sets its own (which replaces
 * it): on Node's response directly, for the same reason as the headers
 * above. Through Hono, a header set before the answer makes it build a
 * Fetch API Headers object for every answer (+7 µs per request here, a
 * twentieth of `GET /v1/me`); an answer that sets none of its own keeps the
 * adapter's fast path.
 */
export const noStore = (): MiddlewareHandler => (c, next) => {
  const res = nodeResponse(c.env)
  if (res === null) c.header("Cache-Control", "no-store")
  else res.setHeader("cache-control", "no-store")
  return next()
}

// Scripts and styles only from here; photos may come as blob: previews; no frames, no plug-ins.
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ")

/** Vite names built assets by their content: they never change under one name. */
export const IMMUTABLE = "public, max-age=31536000, immutable"

/**
 * A `_headers` file (Cloudflare's format) giving the built web app at the
 * edge the headers it has on Node: the secure headers and the page's CSP on
 * every file, long caching under /assets/.
 */
export const edgeHeadersFile = async () => {
  const probe = new Hono().use(secure()).get("/", (c) => c.body(null))
  const res = await probe.request("/")
  const lines = [...res.headers].map(([name, value]) => `  ${name}: ${value}`)
  return [
    "/*",
    ...lines,
    `  content-security-policy: ${PAGE_CSP}`,
    "/assets/*",
    `  cache-control: ${IMMUTABLE}`,
    "",
  ].join("\n")
}
