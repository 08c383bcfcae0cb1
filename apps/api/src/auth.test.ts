import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, ORIGIN, type TestApp } from "./test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

const login = (email: string, password: string, address = "10.0.0.1") =>
  t.call("POST", "/v1/auth/login", {
    body: { email, password },
    headers: { "X-Test-Address": address },
  })

describe("sign up, log in, log out", () => {
  it("signup answers 201 with the member and a session cookie: HttpOnly, SameSite=Lax", async () => {
    const res = await t.call("POST", "/v1/auth/signup", {
      body: {
        email: "Sandra@Example.org",
        password: "correct horse battery",
        handle: "Sandra_S",
        displayName: "Sandra Staub",
      },
    })
    expect(res.status).toBe(201)
    const cookie = res.headers.get("set-cookie") ?? ""
    expect(cookie).toMatch(/^kontakt_session=ks_[\w-]+;/)
    expect(cookie).toContain("HttpOnly")
    expect(cookie).toContain("SameSite=Lax")
    expect(cookie).not.toContain("Secure")
    expect(await res.json()).toMatchObject({
      handle: "sandra_s",
      email: "sandra@example.org",
      displayName: "Sandra Staub",
    })
  })

  it("the cookie is Secure behind https", async () => {
    const res = await t.app.request("https://kontakt.example/v1/auth/signup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        email: "https@example.org",
        password: "correct horse battery",
        handle: "https_user",
        displayName: "H",
      }),
    })
    expect(res.headers.get("set-cookie")).toContain("Secure")
  })

  it("only a hash of the session secret is stored", async () => {
    const m = await t.signup("hashy")
    const secret = m.cookie.split("=")[1] ?? ""
    const rows = await t.query<{ tokenHash: string }>(
      `SELECT token_hash AS "tokenHash" FROM sessions`,
    )
    expect(rows.some((r) => r.tokenHash === secret)).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true)
  })

  it("a taken email or handle is 409", async () => {
    const m = await t.signup("taken")
    const sameEmail = await t.call("POST", "/v1/auth/signup", {
      body: {
        email: m.email,
        password: "correct horse battery",
        handle: "other_one",
        displayName: "O",
      },
    })
    expect(sameEmail.status).toBe(409)
    expect(await sameEmail.json()).toMatchObject({ code: "EmailTaken" })
    const sameHandle = await t.call("POST", "/v1/auth/signup", {
      body: {
        email: "new@example.org",
        password: "correct horse battery",
        handle: m.handle.toUpperCase(),
        displayName: "O",
      },
    })
    expect(sameHandle.status).toBe(409)
    expect(await sameHandle.json()).toMatchObject({ code: "HandleTaken" })
  })

  it("login signs in; wrong email and wrong password answer identically", async () => {
    const m = await t.signup("login")
    const ok = await login(m.email, "correct horse battery")
    expect(ok.status).toBe(200)
    expect(ok.headers.get("set-cookie")).toMatch(/^kontakt_session=/)
    const wrongPassword = await login(m.email, "wrong password here", "10.0.0.2")
    const wrongEmail = await login("nobody@example.org", "wrong password here", "10.0.0.3")
    expect(wrongPassword.status).toBe(401)
    expect(wrongEmail.status).toBe(wrongPassword.status)
    expect(await wrongEmail.text()).toBe(await wrongPassword.text())
  })

  it("failed logins are throttled per account and per address, with Retry-After", async () => {
    const m = await t.signup("throttled")
    for (let i = 0; i < 5; i++)
      expect((await login(m.email, "nope nope nope", `10.1.0.${i}`)).status).toBe(401)
    const blocked = await login(m.email, "correct horse battery", "10.1.0.99")
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0)
    // Spraying many accounts from one address is throttled too.
    for (let i = 0; i < 20; i++) await login(`spray${i}@example.org`, "nope nope nope", "10.9.9.9")
    const other = await t.signup("victim")
    expect((await login(other.email, "correct horse battery", "10.9.9.9")).status).toBe(429)
    expect((await login(other.email, "correct horse battery", "10.9.9.8")).status).toBe(200)
  })

  it("200 attempts sent at the same moment are counted before their passwords are checked", async () => {
    const m = await t.signup("parallel")
    // 199 wrong guesses and the right password among them, all at once, from 200 addresses.
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        login(
          m.email,
          i === 100 ? "correct horse battery" : `nope nope nope ${i}`,
          `10.2.${i >> 8}.${i & 255}`,
        ),
      ),
    )
    const statuses = answers.map((r) => r.status)
    // At most five are checked; every other one is refused before its hash is computed.
    const checked = statuses.filter((s) => s === 401 || s === 200)
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - checked.length)
    // After the window the owner's right password gets in.
    t.advanceDays(1 / 48)
    expect((await login(m.email, "correct horse battery")).status).toBe(200)
  })

  it("no cache keeps what the API answers a member: no-store, unless a route says otherwise", async () => {
    const m = await t.signup("uncached")
    const login = await t.call("POST", "/v1/auth/login", {
      body: { email: m.email, password: "correct horse battery" },
      headers: { "X-Test-Address": "192.0.2.77" },
    })
    expect(login.headers.get("cache-control")).toBe("no-store")
    for (const path of [
      "/v1/me",
      "/v1/me/export",
      "/v1/contacts",
      "/v1/feed",
      "/v1/notifications",
    ]) {
      const res = await t.call("GET", path, { cookie: m.cookie })
      expect(res.status, path).toBe(200)
      expect(res.headers.get("cache-control"), path).toBe("no-store")
    }
    const missing = await t.call("GET", "/v1/contacts/nobody-here", { cookie: m.cookie })
    expect([missing.status, missing.headers.get("cache-control")]).toEqual([404, "no-store"])
  })

  it("a session slides: it lasts 30 days after its last use, renewed at most once a day", async () => {
    const m = await t.signup("slider")
    const me = () => t.call("GET", "/v1/me", { cookie: m.cookie })
    t.advanceDays(20)
    const renewed = await me()
    expect(renewed.status).toBe(200)
    expect(renewed.headers.get("set-cookie") ?? "").toMatch(
      /^kontakt_session=[^;]+;.*Max-Age=2592000.*HttpOnly/,
    )
    // Used again the same day: nothing to renew, nothing written.
    const expiries = () => t.query("SELECT expires_at FROM sessions ORDER BY expires_at")
    const before = await expiries()
    const again = await me()
    expect(again.headers.get("set-cookie")).toBeNull()
    expect(await expiries()).toEqual(before)
    // 40 days after signing in, 20 after its last use: still signed in.
    t.advanceDays(20)
    expect((await me()).status).toBe(200)
    // 31 days unused: gone.
    t.advanceDays(31)
    expect((await me()).status).toBe(401)
  })

  it("GET /v1/auth/session answers 200 with the member, or null without a session", async () => {
    const m = await t.signup("sessionprobe")
    const signedIn = await t.call("GET", "/v1/auth/session", { cookie: m.cookie })
    expect(signedIn.status).toBe(200)
    expect(await signedIn.json()).toMatchObject({ member: { handle: m.handle } })
    const anonymous = await t.call("GET", "/v1/auth/session")
    expect(anonymous.status).toBe(200)
    expect(await anonymous.json()).toEqual({ member: null })
    const stale = await t.call("GET", "/v1/auth/session", { cookie: "kontakt_session=nope" })
    expect(await stale.json()).toEqual({ member: null })
  })

  it("logout ends the session", async () => {
    const m = await t.signup("leaver")
    expect((await t.call("GET", "/v1/me", { cookie: m.cookie })).status).toBe(200)
    expect((await t.call("POST", "/v1/auth/logout", { cookie: m.cookie })).status).toBe(204)
    expect((await t.call("GET", "/v1/me", { cookie: m.cookie })).status).toBe(401)
  })

  it("without a session, member routes answer 401 problem+json", async () => {
    const res = await t.call("GET", "/v1/me")
    expect(res.status).toBe(401)
    expect(res.headers.get("content-type")).toBe("application/problem+json")
    expect(await res.json()).toMatchObject({ status: 401, code: "Unauthenticated" })
  })
})

describe("CSRF protection on cookie-authenticated writes", () => {
  it("refuses a write without our Origin, allows it with", async () => {
    const m = await t.signup("csrf")
    const body = JSON.stringify({ name: "Kunden" })
    const send = (headers: Record<string, string>) =>
      t.app.request("/v1/categories", {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json", Cookie: m.cookie, ...headers },
      })
    expect((await send({})).status).toBe(403)
    expect((await send({ Origin: "https://evil.example" })).status).toBe(403)
    expect((await send({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403)
    expect((await send({ Origin: ORIGIN })).status).toBe(201)
    expect((await send({ "Sec-Fetch-Site": "same-origin" })).status).toBe(409)
  })
})

describe("personal access tokens", () => {
  it("are shown once, work as Bearer without an Origin, are listed without secrets and can be revoked", async () => {
    const m = await t.signup("dev")
    const created = await t.call("POST", "/v1/tokens", {
      cookie: m.cookie,
      body: { name: "CRM sync" },
    })
    expect(created.status).toBe(201)
    const { id, token } = (await created.json()) as { id: string; token: string }
    expect(token).toMatch(/^kt_/)
    const stored = await t.query<{ tokenHash: string }>(
      `SELECT token_hash AS "tokenHash" FROM access_tokens`,
    )
    expect(stored.some((r) => r.tokenHash === token)).toBe(false)
    const me = await t.call("GET", "/v1/me", { token })
    expect(((await me.json()) as { handle: string }).handle).toBe(m.handle)
    expect(
      (await t.call("POST", "/v1/categories", { token, body: { name: "Via API" } })).status,
    ).toBe(201)
    const listed = await (await t.call("GET", "/v1/tokens", { cookie: m.cookie })).text()
    expect(listed).toContain("CRM sync")
    expect(listed).not.toContain(token)
    expect((await t.call("DELETE", `/v1/tokens/${id}`, { cookie: m.cookie })).status).toBe(204)
    expect((await t.call("GET", "/v1/me", { token })).status).toBe(401)
    expect((await t.call("GET", "/v1/me", { token: "kt_made_up" })).status).toBe(401)
  })

  it("a token cannot mint, list or revoke tokens, and a logout made with it ends it", async () => {
    const m = await t.signup("scripted")
    const { id, token } = (await (
      await t.call("POST", "/v1/tokens", { cookie: m.cookie, body: { name: "script" } })
    ).json()) as { id: string; token: string }
    const before = await t.snapshot()
    for (const [method, path, body] of [
      ["POST", "/v1/tokens", { name: "outlives me" }],
      ["GET", "/v1/tokens", undefined],
      ["DELETE", `/v1/tokens/${id}`, undefined],
    ] as const) {
      const res = await t.call(method, path, { token, ...(body === undefined ? {} : { body }) })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(await res.json()).toMatchObject({ code: "SessionRequired" })
    }
    expect(await t.snapshot()).toEqual(before)
    expect((await t.call("POST", "/v1/auth/logout", { token })).status).toBe(204)
    expect((await t.call("GET", "/v1/me", { token })).status).toBe(401)
    // The session that made it is untouched.
    expect((await t.call("GET", "/v1/me", { cookie: m.cookie })).status).toBe(200)
  })
})

describe("my profile and settings", () => {
  it("PATCH /me changes profile and settings and keeps the rest", async () => {
    const m = await t.signup("patchy")
    const res = await t.call("PATCH", "/v1/me", {
      cookie: m.cookie,
      body: {
        headline: "Trainerin für Online-Netzwerken",
        openToNetworking: true,
        settings: { requireMessage: true, locale: "de" },
      },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      headline: "Trainerin für Online-Netzwerken",
      openToNetworking: true,
      settings: { requireMessage: true, locale: "de", whoCanRequest: "everyone" },
    })
  })

  it("invalid settings are refused with the field named", async () => {
    const m = await t.signup("badsettings")
    const res = await t.call("PATCH", "/v1/me", {
      cookie: m.cookie,
      body: { settings: { whoCanRequest: "nobody" } },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain("whoCanRequest")
  })
})
