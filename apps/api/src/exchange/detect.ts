/**
 * Which format a file is, by its content (never by its name or type): a
 * vCard begins with `BEGIN:VCARD`; LinkedIn's export has its header row;
 * anything else is read as CSV with a header row and a column mapping.
 */
import { linkedInHeaderLine } from "./linkedin.js"

export type ImportFormat = "vcard" | "linkedin" | "csv"

/** The format of a file's text. */
export const detectFormat = (text: string): ImportFormat => {
  const start = text.replace(/^\uFEFF/, "").trimStart()
  if (/^BEGIN:VCARD\b/i.test(start)) return "vcard"
  if (linkedInHeaderLine(text) >= 0) return "linkedin"
  return "csv"
}
