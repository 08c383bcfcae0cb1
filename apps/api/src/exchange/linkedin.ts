/**
 * LinkedIn's export of one's connections (`Connections.csv`): a few lines of
 * notes, an empty line, then a header row — `First Name, Last Name, URL,
 * Email Address, Company, Position, Connected On` — and a row per person,
 * read with csv-parse (quoted commas, quotes in quotes, a BOM). "Connected
 * On" is `04 Mar 2019`. A row that cannot be read fails the whole file,
 * naming its line.
 */
import type { ImportedPerson } from "@kontakt/domain"
import { parse } from "csv-parse/browser/esm/sync"
import type { FormatError } from "./vcard.js"

const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

/** Where LinkedIn's header row is (0-based), or -1: how the format is recognised. */
export const linkedInHeaderLine = (text: string): number =>
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .findIndex((l) => l.trim() === HEADER)

/** `04 Mar 2019` (or an ISO date) as a day, or null. */
export const connectedOn = (value: string): Date | null => {
  const v = value.trim()
  const m = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(v)
  if (m !== null) {
    const month = MONTHS.indexOf((m[2] ?? "").toLowerCase())
    if (month >= 0) return new Date(Date.UTC(Number(m[3]), month, Number(m[1])))
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00.000Z`) : null
  return iso !== null && !Number.isNaN(iso.getTime()) ? iso : null
}

/**
 * The people of a LinkedIn export, or the line that cannot be read.
 *
 * @example
 * ```ts
 * parseLinkedIn("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Arndt,,,,,04 Mar 2019\n")
 * ```
 */
export const parseLinkedIn = (
  text: string,
): { readonly people: ImportedPerson[] } | { readonly error: FormatError } => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/)
  const header = linkedInHeaderLine(text)
  if (header < 0) return { error: { line: 1, message: `No header row "${HEADER}"` } }
  let rows: { record: Record<string, string>; info: { lines: number } }[]
  try {
    rows = parse(lines.slice(header).join("\n"), {
      columns: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as typeof rows
  } catch (e) {
    const line = (e as { lines?: number }).lines
    return {
      error: {
        line: header + (typeof line === "number" ? line : 1),
        message: e instanceof Error ? e.message : String(e),
      },
    }
  }
  return {
    people: rows.map(({ record, info }) => {
      const url = record["URL"] ?? ""
      const email = record["Email Address"] ?? ""
      return {
        line: header + info.lines,
        displayName: `${record["First Name"] ?? ""} ${record["Last Name"] ?? ""}`.trim(),
        emails: email === "" ? [] : [email],
        phones: [],
        company: (record["Company"] ?? "") === "" ? null : (record["Company"] as string),
        position: (record["Position"] ?? "") === "" ? null : (record["Position"] as string),
        urls: url === "" ? [] : [url],
        connectedAt: connectedOn(record["Connected On"] ?? ""),
        categoryNames: [],
      }
    }),
  }
}
