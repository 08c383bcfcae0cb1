/**
 * The real Node server on a free port on 127.0.0.1, driven over HTTP:
 * signup → request → accept with category → delete.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { Agent, request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningServer, startServer } from "./server.js"

let server: RunningServer
const dir = mkdtempSync(join(tmpdir(), "kontakt-smoke-"))
beforeAll(async () => {
  server = await startServer({
    databaseUrl: `file:${join(dir, "smoke.db")}`,
    port: 0,
    host: "127.0.0.1",
    log: null,
  })
})
afterAll(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

const http = async (method: string, path: string, cookie: string | null, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(cookie === null ? {} : { Cookie: cookie, Origin: server.url }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return {
    status: res.status,
    json: (res.headers.get("content-type") ?? "").includes("json")
      ? ((await res.json()) as unknown)
      : null,
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
  }
}

describe("the real server", () => {
  it("serves signup → request → accept with category → silent delete over HTTP", async () => {
    expect((await http("GET", "/healthz", null)).status).toBe(200)
    const ada = await http("POST", "/v1/auth/signup", null, {
      email: "ada@example.org",
      password: "correct horse battery",
      handle: "ada",
      displayName: "Ada",
    })
    const bob = await http("POST", "/v1/auth/signup", null, {
      email: "bob@example.org",
      password: "correct horse battery",
      handle: "bob",
      displayName: "Bob",
    })
    expect([ada.status, bob.status]).toEqual([201, 201])
    const sent = await http("POST", "/v1/requests", ada.cookie, {
      to: "bob",
      message: "Hallo Bob, habe Dich in der Gruppe K. gefunden.",
    })
    expect(sent.status).toBe(201)
    const category = await http("POST", "/v1/categories", bob.cookie, { name: "Gruppe K." })
    const requestId = (sent.json as { request: { id: string } }).request.id
    const categoryId = (category.json as { id: string }).id
    const accepted = await http("POST", `/v1/requests/${requestId}/accept`, bob.cookie, {
      categoryIds: [categoryId],
    })
    expect(accepted.status).toBe(200)
    expect((accepted.json as { contact: unknown }).contact).toMatchObject({
      member: { handle: "ada" },
      categoryIds: [categoryId],
    })
    expect((await http("GET", "/v1/contacts/bob", ada.cookie)).status).toBe(200)
    expect((await http("DELETE", "/v1/contacts/ada", bob.cookie)).status).toBe(204)
    expect((await http("GET", "/v1/contacts/bob", ada.cookie)).status).toBe(404)
  })

  it("refuses a body over 1 MiB, whether its length is declared or it is streamed, and keeps nothing of it", async () => {
    const big = JSON.stringify({
      email: "big@example.org",
      password: "correct horse battery",
      handle: "big",
      displayName: "x".repeat(1_100_000),
    })
    const declared = await fetch(`${server.url}/v1/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: big,
    })
    const bytes = new TextEncoder().encode(big)
    const streamed = await fetch(`${server.url}/v1/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      // A stream has no length to declare: it goes chunked, and is counted as it arrives.
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024)
            controller.enqueue(bytes.subarray(i, i + 64 * 1024))
          controller.close()
        },
      }),
      duplex: "half",
    } as RequestInit)
    expect([declared.status, streamed.status]).toEqual([413, 413])
    expect((await http("GET", "/v1/members/big", null)).status).toBe(401)
    const login = await http("POST", "/v1/auth/login", null, {
      email: "big@example.org",
      password: "correct horse battery",
    })
    expect(login.status).toBe(401)
  })

  it("answers every too-large body over one kept-alive connection, declared or streamed: 30 × 3 MB, 30 × 413", async () => {
    const url = new URL(server.url)
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const piece = Buffer.alloc(64 * 1024, 0x61)
    const send = (streamed: boolean) =>
      new Promise<string>((resolve) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: "/v1/auth/signup",
            method: "POST",
            agent,
            headers: {
              "content-type": "application/json",
              ...(streamed ? {} : { "content-length": String(48 * piece.length) }),
            },
          },
          (res) => {
            res.resume()
            res.on("end", () => resolve(String(res.statusCode)))
          },
        )
        req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"))
        // Written piece by piece, as an upload goes (without a length: chunked).
        for (let i = 0; i < 48; i++) req.write(piece)
        req.end()
      })
    try {
      for (const streamed of [false, true]) {
        const answers: string[] = []
        for (let i = 0; i < 30; i++) answers.push(await send(streamed))
        expect(answers, streamed ? "streamed" : "declared").toEqual(Array(30).fill("413"))
      }
      // The same connection still serves a request after them.
      expect((await http("GET", "/healthz", null)).status).toBe(200)
    } finally {
      agent.destroy()
    }
  }, 60_000)
})
