import { describe, expect, it } from "vitest"
import { anyOf } from "./hasher.js"
import { scryptHasher } from "./password.js"
import { pbkdf2Hasher } from "./pbkdf2.js"

describe("one hasher for new passwords, every scheme for old ones", () => {
  const scrypt = scryptHasher({ N: 1024, r: 8, p: 1 })
  const pbkdf2 = pbkdf2Hasher(1_000)
  const node = anyOf(scrypt, pbkdf2)

  it("hashes with the first, and verifies hashes of either scheme", async () => {
    const fresh = await node.hash("correct horse battery")
    expect(fresh).toMatch(/^scrypt\$/)
    const fromTheEdge = await pbkdf2.hash("correct horse battery")
    expect(await node.verify("correct horse battery", fresh)).toBe(true)
    expect(await node.verify("correct horse battery", fromTheEdge)).toBe(true)
    expect(await node.verify("wrong horse battery", fromTheEdge)).toBe(false)
    expect(await node.verify("wrong horse battery", fresh)).toBe(false)
  })

  it("refuses unknown schemes and garbage", async () => {
    expect(await node.verify("x", "md5$abc")).toBe(false)
    expect(await node.verify("x", "")).toBe(false)
    expect(await node.verify("x", "$$$")).toBe(false)
  })
})
