import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, ME, problem, renderWith } from "../../test-support.js"
import { FeedCard, type FeedItem } from "./FeedCard.js"

const bob = {
  handle: "bob",
  displayName: "Bob Baker",
  headline: "",
  bio: "",
  hasPhoto: false,
  openToNetworking: false,
}
const carla = { ...bob, handle: "carla", displayName: "Carla Cruz" }
const item: FeedItem = {
  key: "post:p1",
  kind: "post",
  post: {
    id: "p1",
    author: bob,
    text: "Neuer Artikel über Weiterempfehlungen",
    link: "https://example.org/artikel",
    createdAt: "2026-11-20T10:00:00.000Z",
    likes: 3,
    comments: 0,
    likedByMe: false,
    flaggedByMe: false,
  },
  connection: null,
  broughtBy: [
    { member: bob, reason: "posted", reasons: ["posted"], words: null },
    { member: carla, reason: "liked", reasons: ["liked"], words: null },
  ],
  latestAt: "2026-11-20T10:00:00.000Z",
}

const card = (onHide = vi.fn(), onUnhide = vi.fn()) =>
  renderWith(() => (
    <FeedCard item={item} items={() => [item]} onHide={onHide} onUnhide={onUnhide} />
  ))

describe("a feed item", () => {
  it("says who brought it", async () => {
    fakeServer({})
    card()
    expect((await screen.findByText(/Bob Baker posted/)).textContent).toBe(
      "Bob Baker posted, Carla Cruz likes this",
    )
  })

  it("names every reason of a contact who brought it, and the words they shared it with", async () => {
    fakeServer({})
    const shared = {
      ...item,
      broughtBy: [
        {
          member: carla,
          reason: "shared" as const,
          reasons: ["shared" as const, "liked" as const],
          words: "Lesenswert für alle, die Empfehlungen suchen.",
        },
        { member: bob, reason: "posted" as const, reasons: ["posted" as const], words: null },
      ],
    }
    renderWith(() => (
      <FeedCard item={shared} items={() => [shared]} onHide={vi.fn()} onUnhide={vi.fn()} />
    ))
    expect((await screen.findByText(/Carla Cruz:/)).textContent).toBe(
      "Carla Cruz: shared this and likes this, Bob Baker posted",
    )
    expect(screen.getByText("Lesenswert für alle, die Empfehlungen suchen.")).toBeTruthy()
    expect(screen.getByText("— Carla Cruz")).toBeTruthy()
  })

  it("shares with words of my own from a dialog", async () => {
    const calls = fakeServer({ "POST /v1/posts/p1/share": () => json({ id: "s1" }, 201) })
    card()
    fireEvent.click(await screen.findByRole("button", { name: "Share…" }))
    fireEvent.input(await screen.findByLabelText("Your words (optional)"), {
      target: { value: "  Unbedingt lesen!  " },
    })
    fireEvent.click(screen.getByRole("button", { name: "Share" }))
    expect(await screen.findByText("Shared with your contacts.")).toBeTruthy()
    expect(calls.filter((c) => c.method === "POST")).toEqual([
      { method: "POST", path: "/v1/posts/p1/share", body: { text: "Unbedingt lesen!" } },
    ])
  })

  it("likes at once, and takes it back with a message when the server refuses", async () => {
    let answer = () => problem(500, "InternalError")
    fakeServer({ "POST /v1/posts/p1/like": () => answer() })
    card()
    const like = await screen.findByRole("button", { name: "Like (3)" })
    fireEvent.click(like)
    expect(like.textContent).toBe("Liked (4)")
    expect(like.getAttribute("aria-pressed")).toBe("true")
    await waitFor(() => expect(like.textContent).toBe("Like (3)"))
    expect(await screen.findByText(/has been undone/)).toBeTruthy()
    answer = () => json(null, 204)
    fireEvent.click(like)
    await waitFor(() => expect(like.textContent).toBe("Liked (4)"))
  })

  it("flags as odd privately, and mutes the author (hidden at once, back if refused)", async () => {
    const calls = fakeServer({
      "POST /v1/posts/p1/flag": () => json(null, 204),
      "PATCH /v1/contacts/bob": () => problem(404, "ContactNotFound"),
    })
    const onHide = vi.fn()
    const onUnhide = vi.fn()
    card(onHide, onUnhide)
    fireEvent.click(await screen.findByRole("button", { name: "Odd news" }))
    expect(await screen.findByText(/only you know/)).toBeTruthy()
    expect(screen.getByRole("button", { name: "Marked as odd" }).getAttribute("aria-pressed")).toBe(
      "true",
    )
    fireEvent.click(screen.getByRole("button", { name: "Mute Bob Baker" }))
    expect(onHide).toHaveBeenCalledWith(["post:p1"])
    await waitFor(() => expect(onUnhide).toHaveBeenCalledWith(["post:p1"]))
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain("PATCH /v1/contacts/bob")
  })

  it("takes a flag back with a second press, and marks it again if the server refuses", async () => {
    let answer = () => json(null, 204)
    const calls = fakeServer({
      "POST /v1/posts/p1/flag": () => json(null, 204),
      "DELETE /v1/posts/p1/flag": () => answer(),
    })
    card(vi.fn(), vi.fn())
    fireEvent.click(await screen.findByRole("button", { name: "Odd news" }))
    fireEvent.click(await screen.findByRole("button", { name: "Marked as odd" }))
    expect(await screen.findByText("No longer marked as odd.")).toBeTruthy()
    const button = screen.getByRole("button", { name: "Odd news" })
    expect(button.getAttribute("aria-pressed")).toBe("false")
    fireEvent.click(button)
    await screen.findByRole("button", { name: "Marked as odd" })
    answer = () => problem(503, "Busy")
    fireEvent.click(screen.getByRole("button", { name: "Marked as odd" }))
    expect(await screen.findByText(/has been undone/)).toBeTruthy()
    expect(screen.getByRole("button", { name: "Marked as odd" }).getAttribute("aria-pressed")).toBe(
      "true",
    )
    expect(calls.map((c) => `${c.method} ${c.path}`).filter((c) => c.includes("flag"))).toEqual([
      "POST /v1/posts/p1/flag",
      "DELETE /v1/posts/p1/flag",
      "POST /v1/posts/p1/flag",
      "DELETE /v1/posts/p1/flag",
    ])
  })

  it("offers no flag, share or mute on my own post", async () => {
    fakeServer({})
    renderWith(() => (
      <FeedCard
        item={{
          ...item,
          post: item.post === null ? null : { ...item.post, author: { ...bob, handle: ME.handle } },
        }}
        items={() => []}
        onHide={() => {}}
        onUnhide={() => {}}
      />
    ))
    await screen.findByRole("button", { name: /Like/ })
    await waitFor(() => expect(screen.queryByRole("button", { name: "Odd news" })).toBeNull())
    expect(screen.queryByRole("button", { name: /^Share/ })).toBeNull()
  })
})
