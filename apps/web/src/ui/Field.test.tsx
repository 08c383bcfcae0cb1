import { SignupInput } from "@kontakt/domain"
import { render, screen } from "@solidjs/testing-library"
import { describe, expect, it } from "vitest"
import { I18nProvider, useI18n } from "../i18n/index.js"
import { errorsOf, TextArea, TextField } from "./Field.js"

const messages = (locale: "de" | "en", input: Record<string, string>) => {
  let result: Record<string, string> = {}
  const Probe = () => {
    const { t } = useI18n()
    const parsed = SignupInput.safeParse(input)
    result = parsed.success ? {} : errorsOf(t, parsed.error.issues)
    return null
  }
  render(() => (
    <I18nProvider locale={locale}>
      <Probe />
    </I18nProvider>
  ))
  return result
}

describe("validation messages", () => {
  it("say in the reader's language what the domain's rules refused, field by field", () => {
    const bad = { email: "nope", password: "short", handle: "a!", displayName: "" }
    expect(messages("en", bad)).toEqual({
      email: "Not a valid email address.",
      password: "At least 12 characters.",
      handle: "At least 3 characters.",
      displayName: "Please fill this in.",
    })
    expect(messages("de", { ...bad, handle: "admin" })).toMatchObject({
      password: "Mindestens 12 Zeichen.",
      handle: "Dieser Name ist reserviert.",
    })
    expect(messages("en", { ...bad, handle: "ab cd" })["handle"]).toBe(
      "Only letters a–z, digits, _ and -.",
    )
  })

  it("name the password and display-name rules in both languages", () => {
    const base = { email: "a@b.de", handle: "abc" }
    expect(messages("en", { ...base, password: "aaaaaaaaaaaa", displayName: "\u3164" })).toEqual({
      password: "Must not be one character repeated.",
      displayName: "Must show at least one visible character.",
    })
    expect(
      messages("de", { ...base, password: "qwertyuiop123", displayName: "Ada\u200B" }),
    ).toEqual({
      password: "Zu verbreitet: Dieses Passwort steht auf Listen geleakter Passwörter.",
      displayName: "Darf keine unsichtbaren Zeichen enthalten.",
    })
  })

  it("tie the label, hint, counter and error to the field for screen readers", () => {
    render(() => (
      <I18nProvider locale="en">
        <TextField label="Handle" hint="3–30 letters" error="Taken" />
        <TextArea label="Message" counter={{ length: 301, max: 300 }} />
      </I18nProvider>
    ))
    const input = screen.getByLabelText("Handle")
    expect(input.getAttribute("aria-invalid")).toBe("true")
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ")
    const texts = described.map((id) => document.getElementById(id)?.textContent)
    expect(texts).toContain("3–30 letters")
    expect(texts).toContain("Taken")
    const area = screen.getByLabelText("Message")
    const count = (area.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id))
      .find((el) => el?.classList.contains("counter"))
    expect(count?.textContent).toBe("301 / 300")
    expect(count?.classList.contains("over")).toBe(true)
  })
})
