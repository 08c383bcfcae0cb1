/**
 * My people out of kontakt: contacts and address book entries as one vCard
 * 4.0 file (values escaped by ical.js, lines folded here at 75 octets) or as one
 * CSV (UTF-8 with a BOM, so Excel reads the umlauts; one row per person; my
 * categories joined). What the file says of a person is what I may know:
 * a contact's kontakt profile address, never their private email; my own
 * note and categories.
 */
import ICAL from "ical.js"

/** One person as an export writes them. */
export interface ExportPerson {
  readonly displayName: string
  readonly emails: readonly string[]
  readonly phones: readonly string[]
  readonly company: string | null
  readonly position: string | null
  /** Profile addresses; for a contact, their kontakt profile first. */
  readonly urls: readonly string[]
  /** My categories' names. */
  readonly categories: readonly string[]
  readonly note: string
  /** "contact" (on kontakt) or where the entry came from. */
  readonly kind: string
}

const text = (c: InstanceType<typeof ICAL.Component>, name: string, value: string) => {
  const p = new ICAL.Property(name)
  p.setValue(value)
  c.addProperty(p)
}

const encoder = new TextEncoder()
/**
 * One line folded at 75 octets (RFC 6350 3.2), never inside a character;
 * ical.js folds at 75 characters, which umlauts make longer.
 */
const fold = (line: string): string => {
  let out = ""
  let width = 0
  for (const ch of line) {
    const size = encoder.encode(ch).length
    if (width + size > 75) {
      out += "\r\n "
      width = 1
    }
    out += ch
    width += size
  }
  return `${out}\r\n`
}

/**
 * One vCard 4.0 per person, in one file (CRLF line ends, lines folded at 75 octets).
 *
 * @example
 * ```ts
 * toVcards([{ displayName: "Ada", emails: ["ada@example.org"], phones: [], company: null, position: null, urls: [], categories: [], note: "", kind: "csv" }])
 * ```
 */
export const toVcards = (people: readonly ExportPerson[]): string =>
  people
    .map((person) => {
      const card = new ICAL.Component("vcard")
      text(card, "version", "4.0")
      text(card, "fn", person.displayName)
      for (const e of person.emails) text(card, "email", e)
      for (const t of person.phones) text(card, "tel", t)
      if (person.company !== null) {
        const org = new ICAL.Property("org")
        // ORG is structured: a single component keeps its semicolons escaped.
        org.setValue([person.company])
        card.addProperty(org)
      }
      if (person.position !== null) text(card, "title", person.position)
      for (const u of person.urls) text(card, "url", u)
      if (person.categories.length > 0) {
        const categories = new ICAL.Property("categories")
        categories.setValues([...person.categories])
        card.addProperty(categories)
      }
      if (person.note !== "") text(card, "note", person.note)
      return card
        .toString()
        .replace(/\r?\n /g, "")
        .split(/\r?\n/)
        .map(fold)
        .join("")
    })
    .join("")

const HEADER = [
  "Name",
  "E-Mail",
  "Telefon",
  "Firma",
  "Position",
  "Profil",
  "Kategorien",
  "Notiz",
  "Art",
]

// RFC 4180: a field with a quote, the delimiter or a line break is quoted, quotes doubled.
// A field Excel would run as a formula (=, +, -, @ first) is written with a leading quote mark.
const field = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * One CSV row per person, with a header row and a BOM; several emails,
 * phones, addresses or categories joined with ", ".
 *
 * @example
 * ```ts
 * toCsv(people).startsWith("\uFEFFName,") // true
 * ```
 */
export const toCsv = (people: readonly ExportPerson[]): string =>
  `\uFEFF${[
    HEADER.join(","),
    ...people.map((p) =>
      [
        p.displayName,
        p.emails.join(", "),
        p.phones.join(", "),
        p.company ?? "",
        p.position ?? "",
        p.urls.join(", "),
        p.categories.join(", "),
        p.note,
        p.kind,
      ]
        .map(field)
        .join(","),
    ),
  ].join("\r\n")}\r\n`
