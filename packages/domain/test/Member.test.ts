import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  changePhoto,
  changeProfile,
  changeSettings,
  DisplayName,
  defaultPolicy,
  defaultSettings,
  Email,
  Handle,
  makePolicy,
  multiLine,
  Password,
  ProfilePatch,
  RequestMessage,
  requestMessageSchema,
  SendRequestInput,
  Settings,
  SignupInput,
} from "../src/index.js"

describe("member schemas", () => {
  it("handles: 3–30 of a–z 0–9 _ -, lower-cased, not reserved", () => {
    expect(Handle.parse(" Sandra_Staub ")).toBe("sandra_staub")
    for (const bad of [
      "ab",
      "a".repeat(31),
      "sandra staub",
      "sändra",
      "me",
      "ADMIN",
      "a/b",
      "../x",
      "a;drop",
    ]) {
      expect(Handle.safeParse(bad).success, bad).toBe(false)
    }
    expect(Handle.safeParse("a-b_9").success).toBe(true)
  })

  it("display names are trimmed, 1–80, without control characters or direction overrides", () => {
    expect(DisplayName.parse("  Sandra Staub ")).toBe("Sandra Staub")
    for (const bad of ["", "   ", "x".repeat(81), "a\nb", "a\u0000b", "evil\u202Etxt.exe"]) {
      expect(DisplayName.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
  })

  it("display names show something: no invisible names, no stray format characters; emoji stay whole", () => {
    for (const bad of [
      "\u3164", // Hangul filler
      "\u3164\u3164 \u3164",
      "\u200B\u200B",
      "\u2800",
      "\u0301\u0301",
      "Ada\u200B",
      "A\u00ADda",
      "Ada\u200D",
      "\u2060Ada",
      "Ada\u{E0041}",
    ]) {
      expect(DisplayName.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    for (const good of [
      "Sandra Staub",
      "Zoë",
      "김민준",
      "Ada 👩\u200D💻",
      "Ben 👨🏽\u200D🚀",
      "Cem \u2764\uFE0F\u200D\u{1F525}",
      "Dora \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    ]) {
      expect(DisplayName.safeParse(good).success, JSON.stringify(good)).toBe(true)
    }
  })

  it("emails are trimmed and lower-cased", () => {
    expect(Email.parse(" Ada@Example.ORG ")).toBe("ada@example.org")
    expect(Email.safeParse("not-an-email").success).toBe(false)
    expect(Email.safeParse(`${"a".repeat(250)}@x.de`).success).toBe(false)
  })

  it("passwords: 12–128 characters, not only spaces, never trimmed", () => {
    expect(Password.safeParse("short").success).toBe(false)
    expect(Password.safeParse(" ".repeat(12)).success).toBe(false)
    expect(Password.safeParse("x".repeat(129)).success).toBe(false)
    expect(Password.parse(" correct horse ")).toBe(" correct horse ")
  })

  it("passwords: not one character repeated, not invisible, not among the most common", () => {
    for (const bad of [
      "aaaaaaaaaaaa",
      "\u200B".repeat(12),
      "correct\u200Bhorse battery",
      "tab\tin the password",
      "qwertyuiop123",
      "QWERTYUIOP123",
      "1q2w3e4r5t6y",
    ]) {
      expect(Password.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    expect(Password.safeParse("qwertyuiop123").error?.issues[0]?.message).toMatch(/common/)
    expect(Password.safeParse("correct horse battery").success).toBe(true)
  })

  it("signup refuses unknown fields", () => {
    const valid = {
      email: "a@b.de",
      password: "correct horse battery",
      handle: "ada",
      displayName: "Ada",
    }
    expect(SignupInput.safeParse(valid).success).toBe(true)
    expect(SignupInput.safeParse({ ...valid, admin: true }).success).toBe(false)
  })

  it("profile patches know their fields", () => {
    expect(ProfilePatch.safeParse({ headline: "Trainerin", openToNetworking: true }).success).toBe(
      true,
    )
    expect(ProfilePatch.safeParse({ headline: "x".repeat(121) }).success).toBe(false)
    expect(ProfilePatch.safeParse({ handle: "new" }).success).toBe(false)
  })

  it("default settings are valid settings", () => {
    expect(Settings.parse(defaultSettings())).toEqual(defaultSettings(defaultPolicy))
    expect(Settings.safeParse({ ...defaultSettings(), whoCanRequest: "nobody" }).success).toBe(
      false,
    )
    expect(Settings.safeParse({ ...defaultSettings(), reviewEveryDays: 3 }).success).toBe(false)
    expect(Settings.safeParse({ ...defaultSettings(), locale: "fr" }).success).toBe(false)
  })
})

describe("request input", () => {
  it("messages are trimmed, at most 300 characters, empty means none", () => {
    expect(RequestMessage.parse("  Hallo!  ")).toBe("Hallo!")
    expect(RequestMessage.parse("   ")).toBeNull()
    expect(RequestMessage.safeParse("x".repeat(300)).success).toBe(true)
    expect(RequestMessage.safeParse("x".repeat(301)).success).toBe(false)
    // The limit applies after trimming.
    expect(RequestMessage.safeParse(` ${"x".repeat(300)} `).success).toBe(true)
  })

  it("messages have no control characters but may have line breaks", () => {
    expect(RequestMessage.safeParse("a\u0000b").success).toBe(false)
    expect(RequestMessage.safeParse("a\u0007b").success).toBe(false)
    expect(RequestMessage.safeParse("a\u009Bb").success).toBe(false)
    expect(RequestMessage.parse("Hallo Frau M.,\r\nLiebe Grüße")).toBe(
      "Hallo Frau M.,\nLiebe Grüße",
    )
  })

  it("the message limit follows the policy", () => {
    expect(
      requestMessageSchema(makePolicy({ messageMaxLength: 5 })).safeParse("123456").success,
    ).toBe(false)
  })

  it("foundVia is one of four kinds", () => {
    const base = { to: "bob" }
    for (const foundVia of [
      { kind: "group", groupId: "g1" },
      { kind: "contact", handle: "carla" },
      { kind: "search" },
      { kind: "suggestion" },
    ]) {
      expect(SendRequestInput.safeParse({ ...base, foundVia }).success, foundVia.kind).toBe(true)
    }
    expect(SendRequestInput.safeParse({ ...base, foundVia: { kind: "telepathy" } }).success).toBe(
      false,
    )
    expect(SendRequestInput.safeParse({ ...base, foundVia: { kind: "group" } }).success).toBe(false)
    expect(SendRequestInput.safeParse({ ...base, extra: 1 }).success).toBe(false)
  })

  it("multi-line text refuses control characters other than line breaks and tabs", () => {
    expect(multiLine(0, 10).parse("a\tb")).toBe("a\tb")
    expect(multiLine(0, 10).safeParse("a\u001Bb").success).toBe(false)
  })
})

describe("policy", () => {
  it("has the product's defaults", () => {
    expect(defaultPolicy).toMatchObject({
      messageMaxLength: 300,
      noteMaxLength: 2_000,
      categoryNameMaxLength: 64,
      maxCategoriesPerMember: 100,
      postMaxLength: 3_000,
      weeklyRequestLimit: 100,
      requestWindowDays: 7,
      maxOpenOutgoingRequests: 500,
      withdrawCooldownDays: 21,
      maxConnections: 30_000,
      requestExpiryDays: 180,
      firstReviewAfterDays: 90,
      reviewEveryDays: 180,
    })
  })

  it("overrides are checked and the result frozen", () => {
    expect(makePolicy({ weeklyRequestLimit: 5 }).weeklyRequestLimit).toBe(5)
    expect(() => makePolicy({ weeklyRequestLimit: -1 })).toThrow(RangeError)
    expect(() => makePolicy({ maxConnections: Number.POSITIVE_INFINITY })).toThrow(RangeError)
    expect(Object.isFrozen(makePolicy())).toBe(true)
  })
})

describe("changeSettings", () => {
  const now = new Date("2026-03-01T00:00:00.000Z")
  it("hiding or showing the contact list is an event; other changes are silent", () => {
    const current = defaultSettings()
    const hide = changeSettings(current, { ...current, hideContacts: true }, { member: "a", now })
    expect(Either.isRight(hide) && hide.right.events.map((e) => e._tag)).toEqual([
      "ContactListVisibilityChanged",
    ])
    const quiet = changeSettings(current, { ...current, locale: "de" }, { member: "a", now })
    expect(Either.isRight(quiet) && quiet.right.events).toEqual([])
  })
})

describe("changeProfile and changePhoto", () => {
  const now = new Date("2026-03-01T00:00:00.000Z")
  it("a profile patch that changes a field is an event; an empty one is not", () => {
    const changed = changeProfile({ headline: "Trainerin" }, { member: "a", now })
    expect(Either.isRight(changed) && changed.right.events).toEqual([
      expect.objectContaining({ _tag: "ProfileChanged", member: "a", at: now }),
    ])
    const empty = changeProfile({}, { member: "a", now })
    expect(Either.isRight(empty) && empty.right.events).toEqual([])
  })
  it("a new or removed photo is an event", () => {
    const photo = changePhoto({ member: "a", now })
    expect(Either.isRight(photo) && photo.right.events.map((e) => e._tag)).toEqual([
      "ProfileChanged",
    ])
  })
})
