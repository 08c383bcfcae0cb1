import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T

describe("requests", () => {
  it("send → 201 pending; the recipient's inbox shows it with the verdict and its reasons", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const sent = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle, message: " Hallo Bob! ", foundVia: { kind: "search" } },
    })
    expect(sent.status).toBe(201)
    const { request } = await json<{
      request: { id: string; state: string; message: string; to: { handle: string } }
    }>(sent)
    expect(request).toMatchObject({
      state: "pending",
      message: "Hallo Bob!",
      to: { handle: bob.handle },
    })
    const inbox = await json<{
      items: { id: string; verdict: { reasons: { rule: string; passed: boolean }[] } }[]
    }>(await t.call("GET", "/v1/requests/incoming", { cookie: bob.cookie }))
    expect(inbox.items.map((i) => i.id)).toEqual([request.id])
    expect(inbox.items[0]?.verdict.reasons.find((r) => r.rule === "message")).toMatchObject({
      passed: true,
    })
    const outgoing = await json<{ items: { id: string; state: string }[] }>(
      await t.call("GET", "/v1/requests/outgoing", { cookie: ada.cookie }),
    )
    expect(outgoing.items).toMatchObject([{ id: request.id, state: "pending" }])
  })

  it("accept with a category → 200 with the contact, note pre-filled", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const cat = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: bob.cookie, body: { name: "Gruppe K." } }),
    )
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", {
        cookie: ada.cookie,
        body: { to: bob.handle, message: "Habe Dich in der Gruppe K. gefunden" },
      }),
    )
    const res = await t.call("POST", `/v1/requests/${request.id}/accept`, {
      cookie: bob.cookie,
      body: { categoryIds: [cat.id] },
    })
    expect(res.status).toBe(200)
    const { contact } = await json<{
      contact: { member: { handle: string }; categoryIds: string[]; note: string }
    }>(res)
    expect(contact.member.handle).toBe(ada.handle)
    expect(contact.categoryIds).toEqual([cat.id])
    expect(contact.note).toContain("Habe Dich in der Gruppe K. gefunden")
    // Accepted, it is no longer open: to its recipient, a request that does not exist.
    const again = await t.call("POST", `/v1/requests/${request.id}/accept`, { cookie: bob.cookie })
    expect(again.status).toBe(404)
    expect(await json(again)).toMatchObject({ code: "RequestNotFound" })
  })

  it("a request from a post says so to both: the recipient's inbox and note, the sender's note", async () => {
    const ada = await t.signup("ada", { settings: { locale: "de" } })
    const bob = await t.signup("bob")
    const sent = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle, message: "Dein Beitrag!", foundVia: { kind: "post", postId: "p1" } },
    })
    expect(sent.status).toBe(201)
    const { request } = (await sent.json()) as { request: { id: string } }
    const inbox = (await (
      await t.call("GET", "/v1/requests/incoming", { cookie: bob.cookie })
    ).json()) as { items: { id: string; foundVia: unknown }[] }
    expect(inbox.items.find((i) => i.id === request.id)?.foundVia).toEqual({
      kind: "post",
      postId: "p1",
    })
    const accepted = await t.call("POST", `/v1/requests/${request.id}/accept`, {
      cookie: bob.cookie,
    })
    expect(accepted.status).toBe(200)
    const note = async (owner: { cookie: string }, of: { handle: string }) =>
      (
        (await (
          await t.call("GET", `/v1/contacts/${of.handle}`, { cookie: owner.cookie })
        ).json()) as {
          note: string
        }
      ).note
    expect(await note(bob, ada)).toBe("Found me through one of my posts.\nMessage: “Dein Beitrag!”")
    expect(await note(ada, bob)).toBe(
      "Gefunden über einen Beitrag.\nMeine Anfrage: „Dein Beitrag!“",
    )
  })

  it("the sender's own categories wait with the request, unseen by the recipient, and land on the sender's record", async () => {
    const [ada, bob] = [await t.signup("catada"), await t.signup("catbob")]
    const category = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: ada.cookie, body: { name: "Messe Köln" } }),
    )
    const foreign = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle, categoryIds: ["not-mine"] },
    })
    expect(foreign.status).toBe(404)
    expect((await json<{ code: string }>(foreign)).code).toBe("CategoryNotFound")
    const sent = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle, message: "Hallo", categoryIds: [category.id] },
    })
    expect(sent.status).toBe(201)
    const { request } = await json<{ request: { id: string; categoryIds: string[] } }>(sent)
    expect(request.categoryIds).toEqual([category.id])
    const inbox = await (
      await t.call("GET", "/v1/requests/incoming", { cookie: bob.cookie })
    ).text()
    expect(inbox).not.toContain(category.id)
    await t.call("POST", `/v1/requests/${request.id}/accept`, { cookie: bob.cookie, body: {} })
    const contact = await json<{ categoryIds: string[] }>(
      await t.call("GET", `/v1/contacts/${bob.handle}`, { cookie: ada.cookie }),
    )
    expect(contact.categoryIds).toEqual([category.id])
  })

  it("a sender cannot claim to have been introduced: only a forwarded introduction says so", async () => {
    const [ada, bob] = [await t.signup("fakeada"), await t.signup("fakebob")]
    const res = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle, foundVia: { kind: "introduction", via: "someone" } },
    })
    expect(res.status).toBe(400)
    const inbox = await json<{ items: unknown[] }>(
      await t.call("GET", "/v1/requests/incoming", { cookie: bob.cookie }),
    )
    expect(inbox.items).toEqual([])
  })

  it("accept accepts no body at all", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: bob.handle } }),
    )
    expect(
      (await t.call("POST", `/v1/requests/${request.id}/accept`, { cookie: bob.cookie })).status,
    ).toBe(200)
  })

  it("ignore → 204; the request moves to the ignored tab; accept later still works", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: bob.handle } }),
    )
    expect(
      (await t.call("POST", `/v1/requests/${request.id}/ignore`, { cookie: bob.cookie })).status,
    ).toBe(204)
    const pending = await json<{ items: unknown[] }>(
      await t.call("GET", "/v1/requests/incoming?state=pending", { cookie: bob.cookie }),
    )
    const ignored = await json<{ items: { id: string; state: string }[] }>(
      await t.call("GET", "/v1/requests/incoming?state=ignored", { cookie: bob.cookie }),
    )
    expect(pending.items).toEqual([])
    expect(ignored.items).toMatchObject([{ id: request.id, state: "ignored" }])
    expect(
      (await t.call("POST", `/v1/requests/${request.id}/accept`, { cookie: bob.cookie })).status,
    ).toBe(200)
  })

  it("withdraw → 204, then asking again is 429 CooldownActive with Retry-After", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: bob.handle } }),
    )
    expect(
      (await t.call("POST", `/v1/requests/${request.id}/withdraw`, { cookie: ada.cookie })).status,
    ).toBe(204)
    const again = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle },
    })
    expect(again.status).toBe(429)
    expect(await json(again)).toMatchObject({ code: "CooldownActive" })
    expect(Number(again.headers.get("Retry-After"))).toBeGreaterThan(20 * 86_400)
  })

  it("crossing: sending to someone who asked you → 200 with the contact", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: bob.handle } })
    const res = await t.call("POST", "/v1/requests", {
      cookie: bob.cookie,
      body: { to: ada.handle },
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ contact: { member: { handle: ada.handle } } })
  })

  it("an acceptAll recipient connects at once → 200", async () => {
    const ada = await t.signup("ada")
    const open = await t.signup("open", { settings: { acceptance: { mode: "acceptAll" } } })
    const res = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: open.handle },
    })
    expect(res.status).toBe(200)
  })

  it("each refusal has its status and code", async () => {
    const ada = await t.signup("ada")
    const picky = await t.signup("picky", { settings: { requireMessage: true } })
    const closed = await t.signup("closed", { settings: { whoCanRequest: "sharedGroup" } })
    const send = (to: string, extra: Record<string, unknown> = {}) =>
      t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to, ...extra } })
    const cases: [Response, number, string][] = [
      [await send(picky.handle), 400, "MessageRequired"],
      [await send(closed.handle, { message: "Hallo" }), 403, "RequestNotAllowed"],
      [await send("no-such-member"), 404, "MemberNotFound"],
      [await send(ada.handle), 400, "CannotTargetSelf"],
    ]
    for (const [res, status, code] of cases) {
      expect(res.status, code).toBe(status)
      expect(res.headers.get("content-type")).toBe("application/problem+json")
      expect(await json(res)).toMatchObject({ status, code })
    }
    expect((await send(picky.handle, { message: "Hallo" })).status).toBe(201)
    const dup = await send(picky.handle, { message: "Hallo" })
    expect(dup.status).toBe(409)
    expect(await json(dup)).toMatchObject({ code: "RequestAlreadyOpen" })
  })

  it("the weekly limit answers 429 RateLimited with Retry-After", async () => {
    const spammer = await t.signup("spammer")
    const targets = []
    for (let i = 0; i < 101; i++) targets.push(await t.signup(`t${i}x`))
    const statuses: number[] = []
    for (const target of targets)
      statuses.push(
        (
          await t.call("POST", "/v1/requests", {
            cookie: spammer.cookie,
            body: { to: target.handle },
          })
        ).status,
      )
    expect(statuses.filter((s) => s === 201)).toHaveLength(100)
    const last = await t.call("POST", "/v1/requests", {
      cookie: spammer.cookie,
      body: { to: (await t.signup("late")).handle },
    })
    expect(last.status).toBe(429)
    expect(await json(last)).toMatchObject({ code: "RateLimited" })
    expect(Number(last.headers.get("Retry-After"))).toBeGreaterThan(0)
  })

  it("lists paginate with a cursor", async () => {
    const bob = await t.signup("popular")
    for (let i = 0; i < 5; i++) {
      const fan = await t.signup(`fan${i}`)
      await t.call("POST", "/v1/requests", { cookie: fan.cookie, body: { to: bob.handle } })
      t.advanceDays(0.001)
    }
    const first = await json<{ items: { id: string }[]; nextCursor: string }>(
      await t.call("GET", "/v1/requests/incoming?limit=3", { cookie: bob.cookie }),
    )
    expect(first.items).toHaveLength(3)
    const second = await json<{ items: { id: string }[]; nextCursor: string | null }>(
      await t.call("GET", `/v1/requests/incoming?limit=3&cursor=${first.nextCursor}`, {
        cookie: bob.cookie,
      }),
    )
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(5)
  })
})
