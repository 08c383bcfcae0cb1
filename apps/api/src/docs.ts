/**
 * The human-readable API reference at /docs: Swagger UI from the
 * swagger-ui-dist package, served by this process (no CDN: it works offline).
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { Hono } from "hono"

const ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kontakt API v1</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>`

const init = `window.ui = SwaggerUIBundle({ url: "/v1/openapi.json", dom_id: "#reference", deepLinking: true });`

/** Routes for /docs and its assets, read once from the installed package. */
export const docsRoutes = () => {
  const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
  const files = Object.fromEntries(
    Object.keys(ASSETS).map((name) => [name, readFileSync(join(dir, name))]),
  )
  return new Hono()
    .get("/", (c) => c.html(page))
    .get("/assets/init.js", (c) =>
      c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
    )
    .get("/assets/:file", (c) => {
      const name = c.req.param("file") as keyof typeof ASSETS
      const body = files[name]
      if (body === undefined) return c.notFound()
      return c.body(new Uint8Array(body), 200, {
        "Content-Type": ASSETS[name],
        "Cache-Control": "public, max-age=86400",
      })
    })
}
