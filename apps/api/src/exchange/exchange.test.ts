/**
 * The import formats, on fixtures made in the repository: a LinkedIn
 * Connections.csv with its notes, vCards as XING (3.0, quoted-printable,
 * folded lines, umlauts) and Apple (4.0, a photo) write them, a German
 * spreadsheet's CSV (semicolons, a BOM), and broken files.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { CsvMapping, parseCsv } from "./csv.js"
import { detectFormat } from "./detect.js"
import { connectedOn, linkedInHeaderLine, parseLinkedIn } from "./linkedin.js"
import { decodeQuotedPrintable, decodeQuotedPrintableLines } from "./quoted-printable.js"
import { parseVcards } from "./vcard.js"

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")
const people = <T>(read: { people: T[] } | { error: unknown }) => {
  if (!("people" in read)) throw new Error(`not read: ${JSON.stringify(read.error)}`)
  return read.people
}

describe("LinkedIn's Connections.csv", () => {
  it("reads every row after the notes, with quoted commas, umlauts and the day we connected", () => {
    const text = fixture("Connections.csv")
    expect(linkedInHeaderLine(text)).toBe(3)
    expect(people(parseLinkedIn(text))).toEqual([
      {
        line: 5,
        displayName: "Jürgen Müller",
        emails: ["j.mueller@messebau-koeln.example"],
        phones: [],
        company: "Messebau Köln GmbH",
        position: "Geschäftsführer",
        urls: ["https://www.linkedin.com/in/jmueller"],
        connectedAt: new Date("2019-03-04T00:00:00.000Z"),
        categoryNames: [],
      },
      expect.objectContaining({
        line: 6,
        displayName: "Anna Schröder",
        emails: [],
        company: "Schröder & Partner, Steuerberater",
        connectedAt: new Date("2021-11-17T00:00:00.000Z"),
      }),
      expect.objectContaining({ line: 7, displayName: "" }),
    ])
  })

  it("names the line that cannot be read, and a file without the header", () => {
    const broken = `${fixture("Connections.csv")}Zoë,"Çelik,https://x.example,,,,01 Jan 2020\n`
    expect(parseLinkedIn(broken)).toMatchObject({ error: { line: 8 } })
    expect(parseLinkedIn("Name,Email\nAda,ada@example.org\n")).toMatchObject({ error: { line: 1 } })
    expect(connectedOn("31 Foo 2020")).toBeNull()
    expect(connectedOn("2020-02-29")).toEqual(new Date("2020-02-29T00:00:00.000Z"))
  })
})

describe("vCards", () => {
  it("XING's 3.0: quoted-printable names in UTF-8, a soft break, folded lines, categories", () => {
    const [juergen, anna] = people(parseVcards(fixture("xing.vcf")))
    expect(juergen).toEqual({
      line: 1,
      displayName: "Jürgen Müller",
      emails: ["j.mueller@messebau-koeln.example"],
      phones: ["+49 221 123456"],
      company: "Messebau Köln GmbH",
      position: "Geschäftsführer",
      urls: ["https://www.xing.com/profile/Juergen_Mueller"],
      connectedAt: null,
      categoryNames: ["Kunden", "Messe"],
    })
    expect(anna).toMatchObject({
      line: 13,
      displayName: "Anna Schröder",
      emails: ["anna@schroeder.example"],
    })
  })

  it("Apple's 4.0 with CRLF lines: a tel: address, the photo left out", () => {
    expect(people(parseVcards(fixture("apple.vcf")))).toEqual([
      {
        line: 1,
        displayName: "Zoë Çelik",
        emails: ["zoe@example.org"],
        phones: ["+49-171-5550000"],
        company: "Muster AG",
        position: null,
        urls: ["https://www.linkedin.com/in/zoecelik"],
        connectedAt: null,
        categoryNames: [],
      },
    ])
  })

  it("a broken file names its line, and reads nothing", () => {
    const good = fixture("apple.vcf")
    // The good card is lines 1–10; the broken one starts on line 11.
    expect(
      parseVcards(`${good}BEGIN:VCARD\r\nVERSION:4.0\r\nFN Kaputt\r\nEND:VCARD\r\n`),
    ).toMatchObject({
      error: { line: 13 },
    })
    expect(parseVcards(`${good}BEGIN:VCARD\r\nFN:Offen\r\n`)).toMatchObject({ error: { line: 11 } })
    expect(parseVcards("Hallo")).toMatchObject({ error: { line: 1 } })
    expect(parseVcards("")).toMatchObject({ error: { line: 1, message: "No card in the file" } })
  })

  it("quoted-printable in other charsets, and lines that are not encoded stay as they are", () => {
    expect(decodeQuotedPrintable("M=FCller", "iso-8859-1")).toBe("Müller")
    expect(decodeQuotedPrintable("a=3Db")).toBe("a=b")
    expect(decodeQuotedPrintableLines("FN:a=3Db")).toBe("FN:a=3Db")
  })
})

describe("any CSV, through a column mapping", () => {
  it("a German spreadsheet: semicolons, a BOM, a quoted semicolon, two email columns, categories", () => {
    const mapping = {
      firstName: "Vorname",
      lastName: "Nachname",
      emails: ["E-Mail-Adresse", "E-Mail 2"],
      phones: ["Telefon"],
      company: "Firma",
      position: "Position",
      categories: "Kategorien",
    }
    expect(CsvMapping.safeParse(mapping).success).toBe(true)
    expect(people(parseCsv(fixture("outlook-de.csv"), mapping))).toEqual([
      {
        line: 2,
        displayName: "Jürgen Müller",
        emails: ["j.mueller@messebau-koeln.example"],
        phones: ["+49 221 123456"],
        company: "Messebau; Köln",
        position: "Geschäftsführer",
        urls: [],
        connectedAt: null,
        categoryNames: ["Kunden", "Messe"],
      },
      expect.objectContaining({
        line: 3,
        displayName: "Anna Schröder",
        emails: ["anna@schroeder.example", "anna.privat@example.org"],
        company: null,
      }),
    ])
  })

  it("a mapped column the header lacks, a mapping without a name, and a broken row are refused", () => {
    expect(parseCsv(fixture("outlook-de.csv"), { name: "Name" })).toMatchObject({
      error: { line: 1, message: 'No column "Name"' },
    })
    expect(CsvMapping.safeParse({ emails: ["E-Mail"] }).success).toBe(false)
    expect(parseCsv('Name,Email\nAda,"ada@example.org\n', { name: "Name" })).toMatchObject({
      error: { line: 2 },
    })
  })

  it("knows each format by its content", () => {
    expect(detectFormat(fixture("xing.vcf"))).toBe("vcard")
    expect(detectFormat(`\uFEFF\r\n${fixture("apple.vcf")}`)).toBe("vcard")
    expect(detectFormat(fixture("Connections.csv"))).toBe("linkedin")
    expect(detectFormat(fixture("outlook-de.csv"))).toBe("csv")
  })
})
