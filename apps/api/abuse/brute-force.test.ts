/**
 * Guessing passwords against the real server over HTTP: after five failures
 * the account answers 429 with Retry-After to every attempt without the
 * owner's device cookie, the right password included (a guesser cannot tell
 * a hit), forged client addresses do not reset the count (unless a trusted
 * proxy forwarded them), and the throttle lifts when its window has passed.
 * The owner's browser, which signed in before, still gets in; sign-ups and
 * account deletion are throttled too; hashing waits its turn or answers 503.
 */

import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { startServerProcess } from "../load/server-process.js"
import { hashGate } from "../src/auth/hash-gate.js"
import { scryptHasher } from "../src/auth/password.js"
import { makeTestApp } from "../src/test-support.js"

/** The `name=value` of a cookie the answer sets. */
const setCookie = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith(`${name}=`)) ?? ""

describe("password guessing", () => {
  it("over HTTP: five failures, then 429 for everyone's guesses on that account, whatever X-Forwarded-For says", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-brute-"))
    const server = await startServerProcess({ DATABASE_URL: `file:${join(dir, "b.db")}` })
    try {
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        })
      const email = "target@example.org"
      const password = "the right password, for once"
      expect(
        (await post("/v1/auth/signup", { email, password, handle: "target", displayName: "T" }))
          .status,
      ).toBe(201)
      const statuses: number[] = []
      for (let i = 0; i < 60; i++) {
        const res = await post(
          "/v1/auth/login",
          { email, password: `guess number ${i}` },
          {
            "x-forwarded-for": `203.0.113.${i}`,
          },
        )
        statuses.push(res.status)
        if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0)
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
      expect(new Set(statuses.slice(5))).toEqual(new Set([429]))
      expect((await post("/v1/auth/login", { email, password })).status).toBe(429)
    } finally {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it("the throttle lifts after its window; the right password then works", async () => {
    const t = await makeTestApp()
    const m = await t.signup("patient")
    const login = (password: string) =>
      t.call("POST", "/v1/auth/login", { body: { email: m.email, password } })
    for (let i = 0; i < 5; i++) expect((await login("wrong wrong wrong")).status).toBe(401)
    expect((await login("correct horse battery")).status).toBe(429)
    t.advanceDays(16 / (24 * 60))
    expect((await login("correct horse battery")).status).toBe(200)
    await t.close()
  })

  it("the owner's browser, known from an earlier sign-in, still gets in while strangers are locked out", async () => {
    const t = await makeTestApp()
    const m = await t.signup("owner")
    const login = (password: string, address: string, cookie?: string) =>
      t.call("POST", "/v1/auth/login", {
        body: { email: m.email, password },
        headers: { "X-Test-Address": address, ...(cookie === undefined ? {} : { cookie }) },
      })
    const first = await login("correct horse battery", "192.0.2.1")
    expect(first.status).toBe(200)
    const device = setCookie(first, "kontakt_device")
    expect(device).toMatch(/^kontakt_device=kd_/)
    expect(first.headers.getSetCookie().find((c) => c.startsWith("kontakt_device="))).toMatch(
      /HttpOnly.*Path=\/v1\/auth|Path=\/v1\/auth.*HttpOnly/,
    )
    // Strangers guess from many addresses: the account locks for every browser it does not know…
    for (let i = 0; i < 5; i++)
      expect((await login("guess guess", `198.51.100.${i}`)).status).toBe(401)
    expect((await login("correct horse battery", "198.51.100.9")).status).toBe(429)
    // …but not for the owner's.
    const back = await login("correct horse battery", "192.0.2.1", device)
    expect(back.status).toBe(200)
    // The same browser keeps its cookie.
    expect(setCookie(back, "kontakt_device")).toBe(device)
    // The known browser's own failures lock only that browser.
    for (let i = 0; i < 5; i++)
      expect((await login("typo typo", "192.0.2.1", device)).status).toBe(401)
    expect((await login("correct horse battery", "192.0.2.1", device)).status).toBe(429)
    // A device cookie of one account does nothing for another.
    const other = await t.signup("neighbour")
    const guess = (address: string) =>
      t.call("POST", "/v1/auth/login", {
        body: { email: other.email, password: "guess guess" },
        headers: { "X-Test-Address": address, cookie: device },
      })
    for (let i = 0; i < 5; i++) expect((await guess(`203.0.113.${i}`)).status).toBe(401)
    expect((await guess("203.0.113.99")).status).toBe(429)
    await t.close()
  })

  it("sign-ups are throttled per address", async () => {
    const t = await makeTestApp({ signupsPerHour: 3 })
    const signup = (handle: string, address: string) =>
      t.call("POST", "/v1/auth/signup", {
        headers: { "X-Test-Address": address },
        body: {
          email: `${handle}@example.org`,
          password: "correct horse battery",
          handle,
          displayName: "S",
        },
      })
    for (let i = 0; i < 3; i++) expect((await signup(`many${i}`, "192.0.2.50")).status).toBe(201)
    const refused = await signup("many3", "192.0.2.50")
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0)
    const before = await t.snapshot()
    expect((await signup("many4", "192.0.2.50")).status).toBe(429)
    expect((await t.snapshot())["members"]).toBe(before["members"])
    expect((await signup("many5", "192.0.2.51")).status).toBe(201)
    t.advanceDays(1 / 24 + 1 / (24 * 60))
    expect((await signup("many6", "192.0.2.50")).status).toBe(201)
    await t.close()
  })

  it("deleting the account is not a way to guess its password", async () => {
    const t = await makeTestApp()
    const m = await t.signup("keeper")
    const remove = (password: string) =>
      t.call("DELETE", "/v1/me", { cookie: m.cookie, body: { password } })
    for (let i = 0; i < 5; i++) expect((await remove(`guess ${i} guess`)).status).toBe(403)
    const refused = await remove("correct horse battery")
    expect(refused.status).toBe(429)
    expect((await t.call("GET", "/v1/me", { cookie: m.cookie })).status).toBe(200)
    t.advanceDays(16 / (24 * 60))
    expect((await remove("correct horse battery")).status).toBe(204)
    await t.close()
  })

  it("password hashes wait for their turn; when too many wait, 503 with Retry-After", async () => {
    const inner = scryptHasher({ N: 2 ** 10, r: 8, p: 1 })
    // Verifications are held until the test lets them go, so that the gate's queue can be filled.
    let release: () => void = () => {}
    const held = new Promise<void>((r) => {
      release = r
    })
    const gate = hashGate({ concurrency: 1, queue: 1 })
    const t = await makeTestApp({
      hashGate: gate,
      hasher: {
        scheme: inner.scheme,
        hash: inner.hash,
        verify: (password, encoded) => held.then(() => inner.verify(password, encoded)),
      },
    })
    const [a, b, c] = [await t.signup("ann"), await t.signup("ben"), await t.signup("cai")]
    const login = (email: string, address: string) =>
      t.call("POST", "/v1/auth/login", {
        body: { email, password: "wrong wrong wrong" },
        headers: { "X-Test-Address": address },
      })
    const running = login(a.email, "192.0.2.61")
    const waiting = login(b.email, "192.0.2.62")
    await expect.poll(() => gate.load()).toEqual({ running: 1, waiting: 1 })
    const counted = (await t.snapshot())["login_attempts"]
    const busy = await login(c.email, "192.0.2.63")
    expect(busy.status).toBe(503)
    // Refused before it cost anything: not even counted as an attempt.
    expect((await t.snapshot())["login_attempts"]).toBe(counted)
    expect(busy.headers.get("Retry-After")).toBe("1")
    expect(((await busy.json()) as { code: string }).code).toBe("Busy")
    release()
    expect([(await running).status, (await waiting).status]).toEqual([401, 401])
    expect(gate.load()).toEqual({ running: 0, waiting: 0 })
    await t.close()
  })

  it("over HTTP behind a trusted proxy: the forwarded address is the one throttled", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-proxy-"))
    const server = await startServerProcess({
      DATABASE_URL: `file:${join(dir, "p.db")}`,
      TRUST_PROXY: "loopback",
    })
    try {
      const login = (email: string, forwardedFor: string) =>
        fetch(`${server.url}/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
          body: JSON.stringify({ email, password: "not the password" }),
        })
      // Twenty accounts sprayed from one client behind the proxy (a forged hop before it changes nothing).
      for (let i = 0; i < 20; i++)
        expect((await login(`spray${i}@example.org`, `10.0.0.${i}, 198.51.100.7`)).status).toBe(401)
      expect((await login("spray99@example.org", "198.51.100.7")).status).toBe(429)
      // Another client behind the same proxy is not affected.
      expect((await login("spray99@example.org", "198.51.100.8")).status).toBe(401)
    } finally {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
