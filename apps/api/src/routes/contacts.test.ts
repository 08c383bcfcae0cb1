import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T
type ContactList = {
  items: { member: { handle: string }; categoryIds: string[]; muted: boolean; importance: string }[]
  nextCursor: string | null
}

describe("contacts", () => {
  it("sorting later: in no category, by importance, muted, accepted automatically, and my note searched", async () => {
    // Sandra accepts every request (seed 2: "daher nehme ich jede Anfrage an").
    const me = await t.signup("sorter", { settings: { acceptance: { mode: "acceptAll" } } })
    const cat = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: me.cookie, body: { name: "Trainer" } }),
    )
    const [auto1, auto2, chosen] = [
      await t.signup("autoone"),
      await t.signup("autotwo"),
      await t.signup("chosen"),
    ]
    for (const m of [auto1, auto2]) {
      const sent = await t.call("POST", "/v1/requests", {
        cookie: m.cookie,
        body: { to: me.handle },
      })
      expect(sent.status).toBe(200) // accepted at once by the policy
    }
    await t.connect(me, chosen) // my own request, accepted by them
    await t.call("PATCH", `/v1/contacts/${auto2.handle}`, {
      cookie: me.cookie,
      body: { categoryIds: [cat.id], importance: "high", note: "Trifft man auf der Messe in Köln" },
    })
    await t.call("PATCH", `/v1/contacts/${chosen.handle}`, {
      cookie: me.cookie,
      body: { muted: true, importance: "low" },
    })
    const listed = async (query: string) => {
      const res = await t.call("GET", `/v1/contacts?${query}`, { cookie: me.cookie })
      expect(res.status, query).toBe(200)
      const page = await json<ContactList & { items: { acceptedAutomatically: boolean }[] }>(res)
      return page.items.map((i) => i.member.handle).sort()
    }
    const sorted = (...ms: { handle: string }[]) => ms.map((m) => m.handle).sort()
    expect(await listed("category=uncategorized")).toEqual(sorted(auto1, chosen))
    expect(await listed(`category=${cat.id}`)).toEqual(sorted(auto2))
    expect(await listed("acceptedAutomatically=true")).toEqual(sorted(auto1, auto2))
    expect(await listed("acceptedAutomatically=false")).toEqual(sorted(chosen))
    expect(await listed("acceptedAutomatically=true&category=uncategorized")).toEqual(sorted(auto1))
    expect(await listed("importance=high")).toEqual(sorted(auto2))
    expect(await listed("importance=normal")).toEqual(sorted(auto1))
    expect(await listed("muted=true")).toEqual(sorted(chosen))
    expect(await listed("muted=false&sort=connectedAt")).toEqual(sorted(auto1, auto2))
    // My note is searched, whatever its case; names and handles still are.
    expect(await listed("q=messe%20in%20k")).toEqual(sorted(auto2))
    expect(await listed(`q=${chosen.handle}`)).toEqual(sorted(chosen))
    // Each item says how it came.
    const page = await json<{
      items: { member: { handle: string }; acceptedAutomatically: boolean }[]
    }>(await t.call("GET", "/v1/contacts", { cookie: me.cookie }))
    expect(
      Object.fromEntries(page.items.map((i) => [i.member.handle, i.acceptedAutomatically])),
    ).toEqual({ [auto1.handle]: true, [auto2.handle]: true, [chosen.handle]: false })
    // The other side's record of me was not accepted automatically by them.
    const theirs = await json<{ items: { acceptedAutomatically: boolean }[] }>(
      await t.call("GET", "/v1/contacts", { cookie: auto1.cookie }),
    )
    expect(theirs.items.map((i) => i.acceptedAutomatically)).toEqual([false])
    // Page by page, the filter holds.
    const first = await json<ContactList>(
      await t.call("GET", "/v1/contacts?acceptedAutomatically=true&limit=1", { cookie: me.cookie }),
    )
    const second = await json<ContactList>(
      await t.call(
        "GET",
        `/v1/contacts?acceptedAutomatically=true&limit=1&cursor=${first.nextCursor}`,
        {
          cookie: me.cookie,
        },
      ),
    )
    expect([...first.items, ...second.items].map((i) => i.member.handle).sort()).toEqual(
      sorted(auto1, auto2),
    )
  })

  it("answers 400 to filters that are not values they take", async () => {
    const me = await t.signup("badfilter")
    for (const q of ["importance=huge", "muted=yes", "acceptedAutomatically=1"]) {
      const res = await t.call("GET", `/v1/contacts?${q}`, { cookie: me.cookie })
      expect(res.status, q).toBe(400)
    }
  })

  it("list, sort by name, filter by category, search, paginate", async () => {
    const me = await t.signup("me")
    const cat = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: me.cookie, body: { name: "Kunden" } }),
    )
    const others = []
    for (const name of ["zora", "anna", "mia"]) {
      const m = await t.signup(name)
      await t.connect(m, me)
      others.push(m)
    }
    await t.call("PATCH", `/v1/contacts/${others[2]?.handle}`, {
      cookie: me.cookie,
      body: { categoryIds: [cat.id] },
    })
    const all = await json<ContactList>(
      await t.call("GET", "/v1/contacts?sort=name", { cookie: me.cookie }),
    )
    expect(all.items.map((i) => i.member.handle.replace(/\d+$/, ""))).toEqual([
      "anna",
      "mia",
      "zora",
    ])
    const inCat = await json<ContactList>(
      await t.call("GET", `/v1/contacts?category=${cat.id}`, { cookie: me.cookie }),
    )
    expect(inCat.items.map((i) => i.member.handle)).toEqual([others[2]?.handle])
    const search = await json<ContactList>(
      await t.call("GET", "/v1/contacts?q=zor", { cookie: me.cookie }),
    )
    expect(search.items.map((i) => i.member.handle)).toEqual([others[0]?.handle])
    const page1 = await json<ContactList>(
      await t.call("GET", "/v1/contacts?limit=2", { cookie: me.cookie }),
    )
    const page2 = await json<ContactList>(
      await t.call("GET", `/v1/contacts?limit=2&cursor=${page1.nextCursor}`, { cookie: me.cookie }),
    )
    expect([...page1.items, ...page2.items]).toHaveLength(3)
    for (const sort of ["connectedAt", "reviewDue"]) {
      expect(
        (
          await json<ContactList>(
            await t.call("GET", `/v1/contacts?sort=${sort}`, { cookie: me.cookie }),
          )
        ).items,
      ).toHaveLength(3)
    }
  })

  it("get, patch (note, importance, mute), delete → 204 and then 404", async () => {
    const me = await t.signup("me")
    const other = await t.signup("other")
    await t.connect(other, me)
    const patched = await t.call("PATCH", `/v1/contacts/${other.handle}`, {
      cookie: me.cookie,
      body: { note: "Messe Köln", importance: "high", muted: true },
    })
    expect(patched.status).toBe(200)
    expect(await json(patched)).toMatchObject({
      note: "Messe Köln",
      importance: "high",
      muted: true,
    })
    expect(
      await json(await t.call("GET", `/v1/contacts/${other.handle}`, { cookie: me.cookie })),
    ).toMatchObject({ note: "Messe Köln" })
    expect(
      (await t.call("DELETE", `/v1/contacts/${other.handle}`, { cookie: me.cookie })).status,
    ).toBe(204)
    expect(
      (await t.call("GET", `/v1/contacts/${other.handle}`, { cookie: me.cookie })).status,
    ).toBe(404)
    expect(
      (await t.call("GET", `/v1/contacts/${me.handle}`, { cookie: other.cookie })).status,
    ).toBe(404)
  })

  it("a category that is not mine is 404", async () => {
    const me = await t.signup("me")
    const other = await t.signup("other")
    await t.connect(other, me)
    const theirs = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: other.cookie, body: { name: "Theirs" } }),
    )
    const res = await t.call("PATCH", `/v1/contacts/${other.handle}`, {
      cookie: me.cookie,
      body: { categoryIds: [theirs.id] },
    })
    expect(res.status).toBe(404)
    expect(await json(res)).toMatchObject({ code: "CategoryNotFound" })
  })
})

describe("categories", () => {
  it("create, list, rename, change cadence, delete; names unique ignoring case", async () => {
    const me = await t.signup("me")
    const created = await t.call("POST", "/v1/categories", {
      cookie: me.cookie,
      body: { name: "Kunden", reviewEveryDays: 30 },
    })
    expect(created.status).toBe(201)
    const cat = await json<{ id: string; name: string; reviewEveryDays: number }>(created)
    expect(cat).toMatchObject({ name: "Kunden", reviewEveryDays: 30 })
    const dup = await t.call("POST", "/v1/categories", {
      cookie: me.cookie,
      body: { name: "KUNDEN" },
    })
    expect(dup.status).toBe(409)
    expect(await json(dup)).toMatchObject({ code: "CategoryNameTaken" })
    const renamed = await t.call("PATCH", `/v1/categories/${cat.id}`, {
      cookie: me.cookie,
      body: { name: "Kundinnen", reviewEveryDays: null },
    })
    expect(await json(renamed)).toMatchObject({ name: "Kundinnen", reviewEveryDays: null })
    expect(
      (
        await json<{ items: unknown[] }>(
          await t.call("GET", "/v1/categories", { cookie: me.cookie }),
        )
      ).items,
    ).toHaveLength(1)
    expect((await t.call("DELETE", `/v1/categories/${cat.id}`, { cookie: me.cookie })).status).toBe(
      204,
    )
    expect((await t.call("DELETE", `/v1/categories/${cat.id}`, { cookie: me.cookie })).status).toBe(
      404,
    )
  })
})

describe("reviews", () => {
  it("less from this category: a quiet contact in it is advised muted, one I interact with kept", async () => {
    const [me, quiet, chatty] = [
      await t.signup("lnme"),
      await t.signup("lnquiet"),
      await t.signup("lnchatty"),
    ]
    await t.connect(me, quiet)
    await t.connect(me, chatty)
    const created = await t.call("POST", "/v1/categories", {
      cookie: me.cookie,
      body: { name: "Messebekanntschaften" },
    })
    const category = await json<{ id: string; lessNews: boolean }>(created)
    expect(category.lessNews).toBe(false)
    const patched = await json<{ lessNews: boolean }>(
      await t.call("PATCH", `/v1/categories/${category.id}`, {
        cookie: me.cookie,
        body: { lessNews: true },
      }),
    )
    expect(patched.lessNews).toBe(true)
    for (const m of [quiet, chatty])
      await t.call("PATCH", `/v1/contacts/${m.handle}`, {
        cookie: me.cookie,
        body: { categoryIds: [category.id] },
      })
    const post = await json<{ id: string }>(
      await t.call("POST", "/v1/posts", { cookie: chatty.cookie, body: { text: "Neuigkeiten" } }),
    )
    await t.call("POST", `/v1/posts/${post.id}/like`, { cookie: me.cookie })
    t.advanceDays(91)
    const now = await t.relogin(me)
    const due = await json<{
      items: {
        contact: { member: { handle: string } }
        signals: { inLessNewsCategory: boolean }
        recommendation: string
        reasons: { code: string }[]
      }[]
    }>(await t.call("GET", "/v1/reviews/due", { cookie: now.cookie }))
    const of = (m: { handle: string }) =>
      due.items.find((i) => i.contact.member.handle === m.handle)
    expect(of(quiet)).toMatchObject({
      signals: { inLessNewsCategory: true },
      recommendation: "mute",
    })
    expect(of(quiet)?.reasons[0]?.code).toBe("lessFromCategory")
    expect(of(chatty)).toMatchObject({
      signals: { inLessNewsCategory: true },
      recommendation: "keep",
    })
    expect(
      (
        await t.call("PATCH", `/v1/categories/${category.id}`, {
          cookie: now.cookie,
          body: { lessNews: "yes" },
        })
      ).status,
    ).toBe(400)
  })

  it("due after 90 days with signals and a recommendation; snooze, keep and delete are recorded", async () => {
    const first = await t.signup("me")
    const a = await t.signup("aa")
    const b = await t.signup("bb")
    await t.connect(a, first)
    await t.connect(b, first)
    expect(
      (
        await json<{ items: unknown[] }>(
          await t.call("GET", "/v1/reviews/due", { cookie: first.cookie }),
        )
      ).items,
    ).toEqual([])
    t.advanceDays(91)
    // Sessions last 30 days: a returning member signs in again.
    expect((await t.call("GET", "/v1/reviews/due", { cookie: first.cookie })).status).toBe(401)
    const me = await t.relogin(first)
    const due = await json<{
      items: {
        contact: { member: { handle: string } }
        recommendation: string
        reasons: unknown[]
        signals: { mutualCount: number }
      }[]
    }>(await t.call("GET", "/v1/reviews/due", { cookie: me.cookie }))
    expect(due.items.map((i) => i.contact.member.handle).sort()).toEqual(
      [a.handle, b.handle].sort(),
    )
    expect(due.items[0]?.reasons.length).toBeGreaterThan(0)
    expect(
      (
        await t.call("POST", "/v1/reviews", {
          cookie: me.cookie,
          body: { handle: a.handle, decision: "snooze", snoozeDays: 14 },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await t.call("POST", "/v1/reviews", {
          cookie: me.cookie,
          body: { handle: b.handle, decision: "delete" },
        })
      ).status,
    ).toBe(200)
    expect((await t.call("GET", `/v1/contacts/${b.handle}`, { cookie: me.cookie })).status).toBe(
      404,
    )
    expect(
      (
        await json<{ items: unknown[] }>(
          await t.call("GET", "/v1/reviews/due", { cookie: me.cookie }),
        )
      ).items,
    ).toEqual([])
    const history = await json<{ items: { decision: string; contact: { handle: string } }[] }>(
      await t.call("GET", "/v1/reviews/history", { cookie: me.cookie }),
    )
    expect(history.items.map((h) => h.decision).sort()).toEqual(["delete", "snooze"])
    expect(
      (
        await t.call("POST", "/v1/reviews", {
          cookie: me.cookie,
          body: { handle: a.handle, decision: "snooze" },
        })
      ).status,
    ).toBe(400)
  })
})

describe("members and groups", () => {
  it("directory and profile show my relationship and mutual contacts", async () => {
    const me = await t.signup("me")
    const friend = await t.signup("friend")
    const stranger = await t.signup("stranger")
    await t.connect(friend, me)
    await t.connect(friend, stranger)
    await t.call("POST", "/v1/requests", { cookie: me.cookie, body: { to: stranger.handle } })
    const profile = await json(
      await t.call("GET", `/v1/members/${stranger.handle}`, { cookie: me.cookie }),
    )
    expect(profile).toMatchObject({
      handle: stranger.handle,
      relationship: "requestSent",
      mutualCount: 1,
    })
    expect(
      await json(await t.call("GET", `/v1/members/${me.handle}`, { cookie: stranger.cookie })),
    ).toMatchObject({ relationship: "requestReceived" })
    expect(
      await json(await t.call("GET", `/v1/members/${friend.handle}`, { cookie: me.cookie })),
    ).toMatchObject({ relationship: "contact" })
    const found = await json<{ items: { handle: string }[] }>(
      await t.call("GET", `/v1/members?q=${stranger.handle}`, { cookie: me.cookie }),
    )
    expect(found.items.map((m) => m.handle)).toEqual([stranger.handle])
  })

  it("groups: create, join, list members, leave; the directory filters by group", async () => {
    const me = await t.signup("me")
    const other = await t.signup("other")
    const created = await t.call("POST", "/v1/groups", {
      cookie: me.cookie,
      body: { name: "Online-Netzwerker K.", description: "Wir vernetzen uns" },
    })
    expect(created.status).toBe(201)
    const group = await json<{ id: string; memberCount: number; joined: boolean }>(created)
    expect(group).toMatchObject({ memberCount: 1, joined: true })
    expect(
      await json(await t.call("GET", `/v1/groups/${group.id}`, { cookie: other.cookie })),
    ).toMatchObject({ memberCount: 1, joined: false })
    expect(
      (await t.call("POST", `/v1/groups/${group.id}/join`, { cookie: other.cookie })).status,
    ).toBe(204)
    expect(
      await json(await t.call("GET", `/v1/groups/${group.id}`, { cookie: other.cookie })),
    ).toMatchObject({ memberCount: 2, joined: true })
    const members = await json<{ items: { handle: string }[] }>(
      await t.call("GET", `/v1/groups/${group.id}/members`, { cookie: other.cookie }),
    )
    expect(members.items.map((m) => m.handle)).toEqual([me.handle])
    const dir = await json<{ items: { handle: string }[] }>(
      await t.call("GET", `/v1/members?groupId=${group.id}`, { cookie: me.cookie }),
    )
    expect(dir.items.map((m) => m.handle)).toEqual([other.handle])
    expect(
      (await t.call("POST", `/v1/groups/${group.id}/leave`, { cookie: other.cookie })).status,
    ).toBe(204)
    const listed = await json<{ items: { id: string; joined: boolean }[] }>(
      await t.call("GET", "/v1/groups", { cookie: other.cookie }),
    )
    expect(listed.items.find((g) => g.id === group.id)?.joined).toBe(false)
    expect((await t.call("GET", "/v1/groups/nope", { cookie: me.cookie })).status).toBe(404)
    expect(
      (await json<{ items: unknown[] }>(await t.call("GET", "/v1/groups", { cookie: me.cookie })))
        .items.length,
    ).toBeGreaterThan(0)
  })
})
