import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { kontaktClient } from "./client.js"
import { makeTestApp, type TestApp } from "./test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

describe("the typed client", () => {
  it("drives the API with typed routes and typed responses", async () => {
    const me = await t.signup("typed")
    const token = (
      (await (
        await t.call("POST", "/v1/tokens", { cookie: me.cookie, body: { name: "client" } })
      ).json()) as { token: string }
    ).token
    const api = kontaktClient("http://localhost", {
      headers: { Authorization: `Bearer ${token}` },
      fetch: (input: string | URL | Request, init?: RequestInit) =>
        t.app.request(input instanceof Request ? input : String(input), init),
    })
    const created = await api.v1.categories.$post({ json: { name: "Kunden", reviewEveryDays: 60 } })
    expect(created.status).toBe(201)
    if (created.status === 201) {
      const category = await created.json()
      expect(category.name).toBe("Kunden")
    }
    const mine = await api.v1.me.$get()
    if (mine.status !== 200) throw new Error(`unexpected ${mine.status}`)
    expect((await mine.json()).handle).toBe(me.handle)
  })
})

describe("documented errors not covered elsewhere", () => {
  it("logout and the directory need a member; an unknown group is 404 for join, leave and members", async () => {
    expect((await t.call("POST", "/v1/auth/logout")).status).toBe(401)
    expect((await t.call("GET", "/v1/members")).status).toBe(401)
    const me = await t.signup("someone")
    for (const [method, path] of [
      ["POST", "/v1/groups/nope/join"],
      ["POST", "/v1/groups/nope/leave"],
      ["GET", "/v1/groups/nope/members"],
    ] as const) {
      const res = await t.call(method, path, { cookie: me.cookie })
      expect(res.status, path).toBe(404)
      expect(((await res.json()) as { code: string }).code).toBe("GroupNotFound")
    }
  })
})
