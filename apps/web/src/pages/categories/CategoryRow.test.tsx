import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, renderWith } from "../../test-support.js"
import { CategoryRow } from "./CategoryRow.js"

const messe = {
  id: "c1",
  name: "Messe",
  reviewEveryDays: null,
  lessNews: false,
  createdAt: "2026-01-01",
}

describe("a category", () => {
  it("can ask for less news from it, which the review reads", async () => {
    const calls = fakeServer({
      "PATCH /v1/categories/c1": (call) => json({ ...messe, ...(call.body as object) }),
    })
    const onChanged = vi.fn()
    renderWith(() => <CategoryRow category={messe} onChanged={onChanged} />, { locale: "de" })
    fireEvent.click(await screen.findByLabelText("Weniger aus dieser Kategorie"))
    expect(screen.getByText(/rät, Kontakte darin stummzuschalten/)).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "Speichern" }))
    await waitFor(() => expect(onChanged).toHaveBeenCalled())
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
      name: "Messe",
      reviewEveryDays: null,
      lessNews: true,
    })
  })
})
