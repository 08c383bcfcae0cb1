/**
 * Hostile and broken input on every route: a clear 4xx problem+json, never a
 * 500, and the database unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, ORIGIN, type TestApp } from "./test-support.js"

let t: TestApp
let me: { handle: string; cookie: string; email: string }
let other: { handle: string; cookie: string; email: string }
let requestId: string
let categoryId: string
let postId: string
let introductionId: string

beforeAll(async () => {
  t = await makeTestApp()
  me = await t.signup("me")
  other = await t.signup("other")
  const third = await t.signup("third")
  await t.connect(other, me)
  const sent = (await (
    await t.call("POST", "/v1/requests", { cookie: third.cookie, body: { to: me.handle } })
  ).json()) as { request: { id: string } }
  requestId = sent.request.id
  categoryId = (
    (await (
      await t.call("POST", "/v1/categories", { cookie: me.cookie, body: { name: "Kunden" } })
    ).json()) as { id: string }
  ).id
  // A contact of mine asks me to introduce them to another contact of mine.
  const fourth = await t.signup("fourth")
  await t.connect(fourth, me)
  introductionId = (
    (await (
      await t.call("POST", "/v1/introductions", {
        cookie: fourth.cookie,
        body: { via: me.handle, to: other.handle, message: "Stellst Du mich vor?" },
      })
    ).json()) as { introduction: { id: string } }
  ).introduction.id
  postId = (
    (await (
      await t.call("POST", "/v1/posts", { cookie: other.cookie, body: { text: "Ein Beitrag" } })
    ).json()) as {
      id: string
    }
  ).id
})
afterAll(() => t.close())

/** Every route that takes a JSON body, with a valid body to vary. */
const bodyRoutes = (): [string, string, Record<string, unknown>][] => [
  [
    "POST",
    "/v1/auth/signup",
    {
      email: "new@example.org",
      password: "correct horse battery",
      handle: "newbie",
      displayName: "New",
    },
  ],
  ["POST", "/v1/auth/login", { email: "x@example.org", password: "whatever" }],
  ["PATCH", "/v1/me", { headline: "Hi", settings: { requireMessage: true } }],
  ["POST", "/v1/tokens", { name: "token" }],
  ["POST", "/v1/groups", { name: "Group" }],
  ["POST", "/v1/requests", { to: other.handle, message: "Hallo" }],
  ["POST", `/v1/requests/${requestId}/accept`, { categoryIds: [categoryId], note: "n" }],
  ["PATCH", `/v1/contacts/${other.handle}`, { note: "n", importance: "high" }],
  ["POST", "/v1/categories", { name: "New category" }],
  ["PATCH", `/v1/categories/${categoryId}`, { name: "Renamed" }],
  ["POST", "/v1/reviews", { handle: other.handle, decision: "keep" }],
  ["POST", "/v1/posts", { text: "Hallo", link: "https://example.org" }],
  ["POST", `/v1/posts/${postId}/comments`, { text: "Stark" }],
  ["POST", `/v1/posts/${postId}/share`, { text: "Lesenswert" }],
  ["POST", "/v1/introductions", { via: other.handle, to: "someone", message: "Hallo" }],
  ["POST", `/v1/introductions/${introductionId}/forward`, { note: "Gern" }],
  ["POST", `/v1/members/${other.handle}/recommend`, { to: ["fourth"], note: "Kennt sich aus" }],
]

const send = (
  method: string,
  path: string,
  body: string | undefined,
  contentType: string | undefined = "application/json",
) =>
  t.app.request(path, {
    method,
    headers: {
      Cookie: me.cookie,
      Origin: ORIGIN,
      ...(contentType === undefined ? {} : { "Content-Type": contentType }),
    },
    ...(body === undefined ? {} : { body }),
  })

const expectRefused = async (res: Response, label: string) => {
  expect(res.status, label).toBeGreaterThanOrEqual(400)
  expect(res.status, label).toBeLessThan(500)
  expect(res.headers.get("content-type"), label).toBe("application/problem+json")
  const problem = (await res.json()) as { status: number; code: string }
  expect(problem.status, label).toBe(res.status)
  expect(typeof problem.code, label).toBe("string")
}

const huge = "x".repeat(100_000)
const variants = (valid: Record<string, unknown>): [string, string][] => {
  const out: [string, string][] = [
    ["malformed JSON", '{"a": '],
    ["a JSON array", "[]"],
    ["a JSON string", '"hello"'],
    ["unknown field", JSON.stringify({ ...valid, isAdmin: true })],
  ]
  for (const key of Object.keys(valid)) {
    for (const [name, value] of [
      ["a number", 42],
      ["an array", [1, 2]],
      ["null", null],
      ["an object", { $gt: "" }],
    ] as const) {
      out.push([`${key} as ${name}`, JSON.stringify({ ...valid, [key]: value })])
    }
    if (typeof valid[key] === "string")
      out.push([`${key} oversized`, JSON.stringify({ ...valid, [key]: huge })])
  }
  return out
}

describe("bad input on every route", () => {
  it("malformed, mistyped, unknown, oversized fields → 4xx problem, database unchanged", async () => {
    const before = await t.snapshot()
    for (const [method, path, valid] of bodyRoutes()) {
      for (const [label, body] of variants(valid)) {
        const res = await send(method, path, body)
        // A handful of variants are valid for PATCH /v1/me's optional object (e.g. nothing); none may succeed silently here.
        await expectRefused(res, `${method} ${path}: ${label}`)
      }
    }
    expect(await t.snapshot()).toEqual(before)
  })

  it("wrong or missing content type → 415; bodies over 1 MiB → 413 before they are read", async () => {
    const before = await t.snapshot()
    for (const [method, path, valid] of bodyRoutes()) {
      const res415 = await send(method, path, JSON.stringify(valid), "text/plain")
      expect([400, 415], `${method} ${path} text/plain`).toContain(res415.status)
      await expectRefused(res415, `${method} ${path}`)
      const res413 = await send(
        method,
        path,
        JSON.stringify({ ...valid, pad: "x".repeat(1_100_000) }),
      )
      expect(res413.status, `${method} ${path} big`).toBe(413)
      await expectRefused(res413, `${method} ${path} big`)
    }
    expect(await t.snapshot()).toEqual(before)
  })

  it("SQL-like and script-like strings in handles and ids are refused; as text they are stored verbatim, never run", async () => {
    const before = await t.snapshot()
    const hostile = [
      "'; DROP TABLE members; --",
      '" OR 1=1 --',
      "<script>alert(1)</script>",
      "../../etc/passwd",
      "%00",
      "Robert'); DROP TABLE contacts;--",
    ]
    for (const h of hostile) {
      const enc = encodeURIComponent(h)
      await expectRefused(
        await t.call("GET", `/v1/members/${enc}`, { cookie: me.cookie }),
        `member ${h}`,
      )
      await expectRefused(
        await t.call("GET", `/v1/contacts/${enc}`, { cookie: me.cookie }),
        `contact ${h}`,
      )
      await expectRefused(
        await t.call("POST", `/v1/requests/${enc}/accept`, { cookie: me.cookie }),
        `accept ${h}`,
      )
      await expectRefused(
        await t.call("DELETE", `/v1/categories/${enc}`, { cookie: me.cookie }),
        `category ${h}`,
      )
      await expectRefused(
        await t.call("POST", "/v1/requests", { cookie: me.cookie, body: { to: h } }),
        `to ${h}`,
      )
    }
    expect(await t.snapshot()).toEqual(before)
    const note = "'; DROP TABLE contacts; -- <script>alert(1)</script>"
    const res = await t.call("PATCH", `/v1/contacts/${other.handle}`, {
      cookie: me.cookie,
      body: { note },
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { note: string }).note).toBe(note)
    expect((await t.snapshot())["contacts"]).toBe(before["contacts"])
  })

  it("path traversal in ids → 4xx", async () => {
    for (const path of [
      "/v1/requests/..%2F..%2Fetc%2Fpasswd/accept",
      "/v1/categories/..%2F..%2F",
      "/v1/tokens/%2e%2e%2f%2e%2e%2f",
      "/v1/groups/..%5c..%5cwindows",
    ]) {
      const method = path.includes("accept") ? "POST" : path.includes("groups") ? "GET" : "DELETE"
      await expectRefused(await t.call(method, path, { cookie: me.cookie }), path)
    }
  })

  it("negative, huge, non-numeric limits and forged cursors → 400", async () => {
    const lists = [
      "/v1/requests/incoming",
      "/v1/requests/outgoing",
      "/v1/contacts",
      "/v1/members",
      "/v1/groups",
      "/v1/reviews/due",
      "/v1/reviews/history",
      "/v1/feed",
      "/v1/notifications",
      "/v1/introductions/incoming",
      "/v1/introductions/outgoing",
    ]
    for (const list of lists) {
      for (const q of [
        "limit=-1",
        "limit=0",
        "limit=101",
        "limit=1000000000000",
        "limit=abc",
        "limit=1.5",
      ]) {
        await expectRefused(
          await t.call("GET", `${list}?${q}`, { cookie: me.cookie }),
          `${list}?${q}`,
        )
      }
    }
    for (const list of [
      "/v1/requests/incoming",
      "/v1/requests/outgoing",
      "/v1/contacts",
      "/v1/members",
      "/v1/groups",
      "/v1/feed",
      "/v1/notifications",
    ]) {
      await expectRefused(
        await t.call("GET", `${list}?cursor=not-a-cursor`, { cookie: me.cookie }),
        `${list} cursor`,
      )
      const forged = Buffer.from(JSON.stringify({ k: "x", id: "y", admin: true })).toString(
        "base64url",
      )
      await expectRefused(
        await t.call("GET", `${list}?cursor=${forged}`, { cookie: me.cookie }),
        `${list} forged cursor`,
      )
    }
    await expectRefused(
      await t.call("GET", "/v1/contacts?sort=evil", { cookie: me.cookie }),
      "sort",
    )
    await expectRefused(
      await t.call("GET", "/v1/requests/incoming?state=accepted", { cookie: me.cookie }),
      "state",
    )
  })

  it("unknown routes and methods answer a problem, not HTML", async () => {
    await expectRefused(
      await t.call("GET", "/v1/nothing-here", { cookie: me.cookie }),
      "unknown route",
    )
    await expectRefused(
      await t.call("PUT", "/v1/contacts", { cookie: me.cookie }),
      "unknown method",
    )
  })
})
