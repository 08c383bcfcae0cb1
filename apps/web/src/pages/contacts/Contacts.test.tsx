import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { fakeServer, json, memberOf, renderWith } from "../../test-support.js"
import { Contacts } from "./Contacts.js"

const contact = (handle: string, displayName: string, categoryIds: string[] = []) => ({
  member: memberOf(handle, displayName),
  categoryIds,
  note: "",
  importance: "normal",
  muted: false,
  acceptedAutomatically: true,
  connectedAt: "2026-01-01T00:00:00.000Z",
  reviewDueAt: "2026-07-01T00:00:00.000Z",
})

describe("sorting my contacts later", () => {
  it("asks for the uncategorized ones accepted automatically, and puts the selected into a category", async () => {
    const calls = fakeServer({
      "GET /v1/categories": () =>
        json({
          items: [{ id: "c1", name: "Trainer", reviewEveryDays: null, createdAt: "2026-01-01" }],
          nextCursor: null,
        }),
      "GET /v1/contacts": () =>
        json({
          items: [
            contact("bea", "Bea Berg"),
            contact("carl", "Carl Crane"),
            contact("dora", "Dora Dunst"),
          ],
          nextCursor: null,
        }),
      "PATCH /v1/contacts/bea": () => json(contact("bea", "Bea Berg", ["c1"])),
      "PATCH /v1/contacts/dora": () => json(contact("dora", "Dora Dunst", ["c1"])),
    })
    renderWith(() => <Contacts />, { location: "/contacts" })
    expect(await screen.findByText("Bea Berg")).toBeTruthy()
    expect(screen.getAllByText("to sort")).toHaveLength(3)
    await screen.findByRole("option", { name: "Trainer" })
    fireEvent.change(screen.getByLabelText("Category"), { target: { value: "uncategorized" } })
    fireEvent.click(screen.getByLabelText("Accepted automatically"))
    fireEvent.change(screen.getByLabelText("Importance"), { target: { value: "normal" } })
    await waitFor(() =>
      expect(calls.filter((c) => c.path.startsWith("/v1/contacts")).at(-1)?.path).toBe(
        "/v1/contacts?sort=name&category=uncategorized&importance=normal&acceptedAutomatically=true",
      ),
    )

    fireEvent.click(await screen.findByLabelText("Select Bea Berg"))
    fireEvent.click(screen.getByLabelText("Select Dora Dunst"))
    expect(screen.getByText("2 selected")).toBeTruthy()
    fireEvent.change(screen.getByLabelText("Add to category"), { target: { value: "c1" } })
    fireEvent.click(screen.getByRole("button", { name: "Add" }))
    expect(await screen.findByText("2 added to Trainer.")).toBeTruthy()
    expect(calls.filter((c) => c.method === "PATCH")).toEqual([
      { method: "PATCH", path: "/v1/contacts/bea", body: { categoryIds: ["c1"] } },
      { method: "PATCH", path: "/v1/contacts/dora", body: { categoryIds: ["c1"] } },
    ])
    // Sorted now: their tags show the category, the selection is cleared.
    expect(screen.getAllByText("Trainer", { selector: ".tag" })).toHaveLength(2)
    expect(screen.getAllByText("to sort")).toHaveLength(1)
    expect(screen.queryByText("2 selected")).toBeNull()
  })
})
