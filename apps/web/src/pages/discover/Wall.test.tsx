import { fireEvent, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, json, memberOf, postOf, renderWith } from "../../test-support.js"
import { Wall } from "./Wall.js"

const author = memberOf("bob", "Bob Baker", { openToNetworking: true })
const post = (id: string, text: string) => postOf(id, text, author)

describe("a member's wall on their profile", () => {
  it("shows a contact's posts page by page, each with the feed's actions", async () => {
    const calls = fakeServer({
      "GET /v1/members/bob/posts": (call) =>
        call.path.includes("cursor=")
          ? json({ items: [post("p2", "Älterer Beitrag")], nextCursor: null })
          : json({ items: [post("p1", "Neuester Beitrag")], nextCursor: "older" }),
      "POST /v1/posts/p1/like": () => json(null, 204),
    })
    renderWith(() => <Wall handle="bob" readable={true} />)
    expect(await screen.findByText("Neuester Beitrag")).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "Show more" }))
    expect(await screen.findByText("Älterer Beitrag")).toBeTruthy()
    const [like] = screen.getAllByRole("button", { name: "Like (0)" })
    fireEvent.click(like as HTMLElement)
    expect(await screen.findByRole("button", { name: "Liked (1)" })).toBeTruthy()
    expect(
      calls.filter((c) => c.path !== "/v1/auth/session").map((c) => `${c.method} ${c.path}`),
    ).toEqual([
      "GET /v1/members/bob/posts",
      "GET /v1/members/bob/posts?cursor=older",
      "POST /v1/posts/p1/like",
    ])
  })

  it("to someone not their contact, says posts are for contacts and asks for nothing", async () => {
    const calls = fakeServer({})
    renderWith(() => <Wall handle="bob" readable={false} />, { locale: "de" })
    expect(await screen.findByText("Beiträge sind nur für Kontakte sichtbar.")).toBeTruthy()
    expect(calls.filter((c) => c.path.includes("/posts"))).toEqual([])
  })
})
