/**
 * The real Node server on a free port on 127.0.0.1, driven over HTTP:
 * signup → request → accept with category → delete.
 */
import { mkdtempSync, rmSync } from "node:fs"
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
})
