import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, problem, renderWith } from "../../test-support.js"
import { IntroduceDialog } from "./IntroduceDialog.js"

const bob = { handle: "bob", displayName: "Bob Berger" }
const carl = { handle: "carl", displayName: "Carl Conrad" }

describe("asking for an introduction", () => {
  it("pre-writes the ask to the contact and sends it with whom I want to meet", async () => {
    const calls = fakeServer({
      "POST /v1/introductions": () => json({ introduction: { id: "i1", state: "pending" } }, 201),
    })
    const onAsked = vi.fn()
    renderWith(() => (
      <IntroduceDialog open via={bob} to={carl} onClose={() => {}} onAsked={onAsked} />
    ))
    const box = (await screen.findByLabelText(
      "Why you would like to meet Carl Conrad",
    )) as HTMLTextAreaElement
    expect(box.value).toBe(
      "Hello Bob, could you introduce me to Carl Conrad? I would like to meet them because ",
    )
    fireEvent.input(box, { target: { value: "Bob, stell mich bitte Carl vor – wegen der Messe." } })
    fireEvent.click(screen.getByRole("button", { name: "Ask Bob Berger" }))
    await waitFor(() => expect(onAsked).toHaveBeenCalled())
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      via: "bob",
      to: "carl",
      message: "Bob, stell mich bitte Carl vor – wegen der Messe.",
    })
  })

  it("says why it did not work, in German", async () => {
    fakeServer({ "POST /v1/introductions": () => problem(409, "IntroductionAlreadyOpen") })
    renderWith(
      () => <IntroduceDialog open via={bob} to={carl} onClose={() => {}} onAsked={() => {}} />,
      {
        locale: "de",
      },
    )
    fireEvent.click(await screen.findByRole("button", { name: "Bob Berger bitten" }))
    expect(await screen.findByText("Um diese Vorstellung hast Du schon gebeten.")).toBeTruthy()
  })
})
