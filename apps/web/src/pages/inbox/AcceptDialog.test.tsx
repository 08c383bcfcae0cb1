import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, renderWith } from "../../test-support.js"
import { AcceptDialog } from "./AcceptDialog.js"
import type { IncomingRequest } from "./IncomingCard.js"

const request: IncomingRequest = {
  id: "r1",
  from: {
    handle: "sandra",
    displayName: "Sandra Staub",
    headline: "",
    bio: "",
    hasPhoto: true,
    openToNetworking: true,
  },
  message: "Hallo, habe Dich in der Gruppe K. gefunden.",
  foundVia: { kind: "group", groupId: "g1" },
  introduction: null,
  state: "pending",
  createdAt: "2026-11-20T10:00:00.000Z",
  verdict: { mode: "manual", recommendation: "decide", autoAccept: false, reasons: [] },
}

describe("accepting a request", () => {
  it("pre-fills why we connected, files under chosen categories and a new one", async () => {
    let categories = [{ id: "c1", name: "Kunden", reviewEveryDays: null, createdAt: "" }]
    const calls = fakeServer({
      "GET /v1/groups/g1": () =>
        json({
          id: "g1",
          name: "Online-Netzwerker K.",
          description: "",
          memberCount: 3,
          joined: true,
          createdAt: "",
        }),
      "GET /v1/categories": () => json({ items: categories, nextCursor: null }),
      "POST /v1/categories": () => {
        const created = { id: "c2", name: "Messe", reviewEveryDays: null, createdAt: "" }
        categories = [...categories, created]
        return json(created, 201)
      },
      "POST /v1/requests/r1/accept": () => json({ contact: {} }, 200),
    })
    const onAccepted = vi.fn()
    renderWith(
      () => <AcceptDialog open request={request} onClose={() => {}} onAccepted={onAccepted} />,
      { locale: "de" },
    )
    const note = (await screen.findByLabelText(
      "Warum wir uns vernetzt haben (nur für Dich)",
    )) as HTMLTextAreaElement
    await waitFor(() =>
      expect(note.value).toBe(
        "Hat mich in der Gruppe Online-Netzwerker K. gefunden.\nNachricht: „Hallo, habe Dich in der Gruppe K. gefunden.“",
      ),
    )
    fireEvent.click(await screen.findByLabelText("Kunden"))
    fireEvent.input(screen.getByLabelText("Neue Kategorie"), { target: { value: "Messe" } })
    fireEvent.click(screen.getByRole("button", { name: "Hinzufügen" }))
    expect(((await screen.findByLabelText("Messe")) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(screen.getByRole("button", { name: "Annehmen" }))
    await waitFor(() => expect(onAccepted).toHaveBeenCalled())
    expect(calls.find((c) => c.path === "/v1/requests/r1/accept")?.body).toEqual({
      categoryIds: ["c1", "c2"],
      note: note.value,
    })
  })
})
