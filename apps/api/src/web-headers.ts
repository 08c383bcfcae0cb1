/**
 * The headers kontakt's answers carry, in one place for both ways the web
 * app is served: by the Node server (web.ts, app.ts) and, at the edge, by
 * Cloudflare's static assets, whose `_headers` file scripts/edge-assets.mjs
 * writes from `edgeHeadersFile`.
 */
import { Hono } from "hono"
import { secureHeaders } from "hono/secure-headers"

/** Hono's secure headers, with resources for this origin only. */
export const secure = () => secureHeaders({ crossOriginResourcePolicy: "same-origin" })

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
