import { describe, expect, it } from "vitest"
import { displayLink } from "./links.js"

describe("a post's link as shown", () => {
  it("shows an internationalised host as punycode, so a look-alike cannot pass for another site", () => {
    // "pаypal" with a Cyrillic а.
    expect(displayLink("https://p\u0430ypal.example/login")).toBe(
      "https://xn--pypal-4ve.example/login",
    )
    expect(displayLink("https://bücher.example/")).toBe("https://xn--bcher-kva.example/")
  })

  it("keeps the rest as it was written, readable", () => {
    expect(displayLink("https://example.org/über-uns?q=netzwerk#top")).toBe(
      "https://example.org/über-uns?q=netzwerk#top",
    )
    expect(displayLink("https://example.org")).toBe("https://example.org")
    expect(displayLink("https://example.org/%zz")).toBe("https://example.org/%zz")
  })
})
