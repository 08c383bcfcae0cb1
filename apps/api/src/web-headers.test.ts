import { serve } from "@hono/node-server"
import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { answerHeaders, noStore, SECURE_HEADERS, secure } from "./web-headers.js"

describe("the headers every answer carries", () => {
  it("the constants are exactly what Hono's secure headers set", async () => {
    const probe = new Hono().use(secure()).get("/", (c) => c.body(null))
    expect([...(await probe.request("/")).headers]).toEqual(SECURE_HEADERS.map(([k, v]) => [k, v]))
  })

  it("come the same whether Node's response takes them or Hono does, with a request id", async () => {
    const app = new Hono<{ Variables: { requestId: string } }>()
      .use(answerHeaders())
      .get("/", (c) => c.json({ id: c.get("requestId") }))
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s))
    })
    try {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      const viaNode = await fetch(`http://127.0.0.1:${port}/`)
      const viaHono = await app.request("/")
      for (const res of [viaNode, viaHono]) {
        for (const [name, value] of SECURE_HEADERS) expect(res.headers.get(name)).toBe(value)
        const { id } = (await res.json()) as { id: string }
        expect(res.headers.get("x-request-id")).toBe(id)
        expect(id).toMatch(/^[0-9a-f-]{36}$/)
      }
      // A sane id from the client is kept; anything else is replaced.
      const kept = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "X-Request-Id": "abc-123" },
      })
      expect(kept.headers.get("x-request-id")).toBe("abc-123")
      const replaced = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "X-Request-Id": "<script>" },
      })
      expect(replaced.headers.get("x-request-id")).not.toBe("<script>")
    } finally {
      server.close()
    }
  })

  it("no-store, on Node's response and through Hono alike, unless the route sets its own", async () => {
    const app = new Hono()
      .use(noStore())
      .get("/", (c) => c.json({ ok: true }))
      .get("/photo", (c) => {
        c.header("Cache-Control", "private, max-age=300")
        return c.body("jpeg")
      })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s))
    })
    try {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      const seen = async (path: string) => [
        (await fetch(`http://127.0.0.1:${port}${path}`)).headers.get("cache-control"),
        (await app.request(path)).headers.get("cache-control"),
      ]
      expect(await seen("/")).toEqual(["no-store", "no-store"])
      expect(await seen("/photo")).toEqual(["private, max-age=300", "private, max-age=300"])
    } finally {
      server.close()
    }
  })
})
