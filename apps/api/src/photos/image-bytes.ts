/**
 * What an image file says about itself before anything decodes it: its
 * type by its first bytes, its size from its header, and where the image
 * ends — so that a 10000×10000 picture is refused before it costs anyone
 * memory, and bytes smuggled after the image's end are not stored. Plain
 * byte reading, for every runtime (the edge worker stores photos checked
 * this way; Node also re-encodes them: photo-sharp.ts).
 */

export type ImageType = "image/png" | "image/jpeg" | "image/webp"

/** The image type its first bytes say, whatever the Content-Type header claims. */
export const sniffImage = (bytes: Uint8Array): ImageType | null => {
  const at = (i: number) => bytes[i] ?? -1
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b))
    return "image/png"
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg"
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP")
    return "image/webp"
  return null
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to))
const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)
const u32be = (b: Uint8Array, i: number) => ((u16be(b, i) << 16) >>> 0) + u16be(b, i + 2)
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8)
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16)
const u32le = (b: Uint8Array, i: number) => (u24le(b, i) + (b[i + 3] ?? 0) * 0x1000000) >>> 0

/** An image's size, and the bytes that are the image (without anything after its end). */
export interface ImageFacts {
  readonly width: number
  readonly height: number
  readonly image: Uint8Array
}

/** PNG: the size in IHDR; the file ends with the IEND chunk. */
const png = (b: Uint8Array): ImageFacts | null => {
  if (ascii(b, 12, 16) !== "IHDR") return null
  const width = u32be(b, 16)
  const height = u32be(b, 20)
  let at = 8
  while (at + 12 <= b.length) {
    const length = u32be(b, at)
    const type = ascii(b, at + 4, at + 8)
    const end = at + 12 + length
    if (end > b.length) return null
    if (type === "IEND") return { width, height, image: b.subarray(0, end) }
    at = end
  }
  return null
}

/** JPEG: the size in the first start-of-frame marker; the file ends at the end-of-image marker after the scans. */
const jpeg = (b: Uint8Array): ImageFacts | null => {
  let at = 2
  let width = 0
  let height = 0
  while (at + 2 <= b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1] ?? 0
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker === 0xd9) return width > 0 ? { width, height, image: b.subarray(0, at + 2) } : null
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    if (at + 4 > b.length) return null
    const length = u16be(b, at + 2)
    if (length < 2) return null
    // SOF0–SOF15, but not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      height = u16be(b, at + 5)
      width = u16be(b, at + 7)
    }
    at += 2 + length
    if (marker === 0xda) {
      // Entropy-coded data until the next marker that is not a stuffed byte or a restart.
      while (at + 1 < b.length) {
        if (b[at] === 0xff) {
          const next = b[at + 1] ?? 0
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break
        }
        at++
      }
    }
  }
  return null
}

/** WebP: the size in its first chunk (VP8, VP8L or VP8X); the file is as long as RIFF says. */
const webp = (b: Uint8Array): ImageFacts | null => {
  const end = 8 + u32le(b, 4)
  if (end > b.length || end < 30) return null
  const chunk = ascii(b, 12, 16)
  let width = 0
  let height = 0
  if (chunk === "VP8 ") {
    width = u16le(b, 26) & 0x3fff
    height = u16le(b, 28) & 0x3fff
  } else if (chunk === "VP8L") {
    const bits = u32le(b, 21)
    width = (bits & 0x3fff) + 1
    height = ((bits >>> 14) & 0x3fff) + 1
  } else if (chunk === "VP8X") {
    width = u24le(b, 24) + 1
    height = u24le(b, 27) + 1
  } else return null
  return { width, height, image: b.subarray(0, end) }
}

/** The image's size and its own bytes, or null when its header cannot be read. */
export const imageFacts = (bytes: Uint8Array, type: ImageType): ImageFacts | null =>
  type === "image/png" ? png(bytes) : type === "image/jpeg" ? jpeg(bytes) : webp(bytes)
