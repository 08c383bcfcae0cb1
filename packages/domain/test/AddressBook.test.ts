import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type AddressBookEntry,
  applyImport,
  defaultPolicy,
  emailKey,
  entryReviewDueAt,
  type ImportContext,
  type ImportedPerson,
  importNote,
  planImport,
  reviewEntry,
  urlKey,
} from "../src/index.js"
import { T0 } from "./support/fixtures.js"

const person = (over: Partial<ImportedPerson> = {}): ImportedPerson => ({
  line: 4,
  displayName: "Jürgen Müller",
  emails: ["j.mueller@example.org"],
  phones: [],
  company: "ACME",
  position: "CEO",
  urls: ["https://www.linkedin.com/in/jmueller"],
  connectedAt: new Date("2019-03-04T00:00:00.000Z"),
  categoryNames: [],
  ...over,
})
const context = (over: Partial<ImportContext> = {}): ImportContext => {
  let n = 0
  return {
    owner: "sandra",
    locale: "en",
    source: "linkedin",
    now: T0,
    categoriesByName: new Map([["kunden", "c-kunden"]]),
    newId: () => `e${++n}`,
    maxEntries: 30_000,
    ...over,
  }
}

describe("planImport", () => {
  it("creates an entry per person, its note saying where and when we connected", () => {
    const plan = planImport([], [person()], context())
    expect(plan.created).toMatchObject([
      {
        id: "e1",
        owner: "sandra",
        displayName: "Jürgen Müller",
        source: "linkedin",
        note: "Connected on LinkedIn on 2019-03-04.",
        importance: "normal",
        categoryIds: [],
      },
    ])
    expect(plan).toMatchObject({ merged: [], unchanged: 0, skipped: [] })
  })

  it("merges by the same email or the same profile address, adding only what the entry lacks", () => {
    const [mine] = planImport([], [person({ emails: [], company: null })], context()).created as [
      AddressBookEntry,
    ]
    const curated = { ...mine, note: "Mein Messekontakt", importance: "high" as const }
    const plan = planImport(
      [curated],
      [
        person({
          urls: ["http://linkedin.com/in/JMueller/?trk=abc"],
          categoryNames: ["Kunden", "Unbekannt"],
        }),
      ],
      context({ now: new Date(T0.getTime() + 1000) }),
    )
    expect(plan.created).toEqual([])
    expect(plan.merged).toMatchObject([
      {
        id: mine.id,
        emails: ["j.mueller@example.org"],
        company: "ACME",
        categoryIds: ["c-kunden"],
        note: "Mein Messekontakt",
        importance: "high",
      },
    ])
    expect(plan.merged[0]?.urls).toHaveLength(1)
  })

  it("skips whom it cannot file, with the line and the reason", () => {
    const plan = planImport(
      [],
      [
        person({ line: 2, displayName: "  " }),
        person({ line: 3, emails: [], urls: [], phones: [] }),
        person({ line: 4 }),
        person({ line: 5, displayName: "J. Müller" }),
      ],
      context(),
    )
    expect(plan.created).toHaveLength(1)
    expect(plan.skipped).toEqual([
      { line: 2, reason: "noName" },
      { line: 3, reason: "noWayToReach" },
      { line: 5, reason: "duplicateInFile" },
    ])
    expect(
      planImport(
        [],
        [person(), person({ line: 9, emails: ["x@example.org"], urls: [] })],
        context({ maxEntries: 1 }),
      ).skipped,
    ).toEqual([{ line: 9, reason: "tooMany" }])
    // Only the matching entries given, with the number held: the limit counts them all.
    expect(
      planImport([], [person()], context({ maxEntries: 5, existingCount: 5 })).skipped,
    ).toEqual([{ line: 4, reason: "tooMany" }])
  })

  it("importing the same file again changes nothing (property)", () => {
    const name = fc.constantFrom("Ada Arndt", "Bob Berger", "Jürgen Müller", "Zoë Çelik", "")
    const email = fc.constantFrom(
      "ada@example.org",
      "Bob@Example.org",
      "bob@example.org",
      "j@example.org",
    )
    const url = fc.constantFrom(
      "https://linkedin.com/in/ada",
      "https://www.xing.com/profile/Bob",
      "http://xing.com/profile/bob/",
    )
    const someone = fc.record({
      line: fc.nat({ max: 500 }),
      displayName: name,
      emails: fc.array(email, { maxLength: 2 }),
      phones: fc.array(fc.constantFrom("+49 221 123", "0171 555"), { maxLength: 1 }),
      company: fc.option(fc.constantFrom("ACME", "Muster GmbH"), { nil: null }),
      position: fc.option(fc.constantFrom("CEO", "Vertrieb"), { nil: null }),
      urls: fc.array(url, { maxLength: 2 }),
      connectedAt: fc.option(fc.constant(new Date("2020-01-01T00:00:00.000Z")), { nil: null }),
      categoryNames: fc.array(fc.constantFrom("Kunden", "Presse"), { maxLength: 2 }),
    })
    fc.assert(
      fc.property(fc.array(someone, { maxLength: 12 }), (people) => {
        const ctx = context()
        const once = applyImport([], planImport([], people, ctx))
        const again = planImport(once, people, ctx)
        expect(again.created).toEqual([])
        expect(again.merged).toEqual([])
        // No two entries share an email or a profile address.
        const keys = once.flatMap((e) => [...e.emails.map(emailKey), ...e.urls.map(urlKey)])
        expect(new Set(keys).size).toBe(keys.length)
      }),
    )
  })
})

describe("importNote and the keys entries are compared by", () => {
  it("says where we connected, in both languages", () => {
    const at = new Date("2019-03-04T00:00:00.000Z")
    expect(importNote("de", "linkedin", at)).toBe("Auf LinkedIn verbunden seit dem 04.03.2019.")
    expect(importNote("en", "xing", null)).toBe("Connected on XING.")
    expect(importNote("de", "vcard", null)).toBe("Aus meinem Adressbuch (vCard).")
  })

  it("compares emails without case and addresses without scheme, www, query or trailing slash", () => {
    expect(emailKey("  Ada@Example.ORG ")).toBe("ada@example.org")
    expect(urlKey("https://www.LinkedIn.com/in/jmueller/?trk=x#top")).toBe(
      "linkedin.com/in/jmueller",
    )
    expect(urlKey("linkedin.com/in/jmueller")).toBe("linkedin.com/in/jmueller")
  })
})

describe("reviewing an entry", () => {
  const entry = planImport([], [person()], context()).created[0] as AddressBookEntry
  const day = (n: number) => new Date(T0.getTime() + n * 86_400_000)

  it("falls due like a contact: first after firstReviewAfterDays, then every cadence; a snooze moves it", () => {
    expect(entryReviewDueAt(entry, 180, defaultPolicy)).toEqual(
      day(defaultPolicy.firstReviewAfterDays),
    )
    const kept = reviewEntry(entry, { decision: "keep" }, day(100))
    expect(kept).toMatchObject({
      lastReviewedAt: day(100),
      snoozedUntil: null,
      updatedAt: day(100),
    })
    expect(entryReviewDueAt(kept, 180, defaultPolicy)).toEqual(day(280))
    const snoozed = reviewEntry(kept, { decision: "snooze", snoozeDays: 30 }, day(290))
    expect(entryReviewDueAt(snoozed, 180, defaultPolicy)).toEqual(day(320))
    // Keeping it again ends the snooze.
    expect(
      entryReviewDueAt(reviewEntry(snoozed, { decision: "keep" }, day(300)), 30, defaultPolicy),
    ).toEqual(day(330))
    // My curation is untouched by a review.
    expect({ ...snoozed, lastReviewedAt: null, snoozedUntil: null, updatedAt: T0 }).toEqual(entry)
  })
})
