/**
 * `pnpm dev:edge` is `wrangler dev` on wrangler.toml. This checks that it
 * starts on 127.0.0.1 with a fresh local D1, applies the migrations on the
 * first request, and serves the page, /healthz and the API. The rest of the
 * edge suite serves the worker with Miniflare directly (see local-worker.ts
 * for why); this is the one place wrangler dev itself runs.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freePort } from "../load/server-process.js"
import { requestInit } from "../src/test-request.js"
import { WEB_PAGE, writeStandInWebApp } from "./stand-in-web.js"

const api = join(dirname(fileURLToPath(import.meta.url)), "..")
const dir = mkdtempSync(join(tmpdir(), "kontakt-dev-edge-"))
const logFile = join(dir, "wrangler.log")
const log = () => readFileSync(logFile, "utf8").slice(-20_000)
let child: ChildProcess | undefined
let url = ""

/** wrangler dev as `pnpm dev:edge` runs it, on `port` and with its state in the temp directory. */
const launch = (port: number, assets: string) => {
  const fd = openSync(logFile, "a")
  const started = spawn(
    process.execPath,
    [
      join(api, "node_modules", "wrangler", "bin", "wrangler.js"),
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      join(dir, "state"),
      "--assets",
      assets,
      "--var",
      "PASSWORD_ITERATIONS:1000",
      "--show-interactive-dev-session=false",
    ],
    {
      cwd: api,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
      stdio: ["ignore", fd, fd],
    },
  )
  closeSync(fd)
  return started
}

const answers = (at: string) =>
  fetch(`${at}/healthz`).then(
    (r) => r.ok,
    () => false,
  )

beforeAll(async () => {
  const assets = join(dir, "assets")
  execFileSync(process.execPath, [
    join(api, "scripts", "edge-assets.mjs"),
    writeStandInWebApp(dir),
    assets,
  ])
  // A free port can be taken by another suite before wrangler binds it; then
  // wrangler exits saying so, and it starts again on another (three tries).
  for (let attempt = 1; ; attempt++) {
    url = `http://127.0.0.1:${await freePort()}`
    child = launch(Number(new URL(url).port), assets)
    const deadline = Date.now() + 90_000
    while (child.exitCode === null && !(await answers(url))) {
      if (Date.now() > deadline)
        throw new Error(`wrangler dev did not answer within 90 s:\n${log()}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    if (child.exitCode === null) return
    if (attempt >= 3 || !log().includes("Address already in use"))
      throw new Error(`wrangler dev exited:\n${log()}`)
  }
}, 120_000)

afterAll(async () => {
  const running = child
  if (running !== undefined && running.exitCode === null)
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve())
      running.kill("SIGTERM")
    })
  rmSync(dir, { recursive: true, force: true })
})

describe("pnpm dev:edge (wrangler dev)", () => {
  it("serves the web app, and the API on a migrated local D1", async () => {
    const page = await fetch(`${url}/contacts`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(WEB_PAGE)

    const signup = await fetch(
      `${url}/v1/auth/signup`,
      requestInit(
        "POST",
        {
          body: {
            email: "dev@example.org",
            password: "correct horse battery",
            handle: "dev",
            displayName: "Dev",
          },
        },
        url,
      ),
    )
    expect(signup.status, await signup.clone().text()).toBe(201)
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    const contacts = await fetch(`${url}/v1/contacts`, requestInit("GET", { cookie }, url))
    expect(contacts.status).toBe(200)
    expect(await contacts.json()).toMatchObject({ items: [] })
  })
})
