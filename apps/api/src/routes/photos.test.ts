import { afterAll, beforeAll, describe, expect, it } from "vitest"
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
    expect((await put(me.cookie, JPEG, "image/png")).status).toBe(204)
    const got = await t.call("GET", `/v1/members/${me.handle}/photo`, { cookie: other.cookie })
    expect(got.status).toBe(200)
    expect(got.headers.get("content-type")).toBe("image/jpeg")
    expect(got.headers.get("x-content-type-options")).toBe("nosniff")
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(JPEG)
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
})
