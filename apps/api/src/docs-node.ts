/** Swagger UI's files for /docs on Node: read once from the installed swagger-ui-dist package. */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { ASSETS, type DocsAssets } from "./docs.js"

export const nodeDocsAssets = (): DocsAssets => {
  const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
  const files = new Map(
    Object.keys(ASSETS).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]),
  )
  return async (name) => files.get(name) ?? null
}
