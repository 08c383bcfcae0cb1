/**
 * Opaque pagination cursors: base64url JSON, checked on the way in.
 */
import { z } from "zod"
import { ProblemFailure } from "./problem.js"

const Cursor = z.object({ k: z.string().max(300), id: z.string().max(100) }).strict()
export type Cursor = z.infer<typeof Cursor>

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(JSON.stringify(c)).toString("base64url")

/** The cursor, `null` when absent, or `undefined` when it is not one of ours. */
export const decodeCursor = (raw: string | undefined): Cursor | null | undefined => {
  if (raw === undefined || raw === "") return null
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")))
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
