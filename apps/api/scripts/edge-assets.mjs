/**
 * Prepares the worker's static assets: the built web app, Swagger UI's two
 * files under docs-assets/ (the worker serves /docs from them) and a
 * `_headers` file giving the web app the headers it has on Node.
 *
 *   node scripts/edge-assets.mjs [webDist] [outDir]
 *
 * Defaults: ../web/dist and ./edge-assets. Needs the API built (dist/).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const api = join(dirname(fileURLToPath(import.meta.url)), "..")
const webDist = resolve(process.argv[2] ?? join(api, "..", "web", "dist"))
const out = resolve(process.argv[3] ?? join(api, "edge-assets"))

if (!existsSync(join(webDist, "index.html"))) {
  console.error(`edge-assets: no built web app at ${webDist} (run the build first)`)
  process.exit(1)
}
const { edgeHeadersFile } = await import(pathToFileURL(join(api, "dist", "web-headers.js")).href)

rmSync(out, { recursive: true, force: true })
cpSync(webDist, out, { recursive: true })
const swagger = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
mkdirSync(join(out, "docs-assets"), { recursive: true })
for (const name of ["swagger-ui.css", "swagger-ui-bundle.js"])
  copyFileSync(join(swagger, name), join(out, "docs-assets", name))
writeFileSync(join(out, "_headers"), await edgeHeadersFile())
