import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, json, memberOf, renderWith } from "../../test-support.js"
import { IntroductionsList } from "./IntroductionsList.js"

const ada = memberOf("ada", "Ada Arndt")
const carl = memberOf("carl", "Carl Conrad")
const bob = memberOf("bob", "Bob Berger")
const ask = {
  id: "i1",
  asker: ada,
  target: carl,
  message: "Wegen der Messe",
  createdAt: "2026-11-30T10:00:00.000Z",
}

describe("introductions in the inbox", () => {
  it("forwards an ask with my note, and it leaves the list", async () => {
    const calls = fakeServer({
      "GET /v1/introductions/incoming": () => json({ items: [ask], nextCursor: null }),
      "GET /v1/introductions/outgoing": () => json({ items: [], nextCursor: null }),
      "POST /v1/introductions/i1/forward": () =>
        json({ introduction: { ...ask, state: "forwarded" } }),
    })
    renderWith(() => <IntroductionsList />)
    expect(await screen.findByText("Ada Arndt would like to meet Carl Conrad")).toBeTruthy()
    expect(screen.getByText("Wegen der Messe")).toBeTruthy()
    fireEvent.input(screen.getByLabelText("Your note to Carl Conrad"), {
      target: { value: " Carl, das ist Ada. " },
    })
    fireEvent.click(screen.getByRole("button", { name: "Introduce" }))
    await waitFor(() =>
      expect(calls.find((c) => c.method === "POST")?.body).toEqual({ note: "Carl, das ist Ada." }),
    )
    expect(await screen.findByText("Carl Conrad now has the request of Ada Arndt.")).toBeTruthy()
    await waitFor(() => expect(screen.queryByText("Wegen der Messe")).toBeNull())
    expect(screen.getByText("Nobody has asked you for an introduction.")).toBeTruthy()
  })

  it("declines silently, and shows my own asks as I see them, in German", async () => {
    const calls = fakeServer({
      "GET /v1/introductions/incoming": () => json({ items: [ask], nextCursor: null }),
      "GET /v1/introductions/outgoing": () =>
        json({
          items: [
            {
              id: "i9",
              via: bob,
              target: carl,
              message: "Bitte",
              state: "pending",
              createdAt: ask.createdAt,
            },
          ],
          nextCursor: null,
        }),
      "POST /v1/introductions/i1/decline": () => new Response(null, { status: 204 }),
    })
    renderWith(() => <IntroductionsList />, { locale: "de" })
    expect(await screen.findByText(/wartet auf Bob Berger/)).toBeTruthy()
    expect(screen.getByText(/über Bob Berger/)).toBeTruthy()
    fireEvent.click(await screen.findByRole("button", { name: "Ablehnen" }))
    await waitFor(() =>
      expect(calls.some((c) => c.path === "/v1/introductions/i1/decline")).toBe(true),
    )
    expect(await screen.findByText("Abgelehnt – es wird niemandem mitgeteilt.")).toBeTruthy()
  })
})
