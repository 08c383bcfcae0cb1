/**
 * My photo: accepted by its bytes (PNG, JPEG or WebP), at most 2 MiB.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { Members } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, nowOf, run } from "../context.js"
import { ProblemFailure } from "../problem.js"
import { problems } from "../schemas.js"

/** The image type its first bytes say, whatever the Content-Type header claims. */
export const sniffImage = (bytes: Uint8Array): "image/png" | "image/jpeg" | "image/webp" | null => {
  const at = (i: number) => bytes[i] ?? -1
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b))
    return "image/png"
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg"
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp"
  return null
}

const put = createRoute({
  method: "put",
  path: "/me/photo",
  tags: ["Account"],
  summary: "Set my photo (PNG, JPEG or WebP, at most 2 MiB; checked by its bytes)",
  request: {
    body: {
      required: true,
      content: {
        "image/png": { schema: z.any() },
        "image/jpeg": { schema: z.any() },
        "image/webp": { schema: z.any() },
      },
    },
  },
  responses: { 204: { description: "Stored" }, ...problems(400, 401, 403, 413, 415) },
})
const remove = createRoute({
  method: "delete",
  path: "/me/photo",
  tags: ["Account"],
  summary: "Remove my photo",
  responses: { 204: { description: "Removed" }, ...problems(401, 403) },
})

export const photoRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(put, async (c) => {
      const me = memberOf(c)
      const declared = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase()
      if (declared !== "image/png" && declared !== "image/jpeg" && declared !== "image/webp") {
        throw new ProblemFailure(
          415,
          "UnsupportedMediaType",
          "Unsupported image type",
          "Send image/png, image/jpeg or image/webp.",
        )
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const actual = sniffImage(bytes)
      if (actual === null)
        throw new ProblemFailure(
          415,
          "UnsupportedMediaType",
          "Not an image",
          "The bytes are not a PNG, JPEG or WebP image.",
        )
      await run(
        c,
        Effect.flatMap(Members, (m) => m.setPhoto(me, actual, bytes, nowOf(c))),
      )
      return c.body(null, 204)
    })
    .openapi(remove, async (c) => {
      await run(
        c,
        Effect.flatMap(Members, (m) => m.deletePhoto(memberOf(c))),
      )
      return c.body(null, 204)
    })
