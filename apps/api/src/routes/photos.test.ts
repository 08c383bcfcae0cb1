import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { imageFacts } from "../photos/image-bytes.js"
import { makeTestApp, type TestApp } from "../test-support.js"
import { sniffImage } from "./photos.js"

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})
afterAll(() => t.close())

// A real 1×1 PNG.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
)
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])

/** A real image of a size, made with sharp. */
const image = async (
  format: "png" | "jpeg" | "webp",
  width: number,
  height: number,
  options: { exif?: boolean } = {},
) => {
  let made = sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } },
  }).toFormat(format)
  if (options.exif === true)
    made = made.withExif({ IFD0: { Artist: "Secret Camera Owner", Copyright: "GPS here" } })
  return new Uint8Array(await made.toBuffer())
}
const served = async (handle: string, cookie: string) => {
  const res = await t.call("GET", `/v1/members/${handle}/photo`, { cookie })
  return { type: res.headers.get("content-type"), bytes: new Uint8Array(await res.arrayBuffer()) }
}
const WEBP = new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")

/** Settings of a member whose policy accepts at once whoever has a photo. */
const acceptsOnlyWithPhoto = {
  settings: {
    acceptance: {
      mode: "criteria",
      autoAccept: true,
      rules: {
        photo: true,
        sharedGroup: false,
        message: false,
        minMutualContacts: 0,
        openToNetworking: false,
      },
    },
  },
}

const put = (cookie: string, bytes: Uint8Array, type: string) =>
  t.call("PUT", "/v1/me/photo", { cookie, raw: bytes, headers: { "Content-Type": type } })

describe("photos", () => {
  it("recognises PNG, JPEG and WebP by their bytes", () => {
    expect(sniffImage(PNG)).toBe("image/png")
    expect(sniffImage(JPEG)).toBe("image/jpeg")
    expect(sniffImage(WEBP)).toBe("image/webp")
    expect(sniffImage(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull()
  })

  it("stores a photo, serves it with its true type and nosniff, and it counts for the acceptance policy", async () => {
    const me = await t.signup("me")
    const other = await t.signup("other", acceptsOnlyWithPhoto)
    expect(
      (await t.call("POST", "/v1/requests", { cookie: me.cookie, body: { to: other.handle } }))
        .status,
    ).toBe(201)
    // JPEG bytes declared as PNG are stored as what they are.
    expect((await put(me.cookie, await image("jpeg", 64, 48), "image/png")).status).toBe(204)
    const got = await t.call("GET", `/v1/members/${me.handle}/photo`, { cookie: other.cookie })
    expect(got.status).toBe(200)
    expect(got.headers.get("content-type")).toBe("image/jpeg")
    expect(got.headers.get("x-content-type-options")).toBe("nosniff")
    const stored = new Uint8Array(await got.arrayBuffer())
    expect(imageFacts(stored, "image/jpeg")).toMatchObject({ width: 64, height: 48 })
    expect(
      (
        (await (await t.call("GET", "/v1/me", { cookie: me.cookie })).json()) as {
          hasPhoto: boolean
        }
      ).hasPhoto,
    ).toBe(true)
    const third = await t.signup("third", acceptsOnlyWithPhoto)
    expect(
      (await t.call("POST", "/v1/requests", { cookie: me.cookie, body: { to: third.handle } }))
        .status,
    ).toBe(200)
    expect((await t.call("DELETE", "/v1/me/photo", { cookie: me.cookie })).status).toBe(204)
    expect(
      (await t.call("GET", `/v1/members/${me.handle}/photo`, { cookie: other.cookie })).status,
    ).toBe(404)
  })

  it("refuses what is not an image, a wrong media type, and anything over 2 MiB", async () => {
    const me = await t.signup("me")
    const before = await t.snapshot()
    expect(
      (await put(me.cookie, new TextEncoder().encode("<svg onload=alert(1)>"), "image/png")).status,
    ).toBe(415)
    expect((await put(me.cookie, PNG, "image/svg+xml")).status).toBe(415)
    expect((await put(me.cookie, PNG, "text/html")).status).toBe(415)
    const big = new Uint8Array(2 * 1024 * 1024 + 1)
    big.set(PNG)
    expect((await put(me.cookie, big, "image/png")).status).toBe(413)
    expect(await t.snapshot()).toEqual(before)
    expect((await put(me.cookie, PNG, "image/png")).status).toBe(204)
  })

  it("refuses a photo of more than 4096×4096 pixels or 16 megapixels before decoding it, and changes nothing", async () => {
    const me = await t.signup("me")
    const before = await t.snapshot()
    // 10000×10000 of one colour: a few hundred KB of PNG, 400 MB of pixels to draw.
    const huge = await image("png", 10_000, 10_000)
    expect(huge.length).toBeLessThan(2 * 1024 * 1024)
    const refused = await put(me.cookie, huge, "image/png")
    expect(refused.status).toBe(413)
    expect(await refused.json()).toMatchObject({ code: "ImageTooLarge" })
    // Within each side but past 16 megapixels.
    expect((await put(me.cookie, await image("webp", 4096, 4000), "image/webp")).status).toBe(413)
    expect(await t.snapshot()).toEqual(before)
    // A header that claims a size it does not have is no image at all.
    const forged = Uint8Array.from(PNG)
    forged.set([0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10], 16)
    expect((await put(me.cookie, forged, "image/png")).status).toBe(413)
    expect((await put(me.cookie, PNG.subarray(0, 30), "image/png")).status).toBe(415)
  })

  it("stores pixels only: not what was appended after the image, not its metadata, at most 1024 px a side", async () => {
    const me = await t.signup("me")
    const trailer = new TextEncoder().encode("<?php system($_GET['c']); ?> hidden after IEND")
    const png = await image("png", 2000, 1500)
    expect((await put(me.cookie, Uint8Array.from([...png, ...trailer]), "image/png")).status).toBe(
      204,
    )
    const a = await served(me.handle, me.cookie)
    expect(a.type).toBe("image/png")
    expect(Buffer.from(a.bytes).includes(Buffer.from("hidden after IEND"))).toBe(false)
    expect(imageFacts(a.bytes, "image/png")).toMatchObject({ width: 1024, height: 768 })
    const jpeg = await image("jpeg", 300, 200, { exif: true })
    expect(Buffer.from(jpeg).includes(Buffer.from("Secret Camera Owner"))).toBe(true)
    expect((await put(me.cookie, jpeg, "image/jpeg")).status).toBe(204)
    const b = await served(me.handle, me.cookie)
    expect(Buffer.from(b.bytes).includes(Buffer.from("Secret Camera Owner"))).toBe(false)
    expect(imageFacts(b.bytes, "image/jpeg")).toMatchObject({ width: 300, height: 200 })
  })
})
