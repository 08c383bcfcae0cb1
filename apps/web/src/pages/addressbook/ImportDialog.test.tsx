import { fireEvent, screen, waitFor } from "@solidjs/testing-library"
import { describe, expect, it, vi } from "vitest"
import { fakeServer, json, renderWith } from "../../test-support.js"
import { ImportDialog } from "./ImportDialog.js"

const CSV = "Vorname;Nachname;E-Mail\nJürgen;Müller;j@example.org\nAnna;Schröder;a@example.org\n"
const file = () => new File([CSV], "kontakte.csv", { type: "text/csv" })
const choose = async (f: File) => {
  const input = (await screen.findByLabelText(/^Datei/)) as HTMLInputElement
  Object.defineProperty(input, "files", { value: [f], configurable: true })
  fireEvent.change(input)
}

describe("the import dialog", () => {
  it("reads a CSV's columns, takes the guessed mapping, shows the first people and what will happen, then imports with that mapping", async () => {
    const suggested = { firstName: "Vorname", lastName: "Nachname", emails: ["E-Mail"] }
    const report = { created: 2, merged: 0, unchanged: 0, skipped: [] }
    const calls = fakeServer({
      "POST /v1/imports/preview": ({ body }) =>
        json(
          String(body).includes('name="mapping"')
            ? {
                format: "csv",
                columns: ["Vorname", "Nachname", "E-Mail"],
                suggestedMapping: suggested,
                people: 2,
                sample: [
                  {
                    line: 2,
                    displayName: "Jürgen Müller",
                    emails: ["j@example.org"],
                    company: null,
                    position: null,
                  },
                ],
                report,
              }
            : {
                format: "csv",
                columns: ["Vorname", "Nachname", "E-Mail"],
                suggestedMapping: suggested,
                people: null,
                sample: [],
                report: null,
              },
        ),
      "POST /v1/imports": () => json(report),
    })
    const onImported = vi.fn()
    renderWith(() => <ImportDialog open onClose={() => {}} onImported={onImported} />, {
      locale: "de",
    })
    await choose(file())
    expect(await screen.findByText("Jürgen Müller")).toBeTruthy()
    expect((screen.getByLabelText("Vorname") as HTMLSelectElement).value).toBe("Vorname")
    expect(screen.getByText("2 Personen in der Datei.")).toBeTruthy()
    expect(screen.getByText("2 neu")).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "Importieren" }))
    expect(await screen.findByRole("heading", { name: "Importiert" })).toBeTruthy()
    expect(onImported).toHaveBeenCalled()
    const sent = calls.find((c) => c.path === "/v1/imports")
    expect(String(sent?.body)).toContain(JSON.stringify(suggested))
    // The file goes as the form's `file` part (jsdom's File carries no bytes into Node's
    // FormData; the end-to-end journey sends a real one).
    expect(String(sent?.body)).toContain('name="file"')
  })

  it("says which line of a broken file failed, and imports nothing", async () => {
    const calls = fakeServer({
      "POST /v1/imports/preview": () =>
        new Response(
          JSON.stringify({
            type: "about:blank",
            title: "The file cannot be read",
            status: 422,
            detail: "Line 3: no END:VCARD. Nothing was imported.",
            code: "ImportUnreadable",
            errors: [{ path: "line 3", message: "no END:VCARD" }],
          }),
          { status: 422, headers: { "Content-Type": "application/problem+json" } },
        ),
    })
    renderWith(() => <ImportDialog open onClose={() => {}} onImported={() => {}} />, {
      locale: "de",
    })
    await choose(new File(["BEGIN:VCARD\n"], "x.vcf"))
    await waitFor(() =>
      expect(screen.getByText("Die Datei lässt sich nicht lesen. Zeile 3.")).toBeTruthy(),
    )
    expect(
      (screen.getByRole("button", { name: "Importieren" }) as HTMLButtonElement).disabled,
    ).toBe(true)
    expect(calls.some((c) => c.path === "/v1/imports")).toBe(false)
  })
})
