/**
 * My photo: accepted by its bytes (PNG, JPEG or WebP), at most 2 MiB, 4096×4096
 * pixels and 16 megapixels; stored as the deployment's processor makes it
 * (photos/: on Node re-encoded, pixels only).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi"
import { Members } from "@kontakt/store"
import { Effect } from "effect"
import { type Env, memberOf, nowOf, run } from "../context.js"
import { checkedPhotos, PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE } from "../photos/photo-check.js"
import { ProblemFailure } from "../problem.js"
import { problems } from "../schemas.js"

export { sniffImage } from "../photos/image-bytes.js"

const put = createRoute({
  method: "put",
  path: "/me/photo",
  tags: ["Account"],
  summary:
    "Set my photo (PNG, JPEG or WebP by its bytes; at most 2 MiB, 4096×4096 pixels and 16 megapixels; stored re-encoded)",
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
      const uploaded = new Uint8Array(await c.req.arrayBuffer())
      const photo = await (c.get("deps").photos ?? checkedPhotos)(uploaded)
      if (photo._tag === "NotAnImage")
        throw new ProblemFailure(
          415,
          "UnsupportedMediaType",
          "Not an image",
          "The bytes are not a PNG, JPEG or WebP image that can be read.",
        )
      if (photo._tag === "TooManyPixels")
        throw new ProblemFailure(
          413,
          "ImageTooLarge",
          "Too many pixels",
          `A photo may be at most ${PHOTO_MAX_SIDE}×${PHOTO_MAX_SIDE} pixels and ${PHOTO_MAX_PIXELS / 1_000_000} megapixels; this one is ${photo.width}×${photo.height}.`,
        )
      await run(
        c,
        Effect.flatMap(Members, (m) => m.setPhoto(me, photo.type, photo.bytes, nowOf(c))),
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
