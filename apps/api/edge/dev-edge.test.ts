/**
 * `pnpm dev:edge` is `wrangler dev` on wrangler.toml. This checks that it
 * starts on 127.0.0.1 with a fresh local D1, applies the migrations on the
 * first request, and serves the page, /healthz and the API. The rest of the
 * edge suite serves the worker with Miniflare directly (see local-worker.ts
 * for why); this is the one test that runs wrangler dev itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { requestInit } from "../src/test-request.js"
import { WEB_PAGE } from "./stand-in-web.js"
import type { RunningWorker } from "./worker-process.js"
import { startWranglerDev } from "./wrangler-dev.js"

let worker: RunningWorker | undefined
let url = ""

beforeAll(async () => {
  worker = await startWranglerDev({ PASSWORD_ITERATIONS: "1000" })
  url = worker.url
}, 120_000)

afterAll(async () => {
  await worker?.stop()
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
