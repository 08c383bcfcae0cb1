/**
 * The outbox's retention at the edge: the worker's cron handler (the trigger
 * in wrangler.toml, run here through Miniflare as the trigger would run it)
 * prunes on D1 what no isolate needs, and the worker answers as before — an
 * isolate that counts as stale loads afresh from the tables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { requestInit } from "../src/test-request.js"
import { startWorker } from "./local-worker.js"
import type { RunningWorker } from "./worker-process.js"

let worker: RunningWorker | undefined
let url = ""
beforeAll(async () => {
  // A retention of about a millisecond: whatever the handler finds is old already.
  worker = await startWorker({ PASSWORD_ITERATIONS: "1000", OUTBOX_KEEP_DAYS: "0.00000001" })
  url = worker.url
}, 120_000)
afterAll(async () => {
  await worker?.stop()
})

const call = (method: string, path: string, options: Parameters<typeof requestInit>[1] = {}) =>
  fetch(`${url}${path}`, requestInit(method, options, url))

describe("the cron trigger on the edge", () => {
  it("prunes the outbox, and the worker answers as before", async () => {
    const signup = async (handle: string, address: string) => {
      const res = await call("POST", "/v1/auth/signup", {
        headers: { "CF-Connecting-IP": address },
        body: {
          email: `${handle}@example.org`,
          password: "correct horse battery",
          handle,
          displayName: handle,
        },
      })
      expect(res.status).toBe(201)
      return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    }
    const [ada, bob] = [await signup("adacron", "10.9.0.1"), await signup("bobcron", "10.9.0.2")]
    const sent = (await (
      await call("POST", "/v1/requests", { cookie: ada, body: { to: "bobcron" } })
    ).json()) as { request: { id: string } }
    const accepted = await call("POST", `/v1/requests/${sent.request.id}/accept`, { cookie: bob })
    expect(accepted.status).toBe(200)
    const muted = await call("PATCH", "/v1/contacts/adacron", {
      cookie: bob,
      body: { muted: true },
    })
    expect(muted.status).toBe(200)
    const posted = await call("POST", "/v1/posts", {
      cookie: ada,
      body: { text: "Vor dem Aufräumen" },
    })
    expect(posted.status).toBe(201)
    const feed = async () => (await call("GET", "/v1/feed", { cookie: ada })).json()
    const before = await feed()

    expect(await worker?.scheduled?.(), worker?.output()).toBe("ok")

    // The feed's events stay; the rest a fresh load read from the tables.
    expect(await feed()).toEqual(before)
    const contact = await call("GET", "/v1/contacts/adacron", { cookie: bob })
    expect(((await contact.json()) as { muted: boolean }).muted).toBe(true)
  })
})
