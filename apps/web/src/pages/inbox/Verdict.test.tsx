import { render, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { I18nProvider } from "../../i18n/index.js"
import { Verdict } from "./Verdict.js"

const verdict = {
  mode: "criteria" as const,
  recommendation: "decide" as const,
  autoAccept: false,
  reasons: [
    { rule: "photo" as const, passed: true, required: true, text: "" },
    { rule: "sharedGroup" as const, passed: false, required: true, count: 0, text: "" },
    { rule: "message" as const, passed: true, required: false, text: "" },
    { rule: "mutualContacts" as const, passed: true, required: false, count: 3, text: "" },
    { rule: "openToNetworking" as const, passed: false, required: false, text: "" },
  ],
}

describe("the acceptance policy's verdict", () => {
  it("lists every rule with ✓ or ✗ in plain words, and marks the member's own criteria", () => {
    render(() => (
      <I18nProvider locale="de">
        <Verdict verdict={verdict} />
      </I18nProvider>
    ))
    expect(screen.getByText("Deine Entscheidung.")).toBeTruthy()
    const items = screen.getAllByRole("listitem").map((li) => li.textContent)
    expect(items).toEqual([
      "✓ ja: Hat ein Foto (Dein Kriterium)",
      "✗ nein: Keine gemeinsame Gruppe (Dein Kriterium)",
      "✓ ja: Hat eine Nachricht geschrieben",
      "✓ ja: 3 gemeinsame Kontakte",
      "✗ nein: Nicht als offen für Networking markiert",
    ])
  })

  it("says when a request meets the criteria, in English too", () => {
    render(() => (
      <I18nProvider locale="en">
        <Verdict
          verdict={{
            ...verdict,
            recommendation: "accept",
            reasons: [
              {
                rule: "mutualContacts",
                passed: true,
                required: true,
                count: 1,
                atLeast: 1,
                text: "",
              },
            ],
          }}
        />
      </I18nProvider>
    ))
    expect(screen.getByText("Meets your criteria.")).toBeTruthy()
    expect(screen.getByRole("listitem").textContent).toContain(
      "1 mutual contact (you want at least 1)",
    )
  })
})

describe("a request a contact introduced", () => {
  it("names the introducer among the reasons, in both languages", () => {
    const introduced = {
      mode: "manual" as const,
      recommendation: "accept" as const,
      autoAccept: false,
      reasons: [{ rule: "introducedByContact" as const, passed: true, required: false, text: "" }],
    }
    for (const [locale, line] of [
      ["de", "✓ ja: Vorgestellt von Bob Berger"],
      ["en", "✓ yes: Introduced by Bob Berger"],
    ] as const) {
      const { unmount } = render(() => (
        <I18nProvider locale={locale}>
          <Verdict verdict={introduced} introducedBy="Bob Berger" />
        </I18nProvider>
      ))
      expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([line])
      unmount()
    }
  })
})
