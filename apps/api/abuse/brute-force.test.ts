/**
 * Guessing passwords against the real server over HTTP: after five failures
 * the account answers 429 with Retry-After to every attempt, the right
 * password included (a guesser cannot tell a hit), forged client addresses
 * do not reset the count, and the throttle lifts when its window has passed.
 */

import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { startServerProcess } from "../load/server-process.js"
import { makeTestApp } from "../src/test-support.js"

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
})
