import { fireEvent, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, json, memberOf, renderWith } from "../../test-support.js"
import { Discover } from "./Discover.js"

const listed = (handle: string, displayName: string) => ({
  ...memberOf(handle, displayName, { hasPhoto: true, openToNetworking: true }),
  relationship: "none",
  mutualCount: 0,
})

describe("finding members in the directory", () => {
  it("lists those with a photo and open to networking without a search text, page by page", async () => {
    const calls = fakeServer({
      "GET /v1/network/suggestions": () => json({ items: [] }),
      "GET /v1/groups": () => json({ items: [], nextCursor: null }),
      "GET /v1/members": (call) =>
        call.path.includes("cursor=")
          ? json({ items: [listed("carl", "Carl Crane")], nextCursor: null })
          : json({ items: [listed("bea", "Bea Berg")], nextCursor: "next" }),
    })
    renderWith(() => <Discover />)
    fireEvent.click(await screen.findByLabelText("With a photo"))
    expect(await screen.findByText("Bea Berg")).toBeTruthy()
    fireEvent.click(screen.getByLabelText("Open to networking"))
    fireEvent.click(await screen.findByRole("button", { name: "Show more" }))
    expect(await screen.findByText("Carl Crane")).toBeTruthy()
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull()
    expect(calls.filter((c) => c.path.startsWith("/v1/members")).map((c) => c.path)).toEqual([
      "/v1/members?hasPhoto=true",
      "/v1/members?hasPhoto=true&openToNetworking=true",
      "/v1/members?hasPhoto=true&openToNetworking=true&cursor=next",
    ])
  })
})

describe("suggestions", () => {
  it("say why: the contacts they come through, shared groups, openness and a photo", async () => {
    const dana = memberOf("dana", "Dana Dorn", { openToNetworking: true, hasPhoto: true })
    fakeServer({
      "GET /v1/network/suggestions": () =>
        json({
          items: [
            {
              member: dana,
              mutualCount: 2,
              via: ["bob"],
              viaMembers: [memberOf("bob", "Bob Berger")],
              sharedGroups: 1,
              reasons: ["mutualContacts", "sharedGroups", "openToNetworking", "hasPhoto"],
            },
          ],
        }),
      "GET /v1/groups": () => json({ items: [], nextCursor: null }),
    })
    renderWith(() => <Discover />, { locale: "de" })
    expect(await screen.findByText("Dana Dorn")).toBeTruthy()
    expect(await screen.findByText(/offen für Networking · hat ein Foto/)).toBeTruthy()
  })
})
