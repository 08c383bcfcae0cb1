import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, json, memberOf, postOf, renderWith } from "../../test-support.js"
import { Home } from "./Home.js"

const item = (id: string, text: string, by: ReturnType<typeof memberOf>) => ({
  key: `post:${id}`,
  kind: "post",
  post: postOf(id, text, by),
  connection: null,
  broughtBy: [{ member: by, reason: "posted", reasons: ["posted"], words: null }],
  latestAt: "2026-05-01T10:00:00.000Z",
})

describe("the feed by category", () => {
  it("switches between all news, one category and the uncategorized", async () => {
    const tom = memberOf("tom", "Tom Trainer")
    const uli = memberOf("uli", "Uli Unsortiert")
    const calls = fakeServer({
      "GET /v1/categories": () =>
        json({
          items: [{ id: "c1", name: "Trainer", reviewEveryDays: null, createdAt: "2026-01-01" }],
          nextCursor: null,
        }),
      "GET /v1/feed": (call) =>
        json({
          items: call.path.includes("category=c1")
            ? [item("p1", "Toms Seminar", tom)]
            : call.path.includes("category=uncategorized")
              ? [item("p2", "Ulis Angebot", uli)]
              : [item("p1", "Toms Seminar", tom), item("p2", "Ulis Angebot", uli)],
          nextCursor: null,
        }),
    })
    renderWith(() => <Home />)
    expect(await screen.findByText("Ulis Angebot")).toBeTruthy()
    fireEvent.click(await screen.findByRole("button", { name: "Trainer" }))
    await waitFor(() => expect(screen.queryByText("Ulis Angebot")).toBeNull())
    expect(screen.getByText("Toms Seminar")).toBeTruthy()
    expect(screen.getByRole("button", { name: "Trainer" }).getAttribute("aria-pressed")).toBe(
      "true",
    )
    fireEvent.click(screen.getByRole("button", { name: "In no category" }))
    expect(await screen.findByText("Ulis Angebot")).toBeTruthy()
    await waitFor(() => expect(screen.queryByText("Toms Seminar")).toBeNull())
    fireEvent.click(screen.getByRole("button", { name: "All news" }))
    expect(await screen.findByText("Toms Seminar")).toBeTruthy()
    expect(calls.filter((c) => c.path.startsWith("/v1/feed")).map((c) => c.path)).toEqual([
      "/v1/feed",
      "/v1/feed?category=c1",
      "/v1/feed?category=uncategorized",
      "/v1/feed",
    ])
  })
})
