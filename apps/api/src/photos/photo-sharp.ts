/**
 * Photos on Node: checked (photo-check.ts), then decoded and encoded again
 * with sharp (libvips; its prebuilt binaries install from the npm registry),
 * turned upright by their EXIF orientation and fitted into 1024×1024 — an
 * avatar is never shown larger — so that what is stored is pixels only: no
 * metadata (location, camera), nothing hidden in the file. One photo at a
 * time per process, one libvips thread each: an upload never takes the
 * cores from the requests of others.
 */
import sharp from "sharp"
import { checkPhoto, PHOTO_MAX_PIXELS, type PhotoProcessor } from "./photo-check.js"

const STORED_SIDE = 1024

sharp.concurrency(1)
sharp.cache(false)

let turn: Promise<unknown> = Promise.resolve()
/** Runs photo work one at a time. */
const oneAtATime = <A>(work: () => Promise<A>): Promise<A> => {
  const run = turn.then(work, work)
  turn = run.catch(() => {})
  return run
}

export const sharpPhotos: PhotoProcessor = async (bytes) => {
  const checked = checkPhoto(bytes)
  if (checked._tag !== "Photo") return checked
  return oneAtATime(async () => {
    try {
      const image = sharp(checked.bytes, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: "error" })
        .rotate()
        .resize({
          width: STORED_SIDE,
          height: STORED_SIDE,
          fit: "inside",
          withoutEnlargement: true,
        })
      const encoded =
        checked.type === "image/png"
          ? image.png({ compressionLevel: 9 })
          : checked.type === "image/jpeg"
            ? image.jpeg({ quality: 85, mozjpeg: true })
            : image.webp({ quality: 85 })
      return { _tag: "Photo", type: checked.type, bytes: new Uint8Array(await encoded.toBuffer()) }
    } catch {
      // The header was fine, the pixels are not.
      return { _tag: "NotAnImage" }
    }
  })
}
