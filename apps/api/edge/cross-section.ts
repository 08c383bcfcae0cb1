/**
 * A cross-section of the API over HTTP — every resource, privacy and bad
 * input — run unchanged against the worker in workerd (worker.test.ts) and
 * against the Node server (node.test.ts), so that both are shown to be the
 * same API.
 */
import { request as httpRequest } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { imageFacts } from "../src/photos/image-bytes.js"
import { type CallOptions, requestInit } from "../src/test-request.js"
import { IMMUTABLE, PAGE_CSP } from "../src/web-headers.js"
import { WEB_PAGE, WEB_SCRIPT, WEB_SCRIPT_PATH } from "./stand-in-web.js"

export interface Target {
  readonly url: string
  readonly stop: () => Promise<void>
}

interface Member {
  readonly handle: string
  readonly email: string
  readonly cookie: string
}

const PASSWORD = "correct horse battery"
// The smallest valid PNG: 1×1, transparent.
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
)

/**
 * A body too large to be read, on a connection of its own: the server answers
 * 413 before reading it all and closes, which a reused connection would see as
 * a failure.
 */
const sendHuge = (url: string, headers: Record<string, string>, size: number) =>
  new Promise<{ status: number; type: string }>((resolve, reject) => {
    const body = new Uint8Array(size).fill(120)
    const req = httpRequest(
      url,
      { method: "POST", agent: false, headers: { ...headers, "content-length": String(size) } },
      (res) => {
        res.resume()
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]) })
      },
    )
    req.on("error", (e: NodeJS.ErrnoException) =>
      e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
    )
    req.end(body)
  })

export const crossSection = (label: string, start: () => Promise<Target>) =>
  describe(`the API on ${label}`, () => {
    let target: Target
    let n = 0
    beforeAll(async () => {
      target = await start()
    }, 120_000)
    afterAll(async () => {
      await target?.stop()
    })

    const call = (method: string, path: string, options: CallOptions = {}) =>
      fetch(`${target.url}${path}`, requestInit(method, options, target.url))
    const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T
    const signup = async (name: string): Promise<Member> => {
      const handle = `${name}${++n}`
      const email = `${handle}@example.org`
      const res = await call("POST", "/v1/auth/signup", {
        body: { email, password: PASSWORD, handle, displayName: name },
      })
      expect(res.status, await res.clone().text()).toBe(201)
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
      return { handle, email, cookie }
    }
    const send = async (from: Member, to: Member, message = "Hallo!") =>
      (
        await json<{ request: { id: string } }>(
          call("POST", "/v1/requests", { cookie: from.cookie, body: { to: to.handle, message } }),
        )
      ).request.id
    const connect = async (a: Member, b: Member) => {
      const id = await send(a, b)
      expect(
        (await call("POST", `/v1/requests/${id}/accept`, { cookie: b.cookie, body: {} })).status,
      ).toBe(200)
    }
    const notifications = (m: Member) =>
      json<{ items: unknown[] }>(call("GET", "/v1/notifications", { cookie: m.cookie }))

    it("answers /healthz, the OpenAPI document and /docs", async () => {
      expect((await call("GET", "/healthz")).status).toBe(200)
      expect(await json(call("GET", "/v1/openapi.json"))).toMatchObject({ openapi: "3.1.0" })
      expect(await (await call("GET", "/docs")).text()).toContain("swagger-ui-bundle.js")
      const css = await call("GET", "/docs/assets/swagger-ui.css")
      expect(css.status).toBe(200)
      expect(css.headers.get("content-type")).toContain("text/css")
    })

    it("serves the web app: its page at every app address, with its headers; files cached for good", async () => {
      for (const path of ["/", "/contacts", "/members/someone", "/de/settings"]) {
        const page = await call("GET", path)
        expect(page.status, path).toBe(200)
        expect(await page.text(), path).toBe(WEB_PAGE)
        expect(page.headers.get("content-security-policy"), path).toBe(PAGE_CSP)
        expect(page.headers.get("x-content-type-options"), path).toBe("nosniff")
        expect(page.headers.get("cache-control") ?? "", path).not.toContain("immutable")
      }
      const script = await call("GET", WEB_SCRIPT_PATH)
      expect(await script.text()).toBe(WEB_SCRIPT)
      expect(script.headers.get("cache-control")).toBe(IMMUTABLE)
      // The API's addresses are never the page: an unknown one is a 404 problem.
      for (const path of ["/v1/nothing-here", "/v1"]) {
        const res = await call("GET", path)
        expect(res.status, path).toBe(404)
        expect(res.headers.get("content-type"), path).toContain("application/problem+json")
      }
    })

    it("signs up, in and out; the session says who", async () => {
      const ada = await signup("ada")
      expect(await json(call("GET", "/v1/auth/session", { cookie: ada.cookie }))).toMatchObject({
        member: { handle: ada.handle },
      })
      const wrong = await call("POST", "/v1/auth/login", {
        body: { email: ada.email, password: "not it at all" },
      })
      expect(wrong.status).toBe(401)
      const login = await call("POST", "/v1/auth/login", {
        body: { email: ada.email, password: PASSWORD },
      })
      expect(login.status).toBe(200)
      expect((await call("POST", "/v1/auth/logout", { cookie: ada.cookie })).status).toBe(204)
      expect((await call("GET", "/v1/me", { cookie: ada.cookie })).status).toBe(401)
      expect(await json(call("GET", "/v1/auth/session", { cookie: ada.cookie }))).toEqual({
        member: null,
      })
    })

    it("keeps a profile, settings, access tokens and a photo", async () => {
      const m = await signup("pia")
      const patched = await call("PATCH", "/v1/me", {
        cookie: m.cookie,
        body: { headline: "Trainerin", settings: { requireMessage: true } },
      })
      expect(await patched.json()).toMatchObject({
        headline: "Trainerin",
        settings: { requireMessage: true },
      })
      const invalid = await call("PATCH", "/v1/me", {
        cookie: m.cookie,
        body: { settings: { reviewEveryDays: 1 } },
      })
      expect(invalid.status).toBe(400)
      const { id, token } = await json<{ id: string; token: string }>(
        call("POST", "/v1/tokens", { cookie: m.cookie, body: { name: "script" } }),
      )
      expect((await call("GET", "/v1/me", { token })).status).toBe(200)
      expect((await call("DELETE", `/v1/tokens/${id}`, { cookie: m.cookie })).status).toBe(204)
      expect((await call("GET", "/v1/me", { token })).status).toBe(401)
      const put = await call("PUT", "/v1/me/photo", {
        cookie: m.cookie,
        raw: PNG,
        headers: { "content-type": "image/png" },
      })
      expect(put.status).toBe(204)
      const photo = await call("GET", `/v1/members/${m.handle}/photo`, { cookie: m.cookie })
      expect(photo.headers.get("content-type")).toBe("image/png")
      // The same picture (on Node re-encoded, at the edge checked and stored as sent).
      expect(imageFacts(new Uint8Array(await photo.arrayBuffer()), "image/png")).toMatchObject({
        width: 1,
        height: 1,
      })
      const notImage = await call("PUT", "/v1/me/photo", {
        cookie: m.cookie,
        raw: "GIF89a not a png",
        headers: { "content-type": "image/png" },
      })
      expect(notImage.status).toBe(415)
    })

    it("requests: the verdict, accept into a category; ignore and withdraw are silent", async () => {
      const [a, b, c, d] = [
        await signup("ana"),
        await signup("ben"),
        await signup("cem"),
        await signup("dan"),
      ]
      const id = await send(a, b, "Habe Dich in der Gruppe K. gefunden")
      const incoming = await json<{ items: { id: string; verdict: { reasons: unknown[] } }[] }>(
        call("GET", "/v1/requests/incoming", { cookie: b.cookie }),
      )
      expect(incoming.items.map((r) => r.id)).toEqual([id])
      expect(incoming.items[0]?.verdict.reasons.length).toBeGreaterThan(0)
      const category = await json<{ id: string }>(
        call("POST", "/v1/categories", { cookie: b.cookie, body: { name: "Gruppe K." } }),
      )
      const accepted = await json<{ contact: { categoryIds: string[]; note: string } }>(
        call("POST", `/v1/requests/${id}/accept`, {
          cookie: b.cookie,
          body: { categoryIds: [category.id] },
        }),
      )
      expect(accepted.contact.categoryIds).toEqual([category.id])
      expect(accepted.contact.note).toContain("Gruppe K.")
      expect(JSON.stringify(await notifications(a))).toContain("requestAccepted")
      // Ignored: the sender sees exactly what they saw before.
      const ignoredId = await send(c, b)
      const before = await (await call("GET", "/v1/requests/outgoing", { cookie: c.cookie })).text()
      expect(
        (await call("POST", `/v1/requests/${ignoredId}/ignore`, { cookie: b.cookie })).status,
      ).toBe(204)
      expect(await (await call("GET", "/v1/requests/outgoing", { cookie: c.cookie })).text()).toBe(
        before,
      )
      const cTold = await notifications(c)
      expect(cTold.items).toEqual([])
      // Withdrawn: gone from the recipient's inbox, and they were not told.
      const bTold = await notifications(b)
      const withdrawn = await send(d, b)
      expect(
        (await call("POST", `/v1/requests/${withdrawn}/withdraw`, { cookie: d.cookie })).status,
      ).toBe(204)
      const after = await json<{ items: { id: string }[] }>(
        call("GET", "/v1/requests/incoming", { cookie: b.cookie }),
      )
      expect(after.items.map((r) => r.id)).not.toContain(withdrawn)
      expect((await notifications(b)).items.length).toBe(bTold.items.length + 1)
    })

    it("contacts with my categories and note; delete is silent", async () => {
      const [a, b] = [await signup("eva"), await signup("finn")]
      await connect(a, b)
      const patched = await call("PATCH", `/v1/contacts/${b.handle}`, {
        cookie: a.cookie,
        body: { note: "Messe 2026", importance: "high" },
      })
      expect(await patched.json()).toMatchObject({ note: "Messe 2026", importance: "high" })
      const listed = await json<{ items: { member: { handle: string } }[] }>(
        call("GET", "/v1/contacts?sort=name", { cookie: a.cookie }),
      )
      expect(listed.items.map((c) => c.member.handle)).toEqual([b.handle])
      const told = await notifications(b)
      expect((await call("DELETE", `/v1/contacts/${b.handle}`, { cookie: a.cookie })).status).toBe(
        204,
      )
      expect(await notifications(b)).toEqual(told)
      expect(await json(call("GET", "/v1/contacts", { cookie: b.cookie }))).toMatchObject({
        items: [],
      })
    })

    it("the feed: a post reaches contacts, a like carries it on, and connection news", async () => {
      const [a, b, c] = [await signup("gus"), await signup("hella"), await signup("ines")]
      await connect(a, b)
      await connect(b, c)
      const feedOf = (m: Member) =>
        json<{
          items: {
            kind: string
            post: { id: string; text: string } | null
            broughtBy: { reason: string }[]
          }[]
        }>(call("GET", "/v1/feed", { cookie: m.cookie }))
      // Connection news: a, a contact of b, hears that b connected with c.
      expect((await feedOf(a)).items.some((i) => i.kind === "connection")).toBe(true)
      const post = await json<{ id: string }>(
        call("POST", "/v1/posts", {
          cookie: c.cookie,
          body: { text: "Weiterempfehlungen", link: "https://example.org" },
        }),
      )
      expect((await call("POST", `/v1/posts/${post.id}/like`, { cookie: b.cookie })).status).toBe(
        204,
      )
      const seen = (await feedOf(a)).items.find((i) => i.post?.id === post.id)
      expect(seen?.broughtBy.map((x) => x.reason)).toEqual(["liked"])
      expect(
        (
          await call("POST", `/v1/posts/${post.id}/comments`, {
            cookie: b.cookie,
            body: { text: "Gut!" },
          })
        ).status,
      ).toBe(201)
      expect(JSON.stringify(await notifications(c))).toContain("postLiked")
    })

    it("the contact behind the contact: suggestions, path, mutual contacts, reach", async () => {
      const [a, b, c] = [await signup("jan"), await signup("kai"), await signup("lea")]
      await connect(a, b)
      await connect(b, c)
      const suggestions = await json<{
        items: { member: { handle: string }; mutualCount: number; via: string[] }[]
      }>(call("GET", "/v1/network/suggestions", { cookie: a.cookie }))
      expect(suggestions.items.find((s) => s.member.handle === c.handle)).toMatchObject({
        mutualCount: 1,
        via: [b.handle],
      })
      const path = await json<{ degree: number; path: { handle: string }[] }>(
        call("GET", `/v1/network/path/${c.handle}`, { cookie: a.cookie }),
      )
      expect(path.degree).toBe(2)
      expect(path.path.map((m) => m.handle)).toEqual([a.handle, b.handle, c.handle])
      const profile = await json<{ mutualContacts: { handle: string }[] }>(
        call("GET", `/v1/members/${c.handle}`, { cookie: a.cookie }),
      )
      expect(profile.mutualContacts.map((m) => m.handle)).toEqual([b.handle])
      expect(
        await json(call("GET", "/v1/network/reach?baseRate=0.1", { cookie: a.cookie })),
      ).toMatchObject({
        first: 1,
        thirdEstimated: false,
      })
    })

    it("reviews come due, and delete silently", async () => {
      const [a, b] = [await signup("mia"), await signup("nils")]
      await connect(a, b)
      const due = await json<{
        items: { contact: { member: { handle: string } }; recommendation: string }[]
      }>(call("GET", "/v1/reviews/due", { cookie: a.cookie }))
      expect(due.items.map((d) => d.contact.member.handle)).toEqual([b.handle])
      const told = await notifications(b)
      const decided = await call("POST", "/v1/reviews", {
        cookie: a.cookie,
        body: { handle: b.handle, decision: "delete" },
      })
      expect(decided.status).toBe(200)
      expect(await notifications(b)).toEqual(told)
      expect(await json(call("GET", "/v1/reviews/history", { cookie: a.cookie }))).toMatchObject({
        items: [{ decision: "delete" }],
      })
    })

    it("groups: create, join, list members; blocks hide both ways", async () => {
      const [a, b] = [await signup("ole"), await signup("pam")]
      const group = await json<{ id: string }>(
        call("POST", "/v1/groups", { cookie: a.cookie, body: { name: "K." } }),
      )
      expect((await call("POST", `/v1/groups/${group.id}/join`, { cookie: b.cookie })).status).toBe(
        204,
      )
      const members = await json<{ items: { handle: string }[] }>(
        call("GET", `/v1/groups/${group.id}/members`, { cookie: b.cookie }),
      )
      expect(members.items.map((m) => m.handle)).toEqual([a.handle])
      expect(
        (await call("POST", `/v1/members/${b.handle}/block`, { cookie: a.cookie })).status,
      ).toBe(204)
      expect((await call("GET", `/v1/members/${a.handle}`, { cookie: b.cookie })).status).toBe(404)
      expect(
        (await call("POST", "/v1/requests", { cookie: b.cookie, body: { to: a.handle } })).status,
      ).toBe(404)
    })

    it("refuses bad input with problem+json, never a 5xx; others' things are 404", async () => {
      const [a, b] = [await signup("quin"), await signup("rosa")]
      const id = await send(a, b)
      const cases: [string, string, Parameters<typeof call>[2], number][] = [
        [
          "POST",
          "/v1/posts",
          { cookie: a.cookie, raw: "{not json", headers: { "content-type": "application/json" } },
          400,
        ],
        ["POST", "/v1/posts", { cookie: a.cookie, body: { text: "x", extra: 1 } }, 400],
        [
          "POST",
          "/v1/posts",
          { cookie: a.cookie, raw: "text", headers: { "content-type": "text/plain" } },
          415,
        ],
        ["GET", "/v1/contacts?cursor=forged", { cookie: a.cookie }, 400],
        ["GET", "/v1/contacts?limit=1000", { cookie: a.cookie }, 400],
        ["POST", `/v1/requests/${id}/accept`, { cookie: a.cookie, body: {} }, 404],
        [
          "POST",
          "/v1/requests",
          { cookie: a.cookie, body: { to: b.handle, message: "x".repeat(301) } },
          400,
        ],
        ["GET", "/v1/me", {}, 401],
        [
          "POST",
          "/v1/posts",
          { cookie: a.cookie, body: { text: "x" }, headers: { origin: "https://evil.example" } },
          403,
        ],
      ]
      for (const [method, path, options, status] of cases) {
        const res = await call(method, path, options)
        expect(res.status, `${method} ${path}`).toBe(status)
        expect(res.headers.get("content-type"), `${method} ${path}`).toContain(
          "application/problem+json",
        )
      }
      const huge = await sendHuge(
        `${target.url}/v1/posts`,
        { cookie: a.cookie, origin: target.url, "content-type": "application/json" },
        1_100_000,
      )
      expect(huge).toEqual({
        status: 413,
        type: expect.stringContaining("application/problem+json"),
      })
      expect(await json(call("GET", "/v1/requests/incoming", { cookie: b.cookie }))).toMatchObject({
        items: [{ id }],
      })
    })
  })
