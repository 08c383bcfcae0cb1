/**
 * Exports: a vCard file read back by the importer is the same people (a
 * property over random names, umlauts, commas, semicolons, backslashes and
 * long lines); the CSV has its BOM, its header, quoting, and no formula
 * Excel would run.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type ExportPerson, toCsv, toVcards } from "./export.js"
import { parseVcards } from "./vcard.js"

const word = fc
  .string({
    unit: fc.constantFrom(..."abcxyzÄÖÜäöüßéç ,;:\\'\"&-_.0123456789".split("")),
    minLength: 1,
    maxLength: 90,
  })
  .map((s) => s.trim())
  .filter((s) => s !== "")
const email = fc.emailAddress()
const phone = fc.stringMatching(/^\+49 [1-9][0-9]{2} [0-9]{4,8}$/)
const url = fc.webUrl()
const person: fc.Arbitrary<ExportPerson> = fc.record({
  displayName: word,
  emails: fc.uniqueArray(email, { maxLength: 3 }),
  phones: fc.uniqueArray(phone, { maxLength: 2 }),
  company: fc.option(word, { nil: null }),
  position: fc.option(word, { nil: null }),
  urls: fc.uniqueArray(url, { maxLength: 2 }),
  categories: fc.uniqueArray(word, { maxLength: 3 }),
  note: fc.constant(""),
  kind: fc.constant("contact"),
})

describe("vCard export", () => {
  it("reads back through the importer as the same people", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 8 }), (people) => {
        const read = parseVcards(toVcards(people))
        expect("people" in read).toBe(true)
        if (!("people" in read)) return
        expect(
          read.people.map((p) => ({
            displayName: p.displayName,
            emails: p.emails,
            phones: p.phones,
            company: p.company,
            position: p.position,
            urls: p.urls,
            categories: p.categoryNames,
          })),
        ).toEqual(
          people.map((p) => ({
            displayName: p.displayName,
            emails: p.emails,
            phones: p.phones,
            company: p.company,
            position: p.position,
            urls: p.urls,
            categories: p.categories,
          })),
        )
      }),
      { numRuns: 200 },
    )
  })

  it("is vCard 4.0 with CRLF line ends and lines folded at 75 octets", () => {
    const file = toVcards([
      {
        displayName: "Jürgen Müller",
        emails: [],
        phones: [],
        company: "Messebau; Köln",
        position: null,
        urls: ["https://kontakt.example/members/jmueller"],
        categories: ["Kunden", "Messe, Köln"],
        note: `Erste Zeile\nZweite ${"lang ".repeat(30)}`,
        kind: "contact",
      },
    ])
    expect(file).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\nFN:Jürgen Müller\r\n/)
    expect(file).toContain("ORG:Messebau\\; Köln\r\n")
    expect(file).toContain("CATEGORIES:Kunden,Messe\\, Köln\r\n")
    expect(file).toContain("NOTE:Erste Zeile\\nZweite")
    for (const line of file.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(file.endsWith("END:VCARD\r\n")).toBe(true)
  })
})

describe("CSV export", () => {
  it("starts with a BOM and a header, quotes what needs it, and defuses formulas", () => {
    const csv = toCsv([
      {
        displayName: 'Anna "die Steuer" Schröder',
        emails: ["anna@schroeder.example", "anna@privat.example"],
        phones: [],
        company: "Schröder & Partner; Steuer",
        position: null,
        urls: [],
        categories: ["Kunden", "Messe"],
        note: '=HYPERLINK("http://evil.example")',
        kind: "vcard",
      },
    ])
    const [header, row] = csv.slice(1).split("\r\n")
    expect(csv.startsWith("\uFEFF")).toBe(true)
    expect(header).toBe("Name,E-Mail,Telefon,Firma,Position,Profil,Kategorien,Notiz,Art")
    expect(row).toBe(
      '"Anna ""die Steuer"" Schröder","anna@schroeder.example, anna@privat.example",,"Schröder & Partner; Steuer",,,"Kunden, Messe","\'=HYPERLINK(""http://evil.example"")",vcard',
    )
  })
})
