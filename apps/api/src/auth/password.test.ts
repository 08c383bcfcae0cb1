import { describe, expect, it } from "vitest"
import { OWASP_SCRYPT, scryptHasher } from "./password.js"

describe("password hashing", () => {
  it("uses scrypt at OWASP's parameters (N=2^14, r=8, p=5) and verifies", async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 16_384, r: 8, p: 5 })
    const hasher = scryptHasher()
    const hash = await hasher.hash("correct horse battery")
    expect(hash).toMatch(/^scrypt\$16384\$8\$5\$[\w-]{22}\$[\w-]{43}$/)
    expect(await hasher.verify("correct horse battery", hash)).toBe(true)
    expect(await hasher.verify("correct horse batterY", hash)).toBe(false)
  })

  it("salts: the same password hashes differently", async () => {
    const hasher = scryptHasher({ N: 1024, r: 8, p: 1 })
    expect(await hasher.hash("same password!!")).not.toBe(await hasher.hash("same password!!"))
  })

  it("a hash made with other parameters still verifies, and garbage never does", async () => {
    const old = await scryptHasher({ N: 1024, r: 8, p: 1 }).hash("correct horse battery")
    expect(await scryptHasher().verify("correct horse battery", old)).toBe(true)
    expect(await scryptHasher({ N: 1024, r: 8, p: 1 }).verify("x", "not-a-hash")).toBe(false)
  })
})
