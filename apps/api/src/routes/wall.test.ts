/**
 * A member's wall (GET /v1/members/{handle}/posts): their posts, newest
 * first, page by page — for their contacts and themselves; an empty page to
 * anyone else; 404 through a block, either way, as for nobody at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
interface WallPage {
  items: {
    id: string
    text: string
    author: { handle: string }
    likes: number
    likedByMe: boolean
  }[]
  nextCursor: string | null
}
const wallOf = async (viewer: Member, of: Member, query = "") => {
  const res = await t.call("GET", `/v1/members/${of.handle}/posts${query}`, {
    cookie: viewer.cookie,
  })
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as WallPage) : null }
}
const texts = (p: WallPage | null) => p?.items.map((i) => i.text)
const post = async (m: Member, text: string) => {
  t.advanceDays(1 / 1440)
  const res = await t.call("POST", "/v1/posts", { cookie: m.cookie, body: { text } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

describe("the wall", () => {
  it("shows a member's posts to their contacts and to themselves, newest first, page by page", async () => {
    const [ada, bob, cem] = [await t.signup("ada"), await t.signup("bob"), await t.signup("cem")]
    await t.connect(ada, bob)
    await t.connect(bob, cem) // Cem is Bob's contact, not Ada's
    const ids = [await post(ada, "Erster"), await post(ada, "Zweiter"), await post(ada, "Dritter")]
    await post(bob, "Bobs eigener")
    await t.call("POST", `/v1/posts/${ids[1]}/like`, { cookie: bob.cookie })

    const bobs = await wallOf(bob, ada)
    expect(bobs.status).toBe(200)
    expect(texts(bobs.body)).toEqual(["Dritter", "Zweiter", "Erster"])
    expect(bobs.body?.items.every((i) => i.author.handle === ada.handle)).toBe(true)
    expect(bobs.body?.items[1]).toMatchObject({ likes: 1, likedByMe: true })
    expect(texts((await wallOf(ada, ada)).body)).toEqual(["Dritter", "Zweiter", "Erster"])

    const first = await wallOf(bob, ada, "?limit=2")
    expect(texts(first.body)).toEqual(["Dritter", "Zweiter"])
    const second = await wallOf(bob, ada, `?limit=2&cursor=${first.body?.nextCursor}`)
    expect(second.body).toMatchObject({ nextCursor: null })
    expect(texts(second.body)).toEqual(["Erster"])

    // Not Ada's contact: her wall is empty to Cem, even with a post Bob liked.
    expect(await wallOf(cem, ada)).toEqual({ status: 200, body: { items: [], nextCursor: null } })

    // A post deleted leaves the wall.
    await t.call("DELETE", `/v1/posts/${ids[2]}`, { cookie: ada.cookie })
    expect(texts((await wallOf(bob, ada)).body)).toEqual(["Zweiter", "Erster"])
  })

  it("is gone through a block, either way, exactly as a handle nobody has", async () => {
    const [eva, fin] = [await t.signup("eva"), await t.signup("fin")]
    await t.connect(eva, fin)
    await post(eva, "Evas Beitrag")
    expect(texts((await wallOf(fin, eva)).body)).toEqual(["Evas Beitrag"])
    await t.call("POST", `/v1/members/${fin.handle}/block`, { cookie: eva.cookie })
    const blocked = await t.call("GET", `/v1/members/${eva.handle}/posts`, { cookie: fin.cookie })
    const nobody = await t.call("GET", "/v1/members/nobody-here/posts", { cookie: fin.cookie })
    expect(blocked.status).toBe(404)
    expect(nobody.status).toBe(404)
    const shape = async (res: Response) => {
      const { detail: _d, instance: _i, ...rest } = (await res.json()) as Record<string, unknown>
      return rest
    }
    expect(await shape(blocked)).toEqual(await shape(nobody))
    // The blocker does not read the blocked member's wall either.
    expect((await wallOf(eva, fin)).status).toBe(404)
  })

  it("answers 400 to a cursor it did not give out, 401 without a session", async () => {
    const gil = await t.signup("gil")
    expect((await wallOf(gil, gil, "?cursor=nonsense")).status).toBe(400)
    expect((await t.call("GET", `/v1/members/${gil.handle}/posts`)).status).toBe(401)
  })
})
