/**
 * Opaque pagination cursors: base64url JSON, checked on the way in.
 */
import { base64url, fromBase64url } from "@kontakt/store"
import { z } from "zod"
import { ProblemFailure } from "./problem.js"

const Cursor = z.object({ k: z.string().max(300), id: z.string().max(100) }).strict()
export type Cursor = z.infer<typeof Cursor>

export const encodeCursor = (c: Cursor): string =>
  base64url(new TextEncoder().encode(JSON.stringify(c)))

/** The cursor, `null` when absent, or `undefined` when it is not one of ours. */
export const decodeCursor = (raw: string | undefined): Cursor | null | undefined => {
  if (raw === undefined || raw === "") return null
  try {
    const parsed = Cursor.safeParse(
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64url(raw))),
    )
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The cursor of a list request, `null` for the first page; one that is not ours is a 400. */
export const cursorOf = (raw: string | undefined): Cursor | null => {
  const cursor = decodeCursor(raw)
  if (cursor === undefined)
    throw new ProblemFailure(
      400,
      "InvalidCursor",
      "Invalid cursor",
      "The cursor is not one this API gave out.",
    )
  return cursor
}

/** The next page's cursor: none when this page was not full. */
export const nextCursor = <T>(
  items: readonly T[],
  limit: number,
  keyOf: (last: T) => Cursor,
): string | null => {
  const last = items.at(-1)
  return last === undefined || items.length < limit ? null : encodeCursor(keyOf(last))
}
