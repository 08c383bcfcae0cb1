import { fireEvent, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, json, memberOf, renderWith } from "../../test-support.js"
import { BlocksSection } from "./BlocksSection.js"

describe("the members I blocked", () => {
  it("lists them page by page and unblocks one, which leaves the list", async () => {
    const calls = fakeServer({
      "GET /v1/blocks": (call) =>
        call.path.includes("cursor=")
          ? json({
              items: [
                { member: memberOf("carl", "Carl Crane"), blockedAt: "2026-03-01T10:00:00Z" },
              ],
              nextCursor: null,
            })
          : json({
              items: [
                { member: memberOf("bob", "Bob Brandt"), blockedAt: "2026-05-01T10:00:00Z" },
                { member: memberOf("dora", "Dora Dunst"), blockedAt: "2026-04-01T10:00:00Z" },
              ],
              nextCursor: "page-2",
            }),
      "DELETE /v1/members/bob/block": () => json(null, 204),
    })
    renderWith(() => <BlocksSection />)
    expect(await screen.findByText("Bob Brandt")).toBeTruthy()
    expect(screen.getByText("Dora Dunst")).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "Show more" }))
    expect(await screen.findByText("Carl Crane")).toBeTruthy()
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull()
    expect(calls.filter((c) => c.method === "GET" && c.path.startsWith("/v1/blocks"))).toEqual([
      { method: "GET", path: "/v1/blocks", body: null },
      { method: "GET", path: "/v1/blocks?cursor=page-2", body: null },
    ])

    const [first] = screen.getAllByRole("button", { name: "Unblock" })
    fireEvent.click(first as HTMLElement)
    expect(await screen.findByText("Bob Brandt is unblocked.")).toBeTruthy()
    expect(screen.queryByRole("link", { name: "Bob Brandt" })).toBeNull()
    expect(screen.getByText("Dora Dunst")).toBeTruthy()
    expect(calls.filter((c) => c.method === "DELETE")).toEqual([
      { method: "DELETE", path: "/v1/members/bob/block", body: null },
    ])
  })

  it("says so when nobody is blocked, in German too", async () => {
    fakeServer({ "GET /v1/blocks": () => json({ items: [], nextCursor: null }) })
    renderWith(() => <BlocksSection />, { locale: "de" })
    expect(await screen.findByText("Du hast niemanden blockiert.")).toBeTruthy()
  })
})
