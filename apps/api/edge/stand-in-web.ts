/**
 * A stand-in for the built web app (the web package builds after the API):
 * a page and one content-named script, enough to check how each runtime
 * serves the app — files, deep links, headers.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

export const WEB_PAGE =
  '<!doctype html><title>kontakt</title><script type="module" src="/assets/app-0123abcd.js"></script>'
export const WEB_SCRIPT_PATH = "/assets/app-0123abcd.js"
export const WEB_SCRIPT = "document.title = 'kontakt'\n"

/** Writes the stand-in into `dir`/web and returns that directory. */
export const writeStandInWebApp = (dir: string) => {
  const web = join(dir, "web")
  mkdirSync(join(web, "assets"), { recursive: true })
  writeFileSync(join(web, "index.html"), WEB_PAGE)
  writeFileSync(join(web, WEB_SCRIPT_PATH), WEB_SCRIPT)
  return web
}
