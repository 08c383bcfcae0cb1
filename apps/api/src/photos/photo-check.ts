/**
 * What a photo must be before it is stored, for every runtime: a PNG, JPEG
 * or WebP by its bytes, whose header can be read, of at most 4096×4096
 * pixels and 16 megapixels (a 389 KB PNG of 10000×10000 cost every viewer's
 * browser ~400 MiB when it drew the avatar), and only the image's own bytes
 * (anything after its end is cut off). On Node the accepted photo is then
 * re-encoded as well (photo-sharp.ts), so that nothing but pixels is stored;
 * the edge worker, which cannot run a native image library, stores it
 * checked and cut this way.
 */
import { type ImageType, imageFacts, sniffImage } from "./image-bytes.js"

export const PHOTO_MAX_SIDE = 4096
export const PHOTO_MAX_PIXELS = 16_000_000

/** A photo ready to store, or why it is refused. */
export type CheckedPhoto =
  | { readonly _tag: "Photo"; readonly type: ImageType; readonly bytes: Uint8Array }
  | { readonly _tag: "NotAnImage" }
  | { readonly _tag: "TooManyPixels"; readonly width: number; readonly height: number }

/** Turns uploaded bytes into the photo to store. */
export type PhotoProcessor = (bytes: Uint8Array) => Promise<CheckedPhoto>

/** The checks every runtime makes; the photo's own bytes, cut at its end. */
export const checkPhoto = (bytes: Uint8Array): CheckedPhoto => {
  const type = sniffImage(bytes)
  if (type === null) return { _tag: "NotAnImage" }
  const facts = imageFacts(bytes, type)
  if (facts === null || facts.width < 1 || facts.height < 1) return { _tag: "NotAnImage" }
  if (
    facts.width > PHOTO_MAX_SIDE ||
    facts.height > PHOTO_MAX_SIDE ||
    facts.width * facts.height > PHOTO_MAX_PIXELS
  )
    return { _tag: "TooManyPixels", width: facts.width, height: facts.height }
  return { _tag: "Photo", type, bytes: facts.image }
}

/** The edge's processor: the checks alone. */
export const checkedPhotos: PhotoProcessor = (bytes) => Promise.resolve(checkPhoto(bytes))
