/**
 * Building blocks for text input: trimming, rejecting control characters,
 * bounding length. Every user-facing text schema is made from these so that
 * the API, the web app and third parties validate identically.
 *
 * @module
 */
import { z } from "zod"

// Cc is C0, DEL and C1; multi-line text keeps its line breaks and tabs (\r is normalised away first).
const CONTROL_EXCEPT_NEWLINES = /(?![\n\t])\p{Cc}/u
const ANY_CONTROL = /\p{Cc}/u
// Bidirectional overrides let a name render differently from what it is.
const BIDI_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/u

/**
 * A trimmed, single-line text of `min`..`max` characters with no control characters.
 *
 * Use it for names and titles.
 *
 * @example
 * ```ts
 * singleLine(1, 80).parse("  Ada  ") // "Ada"
 * ```
 */
export const singleLine = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: min <= 1 ? "Must not be empty" : `At least ${min} characters` })
    .max(max, { message: `At most ${max} characters` })
    .refine((s) => !ANY_CONTROL.test(s), { message: "Must not contain control characters" })
    .refine((s) => !BIDI_OVERRIDES.test(s), { message: "Must not contain direction overrides" })

/**
 * A trimmed multi-line text of at most `max` characters: line breaks and tabs
 * are allowed, other control characters are not. Line endings are normalised to `\n`.
 *
 * Use it for notes, posts and comments.
 *
 * @example
 * ```ts
 * multiLine(0, 2000).parse("Met at the fair\r\nLikes jazz") // "Met at the fair\nLikes jazz"
 * ```
 */
export const multiLine = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(min, { message: min <= 1 ? "Must not be empty" : `At least ${min} characters` })
        .max(max, { message: `At most ${max} characters` })
        .refine((s) => !CONTROL_EXCEPT_NEWLINES.test(s), {
          message: "Must not contain control characters",
        }),
    )

/**
 * Whether a string contains a control character other than a line break or tab.
 *
 * @example
 * ```ts
 * hasControlCharacters("a\u0000b") // true
 * ```
 */
export const hasControlCharacters = (s: string): boolean => CONTROL_EXCEPT_NEWLINES.test(s)
