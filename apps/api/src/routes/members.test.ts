/**
 * The directory's filters for whom to approach: a photo, open to networking,
 * one group — alone and together, with search and pages.
 */
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTestApp, type TestApp } from "../test-support.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

type Member = Awaited<ReturnType<TestApp["signup"]>>
interface Page {
  items: { handle: string; hasPhoto: boolean; openToNetworking: boolean }[]
  nextCursor: string | null
}
const photo = async (m: Member) => {
  const bytes = await sharp({
    create: { width: 32, height: 32, channels: 3, background: { r: 10, g: 120, b: 90 } },
  })
    .png()
    .toBuffer()
  const res = await t.call("PUT", "/v1/me/photo", {
    cookie: m.cookie,
    raw: new Uint8Array(bytes),
    headers: { "Content-Type": "image/png" },
  })
  expect(res.status).toBe(204)
}
const open = async (m: Member) =>
  expect(
    (await t.call("PATCH", "/v1/me", { cookie: m.cookie, body: { openToNetworking: true } }))
      .status,
  ).toBe(200)
const listed = async (viewer: Member, query: string) => {
  const res = await t.call("GET", `/v1/members?${query}`, { cookie: viewer.cookie })
  expect(res.status).toBe(200)
  return (await res.json()) as Page
}
const handles = (p: Page) => p.items.map((m) => m.handle)

describe("the directory's filters", () => {
  it("keeps members with a photo, open to networking, in a group — each alone and together", async () => {
    // Names that a search for "filt" finds, and no one else's.
    const [viewer, both, photoOnly, openOnly, neither] = [
      await t.signup("filtviewer"),
      await t.signup("filtboth"),
      await t.signup("filtphoto"),
      await t.signup("filtopen"),
      await t.signup("filtnone"),
    ]
    await photo(both)
    await photo(photoOnly)
    await open(both)
    await open(openOnly)
    const group = (await (
      await t.call("POST", "/v1/groups", { cookie: both.cookie, body: { name: "Filtergruppe" } })
    ).json()) as { id: string }
    for (const m of [openOnly, neither])
      await t.call("POST", `/v1/groups/${group.id}/join`, { cookie: m.cookie })

    const all = [both, photoOnly, openOnly, neither].map((m) => m.handle).sort()
    expect(handles(await listed(viewer, "q=filt"))).toEqual(all)
    expect(handles(await listed(viewer, "q=filt&hasPhoto=true"))).toEqual(
      [both.handle, photoOnly.handle].sort(),
    )
    expect(handles(await listed(viewer, "q=filt&hasPhoto=false"))).toEqual(
      [openOnly.handle, neither.handle].sort(),
    )
    expect(handles(await listed(viewer, "q=filt&openToNetworking=true"))).toEqual(
      [both.handle, openOnly.handle].sort(),
    )
    expect(handles(await listed(viewer, "q=filt&hasPhoto=true&openToNetworking=true"))).toEqual([
      both.handle,
    ])
    expect(handles(await listed(viewer, `groupId=${group.id}&openToNetworking=true`))).toEqual(
      [both.handle, openOnly.handle].sort(),
    )
    expect(handles(await listed(viewer, `groupId=${group.id}&hasPhoto=false`))).toEqual(
      [openOnly.handle, neither.handle].sort(),
    )
    // What each item says agrees with the filter it passed.
    for (const m of (await listed(viewer, "q=filt&hasPhoto=true")).items)
      expect(m.hasPhoto).toBe(true)
    for (const m of (await listed(viewer, "q=filt&openToNetworking=false")).items)
      expect(m.openToNetworking).toBe(false)

    // Page by page, the filter holds on every page.
    const first = await listed(viewer, "q=filt&openToNetworking=true&limit=1")
    expect(handles(first)).toEqual([[both.handle, openOnly.handle].sort()[0]])
    const second = await listed(
      viewer,
      `q=filt&openToNetworking=true&limit=1&cursor=${first.nextCursor}`,
    )
    expect(handles(second)).toEqual([[both.handle, openOnly.handle].sort()[1]])
  })

  it("answers 400 to a filter that is not true or false", async () => {
    const m = await t.signup("filtbad")
    for (const q of ["hasPhoto=yes", "openToNetworking=1", "hasPhoto="]) {
      const res = await t.call("GET", `/v1/members?${q}`, { cookie: m.cookie })
      expect(res.status, q).toBe(400)
    }
  })
})
