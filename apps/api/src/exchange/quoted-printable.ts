/**
 * Quoted-printable, as old vCards carry it (XING's and Outlook's exports:
 * `FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=BCrgen`): neither vCard
 * library on the registry decodes it, so this does, before they parse.
 * Soft line breaks (`=` at a line's end) join the next line; the bytes are
 * read in the property's charset (UTF-8 unless it says otherwise).
 */

/** Decodes a quoted-printable value to text, in `charset`. */
export const decodeQuotedPrintable = (value: string, charset = "utf-8"): string => {
  const bytes: number[] = []
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16))
      i += 2
    } else if (ch === "=" && i === value.length - 1) {
      // A soft break left at the very end: nothing follows.
    } else bytes.push(...new TextEncoder().encode(ch))
  }
  const decoder = (() => {
    try {
      return new TextDecoder(charset)
    } catch {
      return new TextDecoder("utf-8")
    }
  })()
  return decoder.decode(new Uint8Array(bytes))
}

/**
 * A vCard's text with its quoted-printable properties decoded and their
 * `ENCODING` and `CHARSET` parameters dropped; everything else as it was.
 * Soft line breaks of such properties are joined first (they are not folds:
 * the next line starts without a space).
 */
export const decodeQuotedPrintableLines = (text: string): string => {
  const lines = text.split(/\r\n|\n|\r/)
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string
    const colon = line.indexOf(":")
    const head = colon < 0 ? "" : line.slice(0, colon)
    if (!/;ENCODING=QUOTED-PRINTABLE/i.test(head)) {
      out.push(line)
      continue
    }
    while (line.endsWith("=") && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]
    const charset = /;CHARSET=([^;:]+)/i.exec(head)?.[1] ?? "utf-8"
    const params = head.replace(/;ENCODING=QUOTED-PRINTABLE/gi, "").replace(/;CHARSET=[^;:]+/gi, "")
    out.push(`${params}:${decodeQuotedPrintable(line.slice(colon + 1), charset)}`)
  }
  return out.join("\r\n")
}
