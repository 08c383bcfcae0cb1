import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
interface BlockPage {
  items: { member: { handle: string; displayName: string }; blockedAt: string }[]
  nextCursor: string | null
}
const blocksOf = async (m: Member, query = "") => {
  const res = await t.call("GET", `/v1/blocks${query}`, { cookie: m.cookie })
  expect(res.status).toBe(200)
  return (await res.json()) as BlockPage
}
// A minute apart, so that "the latest first" has an order to show.
const block = async (by: Member, other: Member) => {
  t.advanceDays(1 / 1440)
  const res = await t.call("POST", `/v1/members/${other.handle}/block`, { cookie: by.cookie })
  expect(res.status).toBe(204)
}

describe("GET /v1/blocks: whom I blocked", () => {
  it("lists my blocks, the latest first, page by page, and unblocking takes one off", async () => {
    const [ada, bob, carla, dora] = [
      await t.signup("ada"),
      await t.signup("bob"),
      await t.signup("carla"),
      await t.signup("dora"),
    ]
    expect(await blocksOf(ada)).toEqual({ items: [], nextCursor: null })
    await block(ada, bob)
    await block(ada, carla)
    await block(ada, dora)
    // Blocking twice is one block, from when it was made.
    await block(ada, carla)
    const all = await blocksOf(ada)
    expect(all.items.map((b) => b.member.handle)).toEqual([dora.handle, carla.handle, bob.handle])
    expect(all.items[0]?.member.displayName).toBe("Dora")
    for (const b of all.items) expect(Number.isNaN(Date.parse(b.blockedAt))).toBe(false)

    const first = await blocksOf(ada, "?limit=2")
    expect(first.items.map((b) => b.member.handle)).toEqual([dora.handle, carla.handle])
    expect(first.nextCursor).not.toBeNull()
    const second = await blocksOf(ada, `?limit=2&cursor=${first.nextCursor}`)
    expect(second).toEqual({ items: [all.items[2]], nextCursor: null })

    expect(
      (await t.call("DELETE", `/v1/members/${carla.handle}/block`, { cookie: ada.cookie })).status,
    ).toBe(204)
    expect((await blocksOf(ada)).items.map((b) => b.member.handle)).toEqual([
      dora.handle,
      bob.handle,
    ])
    // Carla, unblocked, finds Ada again; Bob, still blocked, does not.
    expect(
      (await t.call("GET", `/v1/members/${ada.handle}`, { cookie: carla.cookie })).status,
    ).toBe(200)
    expect((await t.call("GET", `/v1/members/${ada.handle}`, { cookie: bob.cookie })).status).toBe(
      404,
    )
  })

  it("is mine alone: the blocked member's list does not show who blocked them", async () => {
    const [erin, finn] = [await t.signup("erin"), await t.signup("finn")]
    await block(erin, finn)
    expect((await blocksOf(erin)).items.map((b) => b.member.handle)).toEqual([finn.handle])
    expect(await blocksOf(finn)).toEqual({ items: [], nextCursor: null })
  })

  it("drops a blocked member whose account is gone", async () => {
    const [gina, hugo] = [await t.signup("gina"), await t.signup("hugo")]
    await block(gina, hugo)
    const gone = await t.call("DELETE", "/v1/me", {
      cookie: hugo.cookie,
      body: { password: "correct horse battery" },
    })
    expect(gone.status).toBe(204)
    expect(await blocksOf(gina)).toEqual({ items: [], nextCursor: null })
  })

  it("answers 400 to a cursor it did not give out and 401 without a session", async () => {
    const ivy = await t.signup("ivy")
    expect((await t.call("GET", "/v1/blocks?cursor=nonsense", { cookie: ivy.cookie })).status).toBe(
      400,
    )
    expect((await t.call("GET", "/v1/blocks")).status).toBe(401)
  })
})
