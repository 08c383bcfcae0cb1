/**
 * Opaque pagination cursors: base64url JSON, checked on the way in.
 */
import { z } from "zod"

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
