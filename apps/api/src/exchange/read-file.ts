/**
 * One uploaded file to the people it names: its bytes decoded (UTF-8, or
 * Windows-1252 where the bytes are not UTF-8, as older Outlook and Excel
 * exports are), its format detected by content, read by that format's
 * parser. A file that cannot be read answers with the line that failed.
 */
import type { EntrySource, ImportedPerson } from "@kontakt/domain"
import { type CsvMapping, csvColumns, parseCsv, suggestMapping } from "./csv.js"
import { detectFormat, type ImportFormat } from "./detect.js"
import { parseLinkedIn } from "./linkedin.js"
import { type FormatError, parseVcards } from "./vcard.js"

/** A file's bytes as text: UTF-8 when they are, otherwise Windows-1252. */
export const decodeFile = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder("windows-1252").decode(bytes)
  }
}

/** What a file was read as. */
export type ReadFile =
  | {
      readonly format: ImportFormat
      readonly source: EntrySource
      readonly people: readonly ImportedPerson[]
    }
  | { readonly format: ImportFormat; readonly error: FormatError }

// vCards are XING's when their maker says so, or when cards carry XING profile addresses
// (XING's export gives its members' profiles; an address book's cards seldom do).
const sourceOf = (
  format: ImportFormat,
  text: string,
  people: readonly ImportedPerson[],
): EntrySource => {
  if (format === "linkedin") return "linkedin"
  if (format === "csv") return "csv"
  const xing =
    /^PRODID:[^\r\n]*xing/im.test(text) ||
    people.some((p) => p.urls.some((u) => /\bxing\.com\/profile\//i.test(u)))
  return xing ? "xing" : "vcard"
}

/**
 * Reads a file: a LinkedIn export, vCards, or a CSV with a header row (which
 * needs `mapping`; without one its error says so, on line 1).
 *
 * @example
 * ```ts
 * const read = readImport(bytes, null)
 * if ("error" in read) console.log(read.error.line, read.error.message)
 * ```
 */
export const readImport = (bytes: Uint8Array, mapping: CsvMapping | null): ReadFile => {
  const text = decodeFile(bytes)
  const format = detectFormat(text)
  if (text.trim() === "") return { format, error: { line: 1, message: "The file is empty" } }
  const read =
    format === "vcard"
      ? parseVcards(text)
      : format === "linkedin"
        ? parseLinkedIn(text)
        : mapping === null
          ? {
              error: {
                line: 1,
                message:
                  "Not a LinkedIn export or a vCard: send a column mapping to read it as CSV",
              },
            }
          : parseCsv(text, mapping)
  if ("error" in read) return { format, error: read.error }
  return { format, source: sourceOf(format, text, read.people), people: read.people }
}

/** What a file would import as, before it does: its format, a CSV's columns and a guessed mapping. */
export interface ImportPreview {
  readonly format: ImportFormat
  /** A CSV's header row (null for a LinkedIn export or vCards, which need no mapping). */
  readonly columns: readonly string[] | null
  /** A mapping guessed from the columns, for a CSV sent without one. */
  readonly suggestedMapping: CsvMapping | null
}

/**
 * The format of a file and, for a CSV, its columns and a guessed mapping.
 *
 * @example
 * ```ts
 * previewImport(bytes) // { format: "csv", columns: ["Name", "E-Mail"], suggestedMapping: { name: "Name", emails: ["E-Mail"] } }
 * ```
 */
export const previewImport = (bytes: Uint8Array): ImportPreview => {
  const text = decodeFile(bytes)
  const format = detectFormat(text)
  if (format !== "csv") return { format, columns: null, suggestedMapping: null }
  const columns = csvColumns(text)
  return { format, columns, suggestedMapping: suggestMapping(columns) }
}
