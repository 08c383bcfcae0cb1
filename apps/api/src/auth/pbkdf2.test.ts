import { describe, expect, it } from "vitest"
import { OWASP_PBKDF2_ITERATIONS, pbkdf2Hasher } from "./pbkdf2.js"

describe("PBKDF2 through Web Crypto (the edge's password hashing)", () => {
  it("uses OWASP's 600,000 iterations by default, and verifies what it hashed", async () => {
    const hasher = pbkdf2Hasher()
    const encoded = await hasher.hash("correct horse battery")
    expect(encoded).toMatch(
      new RegExp(`^pbkdf2-sha256\\$${OWASP_PBKDF2_ITERATIONS}\\$[\\w-]{22}\\$[\\w-]{43}$`),
    )
    expect(await hasher.verify("correct horse battery", encoded)).toBe(true)
    expect(await hasher.verify("correct horse batterY", encoded)).toBe(false)
  })
  it("salts every hash, reads the iterations from the hash, refuses other schemes and tampering", async () => {
    const hasher = pbkdf2Hasher(1_000)
    const [a, b] = [await hasher.hash("same"), await hasher.hash("same")]
    expect(a).not.toBe(b)
    expect(await pbkdf2Hasher(5).verify("same", a)).toBe(true)
    // Tamper with the key's first character: all six of its bits count (the last
    // character's lowest two are padding, so changing only those changes no byte).
    const [scheme, rounds, salt, key = ""] = a.split("$")
    const tampered = [scheme, rounds, salt, (key[0] === "A" ? "B" : "A") + key.slice(1)].join("$")
    expect(await hasher.verify("same", tampered)).toBe(false)
    expect(await hasher.verify("same", "scrypt$16384$8$5$abc$def")).toBe(false)
    expect(await hasher.verify("same", "")).toBe(false)
  })
})
