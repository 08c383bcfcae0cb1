import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, memberOf, renderWith } from "../../test-support.js"
import { RecommendDialog } from "./RecommendDialog.js"

const dana = memberOf("dana", "Dana Dorn")
const contact = (m: ReturnType<typeof memberOf>) => ({
  member: m,
  categoryIds: [],
  note: "",
  importance: "normal",
  muted: false,
  acceptedAutomatically: false,
  connectedAt: "2026-01-01T00:00:00.000Z",
  reviewDueAt: "2026-04-01T00:00:00.000Z",
})

describe("recommending a member", () => {
  it("recommends to the contacts I tick, with my note; the member is not offered to themselves", async () => {
    const calls = fakeServer({
      "GET /v1/contacts": () =>
        json({
          items: [
            contact(memberOf("ada", "Ada Arndt")),
            contact(memberOf("carl", "Carl Conrad")),
            contact(dana),
          ],
          nextCursor: null,
        }),
      "POST /v1/members/dana/recommend": () => new Response(null, { status: 204 }),
    })
    const onClose = vi.fn()
    renderWith(() => <RecommendDialog open member={dana} onClose={onClose} />)
    const adaBox = await screen.findByRole("checkbox", { name: /Ada Arndt/ })
    fireEvent.click(screen.getByRole("button", { name: "Recommend" }))
    expect(await screen.findByText("Choose at least one contact.")).toBeTruthy()
    expect(screen.queryByRole("checkbox", { name: /Dana Dorn/ })).toBeNull()
    fireEvent.click(adaBox)
    fireEvent.click(screen.getByRole("checkbox", { name: /Carl Conrad/ }))
    fireEvent.input(screen.getByLabelText("Your note"), {
      target: { value: "Dana kennt die Messe." },
    })
    fireEvent.click(screen.getByRole("button", { name: "Recommend" }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      to: ["ada", "carl"],
      note: "Dana kennt die Messe.",
    })
    expect(await screen.findByText("Recommended to 2 contacts.")).toBeTruthy()
  })
})
