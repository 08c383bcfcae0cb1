/**
 * Seed 2's chain of referrals through the API: accept → both sides' contacts
 * hear; post → like → the liker's contacts see it, brought by the liker; a
 * comment keeps it one item. Plus delete, block, mute, flag and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
type FeedItem = {
  key: string
  kind: string
  post: { id: string; text: string; likedByMe: boolean; flaggedByMe: boolean } | null
  broughtBy: { member: { handle: string }; reason: string }[]
}
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T
const feedOf = async (m: Member) =>
  (await json<{ items: FeedItem[] }>(await t.call("GET", "/v1/feed", { cookie: m.cookie }))).items
const postItem = async (m: Member, postId: string) =>
  (await feedOf(m)).filter((i) => i.post?.id === postId)
const post = async (m: Member, text: string, link?: string) =>
  json<{ id: string }>(
    await t.call("POST", "/v1/posts", {
      cookie: m.cookie,
      body: { text, ...(link === undefined ? {} : { link }) },
    }),
  )

/** ada — bob connect; carla knows ada, dora knows bob, eve knows carla. */
const world = async () => {
  const [ada, bob, carla, dora, eve] = [
    await t.signup("ada"),
    await t.signup("bob"),
    await t.signup("carla"),
    await t.signup("dora"),
    await t.signup("eve"),
  ]
  await t.connect(carla, ada)
  await t.connect(dora, bob)
  await t.connect(eve, carla)
  return { ada, bob, carla, dora, eve }
}

/** What `m` reads of the connection news of a and b. */
const connectionNews = (a: Member, b: Member) => (m: Member) =>
  feedOf(m).then((items) =>
    items.filter(
      (i) =>
        i.kind === "connection" &&
        i.broughtBy.some((x) => [a.handle, b.handle].includes(x.member.handle)),
    ),
  )

describe("seed 2's chain of referrals", () => {
  it("a new connection reaches the contacts of both sides", async () => {
    const { ada, bob, carla, dora, eve } = await world()
    await t.connect(ada, bob)
    const news = connectionNews(ada, bob)
    expect((await news(carla)).map((i) => i.broughtBy[0]?.member.handle)).toEqual([ada.handle])
    expect((await news(dora)).map((i) => i.broughtBy[0]?.member.handle)).toEqual([bob.handle])
    expect(await news(eve)).toEqual([])
  })

  it("a member who hides their contacts: their new connection reaches only their own contacts", async () => {
    const { ada, bob, carla, dora } = await world()
    // Ada hides her contacts; Bob does not. Carla is Ada's contact, Dora Bob's (a stranger to Ada).
    expect(
      (
        await t.call("PATCH", "/v1/me", {
          cookie: ada.cookie,
          body: { settings: { hideContacts: true } },
        })
      ).status,
    ).toBe(200)
    await t.connect(ada, bob)
    const news = connectionNews(ada, bob)
    expect((await news(carla)).map((i) => i.broughtBy[0]?.member.handle)).toEqual([ada.handle])
    expect(await news(dora)).toEqual([])
    // Judged as things are now: once she shows her contacts again, Bob's contacts see it too.
    await t.call("PATCH", "/v1/me", {
      cookie: ada.cookie,
      body: { settings: { hideContacts: false } },
    })
    expect((await news(dora)).map((i) => i.broughtBy[0]?.member.handle)).toEqual([bob.handle])
  })

  it("post → like → the liker's contacts see it, brought by the liker; a comment keeps it one item", async () => {
    const { ada, bob, carla, dora, eve } = await world()
    await t.connect(ada, bob)
    const { id } = await post(
      bob,
      "Neuer Artikel über Weiterempfehlungen",
      "https://example.org/artikel",
    )
    expect((await postItem(dora, id)).map((i) => i.broughtBy.map((b) => b.reason))).toEqual([
      ["posted"],
    ])
    expect(await postItem(carla, id)).toEqual([])
    expect((await t.call("POST", `/v1/posts/${id}/like`, { cookie: ada.cookie })).status).toBe(204)
    const carlas = await postItem(carla, id)
    expect(carlas).toHaveLength(1)
    expect(carlas[0]?.broughtBy).toEqual([
      {
        member: expect.objectContaining({ handle: ada.handle }),
        reason: "liked",
        reasons: ["liked"],
        words: null,
      },
    ])
    expect(
      (
        await t.call("POST", `/v1/posts/${id}/comments`, {
          cookie: ada.cookie,
          body: { text: "Genau so!" },
        })
      ).status,
    ).toBe(201)
    expect(await postItem(carla, id)).toHaveLength(1)
    // Carla's contact Eve hears nothing until Carla acts too; then one item for Eve, brought by Carla.
    expect(await postItem(eve, id)).toEqual([])
    await t.call("POST", `/v1/posts/${id}/share`, {
      cookie: carla.cookie,
      body: { text: "Lesenswert" },
    })
    expect(
      (await postItem(eve, id)).map((i) => i.broughtBy.map((b) => [b.member.handle, b.reason])),
    ).toEqual([[[carla.handle, "shared"]]])
    // Bob is told about the like, the comment and the share.
    const told = await json<{ items: { kind: string }[]; unread: number }>(
      await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
    )
    expect(told.items.map((n) => n.kind).filter((k) => k.startsWith("post"))).toEqual([
      "postShared",
      "postCommented",
      "postLiked",
    ])
    expect(told.unread).toBeGreaterThanOrEqual(3)
    expect((await t.call("POST", "/v1/notifications/read", { cookie: bob.cookie })).status).toBe(
      204,
    )
    expect(
      (
        await json<{ unread: number }>(
          await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
        )
      ).unread,
    ).toBe(0)
  })

  it("a like is in the liker's contacts' feeds on their next read, and unliking takes it back", async () => {
    const { ada, bob, carla } = await world()
    await t.connect(ada, bob)
    const { id } = await post(bob, "Hallo Netzwerk")
    await t.call("POST", `/v1/posts/${id}/like`, { cookie: ada.cookie })
    expect(await postItem(carla, id)).toHaveLength(1)
    expect((await t.call("DELETE", `/v1/posts/${id}/like`, { cookie: ada.cookie })).status).toBe(
      204,
    )
    expect(await postItem(carla, id)).toEqual([])
  })
})

describe("what cuts the flow", () => {
  it("deleting a post removes it from every feed", async () => {
    const { ada, bob, carla, dora } = await world()
    await t.connect(ada, bob)
    const { id } = await post(bob, "Bald gelöscht")
    await t.call("POST", `/v1/posts/${id}/like`, { cookie: ada.cookie })
    expect((await t.call("DELETE", `/v1/posts/${id}`, { cookie: ada.cookie })).status).toBe(404)
    expect((await t.call("DELETE", `/v1/posts/${id}`, { cookie: bob.cookie })).status).toBe(204)
    for (const m of [ada, bob, carla, dora]) expect(await postItem(m, id)).toEqual([])
    expect((await t.call("GET", `/v1/posts/${id}`, { cookie: ada.cookie })).status).toBe(404)
  })

  it("after a block, neither side's items reach the other", async () => {
    const { ada, bob, carla } = await world()
    await t.connect(ada, bob)
    const { id } = await post(bob, "Von Bob")
    await t.call("POST", `/v1/posts/${id}/like`, { cookie: ada.cookie })
    expect(await postItem(carla, id)).toHaveLength(1)
    expect(
      (await t.call("POST", `/v1/members/${bob.handle}/block`, { cookie: carla.cookie })).status,
    ).toBe(204)
    expect(await postItem(carla, id)).toEqual([])
    expect((await t.call("GET", `/v1/posts/${id}`, { cookie: carla.cookie })).status).toBe(404)
    const fromCarla = await post(carla, "Von Carla")
    await t.call("POST", `/v1/posts/${fromCarla.id}/like`, { cookie: ada.cookie })
    expect(await postItem(bob, fromCarla.id)).toEqual([])
    expect(
      (await t.call("POST", `/v1/posts/${fromCarla.id}/like`, { cookie: bob.cookie })).status,
    ).toBe(404)
  })

  it("after a contact is deleted, what they brought leaves the other's feed, both ways; nobody is told", async () => {
    const { ada, bob, dora } = await world()
    await t.connect(ada, bob)
    const fromBob = await post(bob, "Von Bob")
    const fromAda = await post(ada, "Von Ada")
    expect(await postItem(ada, fromBob.id)).toHaveLength(1)
    expect(await postItem(bob, fromAda.id)).toHaveLength(1)
    const told = await json<{ items: unknown[] }>(
      await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
    )
    expect(
      (await t.call("DELETE", `/v1/contacts/${bob.handle}`, { cookie: ada.cookie })).status,
    ).toBe(204)
    expect(await postItem(ada, fromBob.id)).toEqual([])
    expect(await postItem(bob, fromAda.id)).toEqual([])
    expect(
      await json<{ items: unknown[] }>(
        await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
      ),
    ).toEqual(told)
    // What others brought stays: Dora still sees Bob's post.
    expect(await postItem(dora, fromBob.id)).toHaveLength(1)
    const later = await post(bob, "Danach")
    expect(await postItem(ada, later.id)).toEqual([])
  })

  it("a muted contact's posts and what they bring are hidden; nobody is told", async () => {
    const { ada, bob, dora } = await world()
    await t.connect(ada, bob)
    const { id } = await post(bob, "Rauschen")
    expect(await postItem(dora, id)).toHaveLength(1)
    const told = await json<{ items: unknown[] }>(
      await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
    )
    await t.call("PATCH", `/v1/contacts/${bob.handle}`, {
      cookie: dora.cookie,
      body: { muted: true },
    })
    expect(await postItem(dora, id)).toEqual([])
    expect(
      await json<{ items: unknown[] }>(
        await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
      ),
    ).toEqual(told)
    await t.call("PATCH", `/v1/contacts/${bob.handle}`, {
      cookie: dora.cookie,
      body: { muted: false },
    })
    expect(await postItem(dora, id)).toHaveLength(1)
  })

  it("flagging is private and feeds the review's signals", async () => {
    const { bob, dora } = await world()
    const ids = []
    for (let i = 0; i < 4; i++) ids.push((await post(bob, `Seltsame Nachricht ${i}`)).id)
    const told = await json<{ items: unknown[] }>(
      await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
    )
    for (const id of ids)
      expect((await t.call("POST", `/v1/posts/${id}/flag`, { cookie: dora.cookie })).status).toBe(
        204,
      )
    expect(
      await json<{ items: unknown[] }>(
        await t.call("GET", "/v1/notifications", { cookie: bob.cookie }),
      ),
    ).toEqual(told)
    expect((await postItem(dora, ids[0] ?? ""))[0]?.post?.flaggedByMe).toBe(true)
    expect(
      (
        await json<{ flaggedByMe: boolean }>(
          await t.call("GET", `/v1/posts/${ids[0]}`, { cookie: bob.cookie }),
        )
      ).flaggedByMe,
    ).toBe(false)
    t.advanceDays(91)
    const doraNow = await t.relogin(dora)
    const due = await json<{
      items: {
        contact: { member: { handle: string } }
        signals: { postsSeen: number; postsFlagged: number }
        recommendation: string
      }[]
    }>(await t.call("GET", "/v1/reviews/due", { cookie: doraNow.cookie }))
    const bobs = due.items.find((i) => i.contact.member.handle === bob.handle)
    expect(bobs?.signals).toMatchObject({ postsSeen: 4, postsFlagged: 4 })
    expect(bobs?.recommendation).toBe("delete")
  })

  it("a flag taken back counts no more, and the author is not told of that either", async () => {
    const { bob, dora } = await world()
    const ids = []
    for (let i = 0; i < 4; i++) ids.push((await post(bob, `Noch eine Nachricht ${i}`)).id)
    for (const id of ids) await t.call("POST", `/v1/posts/${id}/flag`, { cookie: dora.cookie })
    const text = async (m: { cookie: string }, path: string) =>
      (await t.call("GET", path, { cookie: m.cookie })).text()
    const told = await text(bob, "/v1/notifications")
    const bobsView = await text(bob, `/v1/posts/${ids[0]}`)
    for (const id of ids.slice(0, 3)) {
      const res = await t.call("DELETE", `/v1/posts/${id}/flag`, { cookie: dora.cookie })
      expect(res.status).toBe(204)
    }
    // Twice, or a flag never made: nothing to take back, still 204.
    expect(
      (await t.call("DELETE", `/v1/posts/${ids[0]}/flag`, { cookie: dora.cookie })).status,
    ).toBe(204)
    expect((await postItem(dora, ids[0] ?? ""))[0]?.post?.flaggedByMe).toBe(false)
    expect((await postItem(dora, ids[3] ?? ""))[0]?.post?.flaggedByMe).toBe(true)
    expect(await text(bob, "/v1/notifications")).toBe(told)
    expect(await text(bob, `/v1/posts/${ids[0]}`)).toBe(bobsView)
    t.advanceDays(91)
    const doraNow = await t.relogin(dora)
    const due = await json<{
      items: { contact: { member: { handle: string } }; signals: { postsFlagged: number } }[]
    }>(await t.call("GET", "/v1/reviews/due", { cookie: doraNow.cookie }))
    const bobs = due.items.find((i) => i.contact.member.handle === bob.handle)
    expect(bobs?.signals.postsFlagged).toBe(1)
  })
})

describe("shares and reasons", () => {
  it("names every reason of one who brought it, and the words they shared it with", async () => {
    const { ada, carla, eve } = await world() // Eve knows Carla, Carla knows Ada
    const { id } = await post(ada, "Wie man um eine Empfehlung bittet")
    // A minute apart, so that "the latest first" has an order.
    t.advanceDays(1 / 1440)
    await t.call("POST", `/v1/posts/${id}/like`, { cookie: carla.cookie })
    t.advanceDays(1 / 1440)
    await t.call("POST", `/v1/posts/${id}/comments`, {
      cookie: carla.cookie,
      body: { text: "Genau so!" },
    })
    t.advanceDays(1 / 1440)
    type Brought = {
      member: { handle: string }
      reason: string
      reasons: string[]
      words: string | null
    }
    const broughtTo = async (m: Member, postId = id) =>
      ((await postItem(m, postId))[0]?.broughtBy ?? []) as unknown as Brought[]
    expect(await broughtTo(eve)).toEqual([
      expect.objectContaining({
        reason: "commented",
        reasons: ["commented", "liked"],
        words: null,
      }),
    ])
    const shared = await t.call("POST", `/v1/posts/${id}/share`, {
      cookie: carla.cookie,
      body: { text: "Lesenswert – teilt den Link!" },
    })
    expect(shared.status).toBe(201)
    const [carlas] = await broughtTo(eve)
    expect(carlas).toMatchObject({
      member: { handle: carla.handle },
      reason: "shared",
      reasons: ["shared", "commented", "liked"],
      words: "Lesenswert – teilt den Link!",
    })
    // A share without words has none.
    const { id: other } = await post(ada, "Noch ein Beitrag")
    await t.call("POST", `/v1/posts/${other}/share`, { cookie: carla.cookie, body: {} })
    expect((await broughtTo(eve, other))[0]).toMatchObject({
      reason: "shared",
      words: null,
    })
  })

  it("refuses shared words over 3,000 characters, and shares nothing", async () => {
    const { ada, carla } = await world()
    const { id } = await post(ada, "Ein Beitrag")
    const before = await t.snapshot()
    const res = await t.call("POST", `/v1/posts/${id}/share`, {
      cookie: carla.cookie,
      body: { text: "x".repeat(3_001) },
    })
    expect(res.status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
    const ok = await t.call("POST", `/v1/posts/${id}/share`, {
      cookie: carla.cookie,
      body: { text: "y".repeat(3_000) },
    })
    expect(ok.status).toBe(201)
  })
})

describe("odd news counts against whoever spread it", () => {
  it("a flag counts against each contact who brought the item, not against one who did not", async () => {
    const [sandra, tom, uli, wim, vera] = [
      await t.signup("sandra"),
      await t.signup("tom"),
      await t.signup("uli"),
      await t.signup("wim"),
      await t.signup("vera"),
    ]
    for (const m of [tom, uli, wim]) await t.connect(m, sandra)
    for (const m of [tom, uli]) await t.connect(vera, m) // Vera is no contact of Sandra's
    const odd = []
    for (let i = 0; i < 3; i++) odd.push((await post(vera, `Wundermittel ${i}`)).id)
    for (const id of odd) await t.call("POST", `/v1/posts/${id}/like`, { cookie: tom.cookie })
    await t.call("POST", `/v1/posts/${odd[0]}/comments`, {
      cookie: uli.cookie,
      body: { text: "Ja!" },
    })
    for (const id of odd)
      expect((await t.call("POST", `/v1/posts/${id}/flag`, { cookie: sandra.cookie })).status).toBe(
        204,
      )
    // Brought after the flag: not spread to Sandra when she flagged it.
    await t.call("POST", `/v1/posts/${odd[1]}/like`, { cookie: uli.cookie })
    // One flag taken back counts for nobody.
    await t.call("DELETE", `/v1/posts/${odd[2]}/flag`, { cookie: sandra.cookie })
    await t.call("POST", `/v1/posts/${odd[2]}/flag`, { cookie: sandra.cookie })
    t.advanceDays(91)
    const now = await t.relogin(sandra)
    const due = await json<{
      items: {
        contact: { member: { handle: string } }
        signals: { spreadFlagged: number; postsFlagged: number }
        recommendation: string
        reasons: { code: string }[]
      }[]
    }>(await t.call("GET", "/v1/reviews/due?limit=100", { cookie: now.cookie }))
    const of = (m: Member) => due.items.find((i) => i.contact.member.handle === m.handle)
    expect(of(tom)?.signals).toMatchObject({ spreadFlagged: 3, postsFlagged: 0 })
    expect(of(tom)?.recommendation).toBe("mute")
    expect(of(tom)?.reasons[0]?.code).toBe("spreadsOddNews")
    expect(of(uli)?.signals.spreadFlagged).toBe(1)
    expect(of(uli)?.recommendation).toBe("keep")
    expect(of(uli)?.reasons.map((r) => r.code)).toContain("spreadsOddNews")
    expect(of(wim)?.signals.spreadFlagged).toBe(0)
    expect(of(wim)?.reasons.map((r) => r.code)).toContain("noComplaints")
    // Taken back for good: it counts against nobody.
    for (const id of odd) await t.call("DELETE", `/v1/posts/${id}/flag`, { cookie: now.cookie })
    const after = await json<{
      items: { contact: { member: { handle: string } }; signals: { spreadFlagged: number } }[]
    }>(await t.call("GET", "/v1/reviews/due?limit=100", { cookie: now.cookie }))
    expect(after.items.map((i) => i.signals.spreadFlagged)).toEqual(after.items.map(() => 0))
  })
})

describe("the news of one category", () => {
  it("shows only what contacts of that category posted or brought, naming only them; uncategorized too", async () => {
    // Sandra sorts Tom into "Trainer"; Uli stays in no category. Vera is a contact of both.
    const [sandra, tom, uli, vera] = [
      await t.signup("sandra"),
      await t.signup("tom"),
      await t.signup("uli"),
      await t.signup("vera"),
    ]
    for (const m of [tom, uli]) await t.connect(m, sandra)
    await t.connect(vera, tom)
    await t.connect(vera, uli)
    const trainer = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: sandra.cookie, body: { name: "Trainer" } }),
    )
    await t.call("PATCH", `/v1/contacts/${tom.handle}`, {
      cookie: sandra.cookie,
      body: { categoryIds: [trainer.id] },
    })
    const toms = await post(tom, "Toms Seminar")
    const ulis = await post(uli, "Ulis Angebot")
    const veras = await post(vera, "Veras Artikel") // Vera is not Sandra's contact
    await t.call("POST", `/v1/posts/${veras.id}/like`, { cookie: tom.cookie })
    await t.call("POST", `/v1/posts/${veras.id}/comments`, {
      cookie: uli.cookie,
      body: { text: "Gut!" },
    })
    const news = async (category: string) => {
      const res = await t.call("GET", `/v1/feed?category=${category}`, { cookie: sandra.cookie })
      expect(res.status).toBe(200)
      const { items } = await json<{ items: FeedItem[] }>(res)
      return items
        .filter((i) => i.kind === "post")
        .map((i) => [i.post?.text, i.broughtBy.map((b) => `${b.member.handle} ${b.reason}`)])
        .sort()
    }
    expect(await news(trainer.id)).toEqual(
      [
        ["Toms Seminar", [`${tom.handle} posted`]],
        ["Veras Artikel", [`${tom.handle} liked`]],
      ].sort(),
    )
    expect(await news("uncategorized")).toEqual(
      [
        ["Ulis Angebot", [`${uli.handle} posted`]],
        ["Veras Artikel", [`${uli.handle} commented`]],
      ].sort(),
    )
    // The whole feed still has all three, each with everyone who brought it.
    const all = (await feedOf(sandra)).filter((i) => i.kind === "post")
    expect(all.map((i) => i.post?.id).sort()).toEqual([toms.id, ulis.id, veras.id].sort())
    // A category with nobody in it has no news.
    const empty = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: sandra.cookie, body: { name: "Leer" } }),
    )
    expect(await news(empty.id)).toEqual([])
  })

  it("answers 404 for a category that is not mine, as for one that does not exist", async () => {
    const [wim, xia] = [await t.signup("wim"), await t.signup("xia")]
    const theirs = await json<{ id: string }>(
      await t.call("POST", "/v1/categories", { cookie: xia.cookie, body: { name: "Geheim" } }),
    )
    const a = await t.call("GET", `/v1/feed?category=${theirs.id}`, { cookie: wim.cookie })
    const b = await t.call("GET", "/v1/feed?category=no-such-category", { cookie: wim.cookie })
    expect([a.status, b.status]).toEqual([404, 404])
    expect(((await a.json()) as { code: string }).code).toBe("CategoryNotFound")
    expect(((await b.json()) as { code: string }).code).toBe("CategoryNotFound")
  })
})

describe("bad input on posts", () => {
  it("oversized text, javascript: links, unknown posts, liking twice, flagging one's own → clear 4xx, nothing changed", async () => {
    const { ada, bob } = await world()
    await t.connect(ada, bob)
    const { id } = await post(bob, "Ein Beitrag")
    await t.call("POST", `/v1/posts/${id}/like`, { cookie: ada.cookie })
    const before = await t.snapshot()
    const cases: [Response, number, string][] = [
      [
        await t.call("POST", "/v1/posts", {
          cookie: ada.cookie,
          body: { text: "x".repeat(3_001) },
        }),
        400,
        "ValidationFailed",
      ],
      [
        await t.call("POST", "/v1/posts", {
          cookie: ada.cookie,
          body: { text: "hi", link: "javascript:alert(1)" },
        }),
        400,
        "ValidationFailed",
      ],
      [
        await t.call("POST", "/v1/posts", { cookie: ada.cookie, body: { text: "   " } }),
        400,
        "ValidationFailed",
      ],
      [
        await t.call("POST", "/v1/posts/no-such-post/like", { cookie: ada.cookie }),
        404,
        "PostNotFound",
      ],
      [await t.call("POST", `/v1/posts/${id}/like`, { cookie: ada.cookie }), 409, "AlreadyLiked"],
      [
        await t.call("POST", `/v1/posts/${id}/flag`, { cookie: bob.cookie }),
        400,
        "CannotTargetSelf",
      ],
      [
        await t.call("POST", `/v1/posts/${id}/comments`, {
          cookie: ada.cookie,
          body: { text: "x".repeat(1_251) },
        }),
        400,
        "ValidationFailed",
      ],
      [await t.call("GET", "/v1/feed?limit=500", { cookie: ada.cookie }), 400, "ValidationFailed"],
      [
        await t.call("POST", "/v1/notifications/read", {
          cookie: ada.cookie,
          body: { upTo: "yesterday" },
        }),
        400,
        "ValidationFailed",
      ],
    ]
    for (const [res, status, code] of cases) {
      expect(res.status, code).toBe(status)
      expect(await json(res)).toMatchObject({ code })
    }
    expect(await t.snapshot()).toEqual(before)
  })
})
