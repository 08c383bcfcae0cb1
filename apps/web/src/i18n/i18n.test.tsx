import * as i18n from "@solid-primitives/i18n"
import { render, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { de } from "./de.js"
import { en } from "./en.js"
import { detectLocale, I18nProvider, useI18n } from "./index.js"

describe("the language", () => {
  it("comes from the browser's first preference we speak, unless one was chosen here", () => {
    expect(detectLocale(["de-AT", "en-US"], null)).toBe("de")
    expect(detectLocale(["fr-FR", "en-GB", "de"], null)).toBe("en")
    expect(detectLocale(["fr-FR"], null)).toBe("en")
    expect(detectLocale(["en-US"], "de")).toBe("de")
    expect(detectLocale(["de-DE"], "xx")).toBe("de")
  })

  it("has every message in both files, none empty", () => {
    const keys = (d: object) => Object.keys(i18n.flatten(d as i18n.BaseRecordDict)).sort()
    expect(keys(de)).toEqual(keys(en))
    const empty = (d: object) =>
      Object.entries(i18n.flatten(d as i18n.BaseRecordDict))
        .filter(([k, v]) => typeof v === "string" && v.trim() === "" && k !== "error.code.Unknown")
        .map(([k]) => k)
    expect(empty(en)).toEqual([])
    expect(empty(de)).toEqual([])
  })

  it("switches at once, and is remembered on this device", () => {
    const Probe = () => {
      const { t, setLocale, locale } = useI18n()
      return (
        <button type="button" onClick={() => setLocale(locale() === "de" ? "en" : "de")}>
          {t("nav.contacts")} {t("review.left", { n: "2" })}
        </button>
      )
    }
    render(() => (
      <I18nProvider locale="en">
        <Probe />
      </I18nProvider>
    ))
    const button = screen.getByRole("button")
    expect(button.textContent).toBe("Contacts 2 contacts to review")
    expect(document.documentElement.lang).toBe("en")
    button.click()
    expect(button.textContent).toBe("Kontakte 2 Kontakte zu überprüfen")
    expect(document.documentElement.lang).toBe("de")
    expect(localStorage.getItem("kontakt.locale")).toBe("de")
    expect(detectLocale(["en"])).toBe("de")
  })
})
