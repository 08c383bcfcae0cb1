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

// Characters that show nothing: spaces, format and control characters, combining marks on
// their own (U+034F among them), and the blanks that pass for letters (Hangul fillers, braille
// blank).
const VISIBLE = /[^\s\p{Cf}\p{Cc}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]/u
const FORMAT = /\p{Cf}/u
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u
const TAG = /[\u{E0020}-\u{E007F}]/u

/**
 * Whether a text holds an invisible format character (Unicode Cf: zero-width
 * spaces and joiners, soft hyphens, direction marks, tags) other than those
 * emoji are built of: a zero-width joiner between two pictographs (👩‍💻)
 * and the tag characters of a flag after 🏴.
 *
 * @example
 * ```ts
 * hasStrayFormatCharacters("Ada\u200B") // true
 * hasStrayFormatCharacters("👩\u200D💻") // false
 * ```
 */
export const hasStrayFormatCharacters = (s: string): boolean => {
  const cps = [...s]
  return cps.some((c, i) => {
    if (!FORMAT.test(c)) return false
    if (c === "\u200D")
      return !(PICTOGRAPH.test(cps[i - 1] ?? "") && PICTOGRAPH.test(cps[i + 1] ?? ""))
    if (TAG.test(c)) {
      let j = i - 1
      while (j >= 0 && TAG.test(cps[j] ?? "")) j--
      return cps[j] !== "\u{1F3F4}"
    }
    return true
  })
}

/**
 * A name people see: a single line (`singleLine`) with at least one visible
 * character and no stray format characters — so nobody is called nothing,
 * or something that renders as nothing.
 *
 * @example
 * ```ts
 * visibleName(1, 80).safeParse("\u3164").success // false
 * ```
 */
export const visibleName = (min: number, max: number) =>
  singleLine(min, max)
    .refine((s) => !hasStrayFormatCharacters(s), {
      message: "Must not contain invisible characters",
    })
    .refine((s) => VISIBLE.test(s), { message: "Must show at least one visible character" })

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
        })
        .refine((s) => !BIDI_OVERRIDES.test(s), {
          message: "Must not contain direction overrides",
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
