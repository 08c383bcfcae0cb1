import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp } from "./test-support.js"
import { serveWebApp } from "./web.js"

describe("the web app from the API's process", () => {
  const root = mkdtempSync(join(tmpdir(), "kontakt-web-"))
  let t: Awaited<ReturnType<typeof makeTestApp>>
  beforeAll(async () => {
    mkdirSync(join(root, "assets"))
    writeFileSync(join(root, "index.html"), "<!doctype html><title>kontakt</title>")
    writeFileSync(join(root, "assets", "app-1a2b.js"), "console.log(1)")
    t = await makeTestApp()
    expect(serveWebApp(t.app, root)).toBe(true)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it("answers page addresses with index.html, under a content security policy", async () => {
    for (const path of ["/", "/contacts", "/members/ada", "/settings/privacy"]) {
      const res = await t.app.request(path)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain("<title>kontakt</title>")
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'")
    }
  })

  it("serves built assets for a year: their names change with their content", async () => {
    const res = await t.app.request("/assets/app-1a2b.js")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("javascript")
    expect(res.headers.get("cache-control")).toContain("immutable")
  })

  it("never answers the API, its docs or health with the page", async () => {
    const res = await t.app.request("/v1/no-such-thing")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toContain("application/problem+json")
    expect((await t.app.request("/healthz")).status).toBe(200)
    expect(await (await t.app.request("/docs")).text()).not.toContain("<title>kontakt</title>")
  })

  it("an asset that is not there is a 404, never the page cached for a year", async () => {
    const res = await t.app.request("/assets/app-0000.js")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).not.toContain("text/html")
    expect(res.headers.get("cache-control") ?? "").not.toContain("immutable")
    expect(await res.text()).not.toContain("<title>")
    // Pages of the app still get the page.
    expect((await t.app.request("/contacts/ada")).status).toBe(200)
  })

  it("serves nothing outside its folder", async () => {
    const res = await t.app.request("/assets/..%2f..%2findex.html")
    expect(await res.text()).not.toContain("console.log")
    expect((await t.app.request("/%2e%2e/%2e%2e/etc/passwd")).status).not.toBe(500)
  })

  it("fits every route, the web app's among them, into Hono's RegExpRouter", async () => {
    // One pattern it cannot take (a static path beside a parameter at the same place, once in
    // /docs/assets) sent every request of the process through the slower TrieRouter.
    await t.app.request("/healthz")
    expect(t.app.router.name).toBe("SmartRouter + RegExpRouter")
  })

  it("without a build, serves nothing", () => {
    expect(serveWebApp(t.app, join(root, "missing"))).toBe(false)
  })
})
