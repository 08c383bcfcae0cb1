/**
 * Any CSV with a header row (an Outlook or Google export, a spreadsheet),
 * read with csv-parse through a column mapping the member chooses: which
 * header holds the name (or first and last name), the emails, phones,
 * company, position, profile addresses and categories. Commas or semicolons
 * (German spreadsheets write semicolons), a BOM, quoted fields. A mapped
 * column the header lacks, or a row that cannot be read, fails the file with
 * its line.
 */
import type { ImportedPerson } from "@kontakt/domain"
// csv-parse's browser build carries its own Buffer: the worker runs on Web APIs alone.
import { parse } from "csv-parse/browser/esm/sync"
import { z } from "zod"
import { connectedOn } from "./linkedin.js"
import type { FormatError } from "./vcard.js"

const Column = z.string().trim().min(1).max(200)
const Columns = z.array(Column).max(10)

/** Which header holds what; a field may take several columns (Email 1, Email 2). */
export const CsvMapping = z
  .object({
    name: Column.optional(),
    firstName: Column.optional(),
    lastName: Column.optional(),
    emails: Columns.optional(),
    phones: Columns.optional(),
    company: Column.optional(),
    position: Column.optional(),
    urls: Columns.optional(),
    categories: Column.optional(),
    connectedAt: Column.optional(),
  })
  .strict()
  .refine((m) => m.name !== undefined || m.firstName !== undefined || m.lastName !== undefined, {
    message: "Map a column to the name, or to the first or last name",
  })
/** @see {@link CsvMapping} */
export type CsvMapping = z.infer<typeof CsvMapping>

/** The header row's delimiter: a semicolon when it has more of them than commas. */
export const delimiterOf = (headerLine: string) =>
  (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ";" : ","

/**
 * The people of a CSV file under a mapping, or the line that cannot be read.
 *
 * @example
 * ```ts
 * parseCsv("Name;E-Mail\nAda;ada@example.org\n", { name: "Name", emails: ["E-Mail"] })
 * ```
 */
export const parseCsv = (
  text: string,
  mapping: CsvMapping,
): { readonly people: ImportedPerson[] } | { readonly error: FormatError } => {
  const body = text.replace(/^\uFEFF/, "")
  const header = body.split(/\r\n|\n|\r/)[0] ?? ""
  let rows: { record: Record<string, string>; info: { lines: number } }[]
  try {
    rows = parse(body, {
      columns: true,
      delimiter: delimiterOf(header),
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as typeof rows
  } catch (e) {
    const line = (e as { lines?: number }).lines
    return {
      error: {
        line: typeof line === "number" ? line : 1,
        message: e instanceof Error ? e.message : String(e),
      },
    }
  }
  const columns = new Set(Object.keys(rows[0]?.record ?? {}))
  const wanted = [
    mapping.name,
    mapping.firstName,
    mapping.lastName,
    ...(mapping.emails ?? []),
    ...(mapping.phones ?? []),
    mapping.company,
    mapping.position,
    ...(mapping.urls ?? []),
    mapping.categories,
    mapping.connectedAt,
  ].filter((c): c is string => c !== undefined)
  const missing = rows.length === 0 ? undefined : wanted.find((c) => !columns.has(c))
  if (missing !== undefined) return { error: { line: 1, message: `No column "${missing}"` } }
  const value = (r: Record<string, string>, c: string | undefined) =>
    c === undefined ? "" : (r[c] ?? "").trim()
  const values = (r: Record<string, string>, cs: readonly string[] | undefined) =>
    (cs ?? []).map((c) => value(r, c)).filter((v) => v !== "")
  return {
    people: rows.map(({ record, info }) => ({
      line: info.lines,
      displayName:
        value(record, mapping.name) ||
        `${value(record, mapping.firstName)} ${value(record, mapping.lastName)}`.trim(),
      emails: values(record, mapping.emails),
      phones: values(record, mapping.phones),
      company: value(record, mapping.company) || null,
      position: value(record, mapping.position) || null,
      urls: values(record, mapping.urls),
      connectedAt: connectedOn(value(record, mapping.connectedAt)),
      categoryNames: value(record, mapping.categories)
        .split(/[,;]/)
        .map((c) => c.trim())
        .filter((c) => c !== ""),
    })),
  }
}

/**
 * The header row's columns, for a member to map (an empty file has none).
 *
 * @example
 * ```ts
 * csvColumns("Vorname;Nachname;E-Mail\n…") // ["Vorname", "Nachname", "E-Mail"]
 * ```
 */
export const csvColumns = (text: string): string[] => {
  const body = text.replace(/^\uFEFF/, "")
  const header = body.split(/\r\n|\n|\r/)[0] ?? ""
  try {
    const [first] = parse(header, { delimiter: delimiterOf(header), trim: true }) as string[][]
    return (first ?? []).filter((c) => c !== "")
  } catch {
    return []
  }
}

// What exports (Outlook, Google, Apple's Numbers, German spreadsheets) call each field.
const NAMES: Record<Exclude<keyof CsvMapping, "emails" | "phones" | "urls">, RegExp> = {
  name: /^(name|full name|display name|anzeigename|vollständiger name)$/i,
  firstName: /^(first name|given name|vorname)$/i,
  lastName: /^(last name|family name|surname|nachname|familienname)$/i,
  company: /^(company|organization|organization 1 - name|firma|unternehmen|organisation)$/i,
  position: /^(job title|title|position|organization 1 - title|funktion|berufsbezeichnung)$/i,
  categories: /^(categories|group membership|labels|kategorien|gruppen)$/i,
  connectedAt: /^(connected on|verbunden am|seit)$/i,
}
const MANY: Record<"emails" | "phones" | "urls", RegExp> = {
  emails: /e-?mail/i,
  phones: /(phone|telefon|mobil|handy|tel\b)/i,
  urls: /(web ?page|website|webseite|homepage|url|linkedin|xing)/i,
}

/**
 * A mapping guessed from a header row, for the member to check: each field
 * to the column its usual name matches. Null when no column looks like a name.
 *
 * @example
 * ```ts
 * suggestMapping(["Vorname", "Nachname", "E-Mail-Adresse"])
 * // { firstName: "Vorname", lastName: "Nachname", emails: ["E-Mail-Adresse"] }
 * ```
 */
export const suggestMapping = (columns: readonly string[]): CsvMapping | null => {
  const out: Record<string, string | string[]> = {}
  for (const [field, pattern] of Object.entries(NAMES)) {
    const hit = columns.find((c) => pattern.test(c.trim()))
    if (hit !== undefined) out[field] = hit
  }
  const taken = new Set(Object.values(out).flat())
  for (const [field, pattern] of Object.entries(MANY)) {
    const hits = columns.filter((c) => !taken.has(c) && pattern.test(c)).slice(0, 10)
    if (hits.length > 0) out[field] = hits
    for (const h of hits) taken.add(h)
  }
  const parsed = CsvMapping.safeParse(out)
  return parsed.success ? parsed.data : null
}
