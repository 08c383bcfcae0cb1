/**
 * The web app from the same process and port as the API: its built files,
 * and for any other page address its index.html (the app routes in the
 * browser). Addresses of the API, its docs, /healthz and the build's
 * /assets/ are never answered with the page, so an unknown one stays a 404.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { serveStatic } from "@hono/node-server/serve-static"
import type { Env, Hono, Schema } from "hono"
import { IMMUTABLE, PAGE_CSP } from "./web-headers.js"

const notThePage = /^\/(v1|docs|healthz)(\/|$)/
// The build's files: one that is not there is a 404, never the page (cached for a year).
const assets = /^\/assets\//

/**
 * Serves the built web app in `root` (with an index.html) from `app`; returns
 * false, serving nothing, when there is no build there.
 */
export const serveWebApp = <E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
  root: string,
): boolean => {
  const indexFile = join(root, "index.html")
  if (!existsSync(indexFile)) return false
  const index = readFileSync(indexFile, "utf8")
  app.use("/assets/*", async (c, next) => {
    await next()
    if (c.res.status === 200) c.header("Cache-Control", IMMUTABLE)
  })
  // Files; the page itself (at "/" too) is answered below, with its headers.
  const files = serveStatic({ root, index: "not-the-index" })
  app.use("*", async (c, next) => {
    if (notThePage.test(c.req.path) || c.req.path.endsWith("/index.html")) return next()
    return files(c, next)
  })
  app.get("*", (c) => {
    if (notThePage.test(c.req.path) || assets.test(c.req.path)) return c.notFound()
    c.header("Content-Security-Policy", PAGE_CSP)
    c.header("Cache-Control", "no-cache")
    return c.html(index)
  })
  return true
}
