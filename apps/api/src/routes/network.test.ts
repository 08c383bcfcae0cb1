import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, ORIGIN, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T
const handles = (ms: { handle: string }[]) => ms.map((m) => m.handle)

/** ada — bob — carla — dora — finn, and eve knows bob and carla. */
const chain = async () => {
  const [ada, bob, carla, dora, eve, finn] = [
    await t.signup("ada"),
    await t.signup("bob"),
    await t.signup("carla"),
    await t.signup("dora"),
    await t.signup("eve"),
    await t.signup("finn"),
  ]
  await t.connect(ada, bob)
  await t.connect(bob, carla)
  await t.connect(carla, dora)
  await t.connect(dora, finn)
  await t.connect(eve, bob)
  await t.connect(eve, carla)
  return { ada, bob, carla, dora, eve, finn }
}
const suggested = async (m: Member) =>
  (
    await json<{
      items: {
        member: { handle: string }
        mutualCount: number
        via: string[]
        viaMembers: { handle: string; displayName: string }[]
      }[]
    }>(await t.call("GET", "/v1/network/suggestions", { cookie: m.cookie }))
  ).items

describe("the contact behind the contact", () => {
  it("suggests second-degree members with the contacts they come through", async () => {
    const { ada, bob, carla, eve } = await chain()
    expect((await suggested(ada)).map((s) => [s.member.handle, s.mutualCount, s.via])).toEqual(
      [
        [carla.handle, 1, [bob.handle]],
        [eve.handle, 1, [bob.handle]],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    // The same contacts again with their names, for "via Bob".
    for (const s of await suggested(ada)) expect(s.viaMembers.map((m) => m.handle)).toEqual(s.via)
  })

  it("ranks equal suggestions by openness to networking, then a photo, and says so — on both ways of answering", async () => {
    const [me, hub, plain, open, pictured] = [
      await t.signup("rk-me"),
      await t.signup("rk-hub"),
      await t.signup("rk-aplain"),
      await t.signup("rk-open"),
      await t.signup("rk-pic"),
    ]
    await t.connect(me, hub)
    for (const m of [plain, open, pictured]) await t.connect(hub, m)
    await t.call("PATCH", "/v1/me", { cookie: open.cookie, body: { openToNetworking: true } })
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    )
    const put = await t.call("PUT", "/v1/me/photo", {
      cookie: pictured.cookie,
      raw: new Uint8Array(png),
      headers: { "Content-Type": "image/png" },
    })
    expect(put.status).toBe(204)
    for (const app of [t.app, t.withNetwork("sql")]) {
      const res = await app.request("/v1/network/suggestions", {
        headers: { Cookie: me.cookie, Origin: ORIGIN },
      })
      const { items } = await json<{ items: { member: { handle: string }; reasons: string[] }[] }>(
        res,
      )
      expect(items.map((s) => [s.member.handle, s.reasons])).toEqual([
        [open.handle, ["mutualContacts", "openToNetworking"]],
        [pictured.handle, ["mutualContacts", "hasPhoto"]],
        [plain.handle, ["mutualContacts"]],
      ])
    }
  })

  it("leaves out dismissed members, open requests and blocked members", async () => {
    const { ada, carla, eve } = await chain()
    expect(
      (
        await t.call("POST", `/v1/network/suggestions/${carla.handle}/dismiss`, {
          cookie: ada.cookie,
        })
      ).status,
    ).toBe(204)
    expect((await suggested(ada)).map((s) => s.member.handle)).toEqual([eve.handle])
    await t.call("POST", "/v1/requests", { cookie: ada.cookie, body: { to: eve.handle } })
    expect(await suggested(ada)).toEqual([])
    const other = await chain()
    await t.call("POST", `/v1/members/${other.ada.handle}/block`, { cookie: other.eve.cookie })
    expect((await suggested(other.ada)).map((s) => s.member.handle)).toEqual([other.carla.handle])
  })

  it("draws the connection path, up to 4 hops", async () => {
    const { ada, bob, carla, dora, finn } = await chain()
    const path = await json<{ degree: number; path: { handle: string }[] }>(
      await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie }),
    )
    expect(path.degree).toBe(3)
    expect(handles(path.path)).toEqual([ada.handle, bob.handle, carla.handle, dora.handle])
    expect(
      await json(await t.call("GET", `/v1/network/path/${finn.handle}`, { cookie: ada.cookie })),
    ).toMatchObject({ degree: 4 })
    const far = await t.signup("far")
    await t.connect(finn, far)
    expect(
      await json(await t.call("GET", `/v1/network/path/${far.handle}`, { cookie: ada.cookie })),
    ).toEqual({ degree: null, path: [] })
    // A blocked member is not found at all.
    await t.call("POST", `/v1/members/${ada.handle}/block`, { cookie: dora.cookie })
    expect(
      (await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie })).status,
    ).toBe(404)
  })

  it("a member who hides their contacts is no hop for anyone but their own contacts", async () => {
    const { ada, carla, dora } = await chain()
    const pathToDora = async () =>
      json<{ degree: number | null }>(
        await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie }),
      )
    // Known to the network index before she hides, and after: the change is news to it.
    expect((await pathToDora()).degree).toBe(3)
    await t.call("PATCH", "/v1/me", {
      cookie: carla.cookie,
      body: { settings: { hideContacts: true } },
    })
    expect(
      await json(await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie })),
    ).toEqual({ degree: null, path: [] })
    // Carla's own contact Dora still sees the way through Carla.
    const fromDora = await json<{ degree: number }>(
      await t.call("GET", `/v1/network/path/${ada.handle}`, { cookie: dora.cookie }),
    )
    expect(fromDora.degree).toBe(3)
    await t.call("PATCH", "/v1/me", {
      cookie: carla.cookie,
      body: { settings: { hideContacts: false } },
    })
    expect((await pathToDora()).degree).toBe(3)
  })

  it("reach counts the rings and the chance of a customer among them", async () => {
    const { ada } = await chain()
    const r = await json<{
      first: number
      second: number
      third: number
      chanceOfAtLeastOne: { first: number; third: number }
    }>(await t.call("GET", "/v1/network/reach?baseRate=0.5", { cookie: ada.cookie }))
    expect(r).toMatchObject({ first: 1, second: 2, third: 1 })
    expect(r.chanceOfAtLeastOne.first).toBeCloseTo(0.5, 10)
    expect(r.chanceOfAtLeastOne.third).toBeCloseTo(1 - 0.5 ** 4, 10)
    expect(
      (await t.call("GET", "/v1/network/reach?baseRate=2", { cookie: ada.cookie })).status,
    ).toBe(400)
  })

  it("a member's profile shows our mutual contacts and the path", async () => {
    const { ada, bob, carla } = await chain()
    const profile = await json<{ mutualContacts: { handle: string }[]; path: { degree: number } }>(
      await t.call("GET", `/v1/members/${carla.handle}`, { cookie: ada.cookie }),
    )
    expect(handles(profile.mutualContacts)).toEqual([bob.handle])
    expect(profile.path.degree).toBe(2)
  })

  it("follows changes: a new connection shortens the path, a deletion lengthens it", async () => {
    const { ada, dora } = await chain()
    expect(
      await json(await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie })),
    ).toMatchObject({ degree: 3 })
    await t.connect(ada, dora)
    expect(
      await json(await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie })),
    ).toMatchObject({ degree: 1 })
    await t.call("DELETE", `/v1/contacts/${dora.handle}`, { cookie: ada.cookie })
    expect(
      await json(await t.call("GET", `/v1/network/path/${dora.handle}`, { cookie: ada.cookie })),
    ).toMatchObject({ degree: 3 })
  })
})

describe("a profile by handle", () => {
  const profile = async (viewer: Member, handle: string) =>
    t.call("GET", `/v1/members/${handle}`, { cookie: viewer.cookie })

  it("answers the same the first time (the row first) and again (the id known from memory)", async () => {
    const { ada, carla } = await chain()
    const first = await profile(ada, carla.handle)
    const again = await profile(ada, carla.handle)
    expect(first.status).toBe(200)
    const body = await first.text()
    expect(await again.text()).toBe(body)
    expect(JSON.parse(body)).toMatchObject({
      handle: carla.handle,
      path: { degree: 2 },
      mutualContacts: [{ handle: expect.any(String) }],
    })
  })

  it("a departed member's handle stays theirs: the profile is gone, and nobody can take the handle", async () => {
    const { ada, carla } = await chain()
    // Looked up once: the process now remembers carla's id behind the handle.
    expect((await profile(ada, carla.handle)).status).toBe(200)
    expect(
      (
        await t.call("DELETE", "/v1/me", {
          cookie: carla.cookie,
          body: { password: "correct horse battery" },
        })
      ).status,
    ).toBe(204)
    expect((await profile(ada, carla.handle)).status).toBe(404)
    // Signing up for it again is refused (a block would otherwise be told from a departure).
    const again = await t.call("POST", "/v1/auth/signup", {
      headers: { "X-Test-Address": "192.0.2.201" },
      body: {
        email: "carla.neu@example.org",
        password: "correct horse battery",
        handle: carla.handle,
        displayName: "Carla Neu",
      },
    })
    expect(again.status).toBe(409)
    expect(await json(again)).toMatchObject({ code: "HandleTaken" })
    expect((await profile(ada, carla.handle)).status).toBe(404)
  })
})
