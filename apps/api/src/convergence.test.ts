/**
 * Two API processes on one PostgreSQL: each keeps its own network index and
 * follows the other's writes through the outbox, converging within a second;
 * and both count sign-in attempts in one throttle.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type RunningPostgres, startPostgres } from "@kontakt/store/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "node.js")
let pg: RunningPostgres
const children: ChildProcess[] = []

const startProcess = (databaseUrl: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    })
    children.push(child)
    let out = ""
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString()
      const match = /listening on (http:\/\/[\d.:]+)/.exec(out)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)))
  })

beforeAll(async () => {
  pg = await startPostgres()
  await pg.createDatabase("kontakt")
}, 60_000)
afterAll(async () => {
  for (const c of children) c.kill("SIGTERM")
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode === null ? c.once("exit", r) : r(null)))),
  )
  await pg?.stop()
})

const call = async (
  base: string,
  method: string,
  path: string,
  cookie?: string,
  body?: unknown,
) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(cookie === undefined ? {} : { Cookie: cookie, Origin: base }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return {
    status: res.status,
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    json: (await res.json().catch(() => null)) as unknown,
  }
}

describe("two API processes on one PostgreSQL", () => {
  it("see each other's new connections in their network index within 1 s", async () => {
    const url = pg.url("kontakt")
    // One after the other, so that the first has applied the migrations.
    const a = await startProcess(url)
    const b = await startProcess(url)
    const signup = (handle: string) =>
      call(a, "POST", "/v1/auth/signup", undefined, {
        email: `${handle}@example.org`,
        password: "correct horse battery",
        handle,
        displayName: handle,
      })
    const ada = (await signup("ada")).cookie
    const bob = (await signup("bob")).cookie
    // Process B loads its index now, before the connection exists.
    const before = await call(b, "GET", "/v1/network/path/bob", ada)
    expect(before.json).toEqual({ degree: null, path: [] })
    // Connect through process A.
    const sent = await call(a, "POST", "/v1/requests", ada, { to: "bob" })
    const requestId = (sent.json as { request: { id: string } }).request.id
    expect((await call(a, "POST", `/v1/requests/${requestId}/accept`, bob)).status).toBe(200)
    const connectedAt = performance.now()
    // Process B's next reads converge: poll until they do, for at most a second.
    let degree: number | null = null
    while (degree !== 1 && performance.now() - connectedAt < 1_000) {
      degree = (
        (await call(b, "GET", "/v1/network/path/bob", ada)).json as { degree: number | null }
      ).degree
    }
    expect(degree).toBe(1)
    expect(performance.now() - connectedAt).toBeLessThan(1_000)
  }, 60_000)

  it("share one sign-in throttle: guesses sent to both at once are checked five times in all", async () => {
    await pg.createDatabase("throttle")
    const url = pg.url("throttle")
    const a = await startProcess(url)
    const b = await startProcess(url)
    const post = (base: string, path: string, body: unknown, cookie?: string) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(cookie === undefined ? {} : { Cookie: cookie }),
        },
        body: JSON.stringify(body),
      })
    const email = "guarded@example.org"
    const signedUp = await post(a, "/v1/auth/signup", {
      email,
      password: "correct horse battery",
      handle: "guarded",
      displayName: "Guarded",
    })
    expect(signedUp.status).toBe(201)
    const device =
      signedUp.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .find((c) => c.startsWith("kontakt_device=")) ?? ""
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(i % 2 === 0 ? a : b, "/v1/auth/login", { email, password: `guess ${i} guess` }),
      ),
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(15)
    // Either process refuses the right password from an unknown browser now…
    expect(
      (await post(b, "/v1/auth/login", { email, password: "correct horse battery" })).status,
    ).toBe(429)
    // …and lets the owner's browser in.
    expect(
      (await post(b, "/v1/auth/login", { email, password: "correct horse battery" }, device))
        .status,
    ).toBe(200)
  }, 60_000)
})
