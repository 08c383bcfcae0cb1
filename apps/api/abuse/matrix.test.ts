/**
 * The authorization matrix: every operation of the API, tried by member A —
 * with a session cookie and with an access token — against member B's
 * things wherever the route takes an id or a handle. Routes on B's things
 * answer 404 (as for things that do not exist); no answer to A contains
 * anything private of B's; and afterwards everything B sees of their own is
 * exactly as before. A route missing from the matrix fails the test.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../src/test-support.js"

type Member = Awaited<ReturnType<TestApp["signup"]>>
const json = async <T>(res: Response) => (await res.json()) as T

describe("the authorization matrix", () => {
  let t: TestApp
  let a: Member
  let b: Member
  let c: Member
  let aToken: string
  const ids: Record<string, string> = {}
  const secrets = [
    "B-geheime-Kategorie",
    "B-geheime-Notiz über C",
    "B-Schlüssel",
    "B fragt D: geheim",
    "E fragt B: geheim",
    "Von B Blockierte",
    "B-Wand: nur für Bs Kontakte",
    "B bittet G um H: geheim",
    "G bittet B um C: geheim",
    "B-Adressbuch: Geheime Person",
    "B-geheime-Notiz im Adressbuch",
    "B lädt geheim ein",
  ]

  beforeAll(async () => {
    t = await makeTestApp()
    ;[a, b, c] = [await t.signup("amat"), await t.signup("bmat"), await t.signup("cmat")]
    const d = await t.signup("dmat")
    const e = await t.signup("emat")
    const f = await t.signup("fmat", { displayName: "Von B Blockierte" })
    const post = async <T>(m: Member, path: string, body: unknown = {}) =>
      json<T>(await t.call("POST", path, { cookie: m.cookie, body }))
    ids["category"] = (await post<{ id: string }>(b, "/v1/categories", { name: secrets[0] })).id
    ids["token"] = (await post<{ id: string }>(b, "/v1/tokens", { name: secrets[2] })).id
    await t.connect(b, c)
    await t.call("PATCH", `/v1/contacts/${c.handle}`, {
      cookie: b.cookie,
      body: { note: secrets[1], categoryIds: [ids["category"]], importance: "high", muted: true },
    })
    ids["outgoing"] = (
      await post<{ request: { id: string } }>(b, "/v1/requests", {
        to: d.handle,
        message: secrets[3],
      })
    ).request.id
    ids["incoming"] = (
      await post<{ request: { id: string } }>(e, "/v1/requests", {
        to: b.handle,
        message: secrets[4],
      })
    ).request.id
    ids["bPost"] = (await post<{ id: string }>(b, "/v1/posts", { text: "B schreibt" })).id
    await post(b, "/v1/posts", { text: secrets[6] })
    ids["cPost"] = (await post<{ id: string }>(c, "/v1/posts", { text: "C schreibt" })).id
    ids["group"] = (await post<{ id: string }>(b, "/v1/groups", { name: "B's Gruppe" })).id
    await t.call("POST", `/v1/members/${f.handle}/block`, { cookie: b.cookie })
    // B asks G to introduce them to H; G asks B to introduce them to C.
    const [g, hm] = [await t.signup("gmat"), await t.signup("hmat")]
    await t.connect(b, g)
    await t.connect(g, hm)
    ids["bAsk"] = (
      await post<{ introduction: { id: string } }>(b, "/v1/introductions", {
        via: g.handle,
        to: hm.handle,
        message: secrets[7],
      })
    ).introduction.id
    ids["askToB"] = (
      await post<{ introduction: { id: string } }>(g, "/v1/introductions", {
        via: b.handle,
        to: c.handle,
        message: secrets[8],
      })
    ).introduction.id
    // B's address book: one entry, with B's note on it.
    await t.call("POST", "/v1/imports", {
      cookie: b.cookie,
      raw: `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:${secrets[9]}\r\nEMAIL:geheim@b.example\r\nEND:VCARD\r\n`,
      headers: { "content-type": "text/vcard" },
    })
    ids["entry"] =
      (
        await json<{ items: { id: string }[] }>(
          await t.call("GET", "/v1/address-book", { cookie: b.cookie }),
        )
      ).items[0]?.id ?? ""
    await t.call("PATCH", `/v1/address-book/${ids["entry"]}`, {
      cookie: b.cookie,
      body: { note: secrets[10] },
    })
    ids["invitation"] =
      (
        await post<{ items: { id: string }[] }>(b, "/v1/invitations", {
          emails: ["eingeladen@b.example"],
          message: secrets[11],
        })
      ).items[0]?.id ?? ""
    aToken = (await post<{ token: string }>(a, "/v1/tokens", { name: "A" })).token
    ids["session"] =
      (
        await json<{ items: { id: string }[] }>(
          await t.call("GET", "/v1/me/sessions", { cookie: b.cookie }),
        )
      ).items[0]?.id ?? ""
  })

  /** Everything B sees of their own. */
  const bsView = async () => {
    const paths = [
      "/v1/me",
      "/v1/contacts",
      `/v1/contacts/${c.handle}`,
      "/v1/categories",
      "/v1/blocks",
      `/v1/members/${b.handle}/posts`,
      "/v1/tokens",
      "/v1/me/sessions",
      "/v1/requests/incoming?state=pending",
      "/v1/requests/incoming?state=ignored",
      "/v1/requests/outgoing",
      "/v1/introductions/incoming",
      "/v1/introductions/outgoing",
      "/v1/address-book",
      `/v1/address-book/${ids["entry"]}`,
      "/v1/contacts/export?format=vcard",
      "/v1/invitations",
      "/v1/reviews/history",
      "/v1/reviews/due",
      "/v1/notifications",
      "/v1/feed",
      `/v1/posts/${ids["bPost"]}`,
    ]
    const out: Record<string, string> = {}
    for (const p of paths) out[p] = await (await t.call("GET", p, { cookie: b.cookie })).text()
    return out
  }

  it("covers every operation; B's things are 404 to A; nothing of B's leaks; B's view is unchanged", async () => {
    const other = "404 on B's"
    const own = "A's own"
    // For each operation: how A tries it, and what must happen.
    const matrix: Record<string, { path: () => string; body?: unknown; must: string }> = {
      "POST /v1/auth/signup": {
        path: () => "/v1/auth/signup",
        body: {
          email: "bmat@example.org",
          password: "x".repeat(12),
          handle: "bmat",
          displayName: "B",
        },
        must: own,
      },
      "POST /v1/auth/login": {
        path: () => "/v1/auth/login",
        body: { email: "bmat@example.org", password: "wrong password!" },
        must: own,
      },
      "GET /v1/auth/session": { path: () => "/v1/auth/session", must: own },
      "POST /v1/auth/logout": { path: () => "/v1/auth/logout", must: own },
      "GET /v1/me": { path: () => "/v1/me", must: own },
      "PATCH /v1/me": { path: () => "/v1/me", body: { headline: "A" }, must: own },
      "DELETE /v1/me": { path: () => "/v1/me", body: { password: "not A's password" }, must: own },
      "GET /v1/me/export": { path: () => "/v1/me/export", must: own },
      "POST /v1/tokens": { path: () => "/v1/tokens", body: { name: "A2" }, must: own },
      "GET /v1/tokens": { path: () => "/v1/tokens", must: own },
      "DELETE /v1/tokens/{id}": { path: () => `/v1/tokens/${ids["token"]}`, must: other },
      "POST /v1/me/password": {
        path: () => "/v1/me/password",
        body: { currentPassword: "not A's password", newPassword: "staple mountain lantern" },
        must: own,
      },
      "GET /v1/me/sessions": { path: () => "/v1/me/sessions", must: own },
      "DELETE /v1/me/sessions/{id}": {
        path: () => `/v1/me/sessions/${ids["session"]}`,
        must: other,
      },
      "POST /v1/me/sessions/revoke-others": {
        path: () => "/v1/me/sessions/revoke-others",
        must: own,
      },
      "PUT /v1/me/photo": { path: () => "/v1/me/photo", must: own },
      "DELETE /v1/me/photo": { path: () => "/v1/me/photo", must: own },
      "GET /v1/members": { path: () => `/v1/members?q=${b.handle}`, must: own },
      "GET /v1/members/{handle}": { path: () => `/v1/members/${b.handle}`, must: own },
      "GET /v1/members/{handle}/posts": { path: () => `/v1/members/${b.handle}/posts`, must: own },
      "GET /v1/members/{handle}/photo": { path: () => `/v1/members/${b.handle}/photo`, must: own },
      "POST /v1/members/{handle}/block": { path: () => `/v1/members/${c.handle}/block`, must: own },
      "DELETE /v1/members/{handle}/block": {
        path: () => `/v1/members/${c.handle}/block`,
        must: own,
      },
      "GET /v1/blocks": { path: () => "/v1/blocks", must: own },
      "GET /v1/groups": { path: () => "/v1/groups", must: own },
      "POST /v1/groups": { path: () => "/v1/groups", body: { name: "A's" }, must: own },
      "GET /v1/groups/{id}": { path: () => `/v1/groups/${ids["group"]}`, must: own },
      "POST /v1/groups/{id}/join": { path: () => `/v1/groups/${ids["group"]}/join`, must: own },
      "POST /v1/groups/{id}/leave": { path: () => `/v1/groups/${ids["group"]}/leave`, must: own },
      "GET /v1/groups/{id}/members": {
        path: () => `/v1/groups/${ids["group"]}/members`,
        must: own,
      },
      "POST /v1/requests": { path: () => "/v1/requests", body: { to: c.handle }, must: own },
      "GET /v1/requests/incoming": { path: () => "/v1/requests/incoming", must: own },
      "GET /v1/requests/outgoing": { path: () => "/v1/requests/outgoing", must: own },
      "POST /v1/requests/{id}/accept": {
        path: () => `/v1/requests/${ids["incoming"]}/accept`,
        body: {},
        must: other,
      },
      "POST /v1/requests/{id}/ignore": {
        path: () => `/v1/requests/${ids["incoming"]}/ignore`,
        must: other,
      },
      "POST /v1/requests/{id}/withdraw": {
        path: () => `/v1/requests/${ids["outgoing"]}/withdraw`,
        must: other,
      },
      "POST /v1/introductions": {
        path: () => "/v1/introductions",
        body: { via: c.handle, to: b.handle, message: "A" },
        must: own,
      },
      "GET /v1/introductions/incoming": { path: () => "/v1/introductions/incoming", must: own },
      "GET /v1/introductions/outgoing": { path: () => "/v1/introductions/outgoing", must: own },
      "POST /v1/introductions/{id}/forward": {
        path: () => `/v1/introductions/${ids["askToB"]}/forward`,
        body: {},
        must: other,
      },
      "POST /v1/introductions/{id}/decline": {
        path: () => `/v1/introductions/${ids["askToB"]}/decline`,
        must: other,
      },
      "POST /v1/members/{handle}/recommend": {
        path: () => `/v1/members/${b.handle}/recommend`,
        body: { to: [c.handle], note: "A" },
        must: own,
      },
      "POST /v1/imports": { path: () => "/v1/imports", body: { name: "A" }, must: own },
      "POST /v1/imports/preview": {
        path: () => "/v1/imports/preview",
        body: { name: "A" },
        must: own,
      },
      "GET /v1/address-book": { path: () => "/v1/address-book", must: own },
      "GET /v1/contacts/export": { path: () => "/v1/contacts/export", must: own },
      "POST /v1/invitations": {
        path: () => "/v1/invitations",
        body: { emails: ["a@example.org"], message: "A" },
        must: own,
      },
      "GET /v1/invitations": { path: () => "/v1/invitations", must: own },
      "DELETE /v1/invitations/{id}": {
        path: () => `/v1/invitations/${ids["invitation"]}`,
        must: other,
      },
      "POST /v1/auth/invitation": {
        path: () => "/v1/auth/invitation",
        body: { secret: ids["invitation"] },
        must: own,
      },
      "GET /v1/address-book/{id}": {
        path: () => `/v1/address-book/${ids["entry"]}`,
        must: other,
      },
      "PATCH /v1/address-book/{id}": {
        path: () => `/v1/address-book/${ids["entry"]}`,
        body: { note: "mine" },
        must: other,
      },
      "POST /v1/address-book/{id}/review": {
        path: () => `/v1/address-book/${ids["entry"]}/review`,
        body: { decision: "keep" },
        must: other,
      },
      "DELETE /v1/address-book/{id}": {
        path: () => `/v1/address-book/${ids["entry"]}`,
        must: other,
      },
      "GET /v1/contacts": { path: () => "/v1/contacts", must: own },
      "GET /v1/contacts/{handle}": { path: () => `/v1/contacts/${c.handle}`, must: other },
      "PATCH /v1/contacts/{handle}": {
        path: () => `/v1/contacts/${c.handle}`,
        body: { note: "mine" },
        must: other,
      },
      "DELETE /v1/contacts/{handle}": { path: () => `/v1/contacts/${c.handle}`, must: other },
      "GET /v1/categories": { path: () => "/v1/categories", must: own },
      "POST /v1/categories": {
        path: () => "/v1/categories",
        body: { name: "A-Kategorie" },
        must: own,
      },
      "PATCH /v1/categories/{id}": {
        path: () => `/v1/categories/${ids["category"]}`,
        body: { name: "A's now" },
        must: other,
      },
      "DELETE /v1/categories/{id}": {
        path: () => `/v1/categories/${ids["category"]}`,
        must: other,
      },
      "GET /v1/reviews/due": { path: () => "/v1/reviews/due", must: own },
      "POST /v1/reviews": {
        path: () => "/v1/reviews",
        body: { handle: c.handle, decision: "delete" },
        must: other,
      },
      "GET /v1/reviews/history": { path: () => "/v1/reviews/history", must: own },
      "GET /v1/feed": { path: () => "/v1/feed", must: own },
      "POST /v1/posts": { path: () => "/v1/posts", body: { text: "A schreibt" }, must: own },
      "GET /v1/posts/{id}": { path: () => `/v1/posts/${ids["cPost"]}`, must: own },
      "DELETE /v1/posts/{id}": { path: () => `/v1/posts/${ids["bPost"]}`, must: other },
      "POST /v1/posts/{id}/like": { path: () => `/v1/posts/${ids["cPost"]}/like`, must: own },
      "DELETE /v1/posts/{id}/like": { path: () => `/v1/posts/${ids["cPost"]}/like`, must: own },
      "POST /v1/posts/{id}/flag": { path: () => `/v1/posts/${ids["cPost"]}/flag`, must: own },
      "DELETE /v1/posts/{id}/flag": { path: () => `/v1/posts/${ids["cPost"]}/flag`, must: own },
      "POST /v1/posts/{id}/comments": {
        path: () => `/v1/posts/${ids["cPost"]}/comments`,
        body: { text: "A" },
        must: own,
      },
      "GET /v1/posts/{id}/comments": {
        path: () => `/v1/posts/${ids["bPost"]}/comments`,
        must: own,
      },
      "POST /v1/posts/{id}/share": {
        path: () => `/v1/posts/${ids["cPost"]}/share`,
        body: {},
        must: own,
      },
      "GET /v1/notifications": { path: () => "/v1/notifications", must: own },
      "POST /v1/notifications/read": { path: () => "/v1/notifications/read", body: {}, must: own },
      "GET /v1/network/suggestions": { path: () => "/v1/network/suggestions", must: own },
      "POST /v1/network/suggestions/{handle}/dismiss": {
        path: () => `/v1/network/suggestions/${c.handle}/dismiss`,
        must: own,
      },
      "GET /v1/network/path/{handle}": { path: () => `/v1/network/path/${c.handle}`, must: own },
      "GET /v1/network/reach": { path: () => "/v1/network/reach", must: own },
    }
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.call("GET", "/v1/openapi.json"),
    )
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    )
    expect(Object.keys(matrix).sort()).toEqual(operations.sort())

    const before = await bsView()
    // Signing out goes last: the cookie is spent after it.
    const order = Object.keys(matrix).sort((x, y) =>
      x === "POST /v1/auth/logout" ? 1 : y === "POST /v1/auth/logout" ? -1 : 0,
    )
    const leaks: string[] = []
    const wrong: string[] = []
    for (const op of order) {
      const entry = matrix[op]
      if (entry === undefined) continue
      const [method = "GET"] = op.split(" ")
      for (const via of ["cookie", "token"] as const) {
        const res = await t.call(method, entry.path(), {
          ...(via === "cookie" ? { cookie: a.cookie } : { token: aToken }),
          ...(entry.body === undefined ? {} : { body: entry.body }),
          ...(op === "PUT /v1/me/photo"
            ? {
                raw: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
                headers: { "Content-Type": "image/png" },
              }
            : {}),
        })
        const text = await res.text()
        if (res.status >= 500) wrong.push(`${op} (${via}) → ${res.status}`)
        // The account's own guards answer a token 403 before they look at any id.
        const sessionOnly = ["/v1/tokens", "/v1/me/password", "/v1/me/sessions"].some((p) =>
          op.includes(p),
        )
        if (via === "token" && sessionOnly && res.status !== 403)
          wrong.push(`${op} (${via}) → ${res.status}, not 403`)
        else if (entry.must === other && res.status !== 404 && !(via === "token" && sessionOnly))
          wrong.push(`${op} (${via}) → ${res.status}, not 404`)
        for (const s of [...secrets, b.email])
          if (text.includes(s)) leaks.push(`${op} (${via}) shows “${s}”`)
      }
    }
    expect(wrong).toEqual([])
    expect(leaks).toEqual([])
    expect(await bsView()).toEqual(before)
  })
})
