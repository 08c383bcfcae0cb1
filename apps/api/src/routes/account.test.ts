import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T

describe("my data", () => {
  it("export holds my profile, settings, contacts with my notes, categories, requests — my sent ones as I see them", async () => {
    const me = await t.signup("me")
    const friend = await t.signup("friend")
    const other = await t.signup("other")
    await t.connect(friend, me)
    await t.call("PATCH", `/v1/contacts/${friend.handle}`, {
      cookie: me.cookie,
      body: { note: "Messe Köln 2026" },
    })
    await t.call("POST", "/v1/categories", { cookie: me.cookie, body: { name: "Kunden" } })
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: me.cookie, body: { to: other.handle } }),
    )
    await t.call("POST", `/v1/requests/${request.id}/ignore`, { cookie: other.cookie })
    const res = await t.call("GET", "/v1/me/export", { cookie: me.cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-disposition")).toContain("attachment")
    const data = await json<{
      profile: { handle: string }
      contacts: { handle: string; note: string }[]
      categories: { name: string }[]
      requestsSent: { to: string; state: string }[]
      requestsReceived: { from: string }[]
    }>(res)
    expect(data.profile.handle).toBe(me.handle)
    expect(data.contacts).toMatchObject([{ handle: friend.handle, note: "Messe Köln 2026" }])
    expect(data.categories.map((c) => c.name)).toEqual(["Kunden"])
    expect(data.requestsSent).toMatchObject([{ to: other.handle, state: "pending" }])
    expect(data.requestsReceived).toMatchObject([{ from: friend.handle }])
    expect(JSON.stringify(data)).not.toContain("password")
    expect(JSON.stringify(data)).not.toContain("ignored")
  })

  it("deleting my account needs my password, removes me and my connections silently", async () => {
    const me = await t.signup("leaving")
    const friend = await t.signup("friend")
    await t.connect(friend, me)
    const before = await t.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM notifications n JOIN members m ON m.id = n.recipient_id WHERE m.handle = ?",
      [friend.handle],
    )
    expect(
      (
        await t.call("DELETE", "/v1/me", {
          cookie: me.cookie,
          body: { password: "wrong password!!" },
        })
      ).status,
    ).toBe(403)
    expect((await t.call("GET", "/v1/me", { cookie: me.cookie })).status).toBe(200)
    expect(
      (
        await t.call("DELETE", "/v1/me", {
          cookie: me.cookie,
          body: { password: "correct horse battery" },
        })
      ).status,
    ).toBe(204)
    expect((await t.call("GET", "/v1/me", { cookie: me.cookie })).status).toBe(401)
    expect(
      (await t.call("GET", `/v1/members/${me.handle}`, { cookie: friend.cookie })).status,
    ).toBe(404)
    expect(
      (
        await json<{ items: unknown[] }>(
          await t.call("GET", "/v1/contacts", { cookie: friend.cookie }),
        )
      ).items,
    ).toEqual([])
    const after = await t.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM notifications n JOIN members m ON m.id = n.recipient_id WHERE m.handle = ?",
      [friend.handle],
    )
    // The friend was told nothing new; what they had been told about the leaver is gone.
    expect(after[0]?.n).toBeLessThanOrEqual(before[0]?.n ?? 0)
    const rows = await t.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM members WHERE handle = ?",
      [me.handle],
    )
    expect(rows[0]?.n).toBe(0)
  })
})
