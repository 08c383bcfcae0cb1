/**
 * Slow clients and too many connections, against the real server: a client
 * that trickles its headers or its body is answered 408 and cut off after
 * the configured seconds, not minutes; past the connection cap, a new
 * connection is closed as it comes, and the server keeps serving the rest.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { connect, type Socket } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningServer, startServer } from "./server.js"

let server: RunningServer
let port = 0
const dir = mkdtempSync(join(tmpdir(), "kontakt-limits-"))
beforeAll(async () => {
  server = await startServer({
    databaseUrl: `file:${join(dir, "limits.db")}`,
    port: 0,
    host: "127.0.0.1",
    log: null,
    limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxConnections: 4 },
  })
  port = Number(new URL(server.url).port)
})
afterAll(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** A raw connection: what the server sends on it, and when it closes it. */
const open = () =>
  new Promise<{ socket: Socket; received: () => string; closed: Promise<number> }>(
    (resolve, reject) => {
      let received = ""
      const socket = connect(port, "127.0.0.1")
      const closed = new Promise<number>((r) => socket.once("close", () => r(performance.now())))
      socket.on("data", (d: Buffer) => {
        received += d.toString()
      })
      socket.on("error", () => {})
      socket.once("connect", () => resolve({ socket, received: () => received, closed }))
      socket.once("error", reject)
    },
  )

describe("slow clients and the connection cap", () => {
  it("headers trickled in: 408 and closed within seconds", async () => {
    const c = await open()
    const start = performance.now()
    c.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    const closedAt = await c.closed
    expect(closedAt - start).toBeLessThan(5_000)
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/)
  })

  it("a body trickled in: 408 and closed within seconds", async () => {
    const c = await open()
    const start = performance.now()
    c.socket.write(
      'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em',
    )
    const closedAt = await c.closed
    expect(closedAt - start).toBeLessThan(6_000)
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/)
  })

  it("past the cap a new connection is closed at once; the others are served", async () => {
    const held = await Promise.all(Array.from({ length: 4 }, open))
    const extra = await open()
    // Closed by the server without an answer, long before any timeout.
    await extra.closed
    expect(extra.received()).toBe("")
    // One of the held connections is served as usual.
    const first = held[0]
    if (first === undefined) throw new Error("no connection")
    first.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    await expect.poll(() => first.received(), { timeout: 3_000 }).toMatch(/^HTTP\/1\.1 200/)
    for (const c of held) c.socket.destroy()
    await Promise.all(held.map((c) => c.closed))
    // With room again, new connections are taken.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
