/**
 * wrangler 4.86.0's dev proxy (what `pnpm dev:edge` puts in front of the
 * worker) with our patch (patches/wrangler@4.86.0.patch): run in workerd as
 * wrangler runs it, in front of a stand-in worker that drops connections the
 * way workerd drops a pooled one after 5 s idle. Unpatched, the proxy held
 * such a GET until the next request arrived (docs/edge.md).
 */
import { createServer, type Server, type Socket } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  Miniflare,
  type Request as MiniflareRequest,
  Response as MiniflareResponse,
} from "miniflare"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"

const proxyWorker = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "node_modules",
  "wrangler",
  "wrangler-dist",
  "ProxyWorker.js",
)
const secret = "proxy-controller-secret"

/** The stand-in worker: drops the next `drop` connections once a request arrives on them, answers the rest. */
let drop = 0
let connections = 0
const sockets = new Set<Socket>()
const worker: Server = createServer((socket) => {
  connections++
  sockets.add(socket)
  socket.once("close", () => sockets.delete(socket))
  const dropThis = drop > 0
  if (dropThis) drop--
  socket.once("data", () => {
    if (dropThis) socket.destroy()
    else socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
  })
})

/** What the proxy told its controller (wrangler stops `wrangler dev` on an "error"). */
const told: { type: string; args?: unknown[] }[] = []
let mf: Miniflare

beforeAll(async () => {
  await new Promise<void>((resolve) => worker.listen(0, "127.0.0.1", resolve))
  const address = worker.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  // The options wrangler's ProxyController gives it (wrangler-dist/cli.js).
  mf = new Miniflare({
    name: "ProxyWorker",
    compatibilityDate: "2023-12-18",
    compatibilityFlags: ["nodejs_compat"],
    modulesRoot: dirname(proxyWorker),
    modules: [{ type: "ESModule", path: proxyWorker }],
    durableObjects: { DURABLE_OBJECT: { className: "ProxyWorker", unsafePreventEviction: true } },
    stripCfConnectingIp: false,
    serviceBindings: {
      PROXY_CONTROLLER: async (request: MiniflareRequest) => {
        told.push((await request.json()) as (typeof told)[number])
        return new MiniflareResponse(null, { status: 204 })
      },
    },
    bindings: { PROXY_CONTROLLER_AUTH_SECRET: secret },
    cache: false,
    unsafeEphemeralDurableObjects: true,
    cf: false,
  })
  // "play": the worker is up at this address (as the controller says after each reload).
  const play = await mf.dispatchFetch("http://dummy/cdn-cgi/ProxyWorker/play", {
    headers: { Authorization: secret },
    cf: {
      hostMetadata: {
        type: "play",
        proxyData: {
          userWorkerUrl: { protocol: "http:", hostname: "127.0.0.1", port: String(port) },
          headers: {},
          liveReload: false,
        },
      },
    },
  })
  expect(play.status).toBe(204)
}, 60_000)

afterAll(async () => {
  await mf?.dispose()
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => worker.close(resolve))
})

beforeEach(() => {
  drop = 0
  connections = 0
  told.length = 0
})

/** The proxy's answer, or "no answer" if it has none within 10 s. */
const send = async (method: string, path: string) => {
  const answer = mf
    .dispatchFetch(`http://127.0.0.1${path}`, {
      method,
      ...(method === "GET" ? {} : { body: "{}", headers: { "content-type": "application/json" } }),
    })
    .then(async (r) => ({
      status: r.status,
      body: await r.text(),
      retryAfter: r.headers.get("retry-after"),
    }))
  let timer: NodeJS.Timeout | undefined
  const none = new Promise<"no answer">((resolve) => {
    timer = setTimeout(() => resolve("no answer"), 10_000)
  })
  try {
    return await Promise.race([answer, none])
  } finally {
    clearTimeout(timer)
  }
}

describe("wrangler dev's proxy, patched", () => {
  it("passes requests through to the worker", async () => {
    expect(await send("GET", "/v1/contacts")).toMatchObject({ status: 200, body: "ok" })
    expect(connections).toBe(1)
  })

  it("sends a GET whose connection was dropped again at once, on a fresh connection", async () => {
    drop = 1
    expect(await send("GET", "/v1/contacts")).toMatchObject({ status: 200, body: "ok" })
    expect(connections).toBe(2)
    expect(told.map((m) => m.type)).not.toContain("error")
    // The line `bench:dev-proxy` counts in wrangler's debug log.
    expect(told.map((m) => String(m.args?.[0]))).toContain(
      "hop failed, sent again: GET http://127.0.0.1/v1/contacts",
    )
  })

  it("answers a POST whose connection was dropped with 503 and Retry-After, and does not send it again", async () => {
    drop = 1
    const answer = await send("POST", "/v1/notifications/read")
    expect(answer).toMatchObject({ status: 503, retryAfter: "0" })
    expect(answer !== "no answer" && answer.body).toContain("connection to your worker was lost")
    expect(connections).toBe(1)
    expect(told.map((m) => m.type)).not.toContain("error")
  })

  it("gives up on a GET after two more tries, with 503, and keeps serving", async () => {
    drop = 3
    expect(await send("GET", "/v1/contacts")).toMatchObject({ status: 503, retryAfter: "0" })
    expect(connections).toBe(3)
    expect(told.map((m) => m.type)).not.toContain("error")
    expect(await send("GET", "/v1/contacts")).toMatchObject({ status: 200, body: "ok" })
  })
})
