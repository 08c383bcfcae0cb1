/**
 * Account security over HTTP: a new password ends the other sessions (and the
 * tokens unless kept), sessions are listed and ended, tokens are scoped and
 * expire, and none of it can be done with a token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

const PASSWORD = "correct horse battery"
const NEW_PASSWORD = "staple mountain lantern"
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"

type Member = Awaited<ReturnType<TestApp["signup"]>>
interface SessionItem {
  id: string
  device: string | null
  userAgent: string
  createdAt: string
  lastUsedAt: string
  current: boolean
}

/** Signs in from a browser with this user agent; returns its cookie. */
const signIn = async (m: Member, userAgent: string, password = PASSWORD) => {
  const res = await t.call("POST", "/v1/auth/login", {
    headers: { "User-Agent": userAgent },
    body: { email: m.email, password },
  })
  expect(res.status).toBe(200)
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
}
const sessions = async (cookie: string) => {
  const res = await t.call("GET", "/v1/me/sessions", { cookie })
  expect(res.status).toBe(200)
  return ((await res.json()) as { items: SessionItem[] }).items
}
const token = async (m: Member, body: Record<string, unknown> = {}) => {
  const res = await t.call("POST", "/v1/tokens", {
    cookie: m.cookie,
    body: { name: "script", ...body },
  })
  expect(res.status).toBe(201)
  return (await res.json()) as {
    id: string
    token: string
    scope: string
    expiresAt: string | null
  }
}
const changePassword = (cookie: string, body: Record<string, unknown>) =>
  t.call("POST", "/v1/me/password", { cookie, body })
const status = async (res: Response | Promise<Response>) => (await res).status
/** The app's clock (tests move it): when the member's newest session began. */
const appNow = async (m: Member) => Date.parse((await sessions(m.cookie))[0]?.createdAt ?? "")

describe("POST /v1/me/password", () => {
  it("needs the current password; then every other session and every token ends, this one stays", async () => {
    const m = await t.signup("changer")
    const laptop = await signIn(m, FIREFOX)
    const { token: script } = await token(m)
    const before = await t.snapshot()
    const wrong = await changePassword(m.cookie, {
      currentPassword: "not my password!!",
      newPassword: NEW_PASSWORD,
    })
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([
      403,
      "InvalidCredentials",
    ])
    // A new password that breaks the rules is refused before anything is checked.
    const weak = await changePassword(m.cookie, {
      currentPassword: PASSWORD,
      newPassword: "password1234",
    })
    expect(weak.status).toBe(400)
    // Nothing changed but the counted attempt.
    const { login_attempts: _a, ...rest } = await t.snapshot()
    const { login_attempts: _b, ...restBefore } = before
    expect(rest).toEqual(restBefore)
    expect(await status(t.call("GET", "/v1/me", { cookie: laptop }))).toBe(200)

    expect(
      (await changePassword(m.cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }))
        .status,
    ).toBe(204)
    expect(await status(t.call("GET", "/v1/me", { cookie: m.cookie }))).toBe(200)
    expect(await status(t.call("GET", "/v1/me", { cookie: laptop }))).toBe(401)
    expect(await status(t.call("GET", "/v1/me", { token: script }))).toBe(401)
    // The old password no longer signs in; the new one does.
    const old = await t.call("POST", "/v1/auth/login", {
      body: { email: m.email, password: PASSWORD },
    })
    expect(old.status).toBe(401)
    await signIn(m, FIREFOX, NEW_PASSWORD)
  })

  it("keepTokens keeps the tokens working; the other sessions end all the same", async () => {
    const m = await t.signup("keeper")
    const phone = await signIn(m, IPHONE)
    const { token: script } = await token(m)
    const res = await changePassword(m.cookie, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      keepTokens: true,
    })
    expect(res.status).toBe(204)
    expect(await status(t.call("GET", "/v1/me", { token: script }))).toBe(200)
    expect(await status(t.call("GET", "/v1/me", { cookie: phone }))).toBe(401)
  })

  it("forgets the browsers trusted for sign-ins: they earn it again with the new password", async () => {
    const m = await t.signup("devices")
    await signIn(m, FIREFOX)
    const trusted = () =>
      t.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM trusted_devices d JOIN members m ON m.id = d.member_id WHERE m.handle = ?",
        [m.handle],
      )
    expect((await trusted())[0]?.n).toBe(2)
    await changePassword(m.cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
    expect((await trusted())[0]?.n).toBe(0)
  })

  it("wrong current passwords are throttled: five in 15 minutes, shared with deleting the account", async () => {
    const m = await t.signup("guesser")
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push(
        await status(
          changePassword(m.cookie, {
            currentPassword: `guess number ${i}!`,
            newPassword: NEW_PASSWORD,
          }),
        ),
      )
    for (let i = 0; i < 3; i++)
      statuses.push(
        await status(
          t.call("DELETE", "/v1/me", { cookie: m.cookie, body: { password: `guess again ${i}!` } }),
        ),
      )
    const refused = await changePassword(m.cookie, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    })
    expect([...statuses, refused.status]).toEqual([403, 403, 403, 403, 403, 429, 429])
    expect(refused.headers.get("retry-after")).not.toBeNull()
    // After the window, the right password works.
    t.advanceDays(1 / 48)
    expect(
      await status(
        changePassword(m.cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      ),
    ).toBe(204)
  })
})

describe("my sessions", () => {
  it("are listed with their device, when they signed in and were last used, this one marked", async () => {
    const m = await t.signup("lister")
    const laptop = await signIn(m, FIREFOX)
    t.advanceDays(1 / 24)
    const phone = await signIn(m, IPHONE)
    t.advanceDays(1 / 24)
    // The laptop is used again: it is the most recently used now.
    await t.call("GET", "/v1/me", { cookie: laptop })
    const items = await sessions(phone)
    expect(items.map((s) => [s.device, s.current])).toEqual([
      ["Firefox 133 · Windows 10", false],
      ["Safari 18 · iOS 18.1 (mobile)", true],
      [null, false],
    ])
    const [first, , unused] = items
    expect(first?.userAgent).toBe(FIREFOX)
    expect(Date.parse(first?.lastUsedAt ?? "")).toBeGreaterThan(Date.parse(first?.createdAt ?? ""))
    // The sign-up's session was not used since.
    expect(unused?.lastUsedAt).toBe(unused?.createdAt)
    // The list never holds a secret or its hash.
    const text = JSON.stringify(items)
    for (const cookie of [laptop, phone, m.cookie]) expect(text).not.toContain(cookie.split("=")[1])
    const hashes = await t.query<{ h: string }>("SELECT token_hash AS h FROM sessions")
    for (const { h } of hashes) expect(text).not.toContain(h)
  })

  it("one can be ended by its id, only by its member; ending this one signs me out", async () => {
    const m = await t.signup("ender")
    const other = await t.signup("stranger")
    const laptop = await signIn(m, FIREFOX)
    const items = await sessions(m.cookie)
    const laptopId = items.find((s) => s.device?.startsWith("Firefox"))?.id ?? ""
    const mine = items.find((s) => s.current)?.id ?? ""
    // Another member's session is not found, and stays.
    const foreign = await t.call("DELETE", `/v1/me/sessions/${laptopId}`, { cookie: other.cookie })
    expect([foreign.status, ((await foreign.json()) as { code: string }).code]).toEqual([
      404,
      "SessionNotFound",
    ])
    expect(await status(t.call("GET", "/v1/me", { cookie: laptop }))).toBe(200)
    expect(
      await status(t.call("DELETE", `/v1/me/sessions/${laptopId}`, { cookie: m.cookie })),
    ).toBe(204)
    expect(await status(t.call("GET", "/v1/me", { cookie: laptop }))).toBe(401)
    expect(await status(t.call("DELETE", "/v1/me/sessions/made-up-id", { cookie: m.cookie }))).toBe(
      404,
    )
    const self = await t.call("DELETE", `/v1/me/sessions/${mine}`, { cookie: m.cookie })
    expect(self.status).toBe(204)
    expect(self.headers.get("set-cookie") ?? "").toMatch(/^kontakt_session=;.*Max-Age=0/)
    expect(await status(t.call("GET", "/v1/me", { cookie: m.cookie }))).toBe(401)
  })

  it("revoke-others signs out everywhere else and keeps this one and the tokens", async () => {
    const m = await t.signup("everywhere")
    const laptop = await signIn(m, FIREFOX)
    const phone = await signIn(m, IPHONE)
    const { token: script } = await token(m)
    expect(await status(t.call("POST", "/v1/me/sessions/revoke-others", { cookie: laptop }))).toBe(
      204,
    )
    expect(await status(t.call("GET", "/v1/me", { cookie: laptop }))).toBe(200)
    expect(await status(t.call("GET", "/v1/me", { cookie: phone }))).toBe(401)
    expect(await status(t.call("GET", "/v1/me", { cookie: m.cookie }))).toBe(401)
    expect(await status(t.call("GET", "/v1/me", { token: script }))).toBe(200)
    expect((await sessions(laptop)).map((s) => s.current)).toEqual([true])
  })

  it("expired sessions are not listed, and are removed", async () => {
    const m = await t.signup("expiring")
    await signIn(m, FIREFOX)
    t.advanceDays(20)
    await t.call("GET", "/v1/me", { cookie: m.cookie })
    t.advanceDays(15)
    expect((await sessions(m.cookie)).length).toBe(1)
    const left = await t.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM sessions s JOIN members m ON m.id = s.member_id WHERE m.handle = ?",
      [m.handle],
    )
    expect(left[0]?.n).toBe(1)
  })
})

describe("a token guards nothing of the account's", () => {
  it("cannot change the password or list or end sessions; nothing changes", async () => {
    const m = await t.signup("tokenonly")
    const { token: script } = await token(m)
    const id = (await sessions(m.cookie))[0]?.id ?? ""
    const before = await t.snapshot()
    for (const [method, path, body] of [
      ["POST", "/v1/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
      ["GET", "/v1/me/sessions", undefined],
      ["DELETE", `/v1/me/sessions/${id}`, undefined],
      ["POST", "/v1/me/sessions/revoke-others", undefined],
    ] as const) {
      const res = await t.call(method, path, {
        token: script,
        ...(body === undefined ? {} : { body }),
      })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(await res.json()).toMatchObject({ code: "SessionRequired" })
    }
    expect(await t.snapshot()).toEqual(before)
    expect(await status(t.call("GET", "/v1/me", { cookie: m.cookie }))).toBe(200)
  })
})

describe("token scope and expiry", () => {
  it("a read token reads and cannot write — every write is 403 and changes nothing; it may end itself", async () => {
    const m = await t.signup("reader")
    const friend = await t.signup("readerfriend")
    await t.connect(friend, m)
    const read = await token(m, { scope: "read" })
    expect(read.scope).toBe("read")
    expect(await status(t.call("GET", "/v1/me", { token: read.token }))).toBe(200)
    expect(await status(t.call("GET", "/v1/contacts", { token: read.token }))).toBe(200)
    const before = await t.snapshot()
    for (const [method, path, body] of [
      ["POST", "/v1/categories", { name: "Kunden" }],
      ["PATCH", "/v1/me", { headline: "Changed by a reader" }],
      ["POST", "/v1/posts", { text: "Not from a read token" }],
      ["DELETE", `/v1/contacts/${friend.handle}`, undefined],
      ["DELETE", "/v1/me", { password: PASSWORD }],
    ] as const) {
      const res = await t.call(method, path, {
        token: read.token,
        ...(body === undefined ? {} : { body }),
      })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(await res.json()).toMatchObject({ code: "TokenReadOnly" })
    }
    expect(await t.snapshot()).toEqual(before)
    // A read-write token writes.
    const write = await token(m)
    expect(write.scope).toBe("read-write")
    expect(
      await status(
        t.call("POST", "/v1/categories", { token: write.token, body: { name: "Kunden" } }),
      ),
    ).toBe(201)
    // Ending itself is the one write a read token may make.
    expect(await status(t.call("POST", "/v1/auth/logout", { token: read.token }))).toBe(204)
    expect(await status(t.call("GET", "/v1/me", { token: read.token }))).toBe(401)
  })

  it("a token with an expiry works until then and not after; it is listed with it", async () => {
    const m = await t.signup("expiry")
    const now = await appNow(m)
    const until = new Date(now + 7 * 86_400_000).toISOString()
    const made = await token(m, { expiresAt: until })
    expect(made.expiresAt).toBe(until)
    const listed = (await (await t.call("GET", "/v1/tokens", { cookie: m.cookie })).json()) as {
      items: { id: string; expiresAt: string | null; scope: string }[]
    }
    expect(listed.items).toMatchObject([{ id: made.id, expiresAt: until, scope: "read-write" }])
    t.advanceDays(6)
    expect(await status(t.call("GET", "/v1/me", { token: made.token }))).toBe(200)
    t.advanceDays(2)
    const expired = await t.call("GET", "/v1/me", { token: made.token })
    expect([expired.status, ((await expired.json()) as { code: string }).code]).toEqual([
      401,
      "InvalidToken",
    ])
  })

  it("an expiry in the past or more than a year ahead is refused, and nothing is made", async () => {
    const m = await t.signup("badexpiry")
    const now = await appNow(m)
    const before = await t.snapshot()
    for (const expiresAt of [
      "2000-01-01T00:00:00Z",
      new Date(now - 60_000).toISOString(),
      new Date(now + 400 * 86_400_000).toISOString(),
      "tomorrow",
    ]) {
      const res = await t.call("POST", "/v1/tokens", {
        cookie: m.cookie,
        body: { name: "bad", expiresAt },
      })
      expect(res.status, expiresAt).toBe(400)
      expect(await res.json()).toMatchObject({ errors: [{ path: "expiresAt" }] })
    }
    const scope = await t.call("POST", "/v1/tokens", {
      cookie: m.cookie,
      body: { name: "bad", scope: "admin" },
    })
    expect(scope.status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
  })
})
