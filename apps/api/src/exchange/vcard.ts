/**
 * vCard 3.0 and 4.0 files (XING's, Apple's and Google's exports) read into
 * the people an import files: ical.js parses each card (folded lines,
 * parameters, lists); quoted-printable values, which it leaves encoded, are
 * decoded first (quoted-printable.ts). Read: FN (else N), EMAIL, TEL, ORG,
 * TITLE, URL and X-SOCIALPROFILE, CATEGORIES. Left out: PHOTO, ADR, NOTE,
 * BDAY and the rest (docs/import.md). A card that cannot be read fails the
 * whole file, naming its line: nothing is half-imported.
 */
import type { ImportedPerson } from "@kontakt/domain"
import ICAL from "ical.js"
import { decodeQuotedPrintableLines } from "./quoted-printable.js"

/** A file that cannot be read, and where. */
export interface FormatError {
  readonly line: number
  readonly message: string
}

type JProperty = [string, Record<string, unknown>, string, ...unknown[]]

const texts = (props: readonly JProperty[], name: string): string[] =>
  props
    .filter((p) => p[0] === name)
    .flatMap((p) => p.slice(3))
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter((v) => v !== "")

const first = (props: readonly JProperty[], name: string): string | null => {
  const p = props.find((x) => x[0] === name)
  if (p === undefined) return null
  const v = p[3]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === "string" && s.trim() !== "" ? s.trim() : null
}

/**
 * A CATEGORIES value split at its unescaped commas, escapes undone. ical.js
 * reads `\\,` (an escaped backslash, then the separator) as an escaped
 * comma, so a category ending in a backslash would run into the next; the
 * card's own lines are read here instead.
 */
const splitValues = (raw: string): string[] => {
  const out: string[] = []
  let current = ""
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string
    if (ch === "\\" && i + 1 < raw.length) {
      const next = raw[++i] as string
      current += next === "n" || next === "N" ? "\n" : next
    } else if (ch === ",") {
      out.push(current)
      current = ""
    } else current += ch
  }
  out.push(current)
  return out.map((v) => v.trim()).filter((v) => v !== "")
}

/** The CATEGORIES of one card's text (unfolded), in order. */
const categoriesOf = (card: string): string[] =>
  card
    .replace(/\r?\n[ \t]/g, "")
    .split(/\r?\n/)
    .flatMap((l) => {
      const m = /^(?:[\w-]+\.)?CATEGORIES(?:;[^:]*)?:(.*)$/i.exec(l)
      return m === null ? [] : splitValues(m[1] ?? "")
    })

const personOf = (props: readonly JProperty[], line: number, card: string): ImportedPerson => {
  const n = props.find((p) => p[0] === "n")?.[3]
  const [family = "", given = ""] = Array.isArray(n) ? (n as string[]) : []
  const name = first(props, "fn") ?? `${given} ${family}`.trim()
  return {
    line,
    displayName: name,
    emails: texts(props, "email").map((e) => e.replace(/^mailto:/i, "")),
    phones: texts(props, "tel").map((t) => t.replace(/^tel:/i, "")),
    company: first(props, "org"),
    position: first(props, "title"),
    urls: [...texts(props, "url"), ...texts(props, "x-socialprofile")],
    connectedAt: null,
    categoryNames: categoriesOf(card),
  }
}

/**
 * The people of a vCard file, or the first line that cannot be read.
 *
 * @example
 * ```ts
 * const read = parseVcards("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n")
 * ```
 */
export const parseVcards = (
  text: string,
): { readonly people: ImportedPerson[] } | { readonly error: FormatError } => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/)
  const people: ImportedPerson[] = []
  let start = -1
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (/^BEGIN:VCARD$/i.test(line)) {
      if (start >= 0)
        return { error: { line: i + 1, message: "A card begins before the last one ended" } }
      start = i
    } else if (/^END:VCARD$/i.test(line)) {
      if (start < 0) return { error: { line: i + 1, message: "A card ends that did not begin" } }
      const card = decodeQuotedPrintableLines(lines.slice(start, i + 1).join("\r\n"))
      try {
        const parsed = ICAL.parse(card) as unknown
        const props = (
          Array.isArray(parsed) && parsed[0] === "vcard" ? parsed[1] : []
        ) as JProperty[]
        people.push(personOf(props, start + 1, card))
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        // ical.js quotes the line it could not read: find it in the card.
        const quoted = [...message.matchAll(/"([^"]*)"/g)].at(-1)?.[1]
        const at =
          quoted === undefined ? -1 : lines.slice(start, i + 1).findIndex((l) => l.includes(quoted))
        return { error: { line: start + 1 + Math.max(0, at), message } }
      }
      start = -1
    } else if (start < 0 && line !== "") {
      return { error: { line: i + 1, message: "Text outside a card" } }
    }
  }
  if (start >= 0) return { error: { line: start + 1, message: "A card that never ends" } }
  if (people.length === 0) return { error: { line: 1, message: "No card in the file" } }
  return { people }
}
