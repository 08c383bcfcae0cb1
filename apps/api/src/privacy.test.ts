/**
 * Privacy: ignore, withdraw, delete and block are silent to the other side,
 * provably — these tests compare what the other side sees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "./test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T
const notificationsOf = (handle: string) =>
  t.query<{ kind: string }>(
    "SELECT n.kind FROM notifications n JOIN members m ON m.id = n.recipient_id WHERE m.handle = ? ORDER BY n.at, n.id",
    [handle],
  )

/** Everything a member can read about another member and their requests. */
const viewOf = async (me: { cookie: string }, other: { handle: string }) => ({
  outgoing: await (await t.call("GET", "/v1/requests/outgoing", { cookie: me.cookie })).text(),
  incoming: await (await t.call("GET", "/v1/requests/incoming", { cookie: me.cookie })).text(),
  profile: await (await t.call("GET", `/v1/members/${other.handle}`, { cookie: me.cookie })).text(),
  directory: await (
    await t.call("GET", `/v1/members?q=${other.handle}`, { cookie: me.cookie })
  ).text(),
  contacts: await (await t.call("GET", "/v1/contacts", { cookie: me.cookie })).text(),
})

describe("what the other side sees", () => {
  it("the sender's responses about an ignored request are byte-identical to those about a pending one", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", {
        cookie: ada.cookie,
        body: { to: bob.handle, message: "Hallo" },
      }),
    )
    const before = await viewOf(ada, bob)
    const toldBefore = await notificationsOf(ada.handle)
    t.advanceDays(2)
    expect(
      (await t.call("POST", `/v1/requests/${request.id}/ignore`, { cookie: bob.cookie })).status,
    ).toBe(204)
    expect(await viewOf(ada, bob)).toEqual(before)
    expect(await notificationsOf(ada.handle)).toEqual(toldBefore)
    // Sending again reads the same too: the request is open, whatever bob did.
    const again = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle },
    })
    expect(await json(again)).toMatchObject({ code: "RequestAlreadyOpen" })
  })

  it("withdraw: the recipient gets no notification, and no field says it happened", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const neverAsked = await viewOf(bob, ada)
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: bob.handle } }),
    )
    const told = await notificationsOf(bob.handle)
    expect(
      (await t.call("POST", `/v1/requests/${request.id}/withdraw`, { cookie: ada.cookie })).status,
    ).toBe(204)
    expect(await notificationsOf(bob.handle)).toEqual(told)
    expect(await viewOf(bob, ada)).toEqual(neverAsked)
    // Bob may ask Ada at once: the cooldown binds only the one who withdrew.
    expect(
      (await t.call("POST", "/v1/requests", { cookie: bob.cookie, body: { to: ada.handle } }))
        .status,
    ).toBe(201)
  })

  it("a request no longer open answers its recipient exactly as an unknown id does", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const unknown = "01J0000000000000000000000X"
    const answers = async (id: string) => [
      await (await t.call("POST", `/v1/requests/${id}/accept`, { cookie: bob.cookie })).text(),
      await (await t.call("POST", `/v1/requests/${id}/ignore`, { cookie: bob.cookie })).text(),
    ]
    const { request } = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: bob.handle } }),
    )
    await t.call("POST", `/v1/requests/${request.id}/withdraw`, { cookie: ada.cookie })
    const before = await t.snapshot()
    expect(await answers(request.id)).toEqual(await answers(unknown))
    expect((await answers(unknown))[0]).toContain("RequestNotFound")
    expect(await t.snapshot()).toEqual(before)
  })

  it("a request taken away by the recipient's block is, to its sender, gone like one to a deleted member", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const cem = await t.signup("cem")
    const send = async (to: { handle: string }) =>
      (
        await json<{ request: { id: string } }>(
          await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: to.handle } }),
        )
      ).request.id
    const toBob = await send(bob)
    const toCem = await send(cem)
    await t.call("POST", `/v1/members/${ada.handle}/block`, { cookie: bob.cookie })
    await t.call("DELETE", "/v1/me", {
      cookie: cem.cookie,
      body: { password: "correct horse battery" },
    })
    const withdraw = async (id: string) => {
      const res = await t.call("POST", `/v1/requests/${id}/withdraw`, { cookie: ada.cookie })
      return [res.status, await res.text()]
    }
    expect(await withdraw(toBob)).toEqual(await withdraw(toCem))
    expect((await withdraw(toBob))[0]).toBe(404)
  })

  it("delete: the other side gets no notification; they see only that the connection is gone", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    const strangers = await viewOf(ada, bob)
    await t.connect(ada, bob)
    const told = await notificationsOf(ada.handle)
    expect(
      (await t.call("DELETE", `/v1/contacts/${ada.handle}`, { cookie: bob.cookie })).status,
    ).toBe(204)
    expect(await notificationsOf(ada.handle)).toEqual(told)
    // Exactly as before they ever connected.
    expect(await viewOf(ada, bob)).toEqual(strangers)
  })

  it("block: the blocked member sees exactly what they see for a member that does not exist", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    await t.connect(ada, bob)
    const told = await notificationsOf(ada.handle)
    expect(
      (await t.call("POST", `/v1/members/${ada.handle}/block`, { cookie: bob.cookie })).status,
    ).toBe(204)
    expect(
      (await t.call("POST", `/v1/members/${ada.handle}/block`, { cookie: bob.cookie })).status,
    ).toBe(204)
    expect(await notificationsOf(ada.handle)).toEqual(told)
    const ghost = "nobody-at-all"
    const pairs: [string, string][] = [
      [`/v1/members/${bob.handle}`, `/v1/members/${ghost}`],
      [`/v1/members/${bob.handle}/photo`, `/v1/members/${ghost}/photo`],
      [`/v1/contacts/${bob.handle}`, `/v1/contacts/${ghost}`],
    ]
    for (const [real, missing] of pairs) {
      const a = await t.call("GET", real, { cookie: ada.cookie })
      const b = await t.call("GET", missing, { cookie: ada.cookie })
      expect(a.status).toBe(404)
      expect(await a.text()).toBe(await b.text())
    }
    const sendReal = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: bob.handle },
    })
    const sendGhost = await t.call("POST", "/v1/requests", {
      cookie: ada.cookie,
      body: { to: ghost },
    })
    expect(sendReal.status).toBe(404)
    expect(await sendReal.text()).toBe(await sendGhost.text())
    const directory = await json<{ items: unknown[] }>(
      await t.call("GET", `/v1/members?q=${bob.handle}`, { cookie: ada.cookie }),
    )
    expect(directory.items).toEqual([])
  })

  it("to a member blocked by A, A is gone everywhere, exactly as a deleted account is", async () => {
    // Two worlds with the same history: in one, A blocks B; in the other, A deletes the account.
    const world = async (end: "block" | "delete") => {
      const a = await t.signup("ann")
      const b = await t.signup("ben")
      const c = await t.signup("cleo")
      await t.connect(b, a)
      await t.connect(c, a)
      await t.connect(c, b)
      const group = await json<{ id: string }>(
        await t.call("POST", "/v1/groups", { cookie: c.cookie, body: { name: `Gruppe ${end}` } }),
      )
      for (const m of [a, b])
        await t.call("POST", `/v1/groups/${group.id}/join`, { cookie: m.cookie })
      const postOf = async (m: { cookie: string }, text: string) =>
        (
          await json<{ id: string }>(
            await t.call("POST", "/v1/posts", { cookie: m.cookie, body: { text } }),
          )
        ).id
      const bPost = await postOf(b, "Bens Beitrag")
      const cPost = await postOf(c, "Cleos Beitrag")
      for (const id of [bPost, cPost]) {
        await t.call("POST", `/v1/posts/${id}/like`, { cookie: a.cookie })
        await t.call("POST", `/v1/posts/${id}/comments`, {
          cookie: a.cookie,
          body: { text: "Ann sagt" },
        })
      }
      await t.call("POST", `/v1/posts/${cPost}/comments`, {
        cookie: c.cookie,
        body: { text: "Cleo sagt" },
      })
      t.advanceDays(91)
      const [a2, b2, c2] = [await t.relogin(a), await t.relogin(b), await t.relogin(c)]
      await t.call("POST", "/v1/reviews", {
        cookie: b2.cookie,
        body: { handle: a.handle, decision: "keep" },
      })
      const aId = String(
        (await t.query("SELECT id FROM members WHERE handle = ?", [a.handle]))[0]?.["id"],
      )
      if (end === "block")
        expect(
          (await t.call("POST", `/v1/members/${b.handle}/block`, { cookie: a2.cookie })).status,
        ).toBe(204)
      else
        expect(
          (
            await t.call("DELETE", "/v1/me", {
              cookie: a2.cookie,
              body: { password: "correct horse battery" },
            })
          ).status,
        ).toBe(204)
      const get = async (path: string) => json(await t.call("GET", path, { cookie: b2.cookie }))
      const seen = {
        notifications: await get("/v1/notifications"),
        history: await get("/v1/reviews/history"),
        exported: await get("/v1/me/export"),
        cPost: await get(`/v1/posts/${cPost}`),
        cComments: await get(`/v1/posts/${cPost}/comments`),
        group: await get(`/v1/groups/${group.id}`),
      }
      // What differs between the worlds by construction: the members' own handles, names and ids.
      const text = JSON.stringify(seen)
        .replaceAll(a.handle, "<a>")
        .replaceAll(b.handle, "<b>")
        .replaceAll(c.handle, "<c>")
        .replace(/"(id|subjectId|postId|requestId)":"[^"]+"/g, '"$1":"<id>"')
        .replace(
          /"(at|createdAt|exportedAt|connectedAt|readAt|lastUsedAt|expiresAt|joinedAt|reviewDueAt|updatedAt)":"[^"]+"/g,
          '"$1":"<t>"',
        )
        .replaceAll(`Gruppe ${end}`, "<group>")
      void c2
      return { text, aId, aHandle: a.handle, seen }
    }
    const blocked = await world("block")
    const deleted = await world("delete")
    expect(blocked.text).not.toContain(blocked.aId)
    expect(blocked.text).not.toContain("<a>")
    expect(blocked.text).toEqual(deleted.text)
    // Counts agree with the lists: Cleo's post shows one comment (Cleo's own), and no like.
    expect(blocked.seen.cPost).toMatchObject({ likes: 0, comments: 1 })
    expect(blocked.seen.group).toMatchObject({ memberCount: 2 })
    // The blocker's handle is as taken as the deleted member's: sign-up tells nothing.
    const signupAs = async (handle: string) =>
      (
        await t.call("POST", "/v1/auth/signup", {
          headers: { "X-Test-Address": "192.0.2.200" },
          body: {
            email: `${handle}.new@example.org`,
            password: "correct horse battery",
            handle,
            displayName: "X",
          },
        })
      ).text()
    expect(await signupAs(blocked.aHandle)).toEqual(await signupAs(deleted.aHandle))
    expect(await signupAs(deleted.aHandle)).toContain("HandleTaken")
  })

  it("a post keeps to its audience: to anyone it was not delivered to, it does not exist", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob") // Ada's contact
    const cem = await t.signup("cem") // Bob's contact, a stranger to Ada
    const dan = await t.signup("dan") // a stranger to both
    await t.connect(ada, bob)
    await t.connect(bob, cem)
    const { id } = await json<{ id: string }>(
      await t.call("POST", "/v1/posts", {
        cookie: ada.cookie,
        body: { text: "Nur für meine Kontakte" },
      }),
    )
    const unknown = "01J0000000000000000000000X"
    const tries = (m: { cookie: string }, post: string) =>
      [
        ["GET", `/v1/posts/${post}`],
        ["GET", `/v1/posts/${post}/comments`],
        ["POST", `/v1/posts/${post}/like`],
        ["POST", `/v1/posts/${post}/comments`, { text: "Hallo" }],
        ["POST", `/v1/posts/${post}/share`, {}],
        ["POST", `/v1/posts/${post}/flag`],
        ["DELETE", `/v1/posts/${post}/flag`],
      ].map(async ([method, path, body]) => {
        const res = await t.call(String(method), String(path), {
          cookie: m.cookie,
          ...(body === undefined ? {} : { body }),
        })
        return `${res.status} ${await res.text()}`
      })
    const answers = (m: { cookie: string }, post: string) => Promise.all(tries(m, post))
    const before = await t.snapshot()
    // A stranger who has the id: exactly what an unknown id gets, and nothing changes.
    expect(await answers(dan, id)).toEqual(await answers(dan, unknown))
    expect(await t.snapshot()).toEqual(before)
    // Cem reads it once Bob's like brings it to him — as his feed would.
    expect((await t.call("GET", `/v1/posts/${id}`, { cookie: cem.cookie })).status).toBe(404)
    expect((await t.call("POST", `/v1/posts/${id}/like`, { cookie: bob.cookie })).status).toBe(204)
    expect((await t.call("GET", `/v1/posts/${id}`, { cookie: cem.cookie })).status).toBe(200)
    // A contact deleted loses the post, silently: their like is refused, the author told nothing.
    expect(
      (await t.call("DELETE", `/v1/contacts/${bob.handle}`, { cookie: ada.cookie })).status,
    ).toBe(204)
    const toldNow = await notificationsOf(ada.handle)
    const unchanged = await t.snapshot()
    expect(await answers(bob, id)).toEqual(await answers(bob, unknown))
    expect(await notificationsOf(ada.handle)).toEqual(toldNow)
    expect(await t.snapshot()).toEqual(unchanged)
  })

  it("nothing of my record of a contact — categories, note, importance, reviews — reaches them", async () => {
    const ada = await t.signup("ada")
    const bob = await t.signup("bob")
    await t.connect(ada, bob)
    const cat = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", {
        cookie: bob.cookie,
        body: { name: "SecretCategoryName" },
      }),
    )
    await t.call("PATCH", `/v1/contacts/${ada.handle}`, {
      cookie: bob.cookie,
      body: { categoryIds: [cat.id], note: "SecretNoteText", importance: "high" },
    })
    t.advanceDays(91)
    const bob2 = await t.relogin(bob)
    const ada2 = await t.relogin(ada)
    await t.call("POST", "/v1/reviews", {
      cookie: bob2.cookie,
      body: { handle: ada.handle, decision: "mute" },
    })
    const everything = [
      await (await t.call("GET", `/v1/contacts/${bob.handle}`, { cookie: ada2.cookie })).text(),
      await (await t.call("GET", "/v1/contacts", { cookie: ada2.cookie })).text(),
      await (await t.call("GET", `/v1/members/${bob.handle}`, { cookie: ada2.cookie })).text(),
      await (await t.call("GET", "/v1/categories", { cookie: ada2.cookie })).text(),
      await (await t.call("GET", "/v1/reviews/history", { cookie: ada2.cookie })).text(),
      await (await t.call("GET", "/v1/reviews/due", { cookie: ada2.cookie })).text(),
      await (await t.call("GET", "/v1/me", { cookie: ada2.cookie })).text(),
    ].join("\n")
    for (const secret of [
      "SecretCategoryName",
      "SecretNoteText",
      cat.id,
      '"muted":true',
      '"importance":"high"',
    ]) {
      expect(everything).not.toContain(secret)
    }
  })
})

describe("authorization: one member can never act on another's things", () => {
  it("A gets 404 on every id- or handle-taking route with B's ids", async () => {
    const a = await t.signup("aa")
    const b = await t.signup("bb")
    const c = await t.signup("cc")
    const bCategory = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: b.cookie, body: { name: "B's" } }),
    )
    const bToken = await json<{ id: string }>(
      await t.call("POST", "/v1/tokens", { cookie: b.cookie, body: { name: "B's token" } }),
    )
    const bToC = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: b.cookie, body: { to: c.handle } }),
    )
    const d = await t.signup("dd")
    const dToB = await json<{ request: { id: string } }>(
      await t.call("POST", "/v1/requests", { cookie: d.cookie, body: { to: b.handle } }),
    )
    const attempts: [string, string, unknown?][] = [
      ["POST", `/v1/requests/${dToB.request.id}/accept`],
      ["POST", `/v1/requests/${dToB.request.id}/ignore`],
      ["POST", `/v1/requests/${dToB.request.id}/withdraw`],
      ["POST", `/v1/requests/${bToC.request.id}/withdraw`],
      ["PATCH", `/v1/categories/${bCategory.id}`, { name: "mine now" }],
      ["DELETE", `/v1/categories/${bCategory.id}`],
      ["DELETE", `/v1/tokens/${bToken.id}`],
      ["GET", `/v1/contacts/${c.handle}`],
      ["PATCH", `/v1/contacts/${c.handle}`, { note: "x" }],
      ["DELETE", `/v1/contacts/${c.handle}`],
      ["POST", "/v1/reviews", { handle: c.handle, decision: "delete" }],
    ]
    const before = await t.snapshot()
    for (const [method, path, body] of attempts) {
      const res = await t.call(method, path, {
        cookie: a.cookie,
        ...(body === undefined ? {} : { body }),
      })
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    expect(await t.snapshot()).toEqual(before)
    // And B's things still work for B.
    expect(
      (
        await t.call("PATCH", `/v1/categories/${bCategory.id}`, {
          cookie: b.cookie,
          body: { name: "still B's" },
        })
      ).status,
    ).toBe(200)
  })
})
