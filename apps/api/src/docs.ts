/**
 * The human-readable API reference at /docs: Swagger UI from the
 * swagger-ui-dist package, served by this process (no CDN: it works offline).
 * Where its two files come from is the runtime's business (docs-node.ts reads
 * them from the installed package; the edge worker from its static assets).
 */
import { Hono } from "hono"

export const ASSETS = {
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

/** One of Swagger UI's files, by name; null when it is not there. */
export type DocsAssets = (name: keyof typeof ASSETS) => Promise<Uint8Array<ArrayBuffer> | null>

/** Routes for /docs and its assets. */
export const docsRoutes = (assets: DocsAssets) =>
  new Hono()
    .get("/", (c) => c.html(page))
    // One route for every asset: a static path beside `:file` would keep Hono's RegExpRouter
    // from the whole app (it falls back to the slower TrieRouter for every request).
    .get("/assets/:file", async (c) => {
      const name = c.req.param("file")
      if (name === "init.js")
        return c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" })
      if (!(name in ASSETS)) return c.notFound()
      const file = name as keyof typeof ASSETS
      const body = await assets(file)
      if (body === null) return c.notFound()
      return c.body(body, 200, {
        "Content-Type": ASSETS[file],
        "Cache-Control": "public, max-age=86400",
      })
    })
